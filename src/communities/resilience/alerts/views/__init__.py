"""Weather-health alert pages (``alerts``) and the community risk map (``risk``)."""
