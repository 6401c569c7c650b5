"""Support plans: make one with the person, add goals and actions, review it with outcome measures."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action as AuditAction
from communities.audit.services import changed_fields, record, snapshot
from communities.organisations.scoping import visible
from communities.people.models import ConsentPurpose

from .. import instruments
from ..models import Action, Goal, GoalProgress, MeasureAnswer, Progress, Review, SupportPlan, Who, WrittenBy
from .common import Errors, check_date, has_current_consent, is_involved, text

#: "My reviews due" lists reviews falling due within this many days (and every overdue one).
REVIEWS_DUE_WITHIN_DAYS = 28
#: Outcome measures offered at every review, in this order (data files in data/instruments/).
REVIEW_MEASURES = ("ons4", "ons_loneliness")


def reviews_due_for(user, *, within_days: int = REVIEWS_DUE_WITHIN_DAYS, today: date | None = None) -> list:
    """The active plans the user leads, in their current organisation, with a review due by ``today + within_days``:
    overdue first (``plan.is_overdue``)."""
    today = today or timezone.localdate()
    plans = visible(SupportPlan, user).filter(worker=user).reviews_due(by=today + timedelta(days=within_days))
    return list(plans.select_related("person"))


def create_plan(*, actor, organisation, person, what_matters: str, written_by: str, writer_name: str = "",
                next_review_on, started_on: date | None = None, request=None) -> SupportPlan:
    """A plan written with the person: what matters to them in their own words (kept as said), who wrote it down,
    and when it will be reviewed. Needs a current consent (or other recorded basis) for support planning."""
    errors = Errors()
    started_on = started_on or timezone.localdate()
    what_matters = text(errors, "what_matters", what_matters, "Enter what matters to the person, in their words",
                        max_length=5000)
    writer_name = (writer_name or "").strip()
    if written_by not in WrittenBy.values:
        errors.add("what_matters_written_by", "Select who wrote down what matters to the person")
    elif written_by in (WrittenBy.FAMILY, WrittenBy.ADVOCATE) and not writer_name:
        errors.add("what_matters_writer_name", "Enter the name of the person who wrote it down")
    check_date(errors, "started_on", started_on, "The start date", not_future=True)
    check_date(errors, "next_review_on", next_review_on, "The review date", after=timezone.localdate(),
               after_noun="today")
    if not is_involved(person, organisation):
        errors.add("person", f"{organisation} is not involved in supporting {person}")
    if not has_current_consent(person, ConsentPurpose.SUPPORT_PLAN):
        errors.add("person", f"{person} has no current consent or lawful basis recorded for support planning. "
                             "Record it on their page first")
    errors.raise_if_any()
    with transaction.atomic():
        plan = SupportPlan.objects.create(
            person=person, organisation=organisation, worker=actor, what_matters=what_matters,
            what_matters_written_by=written_by, what_matters_writer_name=writer_name, started_on=started_on,
            next_review_on=next_review_on, created_by=actor,
        )
        record(actor=actor, organisation=organisation, action=AuditAction.CREATE, obj=plan, request=request,
               fields={**snapshot(plan), "person": str(person.pk)})
    return plan


def update_plan(*, actor, plan: SupportPlan, what_matters: str, written_by: str, writer_name: str = "",
                next_review_on, request=None) -> SupportPlan:
    errors = Errors()
    what_matters = text(errors, "what_matters", what_matters, "Enter what matters to the person, in their words",
                        max_length=5000)
    if written_by not in WrittenBy.values:
        errors.add("what_matters_written_by", "Select who wrote down what matters to the person")
    elif written_by in (WrittenBy.FAMILY, WrittenBy.ADVOCATE) and not (writer_name or "").strip():
        errors.add("what_matters_writer_name", "Enter the name of the person who wrote it down")
    check_date(errors, "next_review_on", next_review_on, "The review date", after=plan.started_on,
               after_noun="the day the plan started")
    errors.raise_if_any()
    with transaction.atomic():
        plan = SupportPlan.objects.select_for_update().get(pk=plan.pk)
        before = snapshot(plan)
        plan.what_matters, plan.what_matters_written_by = what_matters, written_by
        plan.what_matters_writer_name, plan.next_review_on = (writer_name or "").strip(), next_review_on
        plan.save()
        changes = changed_fields(plan, before)
        changes.pop("updated_at", None)
        if changes:
            record(actor=actor, action=AuditAction.UPDATE, obj=plan, fields=changes, request=request)
    return plan


def _check_action(errors: Errors, *, description, who, who_name, by_when, prefix: str = "") -> tuple[str, str]:
    description = text(errors, f"{prefix}description", description, "Enter what will be done", max_length=2000)
    who_name = (who_name or "").strip()
    if who not in Who.values:
        errors.add(f"{prefix}who", "Select who will do it")
    elif who in (Who.FAMILY, Who.ORGANISATION) and not who_name:
        errors.add(f"{prefix}who_name", "Enter the name of the family member, friend or organisation")
    check_date(errors, f"{prefix}by_when", by_when, "The date it will be done by")
    return description, who_name


def add_goal(*, actor, plan: SupportPlan, description: str, action: dict | None = None, request=None) -> Goal:
    """A goal in the person's words, with its first action (who does what, by when) if given."""
    errors = Errors()
    description = text(errors, "goal", description, "Enter the goal, in the person's words", max_length=2000)
    if plan.closed_on:
        errors.add("goal", "This plan is closed")
    if action:
        action_text, who_name = _check_action(errors, **action)
    errors.raise_if_any()
    with transaction.atomic():
        goal = Goal.objects.create(plan=plan, description=description)
        fields = {"plan": str(plan.pk), "description": description}
        if action:
            made = Action.objects.create(goal=goal, description=action_text, who=action["who"], who_name=who_name,
                                         by_when=action["by_when"])
            fields["action"] = {"description": made.description, "who": made.who_does_it,
                                "by_when": made.by_when.isoformat()}
        record(actor=actor, organisation=plan.organisation, action=AuditAction.CREATE, obj=goal, fields=fields,
               request=request)
    return goal


