"""A shared cache for the public side of the directory: Find help pages and the ORUK API.

Why: most visitors ask the same questions (a category near a postcode, a service's page, an API page), and the
answer only changes when a listing changes. Answers are kept in the ``default`` cache (shared by every server
process; see CACHES in settings) for ``DIRECTORY_CACHE_SECONDS`` and are keyed on the directory's
:class:`~communities.directory.models.PublicRevision` token, which every change to public data replaces in the same
transaction as the change (signals below, plus explicit calls after bulk writes). A published change therefore
shows at once; the time limit only bounds what is kept.

What is cached: successful GET answers that are the same for everyone. API answers always (they are public data,
no cookies). Find help pages only for visitors with no session — residents arriving from a search engine — because
a signed-in member sees their own navigation and a resident with a saved list sees it marked. Those pages carry a
CSRF token in their "Save" forms: the page is stored with a placeholder and each visitor gets their own token.
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone

CSRF_PLACEHOLDER = "\x00csrf-token\x00"
# What {% csrf_token %} renders; the masked token differs on every call to get_token, so it is found by its place.
CSRF_INPUT = re.compile(r'(<input type="hidden" name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
_memo = {"token": None, "read_at": -1e9}


def revision() -> str:
    """The current revision token (read from the database at most once per DIRECTORY_REVISION_CHECK_SECONDS)."""
    now = time.monotonic()
    if _memo["token"] is not None and now - _memo["read_at"] < settings.DIRECTORY_REVISION_CHECK_SECONDS:
        return _memo["token"]
    from ..models import PublicRevision

    token = PublicRevision.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:
        token = bump()
    _memo.update(token=token, read_at=now)
    return token


def bump(**_signal_kwargs) -> str:
    """Replace the revision token: every cached public answer is out of date from the moment this commits."""
    from ..models import PublicRevision

    token, now = uuid.uuid4().hex, timezone.now()
    if not PublicRevision.objects.filter(pk=1).update(token=token, changed_at=now):
        PublicRevision.objects.update_or_create(pk=1, defaults={"token": token, "changed_at": now})
    _memo["read_at"] = -1e9  # this process sees its own change at once
    return token


_derived: dict[str, tuple[str, object]] = {}


def per_revision(name: str, build):
    """``build()``, worked out once per process and revision (for small derived data such as the category list)."""
    token = revision()
    kept = _derived.get(name)
    if kept is None or kept[0] != token:
        kept = (token, build())
        _derived[name] = kept
    return kept[1]


def connect_signals() -> None:
    """Every save or delete of a public-facing model replaces the token (called from the app's ready())."""
    from .. import models

    public = (
        models.DirectoryOrganisation, models.OrganisationIdentifier, models.Service, models.Location, models.Address,
        models.Accessibility, models.ServiceAtLocation, models.Schedule, models.Contact, models.Phone,
        models.CostOption, models.Language, models.ServiceArea, models.Funding, models.Attribute, models.Taxonomy,
        models.TaxonomyTerm,
    )
    for model in public:
        post_save.connect(bump, sender=model, dispatch_uid=f"directory-revision-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"directory-revision-delete-{model.__name__}")


def client_max_age() -> int:
    """How long browsers and API clients may keep an answer (Cache-Control): a minute at most, because they, unlike
    the shared cache, do not see the revision change."""
    return min(60, settings.DIRECTORY_CACHE_SECONDS)


def _key(kind: str, request) -> str:
    path = hashlib.blake2b(request.get_full_path().encode(), digest_size=16).hexdigest()
    # Today's date is part of the key: pages say how long ago a listing was checked.
    return f"directory:{kind}:{revision()}:{timezone.localdate():%Y%m%d}:{request.method == 'HEAD'}:{path}"


def _enabled() -> bool:
    return settings.DIRECTORY_CACHE_SECONDS > 0


def cached_api(view):
    """Keep successful, non-streaming API answers for DIRECTORY_CACHE_SECONDS under the current revision."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _enabled() or request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = _key("api", request)
        hit = cache.get(key)
        if hit is not None:
            return HttpResponse(hit[1], content_type=hit[0])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response["Content-Type"], response.content), settings.DIRECTORY_CACHE_SECONDS)
        return response

    return wrapped


def _anonymous_visitor(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


def cached_page(view):
    """Keep a Find help page for visitors without a session; each visitor still gets their own CSRF token."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not _enabled() or request.method not in ("GET", "HEAD") or not _anonymous_visitor(request):
            return view(request, *args, **kwargs)
        key = _key("page", request)
        hit = cache.get(key)
        if hit is not None:
            body = hit[1]
            if CSRF_PLACEHOLDER in body:
                body = body.replace(CSRF_PLACEHOLDER, get_token(request))
            return HttpResponse(body, content_type=hit[0])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies.get(
                settings.SESSION_COOKIE_NAME):
            body = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", response.content.decode(response.charset))
            cache.set(key, (response["Content-Type"], body), settings.DIRECTORY_CACHE_SECONDS)
        return response

    return wrapped
