"""Emergencies: models."""
