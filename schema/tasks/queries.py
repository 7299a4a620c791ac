class TaskQueries:
    """Placeholder until the feature lands."""
