class ShortcomingQueries:
    """Placeholder until the feature lands."""
