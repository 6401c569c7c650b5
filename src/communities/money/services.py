"""Action functions for money: each writes its change and its audit row in one transaction (people.services shape)."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from django.db import transaction

from communities.audit.services import Action, record
from communities.core import jobs
from communities.people.services import note_disability_from_check

from .campaigns import candidates
from .jobs import SCREENING_KIND
from .models import Campaign, CaseloadExtract, Outcome, SavedCheck

logger = logging.getLogger(__name__)


def _dec(value) -> Decimal:
    return Decimal(str(round(float(value), 2)))


def save_check(*, actor, person, check: dict, request=None) -> SavedCheck:
    result = check["result"]
    with transaction.atomic():
        saved = SavedCheck.objects.create(
            person=person,
            organisation=actor.current_organisation,
            created_by=actor,
            tax_year=result["year"],
            answers=check["answers"],
            result=result,
            total_entitled_per_year=_dec(result["total_entitled_per_year"]),
            total_unclaimed_per_year=_dec(result["total_unclaimed_per_year"]),
        )
        record(
            actor=actor, action=Action.CREATE, obj=saved, request=request,
            fields={"person": str(person.pk), "tax_year": saved.tax_year,
                    "total_entitled_per_year": result["total_entitled_per_year"],
                    "total_unclaimed_per_year": result["total_unclaimed_per_year"]},
        )
        # The check's "disabled" answer reaches the person record (audited there); never the other way round.
        saved.disability_recorded = note_disability_from_check(
            actor=actor, person=person, answers=check["answers"], source=saved, request=request
        )
    return saved


def record_outcome(*, actor, saved_check: SavedCheck, benefit: str, status: str, occurred_on,
                   amount_per_year: Decimal | None, request=None) -> Outcome:
    with transaction.atomic():
        outcome = Outcome.objects.create(
            saved_check=saved_check, benefit=benefit, status=status, occurred_on=occurred_on,
            amount_per_year=amount_per_year if status == Outcome.Status.AWARDED else None,
            organisation=actor.current_organisation, recorded_by=actor,
        )
        record(
            actor=actor, action=Action.CREATE, obj=outcome, request=request,
            fields={"person": str(saved_check.person_id), "saved_check": str(saved_check.pk), "benefit": benefit,
                    "status": status, "amount_per_year": outcome.amount_per_year,
                    "occurred_on": occurred_on.isoformat()},
        )
    return outcome


def store_extract(*, actor, organisation, label: str, filename: str, year: int, csv_text: str, row_count: int,
                  request=None, reason: str = "") -> CaseloadExtract:
    """Store a validated extract with its screening job (not yet queued), audited, in one transaction."""
    unit = max(1, int(getattr(settings, "SCREENING_UNIT_HOUSEHOLDS", 500)))
    with transaction.atomic():
        job = jobs.create(SCREENING_KIND, units_total=math.ceil(row_count / unit), unit_size=unit)
        extract = CaseloadExtract.objects.create(
            organisation=organisation, uploaded_by=actor, label=label, filename=filename[:200],
            tax_year=year, row_count=row_count, source_csv=csv_text, job=job,
        )
        record(actor=actor, action=Action.CREATE, obj=extract, organisation=organisation, request=request,
               reason=reason, fields={"label": label, "filename": filename, "rows": row_count, "tax_year": year})
    return extract


def create_extract(*, actor, label: str, filename: str, year: int, csv_text: str, row_count: int,
                   request=None) -> CaseloadExtract:
    """Store a validated extract and queue its screening for the background worker (core/jobs.py)."""
    extract = store_extract(actor=actor, organisation=actor.current_organisation, label=label, filename=filename,
                            year=year, csv_text=csv_text, row_count=row_count, request=request)
    jobs.enqueue(extract.job)
    extract.refresh_from_db()
    return extract


def screen_extract(extract_id: int, *, progress: Callable[[int, int], None] | None = None) -> dict:
    """Screen a stored extract now, in this process, through its job (manage.py money_import_caseload)."""
    extract = CaseloadExtract.objects.select_related("job").get(pk=extract_id)
    if extract.status == CaseloadExtract.Status.DONE:
        return {"extract": extract.pk, "outcome": "done"}
    if extract.job is None:  # queued before screening became a resumable job
        extract.job = store_job_for(extract)
    job = extract.job

    def on_unit(done: int, total: int) -> None:
        if progress:
            progress(min(done * job.unit_size, extract.row_count), extract.row_count)

    return jobs.run(job.pk, on_unit=on_unit)


def store_job_for(extract: CaseloadExtract):
    unit = max(1, int(getattr(settings, "SCREENING_UNIT_HOUSEHOLDS", 500)))
    with transaction.atomic():
        job = jobs.create(SCREENING_KIND, units_total=math.ceil(extract.row_count / unit), unit_size=unit)
        CaseloadExtract.objects.filter(pk=extract.pk).update(job=job)
    return job


def retry_screening(*, actor, extract: CaseloadExtract, request=None) -> bool:
    """The officer's retry of a failed or stalled screening that still has its upload: audited; resumes where it
    stopped, with a fresh set of attempts. False (nothing changed) if it cannot be retried."""
    if extract.job_id is None:
        return False
    with transaction.atomic():
        if not jobs.retry(extract.job_id):
            return False
        CaseloadExtract.objects.filter(pk=extract.pk).update(status=CaseloadExtract.Status.QUEUED, error="")
        record(actor=actor, action=Action.UPDATE, obj=extract, request=request, reason="retry of the screening",
               fields={"status": [extract.status, "queued"], "households_done": extract.processed})
    jobs.enqueue(extract.job)
    return True


def create_campaign(*, actor, extract: CaseloadExtract, kind: str, name: str, lawful_basis: str,
                    lawful_basis_detail: str, request=None) -> Campaign:
    if not lawful_basis or not lawful_basis_detail.strip():
        raise ValueError("A campaign needs its lawful basis and the power or duty relied on")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            extract=extract, organisation=extract.organisation, kind=kind, name=name, lawful_basis=lawful_basis,
            lawful_basis_detail=lawful_basis_detail.strip(), created_by=actor,
        )
        members = list(candidates(extract, kind).values_list("pk", flat=True))
        campaign.members.add(*members)
        campaign.member_count = len(members)
        campaign.save(update_fields=["member_count"])
        record(actor=actor, action=Action.CREATE, obj=campaign, request=request,
               fields={"extract": extract.pk, "kind": kind, "households": len(members),
                       "lawful_basis": lawful_basis, "lawful_basis_detail": campaign.lawful_basis_detail})
    return campaign


CAMPAIGN_CSV_HEADER = [
    "household_ref", "claimant_age", "tenure", "universal_credit", "pension_credit", "housing_benefit",
    "council_tax_reduction", "unclaimed_per_year", "warm_homes_likely", "fuel_poverty_risk",
]


def export_campaign(*, actor, campaign: Campaign, request=None) -> list[list[str]]:
    """The campaign's list as CSV rows (spreadsheet formulas neutralised); the export is audited."""
    from communities.core.csvsafe import safe_row

    rows = [CAMPAIGN_CSV_HEADER]
    for h in campaign.members.order_by("line"):
        rows.append(safe_row([
            h.household_ref, h.claimant_age, h.tenure, str(h.universal_credit), str(h.pension_credit),
            str(h.housing_benefit), str(h.council_tax_reduction), str(h.unclaimed_per_year),
            "Y" if h.warm_homes_likely else "N", "Y" if h.fuel_poverty_risk else "N",
        ]))
    record(actor=actor, action=Action.EXPORT, obj=campaign, request=request,
           fields={"rows": len(rows) - 1, "lawful_basis": campaign.lawful_basis})
    return rows
