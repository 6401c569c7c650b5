"""Confirmation and reminder messages to passengers (core.notify), by the way each person likes to be contacted.

The channel: a text message when the person prefers texts (or states no preference) and has a mobile number, an
email when they prefer email and have an address; never a channel they asked not to be contacted by. When neither
works (they prefer phone calls or letters), no message is sent and the plan page lists them for the coordinator to
call. Each trip gets at most one confirmation and one reminder (``PassengerMessage``), so the reminder task is safe to
run twice.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from communities.core import notify
from communities.people.models.hub import ContactPreferences
from communities.transport.models import Status

from .models import DayPlan, PassengerMessage, PlanStatus, RunStop

EMAIL = {
    "transport_trip_confirmed": (
        "Your lift on {day} is booked",
        "{organisation} has booked your lift on {day}.\n\nYour driver, {driver}, will pick you up at about {pickup} "
        "from {pickup_address}, to take you to {dropoff_address}.\n\nIf you cannot travel, please call us.",
    ),
    "transport_trip_reminder": (
        "Reminder: your lift tomorrow, {day}",
        "This is a reminder of your lift tomorrow, {day}.\n\n{driver} will pick you up at about {pickup} from "
        "{pickup_address}, to take you to {dropoff_address}.\n\nIf you cannot travel, please call us.",
    ),
}
SMS = {
    "transport_trip_confirmed": "{organisation}: your lift on {day} is booked. {driver} will pick you up at about "
                                "{pickup} from {pickup_address}.",
    "transport_trip_reminder": "{organisation}: reminder, {driver} will pick you up tomorrow at about {pickup} from "
                               "{pickup_address}.",
}


def register_templates() -> None:
    """Our wording, beside core's (called from the app's ready())."""
    for name, text in EMAIL.items():
        notify.TEMPLATES.setdefault(name, text)
    for name, text in SMS.items():
        notify.SMS_TEMPLATES.setdefault(name, text)


def channel_for(person) -> str:
    prefs = ContactPreferences.objects.filter(person=person).first()
    preferred = list(prefs.preferred_channels) if prefs else []
    refused = set(prefs.do_not_contact_by) if prefs else set()
    order = preferred or ["text", "email"]
    for channel in order:
        if channel == "text" and person.phone and "text" not in refused:
            return "text"
        if channel == "email" and person.email and "email" not in refused:
            return "email"
    return "phone"


def _send(kind: str, template: str, stop: RunStop) -> str | None:
    trip, person = stop.trip, stop.trip.passenger.person
    channel = channel_for(person)
    try:
        with transaction.atomic():
            PassengerMessage.objects.create(trip=trip, kind=kind, channel=channel)
    except IntegrityError:
        return None  # sent already
    personal = {"organisation": stop.run.plan.organisation.name, "day": f"{trip.service_date:%A %d %B}",
                "driver": stop.run.driver.user.get_short_name(),
                "pickup": f"{timezone.localtime(stop.starts_at):%H:%M}", "pickup_address": trip.pickup_address,
                "dropoff_address": trip.dropoff_address}
    reference = f"trip-{trip.reference}-{kind}"
    if channel == "text":
        notify.send_sms(to=person.phone, template=template, personalisation=personal, reference=reference)
    elif channel == "email":
        notify.send_email(to=person.email, template=template, personalisation=personal, reference=reference)
    return channel


def _pickups(plan: DayPlan):
    return (RunStop.objects.filter(run__plan=plan, kind="pickup", trip__status=Status.SCHEDULED)
            .select_related("trip__passenger__person", "run__driver__user", "run__plan__organisation"))


def send_confirmations(plan: DayPlan) -> dict[str, int]:
    """One confirmation per trip of a published plan not yet confirmed; counts by channel."""
    counts: dict[str, int] = {}
    for stop in _pickups(plan):
        channel = _send(PassengerMessage.Kind.CONFIRMATION, "transport_trip_confirmed", stop)
        if channel:
            counts[channel] = counts.get(channel, 0) + 1
    return counts


def send_reminders(now=None) -> dict[str, int]:
    """The periodic task: remind every passenger travelling tomorrow on a published plan (once per trip)."""
    tomorrow = timezone.localdate(now or timezone.now()) + timedelta(days=1)
    counts: dict[str, int] = {}
    for plan in DayPlan.objects.filter(service_date=tomorrow, status=PlanStatus.PUBLISHED):
        for stop in _pickups(plan):
            channel = _send(PassengerMessage.Kind.REMINDER, "transport_trip_reminder", stop)
            if channel:
                counts[channel] = counts.get(channel, 0) + 1
    return counts


def to_call(plan: DayPlan) -> list:
    """Trips whose passenger the coordinator must phone (no text or email they accept)."""
    return list(PassengerMessage.objects.filter(trip__run_stops__run__plan=plan, channel="phone",
                                                trip__run_stops__kind="pickup").select_related("trip"))
