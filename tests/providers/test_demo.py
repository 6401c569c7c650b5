"""The demo borough's providers: spread across the borough, with concerns, visits and RAG histories that the demo
officer sees and the demo VCSE worker does not."""

from __future__ import annotations

import pytest

from communities.demo.generator import generate
from communities.demo.logins import demo_email
from communities.places.models import Postcode
from communities.providers.models import Provider, QualityConcern, QualityVisit, RagChange

pytestmark = pytest.mark.django_db


def test_demo_borough_has_providers_with_concerns_visits_and_rag_histories(client):
    from communities.accounts.models import User

    generate(seed=7, residents=200, council_code="E06000004")
    providers = Provider.objects.all()
    assert providers.count() == 10
    wards = set(Postcode.objects.filter(postcode__in=providers.values("postcode")).values_list("ward", flat=True))
    assert len(wards) >= 5  # across the borough, not one street
    assert providers.filter(rag_status="red").count() == 2
    assert QualityConcern.objects.open().count() == 3 and QualityConcern.objects.count() == 5
    assert QualityVisit.objects.count() == 5
    willow = providers.get(name__startswith="Willow Court")
    assert list(willow.rag_changes.values_list("status", flat=True)) == ["red", "amber", "green"]  # newest first
    assert RagChange.objects.filter(changed_by__email=demo_email("officer")).count() == RagChange.objects.count()
    client.force_login(User.objects.get(email=demo_email("officer")),
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    assert "Willow Court Nursing Home (demo)" in client.get("/providers/").content.decode()
    client.force_login(User.objects.get(email=demo_email("worker")),
                       backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(f"/providers/{willow.pk}/").status_code == 403
