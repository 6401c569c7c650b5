"""The retention job: a dry run reports per record type and writes nothing; a real run anonymises what is past its
period, in batches with ANONYMISE audit rows that carry counts only; a second run changes nothing."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.dataprotection import retention
from communities.dataprotection.tasks import apply_retention_task
from communities.directory.models import Feedback
from communities.money.models import SavedCheck
from communities.people.models import Household, Involvement, Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_case(resident):
    """The resident's case closed seven years ago; their benefits check was saved seven years ago too."""
    long_ago = timezone.now() - timedelta(days=7 * 366)
    Involvement.objects.filter(person=resident).update(ended_on=long_ago.date())
    Person.objects.filter(pk=resident.pk).update(created_at=long_ago)
    Household.objects.filter(pk=resident.household_id).update(created_at=long_ago)
    SavedCheck.objects.update(created_at=long_ago)
    return resident


@pytest.fixture
def open_case(council):
    person = Person.objects.create(first_name="Robin", last_name="Current", notes="Weekly visits")
    Involvement.objects.create(person=person, organisation=council, reason="befriending", started_on=date(2015, 1, 1))
    Person.objects.filter(pk=person.pk).update(created_at=timezone.now() - timedelta(days=10 * 366))
    return person


def _state():
    return (list(Person.objects.values_list("first_name", "last_name", "notes", "date_of_birth").order_by("pk")),
            list(SavedCheck.objects.values_list("answers", flat=True)), AuditEvent.objects.count())


def _counts(results):
    return {(r.model_label, r.action): r.count for r in results if r.count}


def test_dry_run_reports_per_record_type_and_writes_nothing(closed_case, open_case):
    before = _state()
    results = retention.run(dry_run=True)
    assert _counts(results) == {
        ("people.Person", "anonymise"): 1, ("people.Household", "anonymise"): 1,
        ("people.Involvement", "anonymise"): 1, ("money.SavedCheck", "anonymise"): 1,
    }
    assert _state() == before


def test_run_anonymises_past_retention_only_and_a_second_run_changes_nothing(closed_case, open_case):
    first = _counts(retention.run(dry_run=False))
    assert first[("people.Person", "anonymise")] == 1
    closed_case.refresh_from_db()
    open_case.refresh_from_db()
    assert (closed_case.first_name, closed_case.date_of_birth, closed_case.phone, closed_case.notes) == (
        "(anonymised)", None, "", "")
    assert closed_case.household.address_line == ""
    assert SavedCheck.objects.get().answers == {} and SavedCheck.objects.get().total_unclaimed_per_year == 0
    assert open_case.first_name == "Robin" and open_case.notes == "Weekly visits"
    events = AuditEvent.objects.filter(action="anonymise")
    assert {e.object_type: e.fields["count"] for e in events}["people.Person"] == 1
    for event in events:
        assert event.actor is None and "Casey" not in f"{event.fields}{event.reason}{event.object_label}"
    before = _state()
    assert _counts(retention.run(dry_run=False)) == {}
    assert _state() == before


def test_feedback_emails_are_blanked_after_a_year(db):
    from tests.directory.factories import make_service

    report = Feedback.objects.create(service=make_service(), message="Closed now", reporter_email="me@example.net")
    Feedback.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(days=400))
    assert _counts(retention.run(dry_run=False)) == {("directory.Feedback", "anonymise"): 1}
    report.refresh_from_db()
    assert report.reporter_email == "" and report.message == "Closed now"


def test_command_prints_the_dry_run_and_the_task_runs_the_job(closed_case, capsys):
    call_command("apply_retention", "--dry-run")
    out = capsys.readouterr().out
    assert "Dry run: nothing has been changed." in out
    assert "resident_record" in out and "would be anonymised" in out
    assert Person.objects.get(pk=closed_case.pk).first_name == "Casey"
    result = apply_retention_task.enqueue(dry_run=False)
    assert any("people.Person" in line and " 1 anonymised" in line for line in result.return_value)
    assert Person.objects.get(pk=closed_case.pk).first_name == "(anonymised)"
