"""Drivers with their checks at a glance, registering one, one driver (availability, holidays, checks, vehicles),
vehicles. A driver sees their own page only (``DriverQuerySet.visible_to``)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from communities.core.access import has_perm, requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible

from .. import queries
from ..availability import windows
from ..compliance import rules_data
from ..forms import AvailabilityForm, ComplianceForm, DriverForm, ExceptionForm, VehicleForm
from ..models import Driver, Vehicle, Weekday
from ..services import drivers as service

DAY_NAMES = {label.lower(): value for value, label in Weekday.choices}
SLOT = re.compile(r"^\s*([A-Za-z]+)\s+(\d{1,2})[:.](\d{2})\s*[-–to ]+\s*(\d{1,2})[:.](\d{2})\s*$")


@requires("transport.manage_scheme")
def driver_list(request):
    today = timezone.localdate()
    return render(request, "transport/drivers.html", {
        "rows": queries.driver_overview(request.organisation, today), "today": today,
        "vehicles": visible(Vehicle, request.user).select_related("owner__user"), "rules": rules_data()})


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def driver_new(request):
    users = queries.driver_candidates(request.organisation)
    form = DriverForm(request.POST or None, users=users)
    if request.method == "POST" and form.is_valid():
        user = next(u for u in users if str(u.pk) == form.cleaned_data["user"])
        try:
            driver = service.register_driver(actor=request.user, organisation=request.organisation, user=user,
                                             home_postcode=form.cleaned_data["home_postcode"],
                                             phone=form.cleaned_data["phone"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{driver} is now a driver. Record their checks before they take trips.")
            return redirect("transport:driver_detail", driver_id=driver.pk)
    return render(request, "transport/simple_form.html", {
        "form": form, "title": "Add a driver", "back": reverse("transport:drivers"),
        "intro": "Volunteers first need the volunteer driver role in your organisation (Members)."},
        status=400 if form.errors else 200)


@requires("transport.view_trips")
def driver_detail(request, driver_id):
    driver = get_visible_or_404(Driver, request.user, request=request, pk=driver_id)
    today = timezone.localdate()
    week = [(today + timedelta(days=n), windows(driver, today + timedelta(days=n))) for n in range(7)]
    return render(request, "transport/driver_detail.html", {
        "driver": driver, "week": week, "pattern": driver.weekly_availability.all(),
        "exceptions": driver.availability_exceptions.filter(ends_at__gte=timezone.now()),
        "checks": driver.compliance_items.select_related("vehicle"), "vehicles": driver.vehicles.all(),
        "manager": has_perm(request.user, "transport.manage_scheme")})


def _parse_slots(text: str) -> list[tuple[int, time, time]]:
    slots, errors = [], []
    for number, line in enumerate((line for line in text.splitlines() if line.strip()), start=1):
        match = SLOT.match(line)
        day = DAY_NAMES.get(match[1].lower()) if match else None
        if match is None or day is None:
            errors.append(f"Line {number}: write a day and two times, like 'Tuesday 09:00-13:00'")
            continue
        try:
            slots.append((day, time(int(match[2]), int(match[3])), time(int(match[4]), int(match[5]))))
        except ValueError:
            errors.append(f"Line {number}: the times must be real 24-hour times")
    if errors:
        raise ValidationError({"slots": errors[:10]})
    return slots


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def driver_availability(request, driver_id):
    driver = get_visible_or_404(Driver, request.user, request=request, audit=False, pk=driver_id)
    current = "\n".join(f"{slot.get_weekday_display()} {slot.starts:%H:%M}-{slot.ends:%H:%M}"
                        for slot in driver.weekly_availability.all())
    form = AvailabilityForm(request.POST or None, initial={"slots": current})
    if request.method == "POST" and form.is_valid():
        try:
            service.set_weekly_availability(actor=request.user, driver=driver,
                                            slots=_parse_slots(form.cleaned_data["slots"]), request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Weekly availability saved.")
            return redirect("transport:driver_detail", driver_id=driver.pk)
    return render(request, "transport/simple_form.html", {
        "form": form, "title": f"When {driver} is free each week", "back": _back(driver)},
        status=400 if form.errors else 200)


def _back(driver):
    return reverse("transport:driver_detail", kwargs={"driver_id": driver.pk})


def _aware(day, moment):
    return timezone.make_aware(datetime.combine(day, moment))


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def driver_exception(request, driver_id):
    driver = get_visible_or_404(Driver, request.user, request=request, audit=False, pk=driver_id)
    form = ExceptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        starts = _aware(data["first_day"], data["starts"] or time.min)
        ends = (_aware(data["last_day"], data["ends"]) if data["ends"]
                else _aware(data["last_day"] + timedelta(days=1), time.min))
        try:
            service.add_availability_exception(actor=request.user, driver=driver, kind=data["kind"],
                                               starts_at=starts, ends_at=ends, reason=data["reason"],
                                               request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Saved: the daily plan uses it from now on.")
            return redirect("transport:driver_detail", driver_id=driver.pk)
    return render(request, "transport/simple_form.html", {
        "form": form, "title": f"A holiday or other change for {driver}", "back": _back(driver)},
        status=400 if form.errors else 200)


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def driver_check(request, driver_id):
    driver = get_visible_or_404(Driver, request.user, request=request, audit=False, pk=driver_id)
    vehicles = list(visible(Vehicle, request.user))
    form = ComplianceForm(request.POST or None, vehicles=vehicles)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["vehicle"] = next((v for v in vehicles if str(v.pk) == data["vehicle"]), None)
        try:
            service.record_compliance(actor=request.user, driver=driver, request=request, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Check recorded.")
            return redirect("transport:driver_detail", driver_id=driver.pk)
    return render(request, "transport/simple_form.html", {
        "form": form, "title": f"Record a check for {driver}", "back": _back(driver)},
        status=400 if form.errors else 200)


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def vehicle_new(request):
    drivers = list(visible(Driver, request.user).select_related("user"))
    form = VehicleForm(request.POST or None, drivers=drivers)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["owner"] = next((d for d in drivers if str(d.pk) == data["owner"]), None)
        try:
            service.add_vehicle(actor=request.user, organisation=request.organisation, request=request, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Vehicle added.")
            return redirect("transport:drivers")
    return render(request, "transport/simple_form.html", {
        "form": form, "title": "Add a vehicle", "back": reverse("transport:drivers")},
        status=400 if form.errors else 200)
