class ModelQueries:
    """Placeholder until the feature lands."""
