"""Every URL pattern is public, or refuses anonymous users and users without the right role.

The test walks the project's whole URL configuration, so every future view is covered the day it is added: a view
must be on the public list, on the signed-in list, or declare its permission with ``communities.core.access.requires``.
"""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from communities.core.access import AUTHENTICATION_URL_NAMES, PUBLIC_URL_NAMES, SIGNED_IN_URL_NAMES, has_perm
from communities.organisations.services import current_membership_state

from .conftest import PERSONAS
from .url_samples import SAMPLES

ALL_PERSONAS = [*PERSONAS, "member_without_role", "platform_admin"]


def walk(resolver=None, namespace: str = ""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern, namespace + (f"{pattern.namespace}:" if pattern.namespace else ""))
        elif isinstance(pattern, URLPattern):
            yield namespace + (pattern.name or ""), pattern


def kwarg_names(pattern: URLPattern) -> list[str]:
    return list(pattern.pattern.regex.groupindex)


def project_patterns():
    return [(name, p) for name, p in walk() if not name.startswith(("admin:", "django_tasks"))]


def test_every_pattern_is_named():
    unnamed = [str(p.pattern) for name, p in project_patterns() if not name or name.endswith(":")]
    assert unnamed == [], f"URL patterns without a name cannot be checked: {unnamed}"


def test_every_private_view_declares_a_permission():
    missing = []
    for name, pattern in project_patterns():
        if name in PUBLIC_URL_NAMES or name in AUTHENTICATION_URL_NAMES or name in SIGNED_IN_URL_NAMES:
            continue
        if not getattr(pattern.callback, "permission", None):
            missing.append(name)
    assert missing == [], f"Views with no declared permission (use core.access.requires): {missing}"


def _url(name: str, pattern: URLPattern, ctx: dict) -> str:
    kwargs = {}
    for kwarg in kwarg_names(pattern):
        if kwarg not in SAMPLES:
            pytest.fail(f"URL {name} takes {kwarg!r}: add a sample value for it in tests/url_samples.py")
        kwargs[kwarg] = SAMPLES[kwarg](ctx)
    return reverse(name, kwargs=kwargs)


def _is_login_redirect(response) -> bool:
    location = response.get("Location", "")
    return response.status_code == 302 and re.search(r"/(accounts|admin)/login/", location) is not None


@pytest.mark.django_db
def test_anonymous_users_reach_only_public_pages(client, council, partner, other_org, personas):
    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    problems = []
    for name, pattern in project_patterns():
        response = client.get(_url(name, pattern, ctx))
        public = name in PUBLIC_URL_NAMES or name in AUTHENTICATION_URL_NAMES
        if name in PUBLIC_URL_NAMES and _is_login_redirect(response):
            problems.append(f"{name}: public but redirects to sign in")
        if not public and not _is_login_redirect(response):
            problems.append(f"{name}: private but answered {response.status_code} to an anonymous user")
    assert problems == [], "\n".join(problems)


def _expected_allowed(user, permission: str) -> bool:
    organisation, roles = current_membership_state(user, None)
    user.current_organisation, user.current_roles = organisation, roles
    return has_perm(user, permission)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ALL_PERSONAS)
def test_role_by_view_matrix(persona, client_for, council, partner, other_org, personas):
    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    client = client_for(persona)
    user = personas[persona]
    problems = []
    for name, pattern in project_patterns():
        if name in PUBLIC_URL_NAMES or name in AUTHENTICATION_URL_NAMES or name == "account_logout":
            continue
        response = client.get(_url(name, pattern, ctx))
        if _is_login_redirect(response):
            problems.append(f"{name}: signed-in {persona} was sent to sign in")
            continue
        if name in SIGNED_IN_URL_NAMES:
            if response.status_code == 403:
                problems.append(f"{name}: any signed-in account should reach it, {persona} got 403")
            continue
        permission = pattern.callback.permission
        allowed = _expected_allowed(user, permission)
        if allowed and response.status_code == 403:
            problems.append(f"{name}: {persona} has {permission} but got 403")
        if not allowed and response.status_code not in (403, 404):
            problems.append(f"{name}: {persona} lacks {permission} but got {response.status_code}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_admin_site_walk(client, client_for, council, partner, other_org, personas):
    """Every admin URL, as anonymous (sent to sign in), as every persona who is not a platform administrator (never
    a page: sent to sign in, or told plainly that the admin is not for them) and as a platform administrator."""
    from .admin_urls import admin_urls, pattern_count

    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    for sample in ("change_id", "feedback_id", "person_id", "saved_id", "campaign_id"):  # rows for change pages
        SAMPLES[sample](ctx)
    urls = admin_urls(personas["platform_admin"])
    assert len(urls) == pattern_count() == len([n for n, _ in walk() if n.startswith("admin:")])
    problems = []
    for name, user in [("anonymous", None), *((p, personas[p]) for p in ALL_PERSONAS)]:
        client.logout()
        if user is not None:
            client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
        for entry in urls:
            response = client.get(entry.url)
            status, location = response.status_code, response.get("Location", "")
            if name == "platform_admin":
                if status not in entry.expected or _is_login_redirect(response):
                    problems.append(f"{entry.name} {entry.url}: platform_admin got {status} {location}")
            elif name == "anonymous":
                if not (_is_login_redirect(response) or location == "/admin/"):  # signing out: back to the index
                    problems.append(f"{entry.name} {entry.url}: anonymous got {status} {location}")
            elif status == 200 or not (_is_login_redirect(response) or status == 403 or location == "/admin/"):
                problems.append(f"{entry.name} {entry.url}: {name} got {status} {location}")
    assert problems == [], "\n".join(problems)


@pytest.mark.django_db
def test_admin_site_refuses_anyone_but_platform_administrators(client, client_for):
    assert _is_login_redirect(client.get("/admin/"))
    assert client_for("admin").get("/admin/").status_code == 302  # organisation admins are not platform admins
    assert client_for("platform_admin").get("/admin/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["volunteer", "driver"])
def test_volunteers_and_drivers_reach_only_people_assigned_to_them(role, client_for, council, partner, other_org,
                                                                    personas):
    """Every page about one person: the unassigned persona gets 403 or 404, never the page; the assigned one, acting
    for the same organisation in the same role, reads the sample person's record (issue 12, least privilege)."""
    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    person_pages = [(name, p) for name, p in project_patterns() if "person_id" in kwarg_names(p)]
    assert person_pages
    problems = []
    for name, pattern in person_pages:
        url = _url(name, pattern, ctx)
        unassigned = client_for(role).get(url).status_code
        if unassigned not in (403, 404, 405):
            problems.append(f"{name}: unassigned {role} got {unassigned}")
    detail = reverse("people:detail", kwargs={"person_id": SAMPLES["person_id"](ctx)})
    assert client_for(f"{role}_assigned").get(detail).status_code == 200
    assert client_for(role).get(detail).status_code == 404
    assert problems == [], "\n".join(problems)
