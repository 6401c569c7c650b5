"""The Open Referral UK 3.0 API (read-only, public, CORS open to any origin)."""
