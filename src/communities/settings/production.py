"""Production settings: HTTPS only, secure cookies, HSTS, and a refusal to start without real secrets."""

from django.core.exceptions import ImproperlyConfigured

from communities.accounts.encryption import check_keys

from .base import *  # noqa: F403
from .base import (
    DEMO_MODE,
    DEVELOPMENT_SECRET_KEY,
    MFA_ENCRYPTION_KEYS,
    MFA_ENCRYPTION_KEYS_FROM_ENVIRONMENT,
    SECRET_KEY,
    STORAGES,
)
from .env import env_bool, env_int

DEBUG = False
if not SECRET_KEY or SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set (at least 50 random characters) in production; "
        "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )
if DEMO_MODE:
    raise ImproperlyConfigured("DEMO_MODE must not be on in production: it shows second-factor codes on screen.")
if not MFA_ENCRYPTION_KEYS_FROM_ENVIRONMENT:
    raise ImproperlyConfigured(
        "MFA_ENCRYPTION_KEYS must be set in production (comma-separated Fernet keys, newest first) to encrypt "
        "second-factor secrets; generate one with: "
        "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )
check_keys(MFA_ENCRYPTION_KEYS)

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 63072000)  # two years, per the HSTS preload list's minimum
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
NOTIFY_BACKEND = "notify" if NOTIFY_API_KEY else "file"  # noqa: F405 - GOV.UK Notify only with a key
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
