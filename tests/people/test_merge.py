"""Merging two records of one person: every link moves (found generically), both audit histories stay findable."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.audit.services import search
from communities.money.models import CheckDraft, SavedCheck
from communities.people.merge import MergeError, links_to, merge_people, person_links
from communities.people.models import (
    Assignment,
    CommunicationNeed,
    Consent,
    ContactPreferences,
    Involvement,
    Person,
)
from communities.people.services import views_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(council, partner):
    kept = Person.objects.create(first_name="Alex", last_name="Demoby", date_of_birth=date(1968, 3, 20),
                                 postcode="TS19 7HY")
    duplicate = Person.objects.create(first_name="Alex", last_name="Demobey", phone="01642 000111",
                                      has_disability=True, postcode="TS19 7HY")
    Involvement.objects.create(person=kept, organisation=council, reason="adult social care")
    Involvement.objects.create(person=duplicate, organisation=council, reason="hospital discharge")
    Involvement.objects.create(person=duplicate, organisation=partner, reason="food parcel")
    return kept, duplicate


def test_links_are_discovered_from_the_model_including_hidden_ones():
    labels = {link.label for link in person_links()}
    assert {"people.Involvement.person", "people.Consent.person", "people.ContactPreferences.person",
            "money.SavedCheck.person", "money.CheckDraft.person"} <= labels  # SavedCheck's is related_name="+"


def test_merge_moves_every_link_and_keeps_both_histories(pair, council, partner, personas):
    kept, duplicate = pair
    officer = personas["officer"]
    now = timezone.now()
    saved = SavedCheck.objects.create(person=duplicate, organisation=council, tax_year=2026)
    draft = CheckDraft.objects.create(person=duplicate, owner=officer, organisation=council, tax_year=2026,
                                      expires_at=now + timedelta(days=30))
    consent = Consent.objects.create(person=duplicate, purpose="referral", lawful_basis="consent",
                                     how_given="written", given_at=now, organisation=partner,
                                     recorded_by=personas["worker"])
    assignment = Assignment.objects.create(person=duplicate, user=personas["volunteer"], organisation=partner,
                                           kind="befriending", reason="visit", starts_at=now,
                                           ends_at=now + timedelta(days=3))
    CommunicationNeed.objects.create(person=duplicate, need="large_print")
    ContactPreferences.objects.create(person=kept, best_times="Mornings")
    ContactPreferences.objects.create(person=duplicate, best_times="Evenings")
    AuditEvent.objects.create(actor_label="x", action="view", object_type="people.Person",
                              object_id=str(duplicate.pk))
    merge_people(actor=officer, survivor=kept, duplicate=duplicate, reason="Same person: confirmed by phone")

    for obj in (saved, draft, consent, assignment):
        obj.refresh_from_db()
        assert obj.person_id == kept.pk
    assert kept.communication_needs.count() == 1
    assert ContactPreferences.objects.get(person=kept).best_times == "Mornings"
    assert not ContactPreferences.objects.filter(person=duplicate).exists()
    # one open involvement per organisation: the duplicate's council involvement is closed and kept as history
    council_involvements = Involvement.objects.filter(person=kept, organisation=council)
    assert council_involvements.count() == 2 and council_involvements.filter(ended_on__isnull=True).count() == 1
    assert Involvement.objects.filter(person=kept, organisation=partner, ended_on__isnull=True).exists()
    kept.refresh_from_db()
    duplicate.refresh_from_db()
    assert kept.phone == "01642 000111" and kept.has_disability and kept.date_of_birth == date(1968, 3, 20)
    assert duplicate.merged_into == kept and duplicate.merged_by == officer
    assert not links_to(duplicate)
    # both histories: the audit search and "who viewed" for the kept record find events about the merged id
    found = search(AuditEvent.objects.all(), object_id=str(kept.pk))
    assert found.filter(object_id=str(duplicate.pk), action="view").exists()
    assert views_of(kept).filter(object_id=str(duplicate.pk)).exists()
    merge_events = AuditEvent.objects.filter(action="update", reason="Same person: confirmed by phone")
    assert {e.object_id for e in merge_events} == {str(kept.pk), str(duplicate.pk)}


def test_the_merged_record_leads_to_the_kept_one_and_is_out_of_scope(pair, council, client_for, personas):
    kept, duplicate = pair
    merge_people(actor=personas["officer"], survivor=kept, duplicate=duplicate, reason="Same")
    client = client_for("officer")
    response = client.get(f"/people/{duplicate.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/people/{kept.pk}/"
    assert "Demobey" not in client.get("/people/?q=demob").content.decode()
    assert client_for("outsider").get(f"/people/{duplicate.pk}/").status_code == 404


def test_merge_is_all_or_nothing(pair, personas, monkeypatch):
    kept, duplicate = pair
    from communities.people import merge

    def fail(*args, **kwargs):
        raise MergeError("stop")

    monkeypatch.setattr(merge, "_fill_blanks", fail)
    with pytest.raises(MergeError):
        merge_people(actor=personas["officer"], survivor=kept, duplicate=duplicate, reason="Same")
    assert Involvement.objects.filter(person=duplicate).count() == 2
    assert not AuditEvent.objects.filter(action="update").exists()


def test_merging_twice_or_into_itself_is_refused(pair, personas):
    kept, duplicate = pair
    with pytest.raises(MergeError, match="two different"):
        merge_people(actor=personas["officer"], survivor=kept, duplicate=kept, reason="x")
    merge_people(actor=personas["officer"], survivor=kept, duplicate=duplicate, reason="Same")
    with pytest.raises(MergeError, match="already been merged"):
        merge_people(actor=personas["officer"], survivor=kept, duplicate=duplicate, reason="Same")


def test_merge_pages_for_council_officers_only_with_a_confirmation(pair, client_for):
    kept, duplicate = pair
    assert client_for("worker").get(f"/people/{kept.pk}/merge/").status_code == 403
    client = client_for("officer")
    page = client.get(f"/people/{kept.pk}/merge/").content.decode()
    assert "Alex Demobey" in page
    response = client.post(f"/people/{kept.pk}/merge/", {"duplicate": str(duplicate.pk)})
    assert response["Location"] == f"/people/{kept.pk}/merge/{duplicate.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Check before merging" in page and "Involvements: 2" in page
    assert client.post(response["Location"], {"reason": ""}).status_code == 200
    assert Person.objects.get(pk=duplicate.pk).merged_into_id is None
    assert client.post(response["Location"], {"reason": "Same person"}).status_code == 302
    assert Person.objects.get(pk=duplicate.pk).merged_into_id == kept.pk
