"""Mileage claims at HMRC approved mileage allowance payment rates from the dated table, the tax-year running total
per driver, coordinators' approval, and the CSV export for payment.

The car band (45p for the first 10,000 business miles of the tax year, 25p after, in the shipped row) counts every
business mile the driver has done in the tax year (6 April to 5 April), for this scheme and for other organisations
(``Driver.other_business_miles``, HMRC EIM71155). A payment above what the rates allow is flagged: it is taxable for
the volunteer and may make the scheme's trips "hire or reward".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from communities.audit.services import Action, record

from ..models import ClaimLine, ClaimStatus, Driver, MileageClaim, MileageRate, Status, Trip
from .common import road_miles

PENNY = Decimal("0.01")
COUNTED = (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PAID)


def tax_year(day: date) -> tuple[date, date]:
    """The UK tax year holding ``day``: 6 April to 5 April."""
    start_year = day.year if day >= date(day.year, 4, 6) else day.year - 1
    return date(start_year, 4, 6), date(start_year + 1, 4, 5)


def rate_on(day: date) -> MileageRate:
    rate = MileageRate.objects.filter(applies_from__lte=day).order_by("-applies_from").first()
    if rate is None:
        raise ValidationError(f"No approved mileage rate applies on {day:%d %B %Y}: an administrator must add one")
    return rate


def miles_claimed_in_tax_year(driver: Driver, day: date) -> Decimal:
    """This scheme's claimed business miles in the tax year of ``day`` (rejected claims not counted)."""
    start, end = tax_year(day)
    total = ClaimLine.objects.filter(claim__driver=driver, claim__status__in=COUNTED,
                                     trip__service_date__range=(start, end)).aggregate(m=Sum("miles"))["m"]
    return total or Decimal("0")


def at_rates(rate: MileageRate, miles: Decimal, passenger_miles: Decimal, passengers: int,
             miles_before: Decimal) -> Decimal:
    """Pence the approved rates allow for ``miles`` when ``miles_before`` were already driven in the tax year."""
    in_band = max(Decimal("0"), min(miles, Decimal(rate.band_miles) - miles_before))
    pence = in_band * rate.car_pence_per_mile + (miles - in_band) * rate.car_pence_after_band
    pence += passenger_miles * passengers * rate.passenger_pence_per_mile
    return pence.quantize(PENNY, ROUND_HALF_UP)


def scheme_pays(rate: MileageRate, miles: Decimal, passenger_miles: Decimal, passengers: int,
                allowed: Decimal) -> Decimal:
    """What the scheme pays: at the rates unless ``TRANSPORT_SCHEME_PENCE_PER_MILE`` sets its own flat rate."""
    own = settings.TRANSPORT_SCHEME_PENCE_PER_MILE
    if own is None:
        return allowed
    pence = miles * Decimal(str(own)) + passenger_miles * passengers * rate.passenger_pence_per_mile
    return pence.quantize(PENNY, ROUND_HALF_UP)


def claimable_trips(driver: Driver):
    return Trip.objects.filter(driver=driver, status__in=(Status.COMPLETED, Status.NO_SHOW),
                               miles_driven__isnull=False, claim_line__isnull=True).order_by("service_date",
                                                                                             "earliest_pickup")


@dataclass(frozen=True)
class Line:
    trip: Trip
    miles: Decimal
    passenger_miles: Decimal
    passengers: int
    rate: MileageRate
    at_rates_pence: Decimal
    claimed_pence: Decimal


