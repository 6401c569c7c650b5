"""Volunteer Driver Service: models."""