def add_action(*, actor, goal: Goal, description: str, who: str, who_name: str = "", by_when, request=None) -> Action:
    errors = Errors()
    description, who_name = _check_action(errors, description=description, who=who, who_name=who_name,
                                          by_when=by_when)
    errors.raise_if_any()
    with transaction.atomic():
        made = Action.objects.create(goal=goal, description=description, who=who, who_name=who_name, by_when=by_when)
        record(actor=actor, organisation=goal.plan.organisation, action=AuditAction.CREATE, obj=made, request=request,
               fields={"plan": str(goal.plan_id), "goal": goal.pk, **snapshot(made)})
    return made


def _check_answers(errors: Errors, answers: dict) -> list[MeasureAnswer]:
    rows = []
    for code, values in (answers or {}).items():
        try:
            instrument = instruments.instrument(code)
        except KeyError:
            errors.add(f"{code}", f"There is no outcome measure called {code}")
            continue
        for item_code, value in values.items():
            try:
                item = instrument.item(item_code)
            except KeyError:
                errors.add(f"{code}-{item_code}", f"{instrument.name} has no question {item_code}")
                continue
            if value is not None and (problem := item.check(value)):
                errors.add(f"{code}-{item_code}", problem)
            rows.append(MeasureAnswer(instrument=code, item=item_code, value=value))
    return rows


