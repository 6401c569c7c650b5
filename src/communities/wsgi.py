"""WSGI entry point (gunicorn communities.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "communities.settings.production")
application = get_wsgi_application()
