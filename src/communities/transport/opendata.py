"""Open data: trips as Transportation Data Standards messages (TCRP Report 210, RideNoCo/drt-tds spec/schema.json)
and the scheme's booking rules as GTFS-Flex ``booking_rules.txt``. Field choices: docs/transport-open-data.md.

Trip messages carry no one's name, phone, date of birth or address: the passenger is not identified, addresses are
reduced to the postcode district, and the trip ticket id is the trip's random UUID.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

from communities.core.csvsafe import safe_row
from communities.places.services import current_council

from .models import CancelledBy, Purpose, Status, Trip

# TDS TripPurposeList codes: M Medical, P Personal, R Recreation, G Grocery, MS Miscellaneous.
TDS_PURPOSE = {Purpose.HEALTH_APPOINTMENT: "M", Purpose.CARE_OR_SOCIAL_WORK: "P", Purpose.SOCIAL_GROUP: "R",
               Purpose.SHOPPING: "G", Purpose.OTHER: "MS"}
# TDS tripStatusChange.canceledBy: the rider, the ordering client (who booked: the destination asked), the provider.
TDS_CANCELLED_BY = {CancelledBy.PASSENGER: "Rider", CancelledBy.DESTINATION: "OrderingClient",
                    CancelledBy.DRIVER: "Provider", CancelledBy.SCHEME: "Provider"}


def _time(moment, kind: str) -> dict | None:
    return {"time": timezone.localtime(moment).isoformat(), "timeType": kind} if moment else None


def _address(postcode: str, area: str) -> dict:
    district = postcode.split(" ")[0] if postcode else ""
    return {"addressName": f"Postcode district {district}", "street": "Withheld", "city": area, "state": "England",
            "postalCode": district, "country": "GB"}


def _special(trip: Trip) -> list[str]:
    codes = []
    if trip.needs_wheelchair_space:
        codes.append("W")  # Mobility Aid: Wheelchair
    if trip.passenger.mobility_needs:
        codes.append("D2D")  # Service Needs: Door to door
    return codes


def trip_messages(trip: Trip, area: str) -> dict:
    """The TDS messages this trip has reached, keyed by message name (1A, 1B/2B, 3B, 4A, status change)."""
    ticket = str(trip.pk)
    request = {"tripTicketId": ticket, "pickupAddress": _address(trip.pickup_postcode, area),
               "dropoffAddress": _address(trip.dropoff_postcode, area),
               "pickupWindowStartTime": _time(trip.earliest_pickup, "Promised"),
               "pickupWindowEndTime": _time(trip.latest_pickup, "Promised"),
               "numOtherReservedPassengers": trip.escort_count, "tripPurpose": [TDS_PURPOSE[trip.purpose]],
               "specialAttributes": _special(trip)}
    if trip.appointment_at:
        request["appointmentTime"] = _time(trip.appointment_at, "Promised")
    messages = {"tripRequest": request}
    if trip.status == Status.TURNED_AWAY:
        messages["tripRequestResponse"] = {"tripTicketId": ticket, "tripAvailable": False}
    if trip.confirmed_at and trip.planned_pickup_at:
        messages["providerOrderConfirmation"] = {
            "tripTicketId": ticket, "scheduledPickupTime": _time(trip.planned_pickup_at, "Scheduled")}
    if trip.status in (Status.COMPLETED, Status.NO_SHOW):
        messages["tripTaskConfirmation"] = {
            "tripTicketId": ticket, "tripStatus": "performed" if trip.status == Status.COMPLETED else "no show"}
    if trip.status == Status.COMPLETED:
        messages["tripTaskCompletion"] = {
            "tripTicketId": ticket, "performedDistance": round(trip.miles_driven or 0),
            "performedDistanceUnit": "Miles", "performedDurationInMinutes": trip.volunteer_minutes}
    if trip.status in (Status.CANCELLED, Status.CANCELLED_LATE):
        messages["tripStatusChange"] = {"tripTicketId": ticket, "status": "Cancel",
                                        "canceledBy": TDS_CANCELLED_BY.get(trip.cancelled_by, "Provider"),
                                        "reasonDescription": "Cancelled on the day" if trip.status ==
                                        Status.CANCELLED_LATE else "Cancelled in good time"}
    return messages


def trips_feed(organisation, first_day, last_day) -> dict:
    council = current_council()
    area = council.name if council else "Council area"
    trips = (Trip.objects.filter(organisation=organisation, service_date__range=(first_day, last_day))
             .select_related("passenger").order_by("service_date", "earliest_pickup"))
    return {"publisher": str(organisation), "from": first_day.isoformat(), "to": last_day.isoformat(),
            "standard": "TCRP Report 210 Transactional Data Specifications (drt-tds schema v0.4 message shapes)",
            "trips": [trip_messages(trip, area) for trip in trips]}


BOOKING_RULES_HEADER = ["booking_rule_id", "booking_type", "prior_notice_last_day", "prior_notice_last_time",
                        "prior_notice_start_day", "prior_notice_start_time", "message", "phone_number", "info_url",
                        "booking_url"]
BOOKING_TYPE_PRIOR_DAYS = 2  # GTFS-Flex booking_type 2: booked up to and including prior day(s)


def booking_rules_rows(organisation_name: str) -> list[list[str]]:
    notice = settings.TRANSPORT_NOTICE_DAYS
    last_time = settings.TRANSPORT_BOOKING_LAST_TIME + ":00"
    message = (f"Book the {organisation_name} Volunteer Driver Service at least {notice} days ahead, by "
               f"{settings.TRANSPORT_BOOKING_LAST_TIME}. Trips are for residents who are registered with the scheme.")
    row = ["volunteer_driver_service", str(BOOKING_TYPE_PRIOR_DAYS), str(notice), last_time,
           str(settings.TRANSPORT_BOOK_DAYS_AHEAD), "00:00:00", message, settings.TRANSPORT_BOOKING_PHONE,
           settings.TRANSPORT_BOOKING_URL, settings.TRANSPORT_BOOKING_URL]
    return [BOOKING_RULES_HEADER, safe_row(row)]
