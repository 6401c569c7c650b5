"""A money check saved to a person reaches their record: its 'disabled' answer, and its place on the timeline."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.money import checks as session_checks
from communities.money.models import SavedCheck
from tests.money.conftest import check_post, person_for

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="session")
def engine():
    from communities.benefits.engine import get_engine
    from communities.money.adapter import served_years

    return get_engine(served_years())


def _save_check(client, person, members, **household) -> SavedCheck:
    response = client.post(reverse("money:check_person", args=[person.pk]),
                           check_post(members, tenure="owner_outright", council_tax_per_year="1500", **household))
    assert response.status_code == 302, response.content.decode()[:2000]
    check_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    assert session_checks.CheckDraft.objects.filter(pk=check_id).exists()
    saved = client.post(reverse("money:check_save", args=[check_id]), follow=True)
    assert saved.status_code == 200
    return SavedCheck.objects.get(person=person)


def test_the_finding_a_disabled_answer_reaches_the_person_record(client_for, council, engine):
    person = person_for(council, has_disability=False)
    client = client_for("officer")
    saved = _save_check(client, person, [{"age": 70, "state_pension": "173.08", "disabled": True}])
    person.refresh_from_db()
    assert person.has_disability is True
    event = AuditEvent.objects.get(action="update", object_type="people.Person", object_id=str(person.pk))
    assert event.fields["has_disability"] == [False, True] and str(saved.pk) in event.reason
    page = client.get(f"/people/{person.pk}/").content.decode()
    assert f'href="/money/saved/{saved.pk}/"' in page


def test_an_unticked_box_never_clears_a_recorded_disability(client_for, council, engine):
    person = person_for(council, has_disability=True)
    _save_check(client_for("officer"), person, [{"age": 70, "state_pension": "173.08"}])
    person.refresh_from_db()
    assert person.has_disability is True
    assert not AuditEvent.objects.filter(action="update", object_type="people.Person").exists()


def test_a_partners_disability_is_not_put_on_the_persons_record(client_for, council, engine):
    person = person_for(council, has_disability=False)
    _save_check(client_for("officer"), person, [
        {"age": 70, "state_pension": "173.08"},
        {"relationship": "partner", "age": 72, "state_pension": "173.08", "disabled": True},
    ], couple_status="cohabiting")
    person.refresh_from_db()
    assert person.has_disability is False
