"""Sample values for URL keyword arguments, used by the URL-walking access test.

Each entry builds an object the *council* can see (so ``officer`` and ``admin`` may reach it) and returns the value
for the URL. A new URL parameter name must be added here, or the access test fails and says so.
"""

from __future__ import annotations

from collections.abc import Callable


def _person(ctx) -> str:
    from communities.people.models import Involvement, Person

    person = Person.objects.create(first_name="Sample", last_name="Resident")
    Involvement.objects.create(person=person, organisation=ctx["council"], reason="test")
    return str(person.pk)


def _membership(ctx) -> int:
    from communities.organisations.models import Membership

    return Membership.objects.filter(organisation=ctx["council"], role="analyst").first().pk


SAMPLES: dict[str, Callable] = {
    "person_id": _person,
    "membership_id": _membership,
    "ward_code": lambda ctx: "E05014878",  # Stockton Town Centre (2023 wards)
    "token": lambda ctx: "not-a-real-token",
    "key": lambda ctx: "not-a-real-key",
    "uidb36": lambda ctx: "1",
}