def price(driver: Driver, trips: list[Trip]) -> list[Line]:
    """Each trip's line, in date order, with the band running on from the tax year's earlier miles."""
    lines, running = [], {}
    for trip in sorted(trips, key=lambda t: (t.service_date, t.earliest_pickup)):
        year = tax_year(trip.service_date)
        if year not in running:
            running[year] = miles_claimed_in_tax_year(driver, trip.service_date) + driver.other_business_miles
        rate = rate_on(trip.service_date)
        miles = trip.miles_driven
        aboard = min(miles, Decimal(str(round(road_miles(trip.pickup_latitude, trip.pickup_longitude,
                                                         trip.dropoff_latitude, trip.dropoff_longitude), 1))))
        passengers = trip.people_travelling if trip.status == Status.COMPLETED else 0
        allowed = at_rates(rate, miles, aboard, passengers, running[year])
        lines.append(Line(trip, miles, aboard, passengers, rate, allowed,
                          scheme_pays(rate, miles, aboard, passengers, allowed)))
        running[year] += miles
    return lines


def submit_claim(*, actor, driver: Driver, trips: list[Trip], request=None) -> MileageClaim:
    """Claim for ``trips`` (the driver's own, done or no-show, with miles, not claimed before)."""
    if not trips:
        raise ValidationError({"trips": "Choose at least one trip to claim for"})
    claimable = set(claimable_trips(driver).values_list("pk", flat=True))
    wrong = [trip.reference for trip in trips if trip.pk not in claimable]
    if wrong:
        raise ValidationError({"trips": f"These trips cannot be claimed (not yours, not done, or claimed already): "
                                        f"{', '.join(wrong[:10])}"})
    with transaction.atomic():
        Driver.objects.select_for_update().get(pk=driver.pk)  # one claim at a time per driver: the band runs on
        lines = price(driver, trips)
        claim = MileageClaim.objects.create(driver=driver, organisation=driver.organisation, submitted_by=actor)
        ClaimLine.objects.bulk_create(ClaimLine(
            claim=claim, trip=line.trip, miles=line.miles, passenger_miles=line.passenger_miles,
            passengers=line.passengers, rate=line.rate, at_rates_pence=line.at_rates_pence,
            claimed_pence=line.claimed_pence) for line in lines)
        record(actor=actor, organisation=driver.organisation, action=Action.CREATE, obj=claim, request=request,
               fields={"driver": str(driver.pk), "trips": len(lines),
                       "claimed_pence": sum(line.claimed_pence for line in lines)})
    return claim


def decide_claim(*, actor, claim: MileageClaim, approve: bool, note: str = "", request=None) -> MileageClaim:
    note = note.strip()
    if not approve and not note:
        raise ValidationError({"note": "Say why the claim is not approved, so the driver can correct it"})
    if claim.driver.user_id == actor.pk:
        raise ValidationError({"approve": "You cannot approve your own claim: ask another coordinator"})
    to_status = ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED
    with transaction.atomic():
        if not MileageClaim.objects.filter(pk=claim.pk, status=ClaimStatus.SUBMITTED).update(
                status=to_status, decided_by=actor, decided_at=timezone.now(), decision_note=note[:300]):
            claim.refresh_from_db()
            raise ValidationError({"approve": f"This claim was already decided: it is "
                                              f"{claim.get_status_display().lower()}"})
        record(actor=actor, organisation=claim.organisation, action=Action.UPDATE, obj=claim, request=request,
               fields={"status": [ClaimStatus.SUBMITTED, to_status], "note": note})
    claim.refresh_from_db()
    return claim


EXPORT_HEADER = ["Claim", "Driver", "Driver email", "Trips", "Miles", "Passenger miles", "At approved rates (£)",
                 "To pay (£)", "Above the approved rates", "Approved by", "Approved on"]


