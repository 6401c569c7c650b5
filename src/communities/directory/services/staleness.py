"""Listings nobody has checked within DIRECTORY_ASSURANCE_DAYS: the dashboard figure and the chaser."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.notify import send_email
from communities.organisations.models import Membership, Role

from ..models import Chase, Service

JOB = "directory chase_stale_listings job"
# Its name in settings.PERIODIC_TASKS: the worker runs it daily (core/periodic.py).
PERIODIC = "directory.chase_stale_listings"


def assurance_days() -> int:
    return settings.DIRECTORY_ASSURANCE_DAYS


def cutoff(today: date | None = None) -> date:
    return (today or timezone.localdate()) - timedelta(days=assurance_days())


def stale_services(today: date | None = None):
    return Service.objects.listed().not_assured_since(cutoff(today)).select_related("organization")


def stale_figure(request) -> str:
    count = stale_services().count()
    return f"{count:,} listing{'s' if count != 1 else ''} need checking"


def recipients(service: Service) -> list[str]:
    emails = set()
    if service.assurer_email:
        emails.add(service.assurer_email)
    organisation = service.organization
    if organisation.email:
        emails.add(organisation.email)
    if organisation.platform_organisation_id:
        emails.update(
            Membership.objects.active()
            .filter(organisation_id=organisation.platform_organisation_id, role=Role.VCSE_WORKER)
            .values_list("user__email", flat=True)
        )
    return sorted(emails)


def chase_stale_listings(today: date | None = None) -> dict:
    """Email the people responsible for each stale listing once per assurance cycle. Safe to run twice: the second
    run finds every chase already claimed (unique service + cycle) and sends nothing."""
    sent = skipped = nobody = 0
    for service in stale_services(today).iterator():
        cycle = service.assured_date.isoformat() if service.assured_date else "never"
        to = recipients(service)
        try:
            with transaction.atomic():
                chase = Chase.objects.create(service=service, cycle=cycle, sent_to=", ".join(to))
                record(actor=None, action=Action.CREATE, obj=chase, reason=JOB,
                       fields={"service": str(service.pk), "cycle": cycle, "recipients": len(to)})
        except IntegrityError:
            skipped += 1
            continue
        if not to:
            nobody += 1
            continue
        link = settings.SITE_ROOT + reverse("directory:service_edit", kwargs={"service_id": service.pk})
        last = service.assured_date.strftime("%-d %B %Y") if service.assured_date else "never"
        for email in to:
            send_email(to=email, template="directory_chase",
                       personalisation={"service": service.name, "last_checked": last, "link": link})
        sent += 1
    return {"chased": sent, "already_chased": skipped, "no_recipient": nobody}


def send_reminders_now(*, actor, request=None):
    """A directory editor's "Send reminders now": the daily chase started at once, at most once a day (a second press
    the same day starts nothing). Each listing still gets one reminder per cycle, so nobody is emailed twice.
    Returns the run started, or None if today's was already started."""
    from communities.core import periodic

    due = stale_services().count()

    def audit(run):
        record(actor=actor, action=Action.CREATE, object_type="core.PeriodicRun", object_id=str(run.pk) if run else "",
               request=request, fields={"task": PERIODIC, "started": run is not None, "due": due},
               reason="Send reminders now (directory editor)" if run else
               "Send reminders now (directory editor): already started today, nothing sent")

    return periodic.run_now(PERIODIC, audit=audit)


def chase_time() -> str:
    """When the worker sends the day's reminders (settings.PERIODIC_TASKS), for the freshness page."""
    from communities.core import periodic

    daily = periodic.by_name(PERIODIC).daily_at
    return daily.strftime("%H:%M") if daily else ""


def last_chase_run():
    """The latest run of the chase, scheduled or started by an editor (for the freshness page)."""
    from communities.core import periodic

    return periodic.last_run(PERIODIC)
