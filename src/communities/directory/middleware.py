"""Serve the directory's kept public answers early, before the signed-in machinery (see services/public_cache.py)."""

from __future__ import annotations

from django.urls import reverse

from .api.views import too_many_requests
from .services import public_cache


class PublicAnswersMiddleware:
    """For GET and HEAD under Find help and the ORUK API: the API's rate limit, then a kept answer if there is one;
    otherwise the request goes on as usual and a successful public answer is kept on its way back.

    Nothing is served from here that a view did not first mark public (and so pass the access checks after this)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._prefixes = None

    def prefixes(self) -> tuple[str, str]:
        if self._prefixes is None:
            self._prefixes = (reverse("directory_api:root"), reverse("findhelp:search"))
        return self._prefixes

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        api, pages = self.prefixes()
        is_api = request.path.startswith(api)
        if not is_api and not request.path.startswith(pages):
            return self.get_response(request)
        if is_api and public_cache.throttled(request):
            return too_many_requests()
        if not public_cache.enabled():
            return self.get_response(request)
        kept = public_cache.lookup(request)
        if kept is not None:
            return kept
        response = self.get_response(request)
        public_cache.keep(request, response)
        return response
