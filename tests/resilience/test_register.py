"""The register: consent with a 12-month review, needs codes, lapsed entries dropping out, reminders, audit."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.core import notify
from communities.people.models import Consent
from communities.people.services import withdraw_consent
from communities.resilience import needs
from communities.resilience.models import RegisterEntry
from communities.resilience.reminders import send_review_reminders
from communities.resilience.services.register import remove_entry, review_date, review_entry

from .conftest import make_resident, register


def test_needs_codes_carry_psr_codes_and_a_source():
    table = needs.needs()
    assert table["power_dependent"].tier == 1 and "01" in table["power_dependent"].psr
    assert table["cold_medication"].psr == ("15",)
    assert "Priority Services Register" in needs.source()
    assert needs.tier([]) == needs.LOWEST_TIER and needs.tier(["pets", "oxygen"]) == 1
    assert needs.unknown(["pets", "unicorns"]) == ["unicorns"]


def test_review_date_is_twelve_months_on():
    assert review_date(date(2026, 3, 1)) == date(2027, 3, 1)
    assert review_date(date(2028, 2, 29)) == date(2029, 2, 28)


def test_registering_records_consent_needs_place_and_audit(entries):
    entry = entries["ventilator"]
    assert entry.consent.purpose == "emergency_register" and entry.consent.special_category_condition
    assert entry.consent.expires_on == review_date(timezone.localdate())
    assert entry.tier == 1 and "pensionable_age" in entry.needs  # born 1950: over state pension age
    assert entry.lsoa_id and entry.ward_code and entry.latitude
    assert "pensionable_age" not in entries["alone"].needs
    assert AuditEvent.objects.filter(object_type="resilience.RegisterEntry", object_id=str(entry.pk),
                                     action="create").exists()


def test_bad_input_names_the_field(worker, partner, geography):
    person = make_resident(partner, "Bad", "Input", "ZZ99 9ZZ")
    with pytest.raises(ValidationError) as caught:
        register(worker, person, ["language", "teleport"], contact_phone="0123")
    errors = caught.value.message_dict
    assert set(errors) == {"needs", "language", "contact_name", "postcode"}
    assert "teleport" in errors["needs"][0]
    assert not RegisterEntry.objects.exists()


def test_one_entry_per_person(entries, worker):
    with pytest.raises(ValidationError, match="already on the emergency register"):
        register(worker, entries["alone"].person, [])


def test_a_volunteer_cannot_register(volunteer, partner, geography):
    with pytest.raises(PermissionDenied):
        register(volunteer, make_resident(partner, "No", "Access", geography[2][0]), [])


def test_lapsed_and_withdrawn_entries_drop_out(entries, worker):
    assert RegisterEntry.objects.current().count() == 4
    lapsed = entries["alone"]
    Consent.objects.filter(pk=lapsed.consent_id).update(expires_on=timezone.localdate() - timedelta(days=1))
    withdraw_consent(entries["nothing"].consent, by=worker, note="Does not want it any more")
    current = set(RegisterEntry.objects.current())
    assert current == {entries["ventilator"], entries["elsewhere"]}
    assert set(RegisterEntry.objects.lapsed()) == {lapsed, entries["nothing"]}


def test_review_renews_consent_and_updates_needs(entries, worker):
    entry = entries["alone"]
    old = entry.consent
    Consent.objects.filter(pk=old.pk).update(expires_on=timezone.localdate() + timedelta(days=3))
    entry.refresh_from_db()
    review_entry(actor=worker, entry=entry, needs=["lives_alone", "oxygen"], postcode=entry.postcode,
                 how_given="verbal_phone", details={"phone": "07700 900999"})
    entry.refresh_from_db()
    old.refresh_from_db()
    assert old.withdrawn_at is not None and entry.consent != old
    assert entry.consent.expires_on == review_date(timezone.localdate()) and entry.tier == 1
    assert entry.phone == "07700 900999"
    event = AuditEvent.objects.filter(object_id=str(entry.pk), action="update").latest("occurred_at")
    assert event.fields["needs"] == [["lives_alone"], ["lives_alone", "oxygen"]]


def test_removal_withdraws_consent(entries, worker):
    entry = remove_entry(actor=worker, entry=entries["alone"], reason="Moved away")
    assert entry.removed_at and entry.consent.withdrawn_at
    assert entry not in RegisterEntry.objects.current()
    with pytest.raises(ValidationError):
        remove_entry(actor=worker, entry=entry, reason="Again")


def test_reminders_go_once_per_cycle(entries, settings):
    settings.NOTIFY_BACKEND = "memory"
    due = entries["ventilator"]
    Consent.objects.filter(pk=due.consent_id).update(expires_on=timezone.localdate() + timedelta(days=10))
    assert send_review_reminders() == 1
    texts = [m for m in notify.outbox if m.kind == "sms"]
    assert len(texts) == 1 and texts[0].to == "07700 900123" and "emergency register" in texts[0].body
    assert any(m.to == "worker@example.org" for m in notify.outbox if m.kind == "email")
    assert send_review_reminders() == 0  # safe to run twice
    due.refresh_from_db()
    assert due.reminded_at is not None


def test_visibility_of_the_register(entries, planner, worker, volunteer, personas, other_org):
    from ..support.conftest import acting

    assert RegisterEntry.objects.visible_to(planner).count() == 4
    assert RegisterEntry.objects.visible_to(worker).count() == 4
    assert RegisterEntry.objects.visible_to(volunteer).count() == 0
    assert RegisterEntry.objects.visible_to(acting(personas["outsider"], other_org)).count() == 0
