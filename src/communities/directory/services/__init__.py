"""Action functions for the directory: each write saves the change and its audit row in one transaction."""
