"""Befriending: models."""
