"""The journey: a resident registers, finds a litter pick near TS18, signs up, logs hours; the organiser approves
them; the certificate shows them. Also: least privilege between volunteers and between organisations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.volunteering.models import HoursLog, SessionSignup, Volunteer

from ..conftest import PASSWORD
from .conftest import session_for


@pytest.mark.django_db
def test_resident_finds_a_litter_pick_signs_up_and_logs_hours_the_organiser_approves(client, client_for,
                                                                                   litter_pick):
    session = session_for(litter_pick)
    response = client.post(reverse("volunteering:register"), {
        "first_name": "Rita", "last_name": "Resident", "email": "rita@example.org", "password": PASSWORD,
        "postcode": "TS18 1AA", "date_of_birth": "1990-01-01"})
    assert response.status_code == 302 and response["Location"] == reverse("volunteering:mine")
    volunteer = Volunteer.objects.get(email="rita@example.org")
    assert volunteer.ward is not None and not volunteer.user.memberships.exists()
    # A resident's account reaches their pages without a second factor (their role touches no personal data).
    assert client.get(reverse("volunteering:mine")).status_code == 200

    found = client.get(reverse("volunteering:opportunities"), {"postcode": "TS18 1AA", "within": "3"})
    assert "Litter picker" in found.content.decode()
    far = client.get(reverse("volunteering:opportunities"), {"postcode": "TS17 6BX", "within": "1",
                                                             "cause": "environment"})
    assert far.status_code == 200

    page = client.get(reverse("volunteering:role", kwargs={"vol_role_id": litter_pick.pk}))
    assert reverse("volunteering:sign_up", kwargs={"vol_session_id": session.pk}) in page.content.decode()
    client.post(reverse("volunteering:sign_up", kwargs={"vol_session_id": session.pk}))
    assert SessionSignup.objects.filter(volunteer=volunteer, session=session).exists()

    response = client.post(reverse("volunteering:log_hours"), {
        "role": str(litter_pick.pk), "on_date": timezone.localdate().isoformat(), "hours": "2.5", "note": "High St"})
    assert response.status_code == 302
    entry = HoursLog.objects.get(volunteer=volunteer)
    assert entry.status == "pending"

    organiser = client_for("volunteer_coordinator")
    assert "2.50" in organiser.get(reverse("volunteering:organiser_home")).content.decode()
    organiser.post(reverse("volunteering:hours_decide", kwargs={"vol_hours_id": entry.pk}), {"decision": "approve"})
    entry.refresh_from_db()
    assert entry.status == "approved"
    assert AuditEvent.objects.filter(object_id=str(entry.pk), action="update").exists()

    client.force_login(volunteer.user)
    certificate = client.get(reverse("volunteering:certificate")).content.decode()
    assert "2.50 hours" in certificate and "Litter picker" in certificate
    pdf = client.get(reverse("volunteering:certificate_pdf"))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


@pytest.mark.django_db
def test_hours_cannot_be_logged_for_a_role_the_volunteer_does_not_take_part_in(resident, litter_pick):
    from django.core.exceptions import ValidationError

    from communities.volunteering.services.hours import log_hours

    with pytest.raises(ValidationError) as refused:
        log_hours(actor=resident.user, volunteer=resident, role=litter_pick, on_date=timezone.localdate(), hours=2)
    assert "role" in refused.value.message_dict
    session = session_for(litter_pick)
    SessionSignup.objects.create(session=session, volunteer=resident, signed_up_by=resident.user)
    with pytest.raises(ValidationError) as refused:
        log_hours(actor=resident.user, volunteer=resident, role=litter_pick,
                  on_date=timezone.localdate() + timedelta(days=1), hours=25)
    assert set(refused.value.message_dict) == {"hours", "on_date"}


@pytest.mark.django_db
def test_organisers_see_only_their_organisations_hours_and_volunteers(client_for, resident, litter_pick):
    session = session_for(litter_pick)
    SessionSignup.objects.create(session=session, volunteer=resident, signed_up_by=resident.user)
    entry = HoursLog.objects.create(volunteer=resident, role=litter_pick, on_date=timezone.localdate(), hours=1)
    from communities.volunteering.models import Application

    Application.objects.create(volunteer=resident, role=litter_pick)
    outsider = client_for("outsider")  # a VCSE worker of another organisation
    assert outsider.post(reverse("volunteering:hours_decide", kwargs={"vol_hours_id": entry.pk}),
                         {"decision": "approve"}).status_code == 404
    assert outsider.get(reverse("volunteering:volunteer", kwargs={"vol_volunteer_id": resident.pk})).status_code == 404
    worker = client_for("worker")  # the partner's VCSE worker organises for it
    assert worker.get(reverse("volunteering:volunteer", kwargs={"vol_volunteer_id": resident.pk})).status_code == 200
    assert AuditEvent.objects.filter(object_id=str(resident.pk), action="view").exists()


@pytest.mark.django_db
def test_a_volunteer_sees_only_their_own_sign_ups(client, resident, litter_pick):
    from communities.accounts.models import User

    session = session_for(litter_pick)
    other = Volunteer.objects.create(user=User.objects.create_user(email="o@example.org", password=PASSWORD),
                                     first_name="Other", last_name="Person")
    theirs = SessionSignup.objects.create(session=session, volunteer=other, signed_up_by=other.user)
    client.force_login(resident.user)
    assert client.post(reverse("volunteering:cancel_signup", kwargs={"vol_signup_id": theirs.pk})).status_code == 404
    assert "Other Person" not in client.get(reverse("volunteering:mine")).content.decode()
    # Organiser pages are not for residents: not marked open to residents, so a second factor comes first.
    assert client.get(reverse("volunteering:organiser_home"))["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_staff_pages_still_need_a_second_factor_for_residents_in_personal_data_roles(client, resident, litter_pick):
    from communities.volunteering.models import Application

    client.force_login(resident.user)
    assert client.get(reverse("volunteering:mine")).status_code == 200
    litter_pick.touches_personal_data = True
    litter_pick.save()
    Application.objects.create(volunteer=resident, role=litter_pick, status="approved")
    response = client.get(reverse("volunteering:mine"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.django_db
def test_registration_is_rate_limited_per_address(client):
    from communities.volunteering.views.public import REGISTRATIONS_PER_HOUR

    for n in range(REGISTRATIONS_PER_HOUR + 1):
        response = client.post(reverse("volunteering:register"), {
            "first_name": "Spam", "last_name": f"Bot{n}", "email": f"bot{n}@example.org", "password": PASSWORD})
        client.logout()
    assert response.status_code == 200 and "Too many accounts" in response.content.decode()
    assert Volunteer.objects.count() == REGISTRATIONS_PER_HOUR


@pytest.mark.django_db
def test_members_of_an_organisation_still_need_a_second_factor_on_residents_pages(client, partner):
    from communities.organisations.models import Membership

    from ..conftest import make_user

    member = make_user("no-second-factor@example.org", mfa=False)
    Membership.objects.create(user=member, organisation=partner, role="vcse_worker")
    client.force_login(member)
    assert client.get(reverse("volunteering:mine"))["Location"] == reverse("mfa_activate_totp")
