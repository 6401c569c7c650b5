"""The directory's public edges: the ORUK API's methods, CORS and rate limit, and its kept public answers.

:class:`ApiEdgeMiddleware` sits first, around everything else, so that every answer under the API carries the CORS
header, whoever made it (a redirect to the slash, an unknown address, an error page, the rate limit), and a method
the read-only API does not take is answered 405 before the CSRF check could answer it with an HTML 403 page.
:class:`PublicAnswersMiddleware` (just after the CSRF middleware) applies the rate limit and serves kept answers
(see services/public_cache.py).
"""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse

from communities.core.ratelimit import over_limit

from .api.views import CORS_HEADERS, too_many_requests
from .services import public_cache

READ_METHODS = ("GET", "HEAD", "OPTIONS")
ALLOW = ", ".join(READ_METHODS)
WINDOW_SECONDS = 60


def api_prefix() -> str:
    return reverse("directory_api:root")


def is_api(path: str, prefix: str) -> bool:
    return path.startswith(prefix) or path == prefix.rstrip("/")


def _json_error(status: int, message: str) -> JsonResponse:
    return JsonResponse({"status": status, "error": message}, status=status)


class ApiEdgeMiddleware:
    """Under the API: 405 with ``Allow`` (JSON) for anything but GET, HEAD and OPTIONS; a JSON 404 for an address
    that is not an endpoint; the CORS header on every answer."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefix = None

    def __call__(self, request):
        if self._prefix is None:
            self._prefix = api_prefix()
        if not is_api(request.path, self._prefix):
            return self.get_response(request)
        if request.method not in READ_METHODS:
            response = _json_error(405, f"The directory API is read-only: use {ALLOW}")
            response["Allow"] = ALLOW
        else:
            response = self.get_response(request)
            if response.status_code == 404 and not response.get("Content-Type", "").startswith("application/json"):
                response = _json_error(404, "Not found")
        for name, value in CORS_HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def throttled(request, now: float | None = None) -> bool:
    """A fixed one-minute window per client address, shared by every server process (``core.ratelimit``)."""
    return over_limit(request, scope="directory-api", limit=settings.DIRECTORY_API_RATE_PER_MINUTE,
                      window=WINDOW_SECONDS, now=now)


class PublicAnswersMiddleware:
    """For GET and HEAD under Find help and the ORUK API: the API's rate limit, then a kept answer if there is one;
    otherwise the request goes on as usual and a successful public answer is kept on its way back.

    Nothing is served from here that a view did not first mark public (and so pass the access checks after this)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes = None

    def prefixes(self) -> tuple[str, str]:
        if self._prefixes is None:
            self._prefixes = (api_prefix(), reverse("findhelp:search"))
        return self._prefixes

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        api, pages = self.prefixes()
        on_api = request.path.startswith(api)
        if not on_api and not request.path.startswith(pages):
            return self.get_response(request)
        if on_api and throttled(request):
            return too_many_requests()
        if not public_cache.enabled():
            return self.get_response(request)
        kept = public_cache.lookup(request)
        if kept is not None:
            return kept
        response = self.get_response(request)
        public_cache.keep(request, response)
        return response
