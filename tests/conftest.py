"""Shared fixtures: the Stockton geography loaded once per test session, and named personas.

Personas (after Healthchecks' Alice/Bob/Charlie): ``officer`` works for the council; ``worker`` for a partner VCSE
organisation; ``outsider`` for an unrelated VCSE organisation; plus one persona per remaining role. Every persona
has a TOTP authenticator, so ``client_for(persona)`` gives a fully signed-in client.
"""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.core.management import call_command

from communities.accounts.mfa import activate_totp_with_secret
from communities.accounts.models import User
from communities.core import notify
from communities.organisations.models import Membership, Organisation, OrganisationKind, Role


@pytest.fixture(autouse=True)
def _empty_caches():
    """Cached answers and counters must not carry one test's data into the next (the database is rolled back)."""
    for cache in caches.all(initialized_only=True):
        cache.clear()
    notify.outbox.clear()  # the memory back-end's messages: each test sees only what it sent
    yield
    for cache in caches.all(initialized_only=True):
        cache.clear()


TEST_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
PASSWORD = "correct horse battery staple"


def load_geography() -> None:
    """Load Stockton-on-Tees' geography unless it is there already."""
    from django.conf import settings

    from communities.places.models import Council

    if not Council.objects.filter(code=settings.COUNCIL_CODE).exists():
        call_command("load_council", "E06000004", verbosity=0)


def empties_the_database(item) -> bool:
    """A transactional test (``django_db(transaction=True)``, ``transactional_db`` or a live server): pytest-django
    empties every table after it, the data migrations' rows and the session's geography included."""
    if item is None:
        return False
    names = getattr(item, "fixturenames", ())
    if "live_server" in names or "transactional_db" in names:
        return True
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the last transactional test in a row, put back what its flush removed: the data migrations' rows (as
    serialized when the test database was created) and the geography, so the tests that follow see the database as
    the session set it up, whatever order xdist gives them."""
    result = yield
    # With no next item the session is over and the test database is already gone.
    if empties_the_database(item) and nextitem is not None and not empties_the_database(nextitem):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
            load_geography()
    return result


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load Stockton-on-Tees' geography once; every test sees it and rolls back its own changes."""
    with django_db_blocker.unblock():
        call_command("load_council", "E06000004", verbosity=0)


def make_user(email: str, *, mfa: bool = True, **extra) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD, **extra)
    if mfa:
        activate_totp_with_secret(user, TEST_TOTP_SECRET)
    return user


@pytest.fixture
def council(db):
    return Organisation.objects.create(name="Test Borough Council", kind=OrganisationKind.COUNCIL)


@pytest.fixture
def partner(db):
    return Organisation.objects.create(name="Partner Pantry", kind=OrganisationKind.VCSE)


@pytest.fixture
def other_org(db):
    return Organisation.objects.create(name="Unrelated Group", kind=OrganisationKind.VCSE)


PERSONAS = {
    # name: (organisation fixture, role)
    "admin": ("council", Role.ADMINISTRATOR),
    "officer": ("council", Role.COUNCIL_OFFICER),
    "editor": ("council", Role.DIRECTORY_EDITOR),
    "analyst": ("council", Role.ANALYST),
    "councillor": ("council", Role.COUNCILLOR),
    "worker": ("partner", Role.VCSE_WORKER),
    "volunteer": ("partner", Role.VOLUNTEER),
    "driver": ("partner", Role.DRIVER),
    # Assigned to the sample person that tests/url_samples.py builds (a live people.Assignment); the plain volunteer
    # and driver above are assigned to no one, so they see no resident at all.
    "volunteer_assigned": ("partner", Role.VOLUNTEER),
    "driver_assigned": ("partner", Role.DRIVER),
    "outsider": ("other_org", Role.VCSE_WORKER),
    "coordinator": ("council", Role.TRANSPORT_COORDINATOR),
    "volunteer_coordinator": ("partner", Role.VOLUNTEER_COORDINATOR),
    "planner": ("council", Role.EMERGENCY_PLANNER),
    "approver": ("council", Role.EPIA_APPROVER),
    "safety_partner": ("partner", Role.SAFETY_PARTNER),
}


@pytest.fixture
def personas(council, partner, other_org):
    orgs = {"council": council, "partner": partner, "other_org": other_org}
    people = {}
    for name, (org_key, role) in PERSONAS.items():
        user = make_user(f"{name}@example.org", full_name=name.title())
        Membership.objects.create(user=user, organisation=orgs[org_key], role=role)
        people[name] = user
    people["member_without_role"] = make_user("norole@example.org")
    people["platform_admin"] = make_user("platform@example.org", is_superuser=True, is_staff=True)
    return people


@pytest.fixture
def client_for(client, personas):
    """``client_for("officer")`` returns a test client signed in (with a second factor) as that persona."""

    def sign_in(name: str):
        client.logout()
        client.force_login(personas[name], backend="allauth.account.auth_backends.AuthenticationBackend")
        return client

    return sign_in