def record_review(*, actor, plan: SupportPlan, reviewed_on, what_changes: str, next_review_on,
                  progress: dict, answers: dict, request=None) -> Review:
    """A review: progress on each goal (``{goal_id: (progress, note)}``), the answers to each outcome measure
    (``{"ons4": {"life_satisfaction": 7, ...}}``; None when the person chose not to answer), what changes, and the
    next review date, which becomes the plan's."""
    errors = Errors()
    check_date(errors, "reviewed_on", reviewed_on, "The review date", not_future=True)
    if isinstance(reviewed_on, date) and reviewed_on < plan.started_on:
        errors.add("reviewed_on", f"The review date must be on or after the day the plan started "
                                  f"({plan.started_on:%-d %B %Y})")
    check_date(errors, "next_review_on", next_review_on, "The next review date",
               after=max(reviewed_on, timezone.localdate()) if isinstance(reviewed_on, date) else None,
               after_noun="today and the review date")
    what_changes = text(errors, "what_changes", what_changes, "Enter what changes after this review",
                        max_length=5000)
    goals = list(plan.goals.all())
    for goal in goals:
        value, _ = (progress or {}).get(goal.pk, ("", ""))
        if value not in Progress.values:
            errors.add(f"goal-{goal.pk}", f"Select the progress on ‘{goal.description[:60]}’")
    rows = _check_answers(errors, answers)
    if plan.closed_on:
        errors.add("reviewed_on", "This plan is closed")
    errors.raise_if_any()
    with transaction.atomic():
        review = Review.objects.create(plan=plan, reviewed_on=reviewed_on, reviewed_by=actor,
                                       what_changes=what_changes, next_review_on=next_review_on)
        GoalProgress.objects.bulk_create(
            GoalProgress(review=review, goal=goal, progress=progress[goal.pk][0], note=progress[goal.pk][1].strip())
            for goal in goals
        )
        for row in rows:
            row.review = review
        MeasureAnswer.objects.bulk_create(rows)
        SupportPlan.objects.filter(pk=plan.pk).update(next_review_on=next_review_on, updated_at=timezone.now())
        record(actor=actor, organisation=plan.organisation, action=AuditAction.CREATE, obj=review, request=request,
               fields={"plan": str(plan.pk), "person": str(plan.person_id), "reviewed_on": reviewed_on.isoformat(),
                       "next_review_on": next_review_on.isoformat(), "what_changes": what_changes,
                       "progress": [f"{goal.pk}:{progress[goal.pk][0]}" for goal in goals],
                       "answers": [f"{r.instrument}.{r.item}={r.value}" for r in rows]})
    plan.next_review_on = next_review_on
    return review


def scores(review: Review) -> list[dict]:
    """The review's outcome measures as the page shows them: each instrument, each item's answer and band, never a
    total unless the instrument is scored by adding up."""
    by_instrument: dict[str, dict[str, int | None]] = {}
    for answer in review.answers.all():
        by_instrument.setdefault(answer.instrument, {})[answer.item] = answer.value
    shown = []
    for code, values in by_instrument.items():
        try:
            instrument = instruments.instrument(code)
        except KeyError:
            continue
        items = [{"label": item.label, "text": item.text, "value": values.get(item.code),
                  "answer": item.answer_label(values.get(item.code)), "band": item.band(values.get(item.code))}
                 for item in instrument.items if item.code in values]
        shown.append({"instrument": instrument, "items": items, "total": instrument.total(values)})
    return shown


def mark_action_done(*, actor, action: Action, done_on: date | None = None, request=None) -> Action:
    done_on = done_on or timezone.localdate()
    with transaction.atomic():
        action = Action.objects.select_for_update().get(pk=action.pk)
        if action.done_on:
            return action
        action.done_on = done_on
        action.save(update_fields=["done_on"])
        record(actor=actor, organisation=action.goal.plan.organisation, action=AuditAction.UPDATE, obj=action,
               request=request, fields={"done_on": [None, done_on.isoformat()], "plan": str(action.goal.plan_id)})
    return action


def close_plan(*, actor, plan: SupportPlan, reason: str, closed_on: date | None = None, request=None) -> SupportPlan:
    """Close a plan (the person no longer needs it, moved away, or died); its retention period runs from today."""
    errors = Errors()
    closed_on = closed_on or timezone.localdate()
    reason = text(errors, "reason", reason, "Enter why the plan is closing", max_length=200)
    check_date(errors, "closed_on", closed_on, "The closing date", not_future=True)
    if plan.closed_on:
        errors.add("reason", "This plan is already closed")
    elif closed_on < plan.started_on:
        errors.add("closed_on", "The closing date must be on or after the day the plan started")
    errors.raise_if_any()
    with transaction.atomic():
        SupportPlan.objects.filter(pk=plan.pk).update(closed_on=closed_on, closed_reason=reason,
                                                      updated_at=timezone.now())
        record(actor=actor, organisation=plan.organisation, action=AuditAction.UPDATE, obj=plan, request=request,
               fields={"closed_on": [None, closed_on.isoformat()], "closed_reason": reason})
    plan.closed_on, plan.closed_reason = closed_on, reason
    return plan
