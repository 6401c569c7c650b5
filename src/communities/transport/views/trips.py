"""The scheme's home page, the trips of a day, one trip with its history, recording an outcome, turning a request
away. Drivers see only their own trips (``TripQuerySet.visible_to``)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from communities.core.access import has_perm, requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.services import record_people_shown

from .. import queries
from ..compliance import is_regulated
from ..forms import DayForm, OutcomeForm, TurnAwayForm
from ..models import FINISHED, Trip
from ..services import outcomes


def _day(request):
    form = DayForm(request.GET or None)
    if request.GET and form.is_valid() and form.cleaned_data["day"]:
        return form.cleaned_data["day"], form
    return timezone.localdate(), DayForm(initial={"day": timezone.localdate()})


@requires("transport.view_trips")
def home(request):
    day, form = _day(request)
    trips = list(queries.trips_on(visible(Trip, request.user), day))
    record_people_shown(actor=request.user, people=[t.passenger.person for t in trips], request=request,
                        where="transport trips of a day")
    manager = has_perm(request.user, "transport.manage_scheme")
    return render(request, "transport/home.html", {
        "day": day, "form": form, "trips": trips, "manager": manager,
        "previous_day": day - timedelta(days=1), "next_day": day + timedelta(days=1),
        "figures": queries.home_figures(request.user) if manager else None,
        "referrals_waiting": queries.referrals_for_transport(request.user).count() if manager else 0,
    })


@requires("transport.view_trips")
def trip_detail(request, trip_id):
    trip = get_visible_or_404(Trip,
                              request.user, request=request, pk=trip_id)
    return render(request, "transport/trip_detail.html", {
        "trip": trip, "changes": trip.changes.select_related("by"), "regulated": is_regulated(trip),
        "returns": trip.returns.all(), "manager": has_perm(request.user, "transport.manage_scheme"),
        "can_record": trip.status not in FINISHED,
    })


@requires("transport.record_outcome")
@require_http_methods(["GET", "POST"])
def trip_outcome(request, trip_id):
    trip = get_visible_or_404(Trip, request.user, request=request,
                              pk=trip_id)
    form = OutcomeForm(request.POST or None, initial={"seen_status": trip.status})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcomes.record_outcome(actor=request.user, trip=trip, outcome=data["outcome"],
                                    seen_status=data["seen_status"], cancelled_by=data["cancelled_by"],
                                    note=data["note"], miles_driven=data["miles_driven"],
                                    volunteer_minutes=data["volunteer_minutes"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Trip {trip.reference} recorded. It is now locked.")
            return redirect("transport:trip_detail", trip_id=trip.pk)
    status = 400 if form.errors else 200
    return render(request, "transport/trip_outcome.html", {"form": form, "trip": trip,
                                                           "locked": trip.status in FINISHED}, status=status)


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def trip_turn_away(request, trip_id):
    trip = get_visible_or_404(Trip, request.user, request=request, pk=trip_id)
    form = TurnAwayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcomes.turn_away(actor=request.user, trip=trip, reason=form.cleaned_data["reason"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"Trip {trip.reference} turned away; it counts in the unmet-request rate.")
            return redirect("transport:trip_detail", trip_id=trip.pk)
    return render(request, "transport/turn_away.html", {"form": form, "trip": trip, "title": "Turn the request away"},
                  status=400 if form.errors else 200)


