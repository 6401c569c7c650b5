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
