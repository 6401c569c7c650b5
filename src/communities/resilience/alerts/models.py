"""Weather-health alerts and community risk: models."""
