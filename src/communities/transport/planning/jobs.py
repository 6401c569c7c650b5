"""Planning a day as a background job that survives a crash (core/jobs.py, ADR 0010).

Unit ``n`` is one slice of search (``DayPlan.search_seconds`` / units): slice 0 plans from nothing, each later slice
continues from the plan saved by the one before. A slice's result is the plan's ``draft`` (stops per driver's window,
ids only), overwritten in the unit's transaction, so a redo after a killed worker cannot duplicate anything and a
resumed attempt continues from the last saved plan. The finishing transaction turns the draft into runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from communities.audit.services import Action, record
from communities.core.jobs import JobHandler
from communities.core.models import JobRun

from .day import Day, load_day
from .models import DayPlan, PlanStatus
from .services import PLAN_KIND, finish_planning
from .solving import plan_slice, sequences


@dataclass
class Attempt:
    plan: DayPlan
    day: Day


class PlanDayJob(JobHandler):
    kind = PLAN_KIND

    def prepare(self, run: JobRun) -> Attempt:
        plan = DayPlan.objects.select_related("organisation").get(job=run)
        return Attempt(plan, load_day(plan.organisation, plan.service_date, plan))

    def do_unit(self, run: JobRun, number: int, state: Attempt) -> dict:
        saved = DayPlan.objects.filter(pk=state.plan.pk).values_list("draft", flat=True).first() or {}
        previous = saved.get("routes") if number else None
        seconds = max(1.0, state.plan.search_seconds / max(1, run.units_total))
        solution = plan_slice(state.day.instance.problem, previous, seconds, seed=number)
        return {"routes": sequences(solution), "unserved": len(solution.unserved), "km": round(solution.distance, 2),
                "iterations": saved.get("iterations", 0) * bool(number) + solution.iterations, "slice": number}

    def save_unit(self, run: JobRun, number: int, results: dict) -> None:
        DayPlan.objects.filter(job=run).update(draft=results, iterations=results["iterations"])

    def finish(self, run: JobRun, state: Attempt) -> None:
        plan = DayPlan.objects.get(pk=state.plan.pk)
        finish_planning(plan, state.day)

    def failed(self, run: JobRun) -> None:
        plan = DayPlan.objects.get(job=run)
        DayPlan.objects.filter(pk=plan.pk, status=PlanStatus.PLANNING).update(
            status=PlanStatus.READY if plan.runs.exists() else PlanStatus.DRAFT)
        record(actor=None, action=Action.UPDATE, obj=plan, organisation=plan.organisation,
               reason="daily plan failed", fields={"attempts": run.attempts, "error": run.error[:500]})

    def discard_input(self, run: JobRun) -> None:
        DayPlan.objects.filter(job=run).update(draft={})
