"""The demo borough has three impact assessments at different stages, one published for two wards."""

from __future__ import annotations

import pytest
from django.db import transaction

from communities.impact.models import Assessment, Status


@pytest.mark.django_db
def test_demo_borough_has_assessments_draft_awaiting_sign_off_and_published(settings):
    from communities.demo.generator import generate

    settings.DEMO_EXTENSIONS = ["communities.impact.demo.add_assessments"]
    with transaction.atomic():
        generate(seed=7, residents=400, council_code="E06000004")
        stages = {a.status: a for a in Assessment.objects.prefetch_related("wards", "actions")}
        published = stages.get(Status.PUBLISHED)
        wards = published.wards.count() if published else 0
        published_ok = bool(published and published.signed_off_by and published.actions.exists()
                            and published.engagement.exists())
        groups_done = published and not published.considerations.filter(impact="").exists()
        transaction.set_rollback(True)
    assert set(stages) == {Status.DRAFT, Status.AWAITING_SIGN_OFF, Status.PUBLISHED}
    assert wards == 2 and published_ok and groups_done
