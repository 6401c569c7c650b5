"""The referral pages: three clicks from Find help or a person's page, one referral per form, the receiving side's
view, the dashboard, the funnel and the FHIR export; who may see what."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.people.models import Consent
from communities.referrals.models import Referral, Status, StatusChange

pytestmark = pytest.mark.django_db


def form_data(page, **extra) -> dict:
    token = re.search(r'name="token" value="([0-9a-f-]+)"', page.content.decode()).group(1)
    data = {"token": token, "what_matters": "Meeting people again", "safeguarding_concern": "no",
            "shared_phone": "07700 900123"}
    return {**data, **extra}


def test_three_clicks_from_a_find_help_listing(client_for, service, resident, consent):
    client = client_for("officer")
    client.get(reverse("people:detail", args=[resident.pk]))  # she was looked at today, so she is in "recent"
    listing = client.get(reverse("findhelp:service", args=[service.pk])).content.decode()
    choose = reverse("referrals:choose_person", args=[service.pk])
    assert choose in listing  # click 1: "Refer someone to this service"
    page = client.get(choose).content.decode()
    confirm = reverse("referrals:confirm", args=[service.pk, resident.pk])
    assert confirm in page  # click 2: the person, among the people recently looked at
    form = client.get(confirm)
    assert f'value="{consent.pk}" checked' in form.content.decode()  # the one current consent is chosen already
    response = client.post(confirm, form_data(form, consent=str(consent.pk)))  # click 3: Send
    referral = Referral.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert referral.what_matters == "Meeting people again" and referral.consent == consent


def test_the_listing_link_shows_only_to_members_who_may_refer(client, client_for, service):
    choose = reverse("referrals:choose_person", args=[service.pk])
    assert choose not in client.get(reverse("findhelp:service", args=[service.pk])).content.decode()
    assert choose not in client_for("volunteer").get(reverse("findhelp:service", args=[service.pk])).content.decode()


def test_from_a_person_page_pick_a_service_and_send(client_for, service, resident, consent):
    client = client_for("officer")
    page = client.get(reverse("referrals:choose_service", args=[resident.pk]), {"q": "friendship"})
    confirm = reverse("referrals:confirm", args=[service.pk, resident.pk])
    assert confirm in page.content.decode()
    response = client.post(confirm, form_data(client.get(confirm), consent=str(consent.pk)))
    assert response.status_code == 302 and Referral.objects.count() == 1


def test_a_double_click_or_retry_makes_one_referral(client_for, service, resident, consent):
    client = client_for("officer")
    confirm = reverse("referrals:confirm", args=[service.pk, resident.pk])
    data = form_data(client.get(confirm), consent=str(consent.pk))
    first, second = client.post(confirm, data), client.post(confirm, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Referral.objects.count() == 1 and StatusChange.objects.count() == 1


def test_consent_given_now_on_the_form(client_for, service, resident, partner):
    from communities.people.models import Involvement

    Involvement.objects.create(person=resident, organisation=partner, reason="befriending")
    client = client_for("worker")
    confirm = reverse("referrals:confirm", args=[service.pk, resident.pk])
    page = client.get(confirm)
    assert "No current consent to a referral is recorded" in page.content.decode()
    refused = client.post(confirm, form_data(page, consent="new"))
    assert "Select how they agreed to the referral" in refused.content.decode() and not Consent.objects.exists()
    assert client.post(confirm, form_data(page, consent="new", how_given="verbal_phone")).status_code == 302
    assert Referral.objects.get().consent == Consent.objects.get()


@pytest.mark.parametrize(("changes", "message"), [
    ({"consent": ""}, "Select the person’s consent to this referral"),
    ({"what_matters": ""}, "Enter what matters to the person, in their own words"),
    ({"safeguarding_concern": ""}, "Select yes if you have a safeguarding concern"),
    ({"safeguarding_concern": "yes"}, "Say what the safeguarding concern is"),
    ({"token": "not-a-token"}, "This form has expired"),
])
def test_bad_input_gets_a_clear_error_and_writes_nothing(client_for, service, resident, consent, changes, message):
    client = client_for("officer")
    confirm = reverse("referrals:confirm", args=[service.pk, resident.pk])
    data = {**form_data(client.get(confirm), consent=str(consent.pk)), **changes}
    response = client.post(confirm, data)
    assert response.status_code == 200 and message in response.content.decode()
    assert "govuk-error-summary" in response.content.decode() and not Referral.objects.exists()


def test_unknown_service_or_person_is_404_and_writes_nothing(client_for, resident, consent, service):
    client = client_for("officer")
    unknown = reverse("referrals:confirm", args=[uuid.uuid4(), resident.pk])
    assert client.get(unknown).status_code == 404
    assert client.post(unknown, {"token": str(uuid.uuid4())}).status_code == 404
    assert client.get(reverse("referrals:confirm", args=[service.pk, uuid.uuid4()])).status_code == 404
    assert not Referral.objects.exists()


def test_the_receiving_side_sees_only_what_the_referral_shares_until_it_accepts(client_for, send, resident):
    referral = send()
    client = client_for("worker")
    page = client.get(reverse("referrals:detail", args=[referral.pk])).content.decode()
    assert "Casey Sampleton" in page and "I want to get out and meet people" in page
    assert "Private note for the council" not in page
    assert reverse("people:detail", args=[resident.pk]) not in page
    assert client.get(reverse("people:detail", args=[resident.pk])).status_code == 404
    assert Referral.objects.get().status == Status.SEEN  # opening it marked it seen
    assert AuditEvent.objects.filter(object_type="referrals.Referral", object_id=str(referral.pk),
                                     action="view").exists()
    response = client.post(reverse("referrals:respond", args=[referral.pk]),
                           {"from_status": "seen", "to_status": "accepted", "support_offered": "Tuesday group"})
    assert response.status_code == 302
    assert reverse("people:detail", args=[resident.pk]) in client.get(response["Location"]).content.decode()
    assert client.get(reverse("people:detail", args=[resident.pk])).status_code == 200


def test_a_stale_answer_is_refused_with_the_reason(client_for, send):
    referral = send()
    client = client_for("worker")
    respond = reverse("referrals:respond", args=[referral.pk])
    client.post(respond, {"from_status": "new", "to_status": "accepted"})
    stale = client.post(respond, {"from_status": "new", "to_status": "declined", "decline_reason": "no_capacity"})
    assert stale.status_code == 400 and "Someone has already changed this referral" in stale.content.decode()


def test_outsider_and_unassigned_volunteer_cannot_reach_a_referral(client_for, send, service, resident):
    referral = send()
    for persona in ("outsider", "volunteer", "volunteer_assigned", "driver"):
        client = client_for(persona)
        assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code in (403, 404), persona
        assert client.get(reverse("referrals:fhir", args=[referral.pk])).status_code in (403, 404), persona
        assert client.get(reverse("referrals:confirm", args=[service.pk, resident.pk])).status_code in (403, 404)
    dashboard = client_for("outsider").get(reverse("referrals:dashboard")).content.decode()
    assert referral.reference not in dashboard


def test_dashboard_shows_each_service_and_the_overdue_list(client_for, send, service):
    from datetime import timedelta

    from django.utils import timezone

    late = send()
    Referral.objects.filter(pk=late.pk).update(respond_by=timezone.now() - timedelta(days=1))
    send()
    page = client_for("worker").get(reverse("referrals:dashboard")).content.decode()
    assert service.name in page and late.reference in page and "Overdue" in page
    assert AuditEvent.objects.filter(action="view", object_type="people.Person",
                                     fields__where="referrals dashboard").exists()


def test_response_target_page(client_for, service):
    client = client_for("worker")  # a VCSE worker may not set targets; the organisation's administrator may
    assert client.get(reverse("referrals:target", args=[service.pk])).status_code == 403


def test_funnel_counts_and_refuses_bad_dates(client_for, send, personas, partner):
    from .conftest import acting

    referral = send()
    send()
    from communities.referrals import services

    worker = acting(personas["worker"], partner)
    services.change_status(actor=worker, referral=referral, to_status="accepted", from_status="new")
    services.change_status(actor=worker, referral=Referral.objects.get(pk=referral.pk), to_status="completed",
                           from_status="accepted", outcome="met")
    client = client_for("analyst")
    page = client.get(reverse("referrals:funnel"), {"by": "decile"}).content.decode()
    assert "All referrals" in page and "50%" in page
    bad = client.get(reverse("referrals:funnel"), {"start_day": "31", "start_month": "2", "start_year": "2026"})
    assert "Referred from must be a real date" in bad.content.decode()
    reversed_dates = client.get(reverse("referrals:funnel"), {"start": "2026-12-01", "end": "2026-11-01"})
    assert "The end date must be on or after the start date" in reversed_dates.content.decode()
    assert client_for("worker").get(reverse("referrals:funnel")).status_code == 403


def test_fhir_export_is_a_download_and_audited(client_for, send):
    referral = send()
    response = client_for("officer").get(reverse("referrals:fhir", args=[referral.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/fhir+json"
    assert AuditEvent.objects.filter(action="export", object_id=str(referral.pk)).exists()



def test_the_person_page_offers_refer_to_those_who_may(client_for, personas, resident, partner):
    from datetime import timedelta

    from django.utils import timezone

    from communities.people.models import Assignment, Involvement

    choose = reverse("referrals:choose_service", args=[resident.pk])
    assert choose in client_for("officer").get(reverse("people:detail", args=[resident.pk])).content.decode()
    Involvement.objects.create(person=resident, organisation=partner, reason="befriending")
    Assignment.objects.create(person=resident, user=personas["volunteer_assigned"], organisation=partner,
                              kind="befriending", reason="Visit", ends_at=timezone.now() + timedelta(days=1))
    page = client_for("volunteer_assigned").get(reverse("people:detail", args=[resident.pk]))
    assert page.status_code == 200 and choose not in page.content.decode()


def test_refer_to_an_organisation_directly(client_for, resident, consent, partner):
    client = client_for("officer")
    page = client.get(reverse("referrals:choose_service", args=[resident.pk]), {"q": "pantry"}).content.decode()
    confirm = reverse("referrals:confirm_organisation", args=[partner.pk, resident.pk])
    assert confirm in page
    response = client.post(confirm, form_data(client.get(confirm), consent=str(consent.pk)))
    referral = Referral.objects.get()
    assert response.status_code == 302 and referral.to_organisation == partner and referral.service is None
    assert referral.service_name == "Partner Pantry"
    inactive = reverse("referrals:confirm_organisation", args=[uuid.uuid4(), resident.pk])
    assert client.get(inactive).status_code == 404
