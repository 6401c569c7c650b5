"""Review reminders: once per review date, however many times or workers run the task."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.core import notify
from communities.impact import services
from communities.impact.models import Assessment
from communities.impact.reminders import send_review_reminders


@pytest.mark.django_db
def test_the_author_is_reminded_once_per_review_date(ready, approver, officer, settings):
    services.sign_off(actor=approver, assessment=ready, approve=True)
    today = timezone.localdate()
    assert send_review_reminders(today) == {"reminded": 0}  # a year away
    Assessment.objects.filter(pk=ready.pk).update(review_on=today + timedelta(days=settings.IMPACT_REVIEW_NOTICE_DAYS))
    assert send_review_reminders(today) == {"reminded": 1}
    assert send_review_reminders(today) == {"reminded": 0}
    [message] = notify.outbox
    assert message.to == officer.email and "Mobile library route" in message.subject
    assert f"/impact-assessments/{ready.pk}/" in message.body
    Assessment.objects.filter(pk=ready.pk).update(review_on=today + timedelta(days=3))
    assert send_review_reminders(today) == {"reminded": 1}


@pytest.mark.django_db
def test_drafts_are_not_reminded(make_assessment):
    assessment = make_assessment()
    Assessment.objects.filter(pk=assessment.pk).update(review_on=timezone.localdate())
    assert send_review_reminders() == {"reminded": 0}
