"""Volunteer Driver Service: passengers, drivers, vehicles, compliance, trips with their status history, regular
bookings and mileage claims. Daily plans live in ``transport.planning``."""

from .claims import ClaimLine, ClaimStatus, MileageClaim, MileageRate
from .drivers import (
    AvailabilityException,
    ComplianceItem,
    ComplianceKind,
    Driver,
    ExceptionKind,
    Vehicle,
    Weekday,
    WeeklyAvailability,
)
from .passengers import Passenger, PassengerAddress
from .trips import (
    FINISHED,
    OUTCOMES,
    BookedVia,
    CancelledBy,
    Purpose,
    RegularBooking,
    RegularBookingException,
    Status,
    Trip,
    TripStatusChange,
)

__all__ = [
    "FINISHED", "OUTCOMES", "AvailabilityException", "BookedVia", "CancelledBy", "ClaimLine", "ClaimStatus",
    "ComplianceItem", "ComplianceKind", "Driver", "ExceptionKind", "MileageClaim", "MileageRate", "Passenger",
    "PassengerAddress", "Purpose", "RegularBooking", "RegularBookingException", "Status", "Trip",
    "TripStatusChange", "Vehicle", "Weekday", "WeeklyAvailability",
]
