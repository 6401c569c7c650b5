"""Community action and co-production: events whose sign-ups pass the role's gate, bounded risk assessment upload,
outcomes, residents' ideas with the log of who proposed, discussed and decided."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from communities.volunteering.models import CommunityGroup, IdeaLogEntry
from communities.volunteering.services import community as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(organiser, partner, litter_pick):
    group = CommunityGroup.objects.create(organisation=partner, name="Friends of Ropner Park")
    start = timezone.now() + timedelta(days=5)
    return services.create_event(actor=organiser, group=group, role=litter_pick, kind="litter_pick",
                                 starts_at=start, ends_at=start + timedelta(hours=2), meeting_point="Park gates",
                                 kit="Gloves and pickers")


def test_risk_assessment_must_be_a_small_real_pdf_or_office_file(organiser, event):
    with pytest.raises(ValidationError, match="must be a PDF"):
        services.attach_risk_assessment(actor=organiser, event=event,
                                        upload=SimpleUploadedFile("risk.exe", b"MZ..."))
    with pytest.raises(ValidationError, match="not really a .pdf"):
        services.attach_risk_assessment(actor=organiser, event=event,
                                        upload=SimpleUploadedFile("risk.pdf", b"<html>"))
    big = SimpleUploadedFile("risk.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024))
    with pytest.raises(ValidationError, match="5 MB or smaller"):
        services.attach_risk_assessment(actor=organiser, event=event, upload=big)


def test_risk_assessment_page_upload_and_download(client_for, event, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client = client_for("volunteer_coordinator")
    url = reverse("volunteering:event", kwargs={"vol_event_id": event.pk})
    client.post(url, {"risk-risk_assessment": SimpleUploadedFile("Park risk.pdf", b"%PDF-1.7 sample")})
    event.refresh_from_db()
    assert event.risk_assessment_name == "Park risk.pdf"
    download = client.get(reverse("volunteering:event_risk_assessment", kwargs={"vol_event_id": event.pk}))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert client_for("outsider").get(url).status_code == 404


def test_outcomes_only_after_the_start_and_within_bounds(organiser, event):
    with pytest.raises(ValidationError, match="after the event has started"):
        services.record_outcomes(actor=organiser, event=event, bags_collected=3)
    event.session.starts_at = timezone.now() - timedelta(hours=1)
    event.session.save()
    with pytest.raises(ValidationError) as refused:
        services.record_outcomes(actor=organiser, event=event, bags_collected=-1, area_covered_m2=10**9)
    assert set(refused.value.message_dict) == {"bags_collected", "area_covered_m2"}
    services.record_outcomes(actor=organiser, event=event, bags_collected=12, area_covered_m2=4000,
                             volunteers_attended=9)
    event.refresh_from_db()
    assert (event.bags_collected, event.outcomes_recorded_by) == (12, organiser)


def test_public_community_page_shows_upcoming_and_outcomes(client, event):
    page = client.get(reverse("volunteering:community")).content.decode()
    assert "Friends of Ropner Park" in page and "Park gates" in page


def test_an_idea_goes_from_proposed_to_decided_with_who_at_each_step(client, client_for, resident, personas):
    client.force_login(resident.user)
    response = client.post(reverse("volunteering:ideas"), {"title": "Planters on Dovecot Street",
                                                            "description": "Flowers would cheer it up",
                                                            "postcode": "TS18 1AA"})
    idea_url = response["Location"]
    councillor = client_for("councillor")
    log_url = idea_url + "log/"
    councillor.post(log_url, {"stage": "discussed", "note": "Residents' meeting liked it",
                              "by_description": "Residents' meeting at the library"})
    councillor.post(log_url, {"stage": "decided", "note": "Agreed with the friends group",
                              "by_description": "Ward councillors"})
    stages = list(IdeaLogEntry.objects.values_list("stage", "by_description"))
    assert stages == [("proposed", "Resident who proposed it"), ("discussed", "Residents' meeting at the library"),
                      ("decided", "Ward councillors")]
    again = councillor.post(log_url, {"stage": "discussed", "note": "More", "by_description": "Someone"})
    assert "already been decided" in again.content.decode()
    client.force_login(resident.user)
    page = client.get(idea_url).content.decode()
    assert "Ward councillors" in page and "Record a discussion" not in page
    assert client.get(log_url).status_code in (302, 403)  # residents propose; they do not log decisions
