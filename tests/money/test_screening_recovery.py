"""A screening job whose worker died is taken up again where it stopped, or failed with a retry button (issue 12).

The finding: a crashed background worker left a screening job RUNNING for ever ("Screening 55 %", the page refreshing
itself, no retry) and the uploaded caseload stayed in the database. A "crash" here is an exception that no handler
catches (as SIGKILL, it leaves the job as it was, the transaction of the unit it was in rolled back); the real
SIGKILL of a worker process is in test_screening_worker.py.
"""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.benefits.caseload import COLUMNS
from communities.benefits.screening import screen_caseload
from communities.core import jobs
from communities.core.models import JobRun
from communities.money.jobs import ScreeningJob
from communities.money.models import CaseloadExtract, ScreenedHousehold
from communities.organisations.models import Organisation, OrganisationKind

from .test_screening import FAMILY, PENSIONER_ALONE, WELL_OFF, extract_csv, upload

pytestmark = pytest.mark.django_db

ROWS = [{"household_ref": "P1", **PENSIONER_ALONE}, {"household_ref": "F1", **FAMILY},
        {"household_ref": "W1", **WELL_OFF}, {"household_ref": "P2", **PENSIONER_ALONE, "receiving_pc_per_week": "40"},
        {"household_ref": "F2", **FAMILY, "earnings_per_week": "100"}]
REFRESH = '<meta http-equiv="refresh" content="3">'


class WorkerKilled(BaseException):
    """Stands for SIGKILL: nothing in the job catches it."""


class Crasher:
    """Wraps ScreeningJob.save_unit: records each unit saved and dies in unit ``at`` (raising ``error``) after its
    rows were written in the unit's transaction, so the crash must roll them back."""

    def __init__(self, monkeypatch, at: int | None, error: BaseException | None = None):
        self.at, self.error, self.calls = at, error, []
        real = ScreeningJob.save_unit

        def save_unit(handler, run, number, results):
            self.calls.append(number)
            real(handler, run, number, results)
            if number == self.at:
                raise self.error or WorkerKilled(f"killed in unit {number}")

        monkeypatch.setattr(ScreeningJob, "save_unit", save_unit)


@pytest.fixture(autouse=True)
def units_of_two(settings):
    settings.SCREENING_UNIT_HOUSEHOLDS = 2  # five households: units 0, 1 and 2
    settings.JOB_HEARTBEAT_SECONDS, settings.JOB_HEARTBEAT_TIMEOUT_SECONDS, settings.JOB_MAX_ATTEMPTS = 10, 60, 3


def silence(job: JobRun, seconds: int = 61) -> None:
    JobRun.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(seconds=seconds))


def uploaded(client, label="November 2026") -> CaseloadExtract:
    response = upload(client, extract_csv(ROWS), label)
    assert response.status_code == 302
    return CaseloadExtract.objects.select_related("job").get(label=label)


def assert_screened_once(extract: CaseloadExtract, engine) -> None:
    extract.refresh_from_db()
    assert extract.status == "done" and extract.processed == 5 and extract.source_csv == ""
    stored = list(extract.households.order_by("line"))
    assert [h.line for h in stored] == [2, 3, 4, 5, 6]
    assert [h.household_ref for h in stored] == [r["household_ref"] for r in ROWS]
    expected = screen_caseload(pd.DataFrame([{c: r.get(c, "") for c in COLUMNS} for r in ROWS], dtype=str), 2025,
                               engine=engine)
    for h, e in zip(stored, expected.itertuples(), strict=True):
        assert float(h.pension_credit) == pytest.approx(e.pension_credit, abs=0.01)
        assert float(h.unclaimed_per_year) == pytest.approx(e.unclaimed_per_year, abs=0.01)


