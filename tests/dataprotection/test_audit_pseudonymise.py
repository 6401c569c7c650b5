"""Audit rows keep personal values only until the audit trail's retention ends: then one sanctioned path replaces
them with keyed pseudonyms, records the count, and changes nothing the second time. Nothing else can change a row."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from communities.audit.models import AuditAppendOnlyError, AuditEvent
from communities.audit.services import Action, pseudonymise_events, record
from communities.dataprotection import retention
from communities.people.services import update_person

pytestmark = pytest.mark.django_db
SRC = Path(__file__).resolve().parents[2] / "src" / "communities"


def _age(events, days: int):
    """Make events old. Test set-up only: the ORM refuses this, so it goes round it as a database tool would."""
    from django.db import connection

    ids = [e.pk for e in events]
    with connection.cursor() as cursor:
        for pk in ids:
            cursor.execute("UPDATE audit_auditevent SET occurred_at = %s WHERE id = %s",
                           [timezone.now() - timedelta(days=days), pk])


@pytest.fixture
def old_change(resident, personas, council):
    officer = personas["officer"]
    officer.current_organisation = council
    update_person(actor=officer, person=resident, data={"first_name": "Kasey", "notes": "Moved in with daughter"})
    event = AuditEvent.objects.get(action="update", object_id=str(resident.pk))
    assert event.fields["first_name"] == ["Casey", "Kasey"] and event.object_label == "Kasey Sampleton"
    recent = record(actor=officer, action=Action.VIEW, obj=resident, reason="Phone call from Casey")
    _age([event], days=7 * 366)
    return event, recent


def test_old_events_lose_their_personal_values(old_change):
    old, recent = old_change
    results = {r.model_label: r.count for r in retention.run(dry_run=False)}
    assert results["audit.AuditEvent"] == 1
    old.refresh_from_db()
    text = f"{old.fields}{old.object_label}{old.reason}"
    for value in ("Casey", "Kasey", "Sampleton", "daughter"):
        assert value not in text
    assert set(old.fields) == {"first_name", "notes"}  # what changed is still known, not the values
    assert re.fullmatch(r"pseudonym:[0-9a-f]{16}", old.fields["first_name"][0])
    assert old.fields["first_name"][0] != old.fields["first_name"][1]
    assert old.object_label == "(pseudonymised)" and old.pseudonymised_at is not None
    assert (old.actor_label, old.action, old.object_id) == ("officer@example.org", "update", old.object_id)
    recent.refresh_from_db()
    assert recent.reason == "Phone call from Casey" and recent.pseudonymised_at is None  # within retention
    marker = AuditEvent.objects.get(action="pseudonymise")
    assert marker.fields == {"count": 1} and marker.actor is None


def test_dry_run_changes_nothing_and_second_run_changes_nothing(old_change):
    old, _ = old_change
    assert {r.model_label: r.count for r in retention.run(dry_run=True)}["audit.AuditEvent"] == 1
    old.refresh_from_db()
    assert old.pseudonymised_at is None and old.fields["first_name"] == ["Casey", "Kasey"]
    retention.run(dry_run=False)
    old.refresh_from_db()
    first, count = (old.fields, old.pseudonymised_at), AuditEvent.objects.count()
    assert {r.model_label: r.count for r in retention.run(dry_run=False)}["audit.AuditEvent"] == 0
    old.refresh_from_db()
    assert (old.fields, old.pseudonymised_at) == first and AuditEvent.objects.count() == count


def test_the_same_value_gets_the_same_pseudonym_and_a_key_changes_it(old_change, settings):
    old, recent = old_change
    _age([recent], days=7 * 366)
    pseudonymise_events(AuditEvent.objects.filter(pk=old.pk), reason="test")
    settings.AUDIT_PSEUDONYM_KEY = "another key"
    pseudonymise_events(AuditEvent.objects.filter(pk=recent.pk), reason="test")
    old.refresh_from_db()
    from communities.audit.services import _pseudonym_key, pseudonym

    assert pseudonym("Casey", _pseudonym_key()) != old.fields["first_name"][0]
    settings.AUDIT_PSEUDONYM_KEY = ""
    assert pseudonym("Casey", _pseudonym_key()) == old.fields["first_name"][0]


def test_the_append_only_rules_still_hold(old_change):
    old, _ = old_change
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=old.pk).update(reason="")
    with pytest.raises(AuditAppendOnlyError):
        old.save()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(pk=old.pk).delete()
    with pytest.raises(AuditAppendOnlyError, match="Only"):
        AuditEvent.objects.all()._pseudonymise_rows({old.pk: {"actor_label": "someone else"}})


def test_pseudonymisation_is_the_only_path_round_the_append_only_rule():
    """Only audit/models.py calls the base QuerySet.update, and only audit/services.py calls _pseudonymise_rows."""
    bypass, private = [], []
    for path in SRC.rglob("*.py"):
        text = path.read_text()
        rel = str(path.relative_to(SRC))
        if "QuerySet.update(" in text and rel != "audit/models.py":
            bypass.append(rel)
        if "_pseudonymise_rows(" in text and rel not in ("audit/models.py", "audit/services.py"):
            private.append(rel)
    assert bypass == [] and private == []
