"""Passengers: the list, registering one (a new caller, a resident already known, or from a referral), one
passenger with their addresses, trips and regular journeys, adding an address, booking, skipping a week."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.models import Person
from communities.people.services import record_people_shown

from .. import queries
from ..forms import AddressForm, BookingForm, NewPassengerForm, PassengerForm, SkipWeekForm
from ..models import BookedVia, Passenger, RegularBooking
from ..services import bookings, passengers


@requires("transport.manage_scheme")
def passenger_list(request):
    listed = list(visible(Passenger, request.user).select_related("person").order_by(
        "person__last_name", "person__first_name")[:500])
    record_people_shown(actor=request.user, people=[p.person for p in listed], request=request,
                        where="transport passengers")
    return render(request, "transport/passengers.html", {
        "passengers": listed, "referrals": queries.referrals_for_transport(request.user),
        "referrals_waiting": queries.referrals_waiting_count(request.user)})


def _register(request, form, person=None, referral=None):
    data = form.cleaned_data
    common = {"actor": request.user, "organisation": request.organisation, "eligibility": form.eligibility(),
              "home_address": data["home_address"], "home_postcode": data["home_postcode"],
              "consent": form.consent(), "request": request}
    if person is None:
        person_data = {key: data[key] for key in ("first_name", "last_name", "date_of_birth", "phone")}
        person_data["postcode"] = data["home_postcode"].strip().upper()
        return passengers.register_new_passenger(person_data=person_data, **common)
    return passengers.register_passenger(person=person, **common)


def _registration_page(request, form_class, *, person=None, referral=None, title):
    initial = {}
    if referral is not None:
        initial = {"home_postcode": referral.shared_postcode, "eligibility_note": referral.needs[:2000]}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            passenger = _register(request, form, person=person, referral=referral)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Passenger registered. You can now book their trips.")
            if referral is not None:
                return redirect(f"{_book_url(passenger)}?referral={referral.pk}")
            return redirect("transport:passenger_detail", passenger_id=passenger.pk)
    return render(request, "transport/register_passenger.html", {
        "form": form, "title": title, "person": person, "referral": referral}, status=400 if form.errors else 200)


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def passenger_new(request):
    return _registration_page(request, NewPassengerForm, title="Register a new passenger")


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def passenger_from_person(request, person_id):
    """For a resident already known to the organisation (staff who may see residents' records)."""
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    if hasattr(person, "passenger"):
        return redirect("transport:passenger_detail", passenger_id=person.passenger.pk)
    return _registration_page(request, PassengerForm, person=person, title=f"Register {person} as a passenger")


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def passenger_from_referral(request, referral_id):
    referral = queries.referrals_for_transport(request.user).filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    existing = visible(Passenger, request.user).filter(person=referral.person).first()
    if existing is not None:
        return redirect(f"{_book_url(existing)}?referral={referral.pk}")
    return _registration_page(request, PassengerForm, person=referral.person, referral=referral,
                              title=f"Register {referral.shared_name} as a passenger (referral {referral.reference})")


def _book_url(passenger):
    from django.urls import reverse

    return reverse("transport:book_trip", kwargs={"passenger_id": passenger.pk})


@requires("transport.view_trips")
def passenger_detail(request, passenger_id):
    passenger = get_visible_or_404(Passenger, request.user, request=request,
                                   pk=passenger_id)
    trips = visible(passenger.trips.all(), request.user).order_by("-service_date", "-earliest_pickup")[:50]
    return render(request, "transport/passenger_detail.html", {
        "passenger": passenger, "person": passenger.person, "addresses": passenger.addresses.all(),
        "trips": trips, "regular": visible(RegularBooking, request.user).filter(passenger=passenger)
        .prefetch_related("exceptions")})


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def passenger_address(request, passenger_id):
    passenger = get_visible_or_404(Passenger, request.user, request=request, audit=False, pk=passenger_id)
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            passengers.add_address(actor=request.user, passenger=passenger, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, "Address added.")
            return redirect("transport:passenger_detail", passenger_id=passenger.pk)
    return render(request, "transport/simple_form.html", {
        "form": form, "title": "Add a place they travel to or from", "back": _detail_url(passenger)},
        status=400 if form.errors else 200)


def _detail_url(passenger):
    from django.urls import reverse

    return reverse("transport:passenger_detail", kwargs={"passenger_id": passenger.pk})


def _journey(form, addresses) -> bookings.Journey:
    data = form.cleaned_data
    by_id = {str(a.pk): a for a in addresses}
    return bookings.Journey(
        service_date=data["service_date"], purpose=data["purpose"], purpose_detail=data["purpose_detail"],
        pickup=by_id[data["pickup"]], dropoff=by_id[data["dropoff"]], earliest_pickup=data["earliest_pickup"],
        latest_pickup=data["latest_pickup"], appointment_at=data["appointment_at"],
        return_earliest=data["return_earliest"], return_latest=data["return_latest"],
        escort_count=data["escort_count"], notes=data["notes"])


def _book(request, passenger, form, addresses, referral):
    journey = _journey(form, addresses)
    if form.cleaned_data["every_week"]:
        booking = bookings.create_regular_booking(actor=request.user, passenger=passenger, journey=journey,
                                                  weekday=journey.service_date.weekday(),
                                                  ends_on=form.cleaned_data["ends_on"], request=request)
        made = bookings.make_regular_trips(organisation=passenger.organisation, first_day=journey.service_date)
        return f"Booked every {booking.get_weekday_display()}; {made} trips made for the next weeks."
    via = BookedVia.REFERRAL if referral is not None else BookedVia.PHONE
    trips = bookings.book_trip(actor=request.user, passenger=passenger, journey=journey, via=via, referral=referral,
                               request=request)
    return f"Booked {' and '.join(t.reference for t in trips)}: waiting for a driver."


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def book_trip(request, passenger_id):
    passenger = get_visible_or_404(Passenger, request.user, request=request,
                                   audit=False, pk=passenger_id)
    addresses = list(passenger.addresses.all())
    referral = None
    if request.GET.get("referral"):
        referral = queries.referrals_for_transport(request.user).filter(pk=request.GET["referral"]).first()
    home = next((a for a in addresses if a.is_home), None)
    form = BookingForm(request.POST or None, addresses=addresses, initial={
        "pickup": str(home.pk) if home else "", "escort_count": 1 if passenger.escort_needed else 0})
    if request.method == "POST" and form.is_valid():
        try:
            message = _book(request, passenger, form, addresses, referral)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect("transport:passenger_detail", passenger_id=passenger.pk)
    return render(request, "transport/book_trip.html", {"form": form, "passenger": passenger, "referral": referral},
                  status=400 if form.errors else 200)


@requires("transport.manage_scheme")
@require_http_methods(["GET", "POST"])
def regular_skip(request, regular_booking_id):
    booking = get_visible_or_404(RegularBooking, request.user, request=request,
                                 audit=False, pk=regular_booking_id)
    form = SkipWeekForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bookings.skip_week(actor=request.user, booking=booking, request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"No journey on {form.cleaned_data['on']:%d %B %Y}.")
            return redirect("transport:passenger_detail", passenger_id=booking.passenger_id)
    return render(request, "transport/simple_form.html", {
        "form": form, "title": f"A week off: {booking}", "back": _detail_url(booking.passenger)},
        status=400 if form.errors else 200)
