"""The commune's action program as aggregates, events and the application that records them."""
