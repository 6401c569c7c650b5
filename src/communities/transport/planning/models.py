"""Volunteer Driver Service daily plans: models."""
