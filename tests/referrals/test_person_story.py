"""Referrals in the rest of the platform: the person's timeline (only for those who may see them), the subject
access export and retention, the commissioners' funnel by area, and the demo borough."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from communities.dataprotection import export, retention
from communities.people.timeline import timeline_for
from communities.referrals import funnel, services
from communities.referrals.models import Referral, Status, StatusChange

from .conftest import acting

pytestmark = pytest.mark.django_db


def test_the_timeline_shows_referral_events_to_those_who_may_see_them(send, personas, council, partner, other_org,
                                                                      resident):
    referral = send()
    worker = acting(personas["worker"], partner)
    services.change_status(actor=worker, referral=referral, to_status="declined", from_status="new",
                           decline_reason="no_capacity", note="Full until spring")
    officer = acting(personas["officer"], council)
    entries = [e for e in timeline_for(resident, officer).entries if e.room == "Referral"]
    assert [e.title for e in entries] == ["Referral to Roseworth Friendship Group: declined",
                                         "Referred to Roseworth Friendship Group"]
    assert entries[0].detail == "The service has no space now: Full until spring"
    assert not [e for e in timeline_for(resident, acting(personas["outsider"], other_org)).entries
                if e.room == "Referral"]
    assert not [e for e in timeline_for(resident, acting(personas["volunteer_assigned"], partner)).entries
                if e.room == "Referral"]


def test_subject_access_export_lists_referrals_and_their_history(send, resident):
    send()
    data = export.build(resident)
    titles = {section["title"]: section for section in data["records"]}
    (row,) = titles["Referrals made for you"]["rows"]
    assert row["What matters"] == "I want to get out and meet people" and row["Status"] == "New"
    assert titles["Referrals made for you"]["retention"].startswith("6 years after the referral was closed")
    assert [r["To status"] for r in titles["What happened to referrals made for you"]["rows"]] == ["New"]


def test_retention_anonymises_closed_referrals_after_six_years(send, personas, council):
    old, kept = send(), send()
    officer = acting(personas["officer"], council)
    services.change_status(actor=officer, referral=old, to_status="withdrawn", from_status="new", note="Old")
    Referral.objects.filter(pk=old.pk).update(closed_at=timezone.now() - timedelta(days=6 * 366 + 2))
    retention.run(dry_run=False)
    old, kept = Referral.objects.get(pk=old.pk), Referral.objects.get(pk=kept.pk)
    assert old.what_matters == "(anonymised)" and old.shared_name == "(anonymised)" and old.shared_phone == ""
    assert old.status == Status.WITHDRAWN  # the counts behind the funnel remain
    assert kept.what_matters == "I want to get out and meet people"
    assert StatusChange.objects.get(referral=old, to_status="withdrawn").note == ""


def test_funnel_by_ward_and_decile_follows_the_person_postcode(send, resident, personas, partner):
    from communities.places.models import Postcode

    postcode = Postcode.objects.select_related("lsoa__ward").filter(lsoa__imd2025_decile__isnull=False).first()
    resident.postcode = postcode.postcode
    resident.save()
    referral = send()
    send(person=resident)
    worker = acting(personas["worker"], partner)
    services.change_status(actor=worker, referral=referral, to_status="accepted", from_status="new")
    rows = {row.label: row for row in funnel.funnel("ward")}
    ward = rows[postcode.lsoa.ward.name]
    assert (ward.referred, ward.seen, ward.accepted, ward.completed) == (2, 1, 1, 0)
    decile = {row.label: row for row in funnel.funnel("decile")}[f"Decile {postcode.lsoa.imd2025_decile}"]
    assert decile.referred == 2
    by_service = funnel.funnel("service")
    assert by_service[-1].label == "All referrals" and by_service[-1].referred == 2
    assert by_service[-1].completed_interval == "0% to 66%"  # Wilson 95%, 0 of 2: upper 3.84 / 5.84
    future = timezone.localdate() + timedelta(days=1)
    assert funnel.funnel("service", start=future)[-1].referred == 0


def test_demo_borough_has_referrals_at_every_stage(settings):
    from communities.demo.generator import generate

    settings.DEMO_EXTENSIONS = [  # the rooms referrals build on, without the others' demo data
        "communities.directory.demo.add_demo_services", "communities.referrals.demo.add_demo_referrals"]
    with transaction.atomic():
        generate(seed=7, residents=600, council_code="E06000004")
        statuses = set(Referral.objects.values_list("status", flat=True))
        overdue = Referral.objects.overdue().count()
        completed = Referral.objects.filter(status=Status.COMPLETED).exclude(outcome="").count()
        consents_current = all(r.consent.is_current(r.created_at.date()) for r in Referral.objects.all())
        transaction.set_rollback(True)
    assert {Status.NEW, Status.ACCEPTED, Status.COMPLETED, Status.DECLINED} <= statuses
    assert overdue > 0 and completed > 0 and consents_current
