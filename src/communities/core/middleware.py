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
