"""Neighbourhood profiles: models."""
