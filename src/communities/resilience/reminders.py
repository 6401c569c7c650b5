"""The daily reminder that an entry's consent is due for review (issue 17: at least every 12 months). The resident
gets a text (or an email) once per review cycle, REMINDER_DAYS before the date; the registering organisation's
worker who made the entry gets an email listing their entries due. Safe to run twice: ``reminded_at`` is set."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core import notify

from .models import RegisterEntry

JOB = "resilience.review_reminders"

EMAIL = ("Emergency register entries due for review",
         "{count} emergency register entries you made are due for review by {due_by}. A review asks the resident "
         "again whether they want to stay on the register and what they need.\n\nSee them here: {link}")
SMS = ("{organisation}: you are on the emergency register until {due_on}. To stay on it, call us on {phone} or "
       "tell the worker who helped you register. If we do not hear from you, you will come off it.")


def due_for_reminder(today=None):
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.RESILIENCE_REMINDER_DAYS)
    not_this_cycle = today - timedelta(days=settings.RESILIENCE_REMINDER_DAYS)
    return (RegisterEntry.objects.current(today).filter(consent__expires_on__lte=horizon)
            .exclude(reminded_at__date__gt=not_this_cycle)
            .select_related("consent", "organisation", "registered_by", "person"))


def send_review_reminders(today=None) -> int:
    """Remind residents and workers of entries whose consent runs out within RESILIENCE_REMINDER_DAYS."""
    sent, by_worker = 0, defaultdict(list)
    now = timezone.now()
    for entry in due_for_reminder(today):
        with transaction.atomic():
            if entry.phone:
                notify.send_sms(to=entry.phone, template="resilience_review_due", reference=f"register-{entry.pk}",
                                personalisation={"organisation": entry.organisation.name,
                                                 "due_on": f"{entry.consent.expires_on:%-d %B %Y}",
                                                 "phone": settings.RESILIENCE_REGISTER_PHONE})
            entry.reminded_at = now
            entry.save(update_fields=["reminded_at"])
            record(actor=None, action=Action.UPDATE, obj=entry, reason=JOB, organisation=entry.organisation,
                   fields={"reminded_at": now.isoformat(), "review_due_on": entry.consent.expires_on.isoformat(),
                           "texted": bool(entry.phone)})
        by_worker[entry.registered_by].append(entry)
        sent += 1
    for worker, entries in by_worker.items():
        if worker.is_active and worker.email:
            notify.send_email(to=worker.email, template="resilience_reviews_due", reference=f"register-due-{worker.pk}",
                              personalisation={"count": len(entries),
                                               "due_by": f"{max(e.consent.expires_on for e in entries):%-d %B %Y}",
                                               "link": settings.SITE_ROOT + reverse("resilience:register") + "?due=1"})
    return sent