def export_for_payment(*, actor, organisation, request=None) -> list[list]:
    """Rows for the approved claims not yet paid, marking them exported (paid) in the same transaction."""
    with transaction.atomic():
        claims = list(MileageClaim.objects.select_for_update().filter(organisation=organisation,
                                                                      status=ClaimStatus.APPROVED))
        rows = [EXPORT_HEADER]
        for claim in MileageClaim.objects.filter(pk__in=[c.pk for c in claims]).select_related(
                "driver__user", "decided_by").prefetch_related("lines").order_by("submitted_at"):
            lines = list(claim.lines.all())
            allowed = sum((line.at_rates_pence for line in lines), Decimal("0"))
            paying = sum((line.claimed_pence for line in lines), Decimal("0"))
            rows.append([claim.reference, claim.driver.name, claim.driver.user.email, len(lines),
                         sum((line.miles for line in lines), Decimal("0")),
                         sum((line.passenger_miles for line in lines), Decimal("0")),
                         f"{allowed / 100:.2f}", f"{paying / 100:.2f}", "Yes" if paying > allowed else "No",
                         str(claim.decided_by), f"{timezone.localtime(claim.decided_at):%d/%m/%Y}"])
        MileageClaim.objects.filter(pk__in=[c.pk for c in claims]).update(status=ClaimStatus.PAID,
                                                                          exported_at=timezone.now())
        record(actor=actor, organisation=organisation, action=Action.EXPORT, object_type=MileageClaim._meta.label,
               request=request, fields={"claims": [str(c.pk) for c in claims], "format": "CSV for payment"})
    return rows


def tax_year_totals(organisation, day: date) -> list[dict]:
    """Per driver: business miles claimed this tax year (plus other organisations'), and pence to pay."""
    start, end = tax_year(day)
    per_driver = (ClaimLine.objects.filter(claim__organisation=organisation, claim__status__in=COUNTED,
                                           trip__service_date__range=(start, end))
                  .values("claim__driver").annotate(miles=Sum("miles"), pence=Sum("claimed_pence"),
                                                    allowed=Sum("at_rates_pence")))
    drivers = {d.pk: d for d in Driver.objects.filter(organisation=organisation).select_related("user")}
    rows = []
    for row in per_driver:
        driver = drivers[row["claim__driver"]]
        rows.append({"driver": driver, "miles": row["miles"], "all_miles": row["miles"] + driver.other_business_miles,
                     "pence": row["pence"], "pounds": f"{row['pence'] / 100:,.2f}",
                     "above_rates": row["pence"] > row["allowed"]})
    return sorted(rows, key=lambda r: -r["miles"])


def add_rate(*, actor, applies_from: date, car_pence_per_mile: Decimal, car_pence_after_band: Decimal,
             band_miles: int, passenger_pence_per_mile: Decimal, source: str, source_url: str,
             source_read_on: date, request=None) -> MileageRate:
    """An administrator adds the rates that apply from a date (a new tax year's change); earlier rows stay."""
    errors = {}
    if MileageRate.objects.filter(applies_from=applies_from).exists():
        errors["applies_from"] = f"Rates from {applies_from:%d %B %Y} are already in the table"
    for field, value in (("car_pence_per_mile", car_pence_per_mile), ("car_pence_after_band", car_pence_after_band),
                         ("passenger_pence_per_mile", passenger_pence_per_mile)):
        if not Decimal("0") <= value <= Decimal("100"):
            errors[field] = "Enter pence per mile, from 0 to 100"
    if not 0 < band_miles <= 100000:
        errors["band_miles"] = "Enter the miles of the higher band, like 10000"
    if not source.strip():
        errors["source"] = "Say where the rates come from, so anyone can check them"
    if source_read_on > timezone.localdate():
        errors["source_read_on"] = "The date you read the source cannot be in the future"
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        rate = MileageRate.objects.create(
            applies_from=applies_from, car_pence_per_mile=car_pence_per_mile,
            car_pence_after_band=car_pence_after_band, band_miles=band_miles,
            passenger_pence_per_mile=passenger_pence_per_mile, source=source.strip()[:300], source_url=source_url,
            source_read_on=source_read_on, added_by=actor)
        record(actor=actor, action=Action.CREATE, obj=rate, request=request,
               fields={"applies_from": applies_from, "car_pence_per_mile": car_pence_per_mile,
                       "car_pence_after_band": car_pence_after_band, "source": source})
    return rate
