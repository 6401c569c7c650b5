"""A volunteer without a valid DBS check cannot be put on a DBS-gated role by any route: their own application,
an organiser approving them, their own sign-up page, an organiser adding them to a list, or the service itself."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.accounts.mfa import activate_totp_with_secret
from communities.volunteering.models import Application, SessionSignup, VolunteerCheck
from communities.volunteering.services import opportunities as services
from communities.volunteering.services.opportunities import RequirementsNotMet

from ..conftest import TEST_TOTP_SECRET
from .conftest import session_for


@pytest.fixture
def gated(befriender):
    befriender.apply_first = False  # so the sign-up routes reach the requirement gate itself
    befriender.save()
    return session_for(befriender)


def qualify(volunteer, organiser, *, dbs="dbs_enhanced_barred_adults", expires=None):
    today = timezone.localdate()
    VolunteerCheck.objects.create(volunteer=volunteer, kind=dbs, issued_on=today - timedelta(days=10),
                                  expires_on=expires, verified_by=organiser)
    VolunteerCheck.objects.create(volunteer=volunteer, kind="training", detail="Safeguarding adults",
                                  issued_on=today - timedelta(days=10), verified_by=organiser)


@pytest.mark.django_db
def test_service_refuses_sign_up_without_dbs(resident, gated):
    with pytest.raises(RequirementsNotMet) as refused:
        services.sign_up(actor=resident.user, volunteer=resident, session=gated)
    assert any("DBS" in reason for reason in refused.value.reasons)
    assert not SessionSignup.objects.exists()


@pytest.mark.django_db
def test_service_refuses_when_the_check_expires_before_the_session(resident, organiser, gated):
    qualify(resident, organiser, expires=timezone.localdate() + timedelta(days=1))  # session is in 3 days
    with pytest.raises(RequirementsNotMet):
        services.sign_up(actor=resident.user, volunteer=resident, session=gated)


@pytest.mark.django_db
def test_a_lower_dbs_level_is_refused(resident, organiser, gated):
    qualify(resident, organiser, dbs="dbs_standard")
    with pytest.raises(RequirementsNotMet):
        services.sign_up(actor=resident.user, volunteer=resident, session=gated)


@pytest.mark.django_db
def test_qualified_volunteer_signs_up(resident, organiser, gated):
    qualify(resident, organiser)
    signup = services.sign_up(actor=resident.user, volunteer=resident, session=gated)
    assert signup.session == gated


@pytest.mark.django_db
def test_own_page_route_refuses(client, resident, gated):
    client.force_login(resident.user)
    response = client.post(reverse("volunteering:sign_up", kwargs={"vol_session_id": gated.pk}), follow=True)
    assert response.status_code == 200
    assert "DBS check" in response.content.decode()
    assert not SessionSignup.objects.exists()


@pytest.mark.django_db
def test_organiser_route_refuses(client_for, resident, gated):
    client = client_for("volunteer_coordinator")
    response = client.post(reverse("volunteering:signup_add", kwargs={"vol_session_id": gated.pk}),
                           {"email": resident.user.email})
    assert response.status_code == 200
    assert "DBS check" in response.content.decode()
    assert not SessionSignup.objects.exists()


@pytest.mark.django_db
def test_apply_route_refuses_and_approval_is_refused(client, organiser, resident, befriender):
    client.force_login(resident.user)
    response = client.post(reverse("volunteering:apply", kwargs={"vol_role_id": befriender.pk}), {"message": ""})
    assert response.status_code == 200 and "DBS check" in response.content.decode()
    assert not Application.objects.exists()
    # An application made while qualified cannot be approved once the check no longer counts.
    application = Application.objects.create(volunteer=resident, role=befriender)
    with pytest.raises(RequirementsNotMet):
        services.decide_application(actor=organiser, application=application, approve=True)
    application.refresh_from_db()
    assert application.status == "applied"


@pytest.mark.django_db
def test_apply_first_roles_need_an_approved_application(resident, organiser, befriender):
    session = session_for(befriender)
    qualify(resident, organiser)
    with pytest.raises(Exception, match="Apply for this role first"):
        services.sign_up(actor=resident.user, volunteer=resident, session=session)
    application = services.apply(actor=resident.user, volunteer=resident, role=befriender)
    services.decide_application(actor=organiser, application=application, approve=True)
    assert services.sign_up(actor=resident.user, volunteer=resident, session=session)


@pytest.mark.django_db
def test_personal_data_roles_need_a_second_factor(resident, organiser, litter_pick):
    litter_pick.touches_personal_data = True
    litter_pick.save()
    session = session_for(litter_pick)
    with pytest.raises(RequirementsNotMet, match="second factor"):
        services.sign_up(actor=resident.user, volunteer=resident, session=session)
    activate_totp_with_secret(resident.user, TEST_TOTP_SECRET)
    assert services.sign_up(actor=resident.user, volunteer=resident, session=session)


@pytest.mark.django_db
def test_someone_else_cannot_sign_a_volunteer_up(resident, personas, litter_pick):
    from .conftest import acting

    session = session_for(litter_pick)
    outsider = acting(personas["outsider"])  # organises for another organisation
    with pytest.raises(Exception, match="only yourself"):
        services.sign_up(actor=outsider, volunteer=resident, session=session)


@pytest.mark.django_db
def test_full_and_past_sessions_are_refused(resident, personas, litter_pick):
    from communities.accounts.models import User
    from communities.volunteering.models import Volunteer

    session = session_for(litter_pick)
    session.places = 1
    session.save()
    services.sign_up(actor=resident.user, volunteer=resident, session=session)
    other = Volunteer.objects.create(user=User.objects.create_user(email="o@example.org", password="x" * 20),
                                     first_name="O", last_name="Ther")
    with pytest.raises(Exception, match="full"):
        services.sign_up(actor=other.user, volunteer=other, session=session)
    past = session_for(litter_pick, days=-1)
    with pytest.raises(Exception, match="already started"):
        services.sign_up(actor=other.user, volunteer=other, session=past)
