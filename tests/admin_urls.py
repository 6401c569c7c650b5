"""Every URL of the Django admin site, with sample values, and what a platform administrator should get from each.

Used by ``tests/test_url_access.py::test_admin_site_walk``. Built from the admin site's own URL patterns, so a model
registered tomorrow is walked tomorrow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLResolver, get_resolver, reverse

from communities.organisations.models import Organisation

_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class AdminURL:
    name: str  # "admin:…"; the unnamed old-style change URL and the catch-all get a readable label
    url: str
    expected: frozenset[int]  # what a platform administrator may get


def _site_resolver() -> URLResolver:
    return next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "admin")


def _fill(route: str, values: dict) -> str:
    return _PARAMETER.sub(lambda m: str(values[m.group(1)]), route)


def _sample_id(model) -> str:
    """An existing row if there is one (a real change page), else an id that matches nothing (the admin redirects)."""
    pk = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
    return str(pk) if pk is not None else "0"


def _model_urls(prefix: str, resolver: URLResolver, model_admin, request) -> list[AdminURL]:
    model = model_admin.model
    object_id = _sample_id(model)
    found = object_id != "0"
    allowed = {
        "changelist": {200}, "history": {200} if found else {302},
        "add": {200} if model_admin.has_add_permission(request) else {403},
        "change": {200} if found else {302},
        "delete": {302} if model_admin.has_delete_permission(request) else {403},
    }
    urls = []
    for pattern in resolver.url_patterns:
        kind = (pattern.name or "").rsplit("_", 1)[-1] if pattern.name else "old_change"
        # A delete page lists everything the deletion would take with it (a council: every postcode), so it is asked
        # about a row that does not exist: the permission gate answers first all the same (403 or a redirect).
        sample = "0" if kind == "delete" else object_id
        url = "/admin/" + prefix + _fill(str(pattern.pattern), {"object_id": sample})
        urls.append(AdminURL(f"admin:{pattern.name or prefix + 'old_change'}", url,
                             frozenset(allowed.get(kind, {302}))))  # the old change URL redirects to the new
    return urls


def admin_urls(platform_admin) -> list[AdminURL]:
    """Every admin pattern as a URL, and the statuses a platform administrator may get from it."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = platform_admin
    by_prefix = {f"{m._meta.app_label}/{m._meta.model_name}/": ma for m, ma in admin.site._registry.items()}
    organisation = Organisation.objects.order_by("name").first()
    content_type = ContentType.objects.get_for_model(Organisation)
    site_values = {"content_type_id": content_type.pk, "object_id": organisation.pk}
    site_expected = {
        "logout": {405},  # signing out is POST only
        "login": {302},  # already signed in: on to the admin index
        "view_on_site": {404},  # no model here has a public page of its own
    }
    urls = []
    for entry in _site_resolver().url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            urls.extend(_model_urls(route, entry, by_prefix[route], request))
        elif entry.name == "app_list":
            urls.append(AdminURL("admin:app_list", reverse("admin:app_list", args=["organisations"]), frozenset({200})))
        elif entry.name is None:  # the catch-all: an unknown admin page
            urls.append(AdminURL("admin:(catch-all)", "/admin/no-such-page/", frozenset({404})))
        elif entry.name == "autocomplete":
            query = "?app_label=organisations&model_name=membership&field_name=user&term=example"
            urls.append(AdminURL("admin:autocomplete", "/admin/autocomplete/" + query, frozenset({200})))
        else:
            urls.append(AdminURL(f"admin:{entry.name}", "/admin/" + _fill(route, site_values),
                                 frozenset(site_expected.get(entry.name, {200}))))
    return urls


def pattern_count() -> int:
    def count(resolver) -> int:
        return sum(count(p) if isinstance(p, URLResolver) else 1 for p in resolver.url_patterns)

    return count(_site_resolver())
