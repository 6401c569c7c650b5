"""Impact assessments: models."""
