class ModelMutations:
    """Placeholder until the feature lands."""