def test_a_job_left_running_by_a_dead_worker_is_taken_up_where_it_stopped(client_for, engine, monkeypatch):
    client = client_for("officer")
    crash = Crasher(monkeypatch, at=1)
    extract = uploaded(client)
    job = JobRun.objects.get(pk=extract.job_id)
    extract.refresh_from_db()
    assert (job.status, job.units_done, job.attempts) == ("running", 1, 1)
    assert (extract.status, extract.processed, extract.households.count()) == ("running", 2, 2)
    assert REFRESH in client.get(reverse("money:extract", args=[extract.pk])).content.decode()
    assert jobs.recover_stale() == []  # its heartbeat is recent: not taken for dead

    silence(job)
    page = client.get(reverse("money:extract", args=[extract.pk])).content.decode()
    assert REFRESH not in page  # the page no longer refreshes itself for ever
    assert "Screening has stopped at 40% (2 of 5 households)" in page
    assert "Start screening again" in page
    listing = client.get(reverse("money:screening")).content.decode()
    assert "Stopped: waiting for the background worker" in listing

    crash.at = None
    assert jobs.recover_stale() == [(job.pk, "resumed")]
    job.refresh_from_db()
    assert (job.status, job.attempts, job.units_done) == ("done", 2, 3)
    assert crash.calls == [0, 1, 1, 2]  # unit 0 was not redone; unit 1, rolled back by the crash, was
    assert_screened_once(extract, engine)
    page = client.get(reverse("money:extract", args=[extract.pk])).content.decode()
    assert REFRESH not in page and "Screened in" in page


