"""The engagement log (which may name people) is registered for retention and anonymisation; the rest is declared
not personal, with why; the retention job's rows are the log entries whose decision date is past the cutoff."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from communities.dataprotection import registry, schedule
from communities.impact.models import Assessment


@pytest.mark.django_db
def test_the_engagement_log_is_registered_and_expires_from_the_decision_date(make_assessment, officer):
    registration = registry.registration("impact.EngagementEntry")
    assert registration.subject is None and registration.record_type == "impact_engagement"
    assert schedule.record_type("impact_engagement").lawful_basis == "public_task"
    assert {"who", "said"} <= set(registration.anonymise)
    assessment = make_assessment()
    entry = assessment.engagement.create(held_on=timezone.localdate(), who="Mrs Jane Example", method="meeting",
                                         said="Named a neighbour", recorded_by=officer)
    cutoff = timezone.localdate()
    assert list(registration.pending(cutoff)) == []
    Assessment.objects.filter(pk=assessment.pk).update(decision_on=cutoff - timedelta(days=1))
    assert list(registration.pending(cutoff)) == [entry]
    assert set(registry.declared_not_personal()) >= {"impact.Assessment", "impact.Consideration", "impact.Action"}
