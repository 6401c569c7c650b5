"""The journey through the pages: an officer starts an assessment for two wards, assesses every group, adds an action
and the engagement, sends it for sign-off; an approver signs it off; the officer publishes; the public reads it and
downloads the PDF. And who may see what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from communities.impact.characteristics import characteristics
from communities.impact.models import Assessment, Status

NAME = "Mrs Jane Example"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return client


def _start(client, wards) -> Assessment:
    today = timezone.localdate()
    response = client.post(reverse("impact:create"), {
        "title": "Mobile library route", "kind": "service_change", "summary": "Fewer stops",
        "population": "Library users", "wards": [w.code for w in wards], "lsoa_codes": "",
        "decision_maker": "Cabinet", "decision_on": (today + timedelta(days=20)).isoformat(),
        "review_on": (today + timedelta(days=380)).isoformat()})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Assessment.objects.get(title="Mobile library route")


@pytest.mark.django_db
def test_an_officer_takes_an_assessment_from_start_to_publication(personas, two_wards):
    officer, approver = signed_in(personas["officer"]), signed_in(personas["approver"])
    assert officer.get(reverse("impact:create")).status_code == 200
    assessment = _start(officer, two_wards)
    page = officer.get(reverse("impact:detail", args=[assessment.pk])).content.decode()
    assert "Usual residents" in page and "No local data" in page and "TS021" in page
    assert page.count("Not assessed yet") == 12

    group = reverse("impact:consideration", args=[assessment.pk, "age"])
    refused = officer.post(group, {"impact": "negative", "impact_detail": "Longer walk", "aim_a": "None"})
    assert refused.status_code == 200 and "Say what will be done" in refused.content.decode()
    for c in characteristics():
        answers = {"impact": "neutral", "impact_detail": "Checked", "aim_a": "No discrimination found"}
        if c.code == "age":
            answers |= {"impact": "negative", "mitigation": "Home delivery"}
        response = officer.post(reverse("impact:consideration", args=[assessment.pk, c.code]), answers)
        assert response.status_code == 302, c.code
    today = timezone.localdate()
    assert officer.post(reverse("impact:action_add", args=[assessment.pk]), {
        "description": "Offer home delivery", "owner": "Library Services Manager",
        "due_on": (today + timedelta(days=30)).isoformat(), "characteristic": "age"}).status_code == 302
    assert officer.post(reverse("impact:engagement_add", args=[assessment.pk]), {
        "held_on": today.isoformat(), "who": NAME, "method": "meeting", "said": "Worried about the hill",
        "characteristic": "age"}).status_code == 302
    officer.post(reverse("impact:submit", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == Status.AWAITING_SIGN_OFF

    assert approver.get(reverse("impact:sign_off", args=[assessment.pk])).status_code == 200
    approver.post(reverse("impact:sign_off", args=[assessment.pk]), {"decision": "approve", "note": ""})
    officer.post(reverse("impact:publish", args=[assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.status == Status.PUBLISHED and assessment.signed_off_by == personas["approver"]

    public = Client()
    listed = public.get(reverse("impact:published_list")).content.decode()
    assert "Mobile library route" in listed
    page = public.get(reverse("impact:published", args=[assessment.pk])).content.decode()
    assert "Home delivery" in page and "Library Services Manager" in page and "Meeting or forum: 1 time" in page
    assert NAME not in page and "Worried about the hill" not in page
    pdf = public.get(reverse("impact:published_pdf", args=[assessment.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_the_public_sees_only_published_assessments(make_assessment):
    draft = make_assessment()
    public = Client()
    assert public.get(reverse("impact:published", args=[draft.pk])).status_code == 404
    assert public.get(reverse("impact:published_pdf", args=[draft.pk])).status_code == 404
    assert "Mobile library route" not in public.get(reverse("impact:published_list")).content.decode()


@pytest.mark.django_db
def test_analysts_and_councillors_read_but_do_not_write_or_see_the_engagement_log(personas, ready):
    from communities.impact import services

    from .conftest import acting

    officer = acting(personas["officer"], ready.organisation)
    services.sign_off(actor=acting(personas["approver"], ready.organisation), assessment=ready, approve=True,
                      note="")
    assert ready.status == Status.SIGNED_OFF
    ready.engagement.create(held_on=timezone.localdate(), who=NAME, method="meeting", said="Hill", recorded_by=officer)
    for persona in ("analyst", "councillor"):
        client = signed_in(personas[persona])
        page = client.get(reverse("impact:detail", args=[ready.pk]))
        assert page.status_code == 200 and NAME not in page.content.decode()
        assert "1 engagement entry" in page.content.decode()
        assert client.get(reverse("impact:create")).status_code == 403
        assert client.post(reverse("impact:publish", args=[ready.pk])).status_code == 403
    assert NAME in signed_in(personas["approver"]).get(reverse("impact:detail", args=[ready.pk])).content.decode()


@pytest.mark.django_db
def test_partners_and_outsiders_are_refused(personas, ready):
    for persona in ("worker", "outsider", "safety_partner"):
        client = signed_in(personas[persona])
        assert client.get(reverse("impact:register")).status_code == 403
        assert client.get(reverse("impact:detail", args=[ready.pk])).status_code == 403


@pytest.mark.django_db
def test_an_officer_cannot_sign_off_and_an_approver_cannot_sign_off_their_own(personas, ready):
    assert signed_in(personas["officer"]).get(reverse("impact:sign_off", args=[ready.pk])).status_code == 403
    Assessment.objects.filter(pk=ready.pk).update(created_by=personas["approver"])
    client = signed_in(personas["approver"])
    page = client.post(reverse("impact:sign_off", args=[ready.pk]), {"decision": "approve"}).content.decode()
    assert "another approver must sign it off" in page
    assert Assessment.objects.get(pk=ready.pk).status == Status.AWAITING_SIGN_OFF


@pytest.mark.django_db
def test_lsoa_codes_are_checked_and_named(personas):
    client = signed_in(personas["officer"])
    today = timezone.localdate()
    page = client.post(reverse("impact:create"), {
        "title": "Warm spaces", "kind": "policy", "summary": "Grants", "population": "Residents",
        "lsoa_codes": "E01012187, E0999, E01000001", "decision_maker": "Cabinet",
        "decision_on": (today + timedelta(days=20)).isoformat(),
        "review_on": (today + timedelta(days=380)).isoformat()}).content.decode()
    assert "E0999: an LSOA code is E01 followed by 6 numbers" in page


@pytest.mark.django_db
def test_the_register_filters_by_status_and_review_due(personas, ready, make_assessment):
    client = signed_in(personas["analyst"])
    make_assessment(title="Second proposal")
    page = client.get(reverse("impact:register") + "?show=awaiting_sign_off").content.decode()
    assert "Mobile library route" in page and "Second proposal" not in page
    assert "Mobile library route" not in client.get(reverse("impact:register") + "?show=review_due").content.decode()


@pytest.mark.django_db
def test_text_typed_into_an_assessment_is_shown_inert(personas, ready, approver, officer):
    from communities.impact import services

    from .conftest import acting

    ready.considerations.filter(characteristic="age").update(mitigation="<script>alert(1)</script>")
    services.sign_off(actor=acting(personas["approver"], ready.organisation), assessment=ready, approve=True)
    services.publish(actor=acting(personas["officer"], ready.organisation), assessment=ready)
    page = Client().get(reverse("impact:published", args=[ready.pk])).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
