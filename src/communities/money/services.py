"""Action functions for money: each writes its change and its audit row in one transaction (people.services shape)."""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record

from .campaigns import candidates
from .models import Campaign, CaseloadExtract, Outcome, SavedCheck, ScreenedHousehold

logger = logging.getLogger(__name__)
SCREEN_CHUNK = 1000
SCREENING_JOB = "money screening job (caseload extract)"


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


def create_extract(*, actor, label: str, filename: str, year: int, csv_text: str, row_count: int,
                   request=None) -> CaseloadExtract:
    """Store a validated extract and queue its screening (a django-tasks background task)."""
    from .tasks import screen_extract_task

    with transaction.atomic():
        extract = CaseloadExtract.objects.create(
            organisation=actor.current_organisation, uploaded_by=actor, label=label, filename=filename[:200],
            tax_year=year, row_count=row_count, source_csv=csv_text,
        )
        record(actor=actor, action=Action.CREATE, obj=extract, request=request,
               fields={"label": label, "filename": filename, "rows": row_count, "tax_year": year})
    result = screen_extract_task.enqueue(extract.pk)
    CaseloadExtract.objects.filter(pk=extract.pk, task_id="").update(task_id=str(result.id)[:64])
    extract.refresh_from_db()
    return extract


def screen_extract(extract_id: int, *, progress: Callable[[int, int], None] | None = None, engine=None) -> dict:
    """Screen a stored extract through the core's batch path, chunk by chunk, recording progress."""
    import pandas as pd

    from communities.benefits.caseload import read_caseload_csv
    from communities.benefits.engine import get_engine
    from communities.benefits.screening import screen_caseload

    from .adapter import served_years

    extract = CaseloadExtract.objects.get(pk=extract_id)
    if extract.status == CaseloadExtract.Status.DONE:
        return {"extract": extract.pk, "status": extract.status}
    started = time.perf_counter()
    CaseloadExtract.objects.filter(pk=extract.pk).update(status=CaseloadExtract.Status.RUNNING, processed=0)
    try:
        frame, errors = read_caseload_csv(io.StringIO(extract.source_csv))
        if errors:
            raise ValueError("; ".join(str(e) for e in errors[:20]))
        engine = engine or get_engine(served_years())
        parts = []
        total = len(frame)
        for start in range(0, total, SCREEN_CHUNK):
            chunk = frame.iloc[start : start + SCREEN_CHUNK].reset_index(drop=True)
            parts.append(screen_caseload(chunk, extract.tax_year, engine=engine))
            done = min(start + SCREEN_CHUNK, total)
            CaseloadExtract.objects.filter(pk=extract.pk).update(processed=done)
            if progress:
                progress(done, total)
        screened = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
        rows = _rows(extract, frame, screened)
        with transaction.atomic():
            ScreenedHousehold.objects.bulk_create(rows, batch_size=2000)
            seconds = time.perf_counter() - started
            CaseloadExtract.objects.filter(pk=extract.pk).update(
                status=CaseloadExtract.Status.DONE, processed=total, source_csv="", finished_at=timezone.now(),
                seconds=seconds,
            )
            record(actor=None, action=Action.UPDATE, obj=extract, organisation=extract.organisation,
                   reason=SCREENING_JOB, fields={"status": "done", "households": total, "seconds": round(seconds, 1)})
    except Exception as exc:
        logger.exception("Screening extract %s failed", extract.pk)
        CaseloadExtract.objects.filter(pk=extract.pk).update(
            status=CaseloadExtract.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return {"extract": extract.pk, "status": "done", "households": total}


def _rows(extract, frame, screened) -> list[ScreenedHousehold]:
    import pandas as pd

    def week(col: str):
        if col not in frame:
            return pd.Series([0.0] * len(frame))
        return pd.to_numeric(frame[col].replace("", "0")).astype(float) * 52

    receiving = {k: week(f"receiving_{k}_per_week") for k in ("uc", "pc", "hb", "ctr")}
    rows = []
    for i, r in enumerate(screened.itertuples(index=False)):
        rows.append(ScreenedHousehold(
            extract=extract, line=i + 2, household_ref=str(r.household_ref),
            claimant_age=int(frame["claimant_age"].iloc[i]), tenure=str(frame["tenure"].iloc[i]),
            universal_credit=_dec(r.universal_credit), pension_credit=_dec(r.pension_credit),
            housing_benefit=_dec(r.housing_benefit), council_tax_reduction=_dec(r.council_tax_reduction),
            child_benefit=_dec(r.child_benefit),
            receiving_uc=_dec(receiving["uc"].iloc[i]), receiving_pc=_dec(receiving["pc"].iloc[i]),
            receiving_hb=_dec(receiving["hb"].iloc[i]), receiving_ctr=_dec(receiving["ctr"].iloc[i]),
            unclaimed_per_year=_dec(r.unclaimed_per_year),
            likely_unclaimed_pension_credit=bool(r.likely_unclaimed_pension_credit),
            likely_eligible_uc=bool(r.likely_eligible_uc), warm_homes_likely=bool(r.warm_homes_likely),
            fuel_poverty_risk=bool(r.fuel_poverty_risk), fuel_poverty_method=str(r.fuel_poverty_method),
        ))
    return rows


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
