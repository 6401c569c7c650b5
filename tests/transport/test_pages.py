"""The pages: a coordinator registers a passenger, books, sees drivers and claims, the report and open data; a
driver sees only their own trips and records an outcome; bad input comes back on the page naming the field."""

from __future__ import annotations

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.transport.models import Passenger, Trip

from .conftest import book, make_driver_user, schedule

pytestmark = pytest.mark.django_db


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def test_a_coordinator_registers_a_caller_and_books_a_return_trip(client_for, postcodes, tomorrow):
    client = client_for("coordinator")
    response = client.post(reverse("transport:passenger_new"), {
        "first_name": "Ivy", "last_name": "Caller", "phone": "01642 111111", "mobility_needs": "on",
        "home_address": "3 Mill Lane", "home_postcode": postcodes[0], "lawful_basis": "consent",
        "how_given": "verbal_phone"})
    assert response.status_code == 302, response.content.decode()[:2000]
    passenger = Passenger.objects.get(person__last_name="Caller")
    client.post(reverse("transport:passenger_address", kwargs={"passenger_id": passenger.pk}),
                {"label": "Surgery", "address": "Health Centre", "postcode": postcodes[1]})
    home, surgery = passenger.addresses.get(is_home=True), passenger.addresses.get(is_home=False)
    form = {**_date("service_date", tomorrow), "purpose": "health_appointment", "pickup": str(home.pk),
            "dropoff": str(surgery.pk), "earliest_pickup": "10:00", "latest_pickup": "10:30",
            "appointment_at": "11:00", "return_earliest": "12:00", "return_latest": "12:30", "escort_count": "0"}
    response = client.post(reverse("transport:book_trip", kwargs={"passenger_id": passenger.pk}), form)
    assert response.status_code == 302
    assert Trip.objects.filter(passenger=passenger).count() == 2
    page = client.get(reverse("transport:home") + f"?day={tomorrow:%Y-%m-%d}").content.decode()
    assert "Caller" in page and "Requested" in page


def test_an_impossible_booking_comes_back_with_the_error_on_the_field(client_for, passenger, tomorrow):
    home, surgery = passenger.addresses.get(is_home=True), passenger.addresses.get(is_home=False)
    response = client_for("coordinator").post(reverse("transport:book_trip", kwargs={"passenger_id": passenger.pk}), {
        **_date("service_date", tomorrow), "purpose": "shopping", "pickup": str(home.pk), "dropoff": str(surgery.pk),
        "earliest_pickup": "11:00", "latest_pickup": "10:00", "escort_count": "0"})
    assert response.status_code == 400
    assert "must be the same as or after the earliest" in response.content.decode()
    assert not Trip.objects.exists()


def test_an_address_outside_the_area_is_refused_on_the_page(client_for, passenger):
    response = client_for("coordinator").post(
        reverse("transport:passenger_address", kwargs={"passenger_id": passenger.pk}),
        {"label": "Clinic", "address": "Far away", "postcode": "SW1A 1AA"})
    assert response.status_code == 400 and "only picks up and drops off in the council" in response.content.decode()


def test_a_driver_sees_only_their_own_trips_and_passengers(client_for, coordinator, passenger, scheme_driver,
                                                           council, tomorrow):
    mine = schedule(book(coordinator, passenger, tomorrow)[0], scheme_driver, coordinator)
    other_driver_user = make_driver_user("other.driver@example.org", council)
    from communities.transport.services import drivers

    other = drivers.register_driver(actor=coordinator, organisation=council, user=other_driver_user,
                                    home_postcode=scheme_driver.home_postcode)
    theirs = book(coordinator, passenger, tomorrow, start=(14, 0), end=(14, 30))[0]
    client = client_for("coordinator")
    client.force_login(scheme_driver.user, backend="allauth.account.auth_backends.AuthenticationBackend")
    assert client.get(reverse("transport:trip_detail", kwargs={"trip_id": mine.pk})).status_code == 200
    assert client.get(reverse("transport:trip_detail", kwargs={"trip_id": theirs.pk})).status_code == 404
    assert client.get(reverse("transport:trip_outcome", kwargs={"trip_id": theirs.pk})).status_code == 404
    assert client.get(reverse("transport:driver_detail", kwargs={"driver_id": other.pk})).status_code == 404
    assert client.get(reverse("transport:passengers")).status_code == 403
    day = client.get(reverse("transport:home") + f"?day={tomorrow:%Y-%m-%d}").content.decode()
    assert day.count("transport/trips/") == 1  # one trip listed: theirs is not
    # the passenger's page: only while assigned (people.Assignment) and only through their own trip
    url = reverse("transport:passenger_detail", kwargs={"passenger_id": passenger.pk})
    assert client.get(url).status_code == 200
    from communities.people.models import Assignment

    Assignment.objects.filter(user=scheme_driver.user).update(ended_at=timezone.now())
    assert client.get(url).status_code == 404
    assert AuditEvent.objects.filter(actor=scheme_driver.user, action="view", object_type="transport.Trip").exists()


