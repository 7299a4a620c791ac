class CommendationMutations:
    """Placeholder until the feature lands."""
