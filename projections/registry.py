"""Imports every projection, so that each registers its folds and view tables once."""

from projections import (  # noqa: F401
    commendations,
    feedback,
    indicators,
    inspections,
    models,
    program,
    ratings,
    resources,
    reviews,
    shortcomings,
    tasks,
    units,
    webhooks,
)
from projections.audit import tree  # noqa: F401  (the ledger's tree and checkpoints)
