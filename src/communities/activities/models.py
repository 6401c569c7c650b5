"""Activities (OpenActive): models."""
