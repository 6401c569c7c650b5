"""Mileage claims at the HMRC approved rates from the dated table: the 10,000-mile band over the tax year, passenger
payments, a new dated row, approval, export for payment, payments above the rates flagged."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.transport.models import ClaimStatus, MileageClaim, MileageRate, Trip
from communities.transport.services import claims

from ..support.conftest import acting
from .conftest import book, schedule

pytestmark = pytest.mark.django_db


def test_the_shipped_rates_carry_their_source():
    rate = claims.rate_on(date(2025, 5, 1))
    assert (rate.car_pence_per_mile, rate.car_pence_after_band, rate.band_miles, rate.passenger_pence_per_mile) == (
        Decimal("45"), Decimal("25"), 10000, Decimal("5"))
    assert "HMRC" in rate.source and rate.source_read_on


@pytest.mark.parametrize("day, start", [
    (date(2026, 4, 5), date(2025, 4, 6)), (date(2026, 4, 6), date(2026, 4, 6)), (date(2027, 1, 1), date(2026, 4, 6))])
def test_the_tax_year_runs_6_april_to_5_april(day, start):
    assert claims.tax_year(day) == (start, date(start.year + 1, 4, 5))


def test_the_band_splits_a_trip_that_crosses_10000_miles():
    rate = MileageRate(car_pence_per_mile=Decimal("45"), car_pence_after_band=Decimal("25"), band_miles=10000,
                       passenger_pence_per_mile=Decimal("5"))
    # 9,995 miles before: 5 at 45p, 15 at 25p; 8 miles with 2 passengers at 5p
    assert claims.at_rates(rate, Decimal("20"), Decimal("8"), 2, Decimal("9995")) == Decimal("680.00")
    assert claims.at_rates(rate, Decimal("20"), Decimal("0"), 0, Decimal("0")) == Decimal("900.00")
    assert claims.at_rates(rate, Decimal("20"), Decimal("0"), 0, Decimal("12000")) == Decimal("500.00")


@pytest.fixture
def driven(coordinator, passenger, scheme_driver, council):
    """Two trips the scheme driver did (done yesterday and the day before), with miles."""
    trips = []
    for days_ago, miles in ((2, "10.0"), (1, "12.5")):
        trip = book(coordinator, passenger, timezone.localdate() + timedelta(days=1))[0]
        day = timezone.localdate() - timedelta(days=days_ago)
        Trip.objects.filter(pk=trip.pk).update(service_date=day, driver=scheme_driver, status="completed",
                                               miles_driven=Decimal(miles), volunteer_minutes=60,
                                               earliest_pickup=trip.earliest_pickup - timedelta(days=days_ago + 1),
                                               latest_pickup=trip.latest_pickup - timedelta(days=days_ago + 1))
        trip.refresh_from_db()
        trips.append(trip)
    return trips


def test_a_driver_claims_their_trips_and_a_coordinator_approves_and_exports(driven, scheme_driver, coordinator,
                                                                             council, personas):
    driver_user = acting(scheme_driver.user, council)
    claim = claims.submit_claim(actor=driver_user, driver=scheme_driver, trips=driven)
    lines = list(claim.lines.order_by("trip__service_date"))
    assert [line.miles for line in lines] == [Decimal("10.0"), Decimal("12.5")]
    first = lines[0]
    assert first.at_rates_pence == (Decimal("10.0") * 45 + first.passenger_miles * 1 * 5).quantize(Decimal("0.01"))
    assert not any(line.above_rates for line in lines)
    with pytest.raises(ValidationError):
        claims.submit_claim(actor=driver_user, driver=scheme_driver, trips=driven)  # claimed already
    with pytest.raises(ValidationError) as caught:
        claims.decide_claim(actor=coordinator, claim=claim, approve=False, note="")
    assert "Say why" in caught.value.message_dict["note"][0]
    claims.decide_claim(actor=coordinator, claim=claim, approve=True)
    with pytest.raises(ValidationError):
        claims.decide_claim(actor=coordinator, claim=claim, approve=True)  # already decided
    rows = claims.export_for_payment(actor=coordinator, organisation=council)
    assert rows[0][0] == "Claim" and rows[1][0] == claim.reference and rows[1][8] == "No"
    assert MileageClaim.objects.get(pk=claim.pk).status == ClaimStatus.PAID
    assert claims.export_for_payment(actor=coordinator, organisation=council) == [claims.EXPORT_HEADER]
    totals = claims.tax_year_totals(council, timezone.localdate())
    assert totals[0]["miles"] == Decimal("22.5")


def test_a_driver_cannot_approve_their_own_claim(driven, scheme_driver, council):
    driver_user = acting(scheme_driver.user, council)
    claim = claims.submit_claim(actor=driver_user, driver=scheme_driver, trips=driven)
    with pytest.raises(ValidationError) as caught:
        claims.decide_claim(actor=driver_user, claim=claim, approve=True)
    assert "your own claim" in caught.value.message_dict["approve"][0]


def test_the_band_counts_earlier_claims_and_other_organisations_miles(driven, scheme_driver, council):
    scheme_driver.other_business_miles = 9995
    scheme_driver.save()
    claim = claims.submit_claim(actor=acting(scheme_driver.user, council), driver=scheme_driver, trips=driven)
    first, second = claim.lines.order_by("trip__service_date")
    car_first = first.at_rates_pence - first.passenger_miles * 5
    assert car_first == Decimal("5") * 45 + Decimal("5") * 25  # 5 miles left in the band, then 25p
    assert second.at_rates_pence - second.passenger_miles * 5 == Decimal("12.5") * 25


def test_a_new_dated_rate_applies_from_its_date(driven, scheme_driver, council, personas):
    admin = acting(personas["admin"], council)
    second_day = driven[1].service_date
    claims.add_rate(actor=admin, applies_from=second_day, car_pence_per_mile=Decimal("55"),
                    car_pence_after_band=Decimal("25"), band_miles=10000, passenger_pence_per_mile=Decimal("5"),
                    source="Reported 2026/27 change (test)", source_url="", source_read_on=timezone.localdate())
    claim = claims.submit_claim(actor=acting(scheme_driver.user, council), driver=scheme_driver, trips=driven)
    first, second = claim.lines.order_by("trip__service_date")
    assert first.rate.car_pence_per_mile == Decimal("45") and second.rate.car_pence_per_mile == Decimal("55")
    with pytest.raises(ValidationError) as caught:
        claims.add_rate(actor=admin, applies_from=second_day, car_pence_per_mile=Decimal("500"),
                        car_pence_after_band=Decimal("25"), band_miles=10000, passenger_pence_per_mile=Decimal("5"),
                        source="", source_url="", source_read_on=timezone.localdate())
    assert {"applies_from", "car_pence_per_mile", "source"} <= set(caught.value.message_dict)


def test_a_scheme_paying_above_the_rates_is_flagged(driven, scheme_driver, council, settings, coordinator):
    settings.TRANSPORT_SCHEME_PENCE_PER_MILE = 50
    claim = claims.submit_claim(actor=acting(scheme_driver.user, council), driver=scheme_driver, trips=driven)
    assert all(line.above_rates for line in claim.lines.all())
    claims.decide_claim(actor=coordinator, claim=claim, approve=True)
    rows = claims.export_for_payment(actor=coordinator, organisation=council)
    assert rows[1][8] == "Yes"
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    assert "Above the approved rates" in text.getvalue()


def test_only_done_trips_of_the_driver_can_be_claimed(coordinator, passenger, scheme_driver, council, tomorrow):
    trip = schedule(book(coordinator, passenger, tomorrow)[0], scheme_driver, coordinator)
    with pytest.raises(ValidationError) as caught:
        claims.submit_claim(actor=acting(scheme_driver.user, council), driver=scheme_driver, trips=[trip])
    assert trip.reference in caught.value.message_dict["trips"][0]
