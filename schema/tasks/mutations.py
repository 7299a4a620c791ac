class TaskMutations:
    """Placeholder until the feature lands."""
