"""Request id and login-by-default (shape after NHS Manage Breast Screening's LoginRequiredMiddleware)."""

from __future__ import annotations

import re
import uuid

from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware

from .access import is_public_view

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class RequestIdMiddleware:
    """Give every request an id (kept from a trusted proxy's X-Request-ID when well formed) for the audit trail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request.request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.request_id
        return response


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Every view needs a signed-in user unless it is on the explicit public list.

    A forgotten decorator fails closed."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Only our own list decides what is public: a library view marked login_not_required stays private here.
        if request.user.is_authenticated or is_public_view(request.resolver_match):
            return None
        return self.handle_no_permission(request, view_func)


_DOWNLOAD_TYPES = ("text/csv", "application/pdf", "application/json", "application/vnd.", "application/zip")


class NoStoreMiddleware:
    """``Cache-Control: no-store`` on every answer that may hold personal data (issue #12): anything a signed-in
    member is shown, every private page (even its sign-in redirect), and every download (CSV, PDF, JSON, attachment).

    Left alone: answers a view marked public (directory.services.public_cache: Find help pages for visitors without
    an account keep no header of their own, the ORUK API keeps ``public, max-age``) and public pages for visitors
    who are not signed in. Sits just after AuthenticationMiddleware, so it sees every later middleware's answer."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" not in response.get("Cache-Control", "") and self._private(request, response):
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        return response

    @staticmethod
    def _private(request, response) -> bool:
        marked = getattr(response, "public_answer", None)
        if marked == "api":  # directory.services.public_cache.API
            return False  # public data for anyone; its own max-age
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return True
        match = getattr(request, "resolver_match", None)
        if match is None:
            return False  # no page here (404) or an answer from before the URL was resolved
        if not is_public_view(match):
            return True
        if response.has_header("Cache-Control"):
            return False  # a public answer that set its own caching
        content_type = response.get("Content-Type", "")
        return content_type.startswith(_DOWNLOAD_TYPES) or "attachment" in response.get("Content-Disposition", "")
