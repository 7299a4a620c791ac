class ShortcomingMutations:
    """Placeholder until the feature lands."""
