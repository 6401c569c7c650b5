"""Daily plan pages: plan a day (a background job with progress), each driver's timeline, change a trip by hand,
publish, late bookings; run sheets (page, print, PDF) for coordinators and for the driver whose run it is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from communities.audit.services import Action, record
from communities.core import jobs
from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.core.pdf import html_to_pdf
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.services import record_people_shown

from . import queries, services
from .forms import DayForm, LateBookingForm, TripChangeForm, VersionForm
from .messages import to_call
from .models import DayPlan, PlanStatus, Run, RunStop, UnservedTrip

PRINT_CSS = Path(__file__).resolve().parent / "static" / "transport_planning" / "run_sheet.css"


@requires("transport_planning.plan_day")
@require_http_methods(["GET", "POST"])
def index(request):
    form = DayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.start_planning(actor=request.user, organisation=request.organisation,
                                           day=date.fromisoformat(form.cleaned_data["day"]), request=request)
            return redirect("transport_planning:plan", day_plan_id=plan.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    plans = visible(DayPlan, request.user).filter(service_date__gte=timezone.localdate())
    return render(request, "transport_planning/index.html", {"form": form, "plans": plans})


@requires("transport_planning.plan_day")
def plan_detail(request, day_plan_id):
    plan = get_visible_or_404(DayPlan, request.user, request=request, pk=day_plan_id)
    runs = queries.runs_of(plan)
    unserved = list(UnservedTrip.objects.filter(plan=plan).select_related("trip__passenger__person"))
    placed = set(RunStop.objects.filter(run__plan=plan).values_list("trip_id", flat=True)) | {
        u.trip_id for u in unserved}
    waiting = [] if plan.status == PlanStatus.PLANNING else queries.waiting_trips(plan, placed)
    shown = [row["person"] for r in runs for row in r["rows"]] + [u.trip.passenger.person for u in unserved]
    record_people_shown(actor=request.user, people=list({p.pk: p for p in shown}.values()), request=request,
                        where="daily plan")
    state = jobs.state(plan.job) if plan.job else None
    return render(request, "transport_planning/plan.html", {
        "plan": plan, "runs": runs, "unserved": unserved, "waiting": waiting, "job": state,
        "trip_count": sum(len(r["rows"]) for r in runs) // 2, "to_call": to_call(plan) if plan.is_published else [],
        "day_form": DayForm(initial={"day": plan.service_date.isoformat()}),
        "refresh": bool(state and state.live and plan.status == PlanStatus.PLANNING),
    })


def _plan_for_change(request, day_plan_id) -> DayPlan:
    return get_visible_or_404(DayPlan, request.user, request=request, audit=False, pk=day_plan_id)


@requires("transport_planning.plan_day")
@require_http_methods(["GET", "POST"])
def change_trip(request, day_plan_id, planned_trip_id):
    plan = _plan_for_change(request, day_plan_id)
    trip = get_visible_or_404(queries.trips_of(plan), request.user, request=request, pk=planned_trip_id)
    drivers = queries.drivers_of(plan)
    stop = RunStop.objects.filter(run__plan=plan, trip=trip, kind="pickup").select_related("run").first()
    current = str(stop.run.driver_id) if stop else ""
    form = TripChangeForm(request.POST or None, drivers=drivers,
                          initial={"version": plan.version, "driver": current, "locked": trip.locked_to_driver})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["driver"] != current:
                driver = drivers.get(pk=data["driver"])
                services.move_trip(actor=request.user, plan=plan, trip=trip, driver=driver, version=data["version"],
                                   request=request)
                messages.success(request, f"Trip {trip.reference} moved to {driver.name}. Checked: every time window, "
                                          "appointment and ride-time limit on the run is met.")
                data["version"] = queries.version_of(plan)
            if data["locked"] != trip.locked_to_driver:
                services.lock_trip(actor=request.user, plan=plan, trip=trip, locked=data["locked"],
                                   version=data["version"], request=request)
            return redirect("transport_planning:plan", day_plan_id=plan.pk)
        except ValidationError as exc:
            add_service_errors(form, exc)
    return render(request, "transport_planning/change_trip.html", {
        "form": form, "plan": plan, "trip": trip, "stop": stop, "needs": queries.needs_of(trip)})


@requires("transport_planning.plan_day")
@require_POST
def publish(request, day_plan_id):
    plan = _plan_for_change(request, day_plan_id)
    form = VersionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(services.STALE)
        count = services.publish(actor=request.user, plan=plan, version=form.cleaned_data["version"], request=request)
        messages.success(request, f"Published: {count} trips confirmed. Drivers can see their runs now, and "
                                  "passengers are sent a confirmation.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("transport_planning:plan", day_plan_id=plan.pk)


@requires("transport_planning.plan_day")
@require_POST
def add_late(request, day_plan_id):
    plan = _plan_for_change(request, day_plan_id)
    form = LateBookingForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(services.STALE)
        trip = get_visible_or_404(queries.trips_of(plan), request.user, request=request, audit=False,
                                  pk=form.cleaned_data["trip"])
        name = services.add_late_booking(actor=request.user, plan=plan, trip=trip,
                                         version=form.cleaned_data["version"], request=request)
        messages.success(request, f"Trip {trip.reference} added to {name}'s run. No other trip moved.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("transport_planning:plan", day_plan_id=plan.pk)


@requires("transport_planning.view_run")
def my_runs(request):
    runs = (visible(Run, request.user).filter(service_date__gte=timezone.localdate())
            .select_related("plan", "driver__user").order_by("service_date"))
    return render(request, "transport_planning/my_runs.html", {"runs": runs})


def _sheet(request, run_id, fmt: str):
    run = get_visible_or_404(queries.runs_for_sheet(), request.user, request=request, audit=False, pk=run_id)
    rows = queries.run_rows(run)
    record(actor=request.user, action=Action.EXPORT if fmt == "pdf" else Action.VIEW, obj=run, request=request,
           reason="run sheet", fields={"format": fmt, "passengers": len({r["person"].pk for r in rows})})
    return run, {"run": run, "rows": rows, "printed_at": timezone.localtime()}


@requires("transport_planning.view_run")
def run_sheet(request, run_id):
    run, context = _sheet(request, run_id, "page")
    return render(request, "transport_planning/run_sheet.html",
                  {**context, "stylesheet": "transport_planning/run_sheet.css"})


@requires("transport_planning.view_run")
def run_sheet_pdf(request, run_id):
    run, context = _sheet(request, run_id, "pdf")
    html = render_to_string("transport_planning/run_sheet.html", {**context, "stylesheet": "", "pdf": True},
                            request=request)
    response = HttpResponse(html_to_pdf(html, PRINT_CSS), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="run-sheet-{run.service_date:%Y-%m-%d}.pdf"'
    return response
