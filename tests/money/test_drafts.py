"""Issue #19 item 4, "Nothing lost": a check not saved to a record is kept server-side as the adviser's draft, so its
results, action plan and what-if survive signing out; only that adviser sees it, in the organisation they ran it for;
creating, reading and deleting it are audited; the retention job deletes it 30 days after its last change."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.dataprotection import retention, schedule
from communities.money.models import DRAFT_DAYS, CheckDraft
from communities.organisations.middleware import SESSION_KEY as ORGANISATION_KEY
from communities.organisations.models import Membership, Role

from .conftest import check_post, person_for

pytestmark = pytest.mark.django_db

PENSIONER = [{"age": 70, "state_pension": "173.08"}]


def _run(client, url=None, **household) -> str:
    data = check_post(PENSIONER, tenure="owner_outright", council_tax_per_year="1500", **household)
    response = client.post(url or reverse("money:check_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"].rstrip("/").rsplit("/", 1)[-1]


def _pages(check_id: str) -> list[str]:
    return [reverse(name, args=[check_id]) for name in ("money:check_result", "money:check_plan",
                                                         "money:check_whatif")]


def test_a_check_survives_signing_out_and_in_again(client_for, engine):
    client = client_for("officer")
    check_id = _run(client)
    client.logout()
    client = client_for("officer")  # a new session
    for url in _pages(check_id):
        response = client.get(url)
        assert response.status_code == 200, url
    assert "Claim Pension Credit" in client.get(reverse("money:check_plan", args=[check_id])).content.decode()
    draft = CheckDraft.objects.get(pk=check_id)
    assert draft.owner.email == "officer@example.org" and draft.organisation.name == "Test Borough Council"
    assert draft.expires_at > timezone.now() + dt.timedelta(days=DRAFT_DAYS - 1)
    assert AuditEvent.objects.filter(action="create", object_type="money.CheckDraft", object_id=str(draft.pk)).exists()
    assert AuditEvent.objects.filter(action="view", object_type="money.CheckDraft",
                                     object_id=str(draft.pk)).count() >= 3


def test_only_the_adviser_in_the_organisation_they_ran_it_for_sees_a_draft(client_for, personas, partner, engine):
    check_id = _run(client_for("officer"))
    for persona in ("admin", "worker", "outsider"):
        client = client_for(persona)
        assert [client.get(url).status_code for url in _pages(check_id)] == [404, 404, 404], persona
        assert check_id not in client.get(reverse("money:recent_checks")).content.decode()
    Membership.objects.create(user=personas["officer"], organisation=partner, role=Role.VCSE_WORKER)
    client = client_for("officer")
    session = client.session
    session[ORGANISATION_KEY] = str(partner.pk)
    session.save()
    assert client.get(reverse("money:check_result", args=[check_id])).status_code == 404
    assert client.post(reverse("money:check_delete", args=[check_id])).status_code == 404
    assert CheckDraft.objects.filter(pk=check_id).exists()


def test_a_draft_for_a_person_goes_when_the_adviser_can_no_longer_see_them(client_for, council, engine):
    person = person_for(council, date_of_birth=dt.date(1955, 1, 1))
    client = client_for("officer")
    check_id = _run(client, reverse("money:check_person", args=[person.pk]))
    recent = client.get(reverse("money:recent_checks")).content.decode()
    assert f"For {person}" in recent
    assert AuditEvent.objects.filter(action="view", object_type="people.Person",
                                     fields__where="recent benefits checks").exists()
    person.involvements.all().delete()
    assert client.get(reverse("money:check_result", args=[check_id])).status_code == 404


def test_recent_checks_and_deleting_one(client_for, engine):
    client = client_for("officer")
    first, second = _run(client), _run(client, council_tax_band="C")
    page = client.get(reverse("money:recent_checks")).content.decode()
    assert page.index(reverse("money:check_result", args=[second])) < page.index(
        reverse("money:check_result", args=[first]))  # most recent first
    response = client.post(reverse("money:check_delete", args=[first]))
    assert response["Location"] == reverse("money:recent_checks")
    assert not CheckDraft.objects.filter(pk=first).exists()
    assert AuditEvent.objects.filter(action="delete", object_type="money.CheckDraft",
                                     object_id=str(uuid.UUID(first))).exists()
    assert client.get(reverse("money:check_result", args=[first])).status_code == 404


def test_drafts_expire_30_days_after_the_last_change_and_the_retention_job_deletes_them(client_for, engine):
    client = client_for("officer")
    old, fresh = _run(client), _run(client)
    long_ago = timezone.now() - dt.timedelta(days=DRAFT_DAYS, hours=1)
    CheckDraft.objects.filter(pk=old).update(updated_at=long_ago, expires_at=long_ago + dt.timedelta(days=DRAFT_DAYS))
    assert client.get(reverse("money:check_result", args=[old])).status_code == 404  # expired, before the job runs
    assert schedule.record_type("check_draft").retain == {"days": DRAFT_DAYS}
    results = {r.model_label: r for r in retention.run(dry_run=False)}
    assert results["money.CheckDraft"].count == 1 and results["money.CheckDraft"].action == "delete"
    assert list(CheckDraft.objects.values_list("pk", flat=True)) == [CheckDraft.objects.get(pk=fresh).pk]
    assert client.get(reverse("money:check_result", args=[fresh])).status_code == 200


def test_an_unknown_or_malformed_check_id_is_not_found(client_for):
    client = client_for("officer")
    assert client.get(reverse("money:check_result", args=["0" * 32])).status_code == 404
    assert client.get(reverse("money:check_plan", args=["not-a-check"])).status_code == 404
