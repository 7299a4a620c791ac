class CommendationQueries:
    """Placeholder until the feature lands."""
