"""The Volunteer Driver Service in the data-protection registry: subject access export, retention, anonymisation.

Passengers' records, their usual addresses, regular bookings and trips (record type ``transport_passenger``) are
kept for the schedule's period after the trip (or, for the passenger record, after their last trip); then addresses,
notes and free text are replaced, and the counts behind the reports (date, purpose, status, miles) remain. Drivers'
records, availability, checks and claims are volunteers' data (``volunteer_driver``), found through the user, not a
resident.
"""

from __future__ import annotations

from django.db.models import Max, Q

from communities.dataprotection.registry import not_personal, register

from .models import (
    AvailabilityException,
    ComplianceItem,
    Driver,
    MileageClaim,
    Passenger,
    PassengerAddress,
    RegularBooking,
    Trip,
    TripStatusChange,
)

ANONYMISED = "(anonymised)"


def trips_past_retention(cutoff):
    return Trip.objects.filter(service_date__lte=cutoff)


def passengers_past_retention(cutoff):
    last = Passenger.objects.annotate(last_trip=Max("trips__service_date"))
    return last.filter(Q(last_trip__lte=cutoff) | Q(last_trip__isnull=True, registered_at__date__lte=cutoff))


register(
    "transport.Passenger", record_type="transport_passenger", subject="person", order=640,
    describe="Your registration with the Volunteer Driver Service",
    export_fields=("organisation", "no_suitable_public_transport", "mobility_needs", "mobility_detail",
                   "wheelchair_user", "escort_needed", "eligibility_note", "is_active", "registered_at"),
    anonymise={"mobility_detail": "", "eligibility_note": "", "is_active": False},
    expired=passengers_past_retention,
)
register(
    "transport.PassengerAddress", record_type="transport_passenger", subject="passenger__person", order=630,
    describe="Addresses you travel from and to with the Volunteer Driver Service",
    export_fields=("label", "address", "postcode"),
    anonymise={"label": ANONYMISED, "address": ANONYMISED},
    expired=lambda cutoff: PassengerAddress.objects.filter(
        passenger__in=passengers_past_retention(cutoff).values("pk")),
)
register(
    "transport.RegularBooking", record_type="transport_passenger", subject="passenger__person", order=620,
    describe="Your regular journeys with the Volunteer Driver Service",
    export_fields=("weekday", "purpose", "purpose_detail", "earliest_pickup", "latest_pickup", "arrive_by",
                   "return_earliest_pickup", "return_latest_pickup", "starts_on", "ends_on"),
    anonymise={"purpose_detail": ""},
    expired=lambda cutoff: RegularBooking.objects.filter(ends_on__lte=cutoff),
)
register(
    "transport.Trip", record_type="transport_passenger", subject="passenger__person", order=610,
    describe="Your trips with the Volunteer Driver Service",
    export_fields=("service_date", "purpose", "purpose_detail", "pickup_address", "pickup_postcode",
                   "dropoff_address", "dropoff_postcode", "earliest_pickup", "latest_pickup", "appointment_at",
                   "escort_count", "status", "driver", "planned_pickup_at", "requested_at", "confirmed_at",
                   "cancelled_by", "outcome_note", "notes", "turned_away_reason"),
    anonymise={"pickup_address": ANONYMISED, "dropoff_address": ANONYMISED, "purpose_detail": "", "notes": "",
               "outcome_note": "", "turned_away_reason": ""},
    expired=trips_past_retention,
)
register(
    "transport.TripStatusChange", record_type="transport_passenger", subject="trip__passenger__person", order=600,
    describe="What happened to your trips", export_fields=("from_status", "to_status", "at", "note"),
    anonymise={"note": ""},
    expired=lambda cutoff: TripStatusChange.objects.filter(trip__service_date__lte=cutoff),
)
register(
    "transport.Driver", record_type="volunteer_driver", subject=None, order=590,
    export_fields=("organisation", "phone", "home_postcode", "is_active", "other_business_miles", "notes"),
    anonymise={"phone": "", "notes": ""},
    expired=lambda cutoff: Driver.objects.filter(is_active=False, created_at__date__lte=cutoff),
)
register(
    "transport.AvailabilityException", record_type="volunteer_driver", subject=None, order=580,
    export_fields=("kind", "starts_at", "ends_at", "reason"), anonymise={"reason": ""},
    expired=lambda cutoff: AvailabilityException.objects.filter(ends_at__date__lte=cutoff),
)
register(
    "transport.ComplianceItem", record_type="volunteer_driver", subject=None, order=570,
    export_fields=("kind", "checked_on", "expires_on", "reference"), anonymise={"reference": ""},
    expired=lambda cutoff: ComplianceItem.objects.filter(checked_on__lte=cutoff),
)
register(
    "transport.MileageClaim", record_type="volunteer_driver", subject=None, order=560,
    export_fields=("status", "submitted_at", "decided_at", "decision_note", "exported_at"),
    anonymise={"decision_note": ""},
    expired=lambda cutoff: MileageClaim.objects.filter(submitted_at__date__lte=cutoff),
)
not_personal("transport.Vehicle", "The scheme's and drivers' vehicles: registration, seats, MOT date, no resident "
                                  "data (the owner is a driver record)")
not_personal("transport.RegularBookingException", "A date a regular journey does not run and why, about the "
                                                  "booking; no further personal data")
not_personal("transport.MileageRate", "HMRC approved mileage rates with their source: no personal data")
