"""Action functions: each change and its audit row in one transaction."""
