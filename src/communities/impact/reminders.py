"""Review reminders: each morning, the author of every signed-off or published assessment whose review date is within
``IMPACT_REVIEW_NOTICE_DAYS`` is emailed once for that review date.

Safe to run twice and on several workers: the reminder is claimed by a conditional update of ``reminded_for`` (the
review date it is for), and only the worker whose update changed the row sends the email. A new review date (after
a reassessment or an edit) earns a new reminder.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from communities.audit.services import Action as AuditAction
from communities.audit.services import record
from communities.core import notify

from .models import Assessment

logger = logging.getLogger(__name__)
JOB = "impact.review_reminders"
EMAIL = (
    "Impact assessment due for review: {title}",
    "The Equality and Poverty Impact Assessment \"{title}\" is due for review on {review_on}.\n\n"
    "Check its open actions and start a reassessment if the proposal has changed: {link}",
)


def send_review_reminders(today=None) -> dict:
    today = today or timezone.localdate()
    horizon = today + timedelta(days=settings.IMPACT_REVIEW_NOTICE_DAYS)
    due = Assessment.objects.review_due(horizon).exclude(reminded_for=F("review_on"))
    sent = 0
    for assessment in due.select_related("created_by"):
        claimed = Assessment.objects.filter(pk=assessment.pk).filter(
            Q(reminded_for__isnull=True) | ~Q(reminded_for=assessment.review_on)
        ).update(reminded_for=assessment.review_on)
        if not claimed:
            continue  # another worker sent it
        record(actor=None, action=AuditAction.UPDATE, obj=assessment, organisation=assessment.organisation,
               fields={"reminded_for": [None, assessment.review_on.isoformat()]}, reason=f"{JOB}: review reminder")
        author = assessment.created_by
        if author is None or not author.email:
            logger.warning("Impact assessment %s is due for review but has no author to remind", assessment.pk)
            continue
        link = settings.SITE_ROOT + reverse("impact:detail", kwargs={"epia_id": assessment.pk})
        notify.send_email(to=author.email, template="impact_review_due", reference=f"impact-review-{assessment.pk}",
                          personalisation={"title": assessment.title, "review_on": f"{assessment.review_on:%-d %B %Y}",
                                           "link": link})
        sent += 1
    return {"reminded": sent}

