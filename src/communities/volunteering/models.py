"""Volunteering and community action: models."""
