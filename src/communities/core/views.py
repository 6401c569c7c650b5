"""Public information pages, the health check, the role dashboard and GOV.UK-styled error pages."""

from __future__ import annotations

from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render

from communities.organisations.models import Role

from .dashboard import tiles_for
from .sources import DATA_SOURCES


def home(request):
    return render(request, "core/home.html")


def cookies(request):
    return render(request, "core/cookies.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def privacy(request):
    return render(request, "core/privacy.html")


def data_sources(request):
    return render(request, "core/data_sources.html", {"sources": DATA_SOURCES})


def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def dashboard(request):
    """Every signed-in account lands here; what it shows depends on the roles held in the current organisation."""
    roles = [Role(r).label for r in sorted(getattr(request.user, "current_roles", ()))]
    return render(request, "core/dashboard.html", {"tiles": tiles_for(request), "roles": roles})


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    return render(request, "errors/500.html", status=500)
