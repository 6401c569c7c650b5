"""Read-only questions the pages ask: the coordinator's figures, lists of trips, drivers' compliance at a glance,
referrals waiting to become bookings."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from communities.referrals.models import Referral
from communities.referrals.models import Status as ReferralStatus

from .compliance import ComplianceBook
from .models import ComplianceItem, Driver, Status, Trip
from .models.scoping import manages_scheme


def home_figures(user) -> dict:
    trips = Trip.objects.visible_to(user)
    today = timezone.localdate()
    soon = today + timedelta(days=settings.TRANSPORT_CHASE_DAYS_AHEAD)
    checks = ComplianceItem.objects.visible_to(user).filter(expires_on__range=(today, soon))
    return {"waiting": trips.filter(status=Status.REQUESTED, service_date__gte=today).count(),
            "today": trips.filter(service_date=today).exclude(status__in=(Status.CANCELLED,
                                                                          Status.TURNED_AWAY)).count(),
            "expiring": checks.count()}


def trips_on(trips, day: date):
    return (trips.filter(service_date=day).select_related("passenger__person", "driver__user", "vehicle")
            .order_by("earliest_pickup"))


def driver_overview(organisation, on_date: date) -> list[dict]:
    """Each driver with their checks' state on ``on_date``: what blocks them for a health trip and a social trip."""
    from .compliance import regulated_purposes

    drivers = list(Driver.objects.filter(organisation=organisation).select_related("user")
                   .prefetch_related("vehicles"))
    book = ComplianceBook.load(organisation, on_date)
    health, social = Trip(purpose=sorted(regulated_purposes())[0]), Trip(purpose="social_group")
    rows = []
    for driver in drivers:
        vehicle = next(iter(driver.vehicles.all()), None)
        rows.append({"driver": driver, "vehicle": vehicle,
                     "health_blockers": book.blockers(driver, vehicle, health),
                     "social_blockers": book.blockers(driver, vehicle, social)})
    return rows


def referrals_for_transport(user):
    """Accepted referrals to the scheme, received by the user's organisation, not yet booked."""
    organisation = getattr(user, "current_organisation", None)
    if organisation is None or not manages_scheme(user):
        return Referral.objects.none()
    return (Referral.objects.filter(to_organisation=organisation, status=ReferralStatus.ACCEPTED,
                                    service_name__in=settings.TRANSPORT_REFERRAL_SERVICES)
            .filter(transport_trips__isnull=True).select_related("person").order_by("accepted_at"))


def referrals_waiting_count(user) -> int:
    """Referrals to the scheme not yet accepted (the person's record opens on acceptance)."""
    organisation = getattr(user, "current_organisation", None)
    if organisation is None or not manages_scheme(user):
        return 0
    return Referral.objects.filter(to_organisation=organisation, service_name__in=settings.TRANSPORT_REFERRAL_SERVICES,
                                   status__in=(ReferralStatus.NEW, ReferralStatus.SEEN)).count()


def driver_candidates(organisation) -> list:
    """Members with the volunteer driver role who are not yet drivers of the scheme."""
    from communities.organisations.models import Membership, Role

    members = (Membership.objects.active().filter(organisation=organisation, role=Role.DRIVER)
               .exclude(user__driver_records__organisation=organisation).select_related("user"))
    return [m.user for m in members]
