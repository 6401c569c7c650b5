"""A shared cache for the public side of the directory: Find help pages and the ORUK API.

Why: most visitors ask the same questions (a category near a postcode, a service's page, an API page), and the
answer only changes when a listing changes. Answers are kept in the ``default`` cache (shared by every server
process; see CACHES in settings) for ``DIRECTORY_CACHE_SECONDS`` and are keyed on the directory's
:class:`~communities.directory.models.PublicRevision` token, which every change to public data replaces in the same
transaction as the change (signals below, plus explicit calls after bulk writes). A published change therefore
shows at once; the time limit only bounds what is kept.

What is cached: successful GET answers that their view marks public (:func:`public_answer`). API answers always
(public data, no cookies). Find help pages only for visitors with no session — residents arriving from a search
engine — because a signed-in member sees their own navigation and a resident with a saved list sees it marked.
Those pages carry a CSRF token in their "Save" forms: the page is stored with a placeholder and each visitor gets
their own token. Kept answers are served by :class:`~communities.directory.middleware.PublicAnswersMiddleware`,
which sits just after the CSRF middleware, so a repeated answer skips sign-in, MFA, organisation and the view; the
headers that later middleware added (CSP, frame options, CORS, Cache-Control) are kept with the answer.
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
        models.TaxonomyTerm, models.SearchSynonym,
    )
    for model in public:
        post_save.connect(bump, sender=model, dispatch_uid=f"directory-revision-save-{model.__name__}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"directory-revision-delete-{model.__name__}")


def client_max_age() -> int:
    """How long browsers and API clients may keep an answer (Cache-Control): a minute at most, because they, unlike
    the shared cache, do not see the revision change."""
    return min(60, settings.DIRECTORY_CACHE_SECONDS)


def _key(request) -> str:
    # The address as asked for (scheme, host, path and query): pages and the API root carry absolute links to it.
    path = hashlib.blake2b(request.build_absolute_uri().encode(), digest_size=16).hexdigest()
    # Today's date is part of the key: pages say how long ago a listing was checked.
    return f"directory:{revision()}:{timezone.localdate():%Y%m%d}:{request.method == 'HEAD'}:{path}"


def enabled() -> bool:
    return settings.DIRECTORY_CACHE_SECONDS > 0


def anonymous_visitor(request) -> bool:
    """No session and no pending messages: the page is the same as everyone else's but for the CSRF token."""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "messages" not in request.COOKIES


API, PAGE = "api", "page"
# Set by the header middleware outside this one on every response; not kept with an answer.
_NOT_KEPT = {"x-request-id", "set-cookie"}


def public_answer(kind: str):
    """Mark a view's successful answers as public, to be kept by :class:`~communities.directory.middleware.
    PublicAnswersMiddleware`: ``API`` answers for everyone, ``PAGE`` answers for visitors without a session."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.public_answer = kind
            return response

        return wrapped

    return decorate


def lookup(request) -> HttpResponse | None:
    """The kept answer to this request, if there is one this visitor may have."""
    hit = cache.get(_key(request))
    if hit is None:
        return None
    kind, headers, body = hit
    if kind == PAGE:
        if not anonymous_visitor(request):
            return None
        body = body.replace(CSRF_PLACEHOLDER, get_token(request)) if CSRF_PLACEHOLDER in body else body
    response = HttpResponse(body)
    for name, value in headers:
        response[name] = value
    return response


def keep(request, response) -> None:
    """Keep ``response`` if its view marked it public and it is the same for everyone who may be given it."""
    kind = getattr(response, "public_answer", None)
    if kind is None or response.status_code != 200 or response.streaming or response.cookies.get(
            settings.SESSION_COOKIE_NAME):
        return
    if kind == PAGE and not anonymous_visitor(request):
        return
    body = response.content
    if kind == PAGE:  # each visitor gets their own token in place of the placeholder
        body = CSRF_INPUT.sub(rf"\g<1>{CSRF_PLACEHOLDER}\g<2>", body.decode(response.charset))
    headers = [(name, value) for name, value in response.items() if name.lower() not in _NOT_KEPT]
    cache.set(_key(request), (kind, headers, body), settings.DIRECTORY_CACHE_SECONDS)