def test_the_driver_records_an_outcome_on_the_phone_page(client_for, coordinator, passenger, scheme_driver,
                                                         tomorrow):
    trip = schedule(book(coordinator, passenger, tomorrow)[0], scheme_driver, coordinator)
    Trip.objects.filter(pk=trip.pk).update(earliest_pickup=timezone.now() - timedelta(hours=1),
                                           latest_pickup=timezone.now() - timedelta(minutes=30))
    client = client_for("coordinator")
    client.force_login(scheme_driver.user, backend="allauth.account.auth_backends.AuthenticationBackend")
    url = reverse("transport:trip_outcome", kwargs={"trip_id": trip.pk})
    response = client.post(url, {"seen_status": "scheduled", "outcome": "completed", "miles_driven": "8.2",
                                 "volunteer_minutes": "50"})
    assert response.status_code == 302
    assert Trip.objects.get(pk=trip.pk).miles_driven == Decimal("8.2")
    again = client.post(url, {"seen_status": "scheduled", "outcome": "no_show", "miles_driven": "1",
                              "volunteer_minutes": "5"})
    assert again.status_code == 400 and "locked" in again.content.decode()


def test_coordinator_pages_answer(client_for, passenger, scheme_driver, tomorrow, coordinator):
    book(coordinator, passenger, tomorrow)
    client = client_for("coordinator")
    for name in ("transport:home", "transport:passengers", "transport:drivers", "transport:claims",
                 "transport:rates", "transport:report", "transport:passenger_new", "transport:driver_new",
                 "transport:vehicle_new"):
        assert client.get(reverse(name)).status_code == 200, name
    for name, kwargs in (("transport:driver_detail", {"driver_id": scheme_driver.pk}),
                         ("transport:driver_check", {"driver_id": scheme_driver.pk}),
                         ("transport:driver_availability", {"driver_id": scheme_driver.pk}),
                         ("transport:driver_exception", {"driver_id": scheme_driver.pk}),
                         ("transport:passenger_detail", {"passenger_id": passenger.pk}),
                         ("transport:book_trip", {"passenger_id": passenger.pk})):
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200, name
    drivers_page = client.get(reverse("transport:drivers")).content.decode()
    assert "Can drive" in drivers_page


def test_weekly_times_typed_badly_are_refused_by_line(client_for, scheme_driver):
    response = client_for("coordinator").post(
        reverse("transport:driver_availability", kwargs={"driver_id": scheme_driver.pk}),
        {"slots": "Monday 09:00-12:00\nFunday 10:00-11:00\nTuesday 14:00-13:00"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Line 2: write a day and two times" in text


def test_open_data_has_no_names_and_booking_rules_are_public(client, client_for, coordinator, passenger, tomorrow):
    book(coordinator, passenger, tomorrow, appointment_at=None)
    feed = client_for("coordinator").get(reverse("transport:trips_feed") +
                                         f"?first_day={tomorrow:%Y-%m-%d}&last_day={tomorrow:%Y-%m-%d}")
    body = feed.content.decode()
    data = json.loads(body)
    assert data["trips"][0]["tripRequest"]["tripPurpose"] == ["M"]
    assert "Traveller" not in body and "1 High Street" not in body and "01642" not in body
    client.logout()
    rules = client.get(reverse("transport:booking_rules"))
    assert rules.status_code == 200
    header = rules.content.decode().splitlines()[0].split(",")
    assert header[:3] == ["booking_rule_id", "booking_type", "prior_notice_last_day"]


def test_a_referral_to_the_scheme_becomes_a_booking(client_for, personas, council, partner, postcodes, tomorrow):
    """The council's officer accepts a referral to the Volunteer Driver Service; the coordinator registers the
    person from it and books: the trip remembers the referral."""
    import uuid

    from communities.people.models import Consent, Involvement, Person
    from communities.referrals.models import Referral, StatusChange

    person = Person.objects.create(first_name="Reg", last_name="Referred", postcode=postcodes[0])
    Involvement.objects.create(person=person, organisation=council, reason="Referral accepted")
    consent = Consent.objects.create(person=person, purpose="referral", lawful_basis="consent",
                                     how_given="verbal_phone", given_at=timezone.now(), organisation=partner,
                                     recorded_by=personas["worker"])
    referral = Referral.objects.create(
        person=person, service_name="Volunteer Driver Service", to_organisation=council, from_organisation=partner,
        referred_by=personas["worker"], consent=consent, submission_token=uuid.uuid4(), shared_name="Reg Referred",
        shared_postcode=postcodes[0], what_matters="Getting to my dialysis", safeguarding_concern=False,
        respond_by=timezone.now(), status="accepted", accepted_at=timezone.now())
    StatusChange.objects.create(referral=referral, to_status="accepted", by=personas["officer"], organisation=council)
    client = client_for("coordinator")
    assert "Reg Referred" in client.get(reverse("transport:passengers")).content.decode()
    response = client.post(reverse("transport:passenger_from_referral", kwargs={"referral_id": referral.pk}), {
        "no_suitable_public_transport": "on", "home_address": "4 Dock Road", "home_postcode": postcodes[0],
        "lawful_basis": "consent", "how_given": "verbal_phone"})
    assert response.status_code == 302 and f"referral={referral.pk}" in response["Location"]
    passenger = Passenger.objects.get(person=person)
    from communities.transport.services import passengers as service

    surgery = service.add_address(actor=personas["coordinator"], passenger=passenger, label="Renal unit",
                                  address="Hospital", postcode=postcodes[1])
    home = passenger.addresses.get(is_home=True)
    response = client.post(response["Location"], {
        **_date("service_date", tomorrow), "purpose": "health_appointment", "pickup": str(home.pk),
        "dropoff": str(surgery.pk), "earliest_pickup": "08:00", "latest_pickup": "08:30", "escort_count": "0"})
    assert response.status_code == 302
    trip = Trip.objects.get(passenger=passenger)
    assert (trip.referral, trip.booked_via) == (referral, "referral")
    assert "Reg Referred" not in client.get(reverse("transport:passengers")).content.decode().split(
        "Registered passengers")[0]
