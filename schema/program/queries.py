class ProgramQueries:
    """Placeholder until the feature lands."""
