"""Imports every projection, so that each registers its folds and view tables once."""

from projections import units  # noqa: F401
