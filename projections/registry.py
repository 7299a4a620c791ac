"""Imports every projection, so that each registers its folds and view tables once."""

import access.tokens  # noqa: F401  (the api_tokens table beside the views)
from projections import (  # noqa: F401
    commendations,
    feedback,
    indicators,
    inspections,
    models,
    personal_data,
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
