"""Caseload screening as a background job that survives a crash (core/jobs.py).

Unit ``n`` screens households ``n × unit_size`` to ``(n + 1) × unit_size`` of the uploaded file, then saves them
in the unit's short transaction; rows are keyed by (extract, household reference), so a redo cannot duplicate them.
What is kept: the screened rows hold only what campaigns and take-up need (reference, age, tenure, amounts, flags).
The uploaded file (``source_csv``) is deleted in the transaction that marks the screening done; after a final failure
it is kept JOB_INPUT_RETENTION_DAYS so the officer can retry, then deleted with any partial rows (``discard_input``).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

from communities.audit.services import Action, record
from communities.core.jobs import JobHandler
from communities.core.models import JobRun

from .models import CaseloadExtract, ScreenedHousehold

SCREENING_KIND = "money.screening"
SCREENING_JOB = "money screening job (caseload extract)"


def _dec(value) -> Decimal:
    return Decimal(str(round(float(value), 2)))


@dataclass
class Attempt:
    extract: CaseloadExtract
    frame: object  # the validated caseload (pandas DataFrame)
    engine: object


class ScreeningJob(JobHandler):
    kind = SCREENING_KIND

    def prepare(self, run: JobRun) -> Attempt:
        from communities.benefits.caseload import read_caseload_csv
        from communities.benefits.engine import get_engine

        from .adapter import served_years

        extract = CaseloadExtract.objects.get(job=run)
        frame, errors = read_caseload_csv(io.StringIO(extract.source_csv))
        if errors:
            raise ValueError("; ".join(str(e) for e in errors[:20]))
        engine = get_engine(served_years())
        CaseloadExtract.objects.filter(pk=extract.pk).update(status=CaseloadExtract.Status.RUNNING)
        return Attempt(extract, frame, engine)

    def do_unit(self, run: JobRun, number: int, state: Attempt) -> list[ScreenedHousehold]:
        from communities.benefits.screening import screen_caseload

        start = number * run.unit_size
        chunk = state.frame.iloc[start : start + run.unit_size].reset_index(drop=True)
        screened = screen_caseload(chunk, state.extract.tax_year, engine=state.engine)
        return rows(state.extract, chunk, screened, first_line=start + 2)

    def save_unit(self, run: JobRun, number: int, results: list[ScreenedHousehold]) -> None:
        if not results:
            return
        extract = results[0].extract
        ScreenedHousehold.objects.bulk_create(results)
        CaseloadExtract.objects.filter(pk=extract.pk).update(
            processed=min((number + 1) * run.unit_size, extract.row_count)
        )

    def finish(self, run: JobRun, state: Attempt) -> None:
        seconds = (run.finished_at - run.started_at).total_seconds()
        extract = state.extract
        CaseloadExtract.objects.filter(pk=extract.pk).update(
            status=CaseloadExtract.Status.DONE, processed=extract.row_count, source_csv="", error="",
            finished_at=run.finished_at, seconds=seconds,
        )
        record(actor=None, action=Action.UPDATE, obj=extract, organisation=extract.organisation, reason=SCREENING_JOB,
               fields={"status": "done", "households": extract.row_count, "seconds": round(seconds, 1),
                       "attempts": run.attempts, "upload": "deleted"})

    def failed(self, run: JobRun) -> None:
        extract = CaseloadExtract.objects.get(job=run)
        CaseloadExtract.objects.filter(pk=extract.pk).update(
            status=CaseloadExtract.Status.FAILED, error=run.error, finished_at=run.finished_at
        )
        record(actor=None, action=Action.UPDATE, obj=extract, organisation=extract.organisation, reason=SCREENING_JOB,
               fields={"status": "failed", "attempts": run.attempts, "error": run.error[:500]})

    def discard_input(self, run: JobRun) -> None:
        extract = CaseloadExtract.objects.get(job=run)
        partial, _ = ScreenedHousehold.objects.filter(extract=extract).delete()
        CaseloadExtract.objects.filter(pk=extract.pk).update(source_csv="", processed=0)
        record(actor=None, action=Action.DELETE, obj=extract, organisation=extract.organisation,
               reason=f"{SCREENING_JOB}: retention of a failed upload ended",
               fields={"upload": "deleted", "partial_households_deleted": partial})


def rows(extract, frame, screened, *, first_line: int = 2) -> list[ScreenedHousehold]:
    """Screened rows for the households of ``frame`` (lines counted from ``first_line``, the header being line 1)."""
    import pandas as pd

    def week(col: str):
        if col not in frame:
            return pd.Series([0.0] * len(frame))
        return pd.to_numeric(frame[col].replace("", "0")).astype(float) * 52

    receiving = {k: week(f"receiving_{k}_per_week") for k in ("uc", "pc", "hb", "ctr")}
    result = []
    for i, r in enumerate(screened.itertuples(index=False)):
        result.append(ScreenedHousehold(
            extract=extract, line=first_line + i, household_ref=str(r.household_ref),
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
    return result
