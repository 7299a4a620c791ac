"""Application methods, one module per aggregate: load, call, save."""