def test_after_the_last_attempt_it_fails_and_the_retry_button_runs_it_again(client_for, engine, monkeypatch, settings):
    settings.JOB_MAX_ATTEMPTS = 2
    client = client_for("officer")
    crash = Crasher(monkeypatch, at=1)
    extract = uploaded(client)
    silence(extract.job)
    assert jobs.recover_stale() == [(extract.job_id, "resumed")]  # attempt 2 dies in the same unit
    silence(extract.job)
    assert jobs.recover_stale() == [(extract.job_id, "failed")]
    extract.refresh_from_db()
    job = JobRun.objects.get(pk=extract.job_id)
    assert (job.status, job.attempts, extract.status) == ("failed", 2, "failed")
    assert "The background worker stopped at unit 2 of 3" in extract.error
    assert extract.source_csv  # kept for the retry, for JOB_INPUT_RETENTION_DAYS
    failed = AuditEvent.objects.get(object_type="money.CaseloadExtract", fields__status="failed")
    assert failed.actor is None and failed.fields["attempts"] == 2

    page = client.get(reverse("money:extract", args=[extract.pk])).content.decode()
    assert REFRESH not in page and "Screening failed after 2 attempts" in page
    assert f'action="{reverse("money:extract_retry", args=[extract.pk])}"' in page and "Retry screening" in page

    crash.at = None
    response = client.post(reverse("money:extract_retry", args=[extract.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("money:extract", args=[extract.pk])
    assert crash.calls == [0, 1, 1, 1, 2]
    assert_screened_once(extract, engine)
    retry = AuditEvent.objects.get(reason="retry of the screening")
    assert retry.actor_label == "officer@example.org" and retry.object_id == str(extract.pk)
    assert retry.fields == {"status": ["failed", "queued"], "households_done": 2}


def test_an_error_in_a_unit_is_tried_again_then_fails_for_good(client_for, engine, monkeypatch):
    crash = Crasher(monkeypatch, at=1, error=RuntimeError("the benefits engine ran out of memory"))
    extract = uploaded(client_for("officer"))
    job = JobRun.objects.get(pk=extract.job_id)
    extract.refresh_from_db()
    assert crash.calls == [0, 1, 1, 1]  # three attempts, each carrying on at unit 1
    assert (job.status, job.attempts, job.units_done) == ("failed", 3, 1)
    assert extract.status == "failed" and extract.error == "RuntimeError: the benefits engine ran out of memory"
    assert extract.households.count() == 2


def failed_extract(organisation, *, days_ago: float, processed: int = 2) -> CaseloadExtract:
    finished = timezone.now() - timedelta(days=days_ago)
    job = JobRun.objects.create(kind="money.screening", status="failed", units_total=3, unit_size=2, units_done=1,
                                attempts=3, error="The background worker stopped", finished_at=finished,
                                heartbeat_at=finished)
    extract = CaseloadExtract.objects.create(organisation=organisation, label="Failed", tax_year=2025, row_count=5,
                                             processed=processed, status="failed", job=job,
                                             source_csv=extract_csv(ROWS), error=job.error)
    for line, ref in ((2, "P1"), (3, "F1")):
        ScreenedHousehold.objects.create(extract=extract, line=line, household_ref=ref, claimant_age=40,
                                         tenure="private_rent")
    return extract


def test_retry_is_a_permissioned_audited_post_for_the_uploading_council(client_for, council, settings):
    extract = failed_extract(council, days_ago=1)
    url = reverse("money:extract_retry", args=[extract.pk])
    assert client_for("worker").post(url).status_code == 403
    assert client_for("outsider").post(url).status_code == 403
    assert client_for("officer").get(url).status_code == 405
    other_council = Organisation.objects.create(name="Another Council", kind=OrganisationKind.COUNCIL)
    elsewhere = failed_extract(other_council, days_ago=1)
    assert client_for("officer").post(reverse("money:extract_retry", args=[elsewhere.pk])).status_code == 404
    done = CaseloadExtract.objects.create(organisation=council, label="Done", tax_year=2025, status="done",
                                          job=JobRun.objects.create(kind="money.screening", status="done"))
    response = client_for("officer").post(reverse("money:extract_retry", args=[done.pk]), follow=True)
    assert "cannot be retried" in response.content.decode()
    assert JobRun.objects.get(pk=done.job_id).status == "done"
    assert JobRun.objects.get(pk=elsewhere.job_id).status == "failed"
    assert not AuditEvent.objects.filter(reason="retry of the screening").exists()


def test_a_failed_upload_is_deleted_when_its_retention_ends(client_for, council, settings):
    settings.JOB_INPUT_RETENTION_DAYS = 14
    recent, old = failed_extract(council, days_ago=13), failed_extract(council, days_ago=15)
    call_command("recover_jobs", verbosity=0)
    recent.refresh_from_db()
    old.refresh_from_db()
    assert recent.source_csv and recent.households.count() == 2
    assert old.source_csv == "" and old.households.count() == 0 and old.job.input_discarded_at is not None
    event = AuditEvent.objects.get(action="delete", object_id=str(old.pk))
    assert event.fields == {"upload": "deleted", "partial_households_deleted": 2} and "retention" in event.reason

    client = client_for("officer")
    page = client.get(reverse("money:extract", args=[old.pk])).content.decode()
    assert "Upload the file again" in page and "Retry screening" not in page
    kept = client.get(reverse("money:extract", args=[recent.pk])).content.decode()
    assert f"kept until {timezone.localtime(recent.job.finished_at + timedelta(days=14)):%-d %B %Y}" in kept
    client.post(reverse("money:extract_retry", args=[old.pk]))
    assert JobRun.objects.get(pk=old.job_id).status == "failed"


def test_a_queued_screening_no_worker_took_up_stops_refreshing_and_is_queued_again(client_for, council, engine):
    from communities.money import services

    extract = services.store_extract(actor=None, organisation=council, label="Queued", filename="x.csv", year=2025,
                                     csv_text=extract_csv(ROWS), row_count=5, reason="test upload")
    client = client_for("officer")
    assert REFRESH in client.get(reverse("money:extract", args=[extract.pk])).content.decode()
    silence(extract.job, seconds=120)
    page = client.get(reverse("money:extract", args=[extract.pk])).content.decode()
    assert REFRESH not in page and "No background worker has taken up this screening since" in page
    assert jobs.recover_stale() == [(extract.job_id, "queued again")]
    assert_screened_once(extract, engine)


def test_extracts_left_unfinished_before_the_upgrade_get_a_retry_button_and_old_tasks_still_run(client_for, council,
                                                                                                engine):
    from importlib import import_module

    from django.apps import apps

    from communities.money.tasks import screen_extract_task

    stuck = CaseloadExtract.objects.create(organisation=council, label="Stuck", tax_year=2025, row_count=5,
                                           processed=3, status="running", source_csv=extract_csv(ROWS))
    import_module("communities.money.migrations.0002_screening_job").unfinished_extracts_get_a_failed_job(apps, None)
    stuck.refresh_from_db()
    assert (stuck.status, stuck.job.status, stuck.job.units_total) == ("failed", "failed", 1)
    page = client_for("officer").get(reverse("money:extract", args=[stuck.pk])).content.decode()
    assert REFRESH not in page and "Retry screening" in page

    queued = CaseloadExtract.objects.create(organisation=council, label="Queued earlier", tax_year=2025, row_count=5,
                                            source_csv=extract_csv(ROWS))
    screen_extract_task.enqueue(queued.pk)  # a task queued by the old code, run by the new worker
    assert_screened_once(queued, engine)
    screen_extract_task.enqueue(queued.pk)  # twice changes nothing
    assert queued.households.count() == 5
