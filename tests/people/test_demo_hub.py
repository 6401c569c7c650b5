"""The demo borough's residents have consents, contact preferences, communication needs and households."""

from __future__ import annotations

import pytest

from communities.demo.generator import generate
from communities.people.models import CommunicationNeed, Consent, ContactPreferences, Person

pytestmark = pytest.mark.django_db


def test_demo_residents_have_the_hubs_records():
    generate(seed=1, residents=400, council_code="E06000004")
    ours = Consent.objects.filter(purpose_detail="Synthetic demo consent")
    assert ours.count() >= 40 and ours.filter(withdrawn_at__isnull=False).exists()
    assert ContactPreferences.objects.filter(person__in=ours.values("person")).count() == ours.count()
    assert CommunicationNeed.objects.filter(need="interpreter", language="Polish").exists()
    assert not Person.objects.filter(household__isnull=True).exists()
    someone = Person.objects.exclude(postcode="").first()
    assert someone.postcode_district and someone in Person.objects.search(someone.postcode.replace(" ", "").lower())
