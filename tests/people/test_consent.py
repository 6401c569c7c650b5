"""Consent records: purpose, lawful basis, how and when given, withdrawal; each change audited; scoped reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.organisations.services import current_membership_state
from communities.people.models import Consent, Involvement, Person
from communities.people.services import record_consent, withdraw_consent

pytestmark = pytest.mark.django_db


def acting(user, organisation):
    user.current_organisation, user.current_roles = current_membership_state(user, str(organisation.pk))
    return user


@pytest.fixture
def resident(council):
    person = Person.objects.create(first_name="Casey", last_name="Sampleton", date_of_birth=date(1950, 3, 27))
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    return person


def give(person, organisation, by, **overrides):
    values = {"person": person, "purpose": "referral", "lawful_basis": "consent", "how_given": "verbal_phone",
                  "given_at": timezone.now() - timedelta(hours=1), "organisation": organisation, "by": by}
    return record_consent(**{**values, **overrides})


def test_recording_consent_writes_the_record_and_its_audit_row(personas, council, resident):
    officer = acting(personas["officer"], council)
    consent = give(resident, council, officer, special_category_condition="health_social_care",
                   purpose_detail="Stockton Foodbank")
    assert consent.given_by == "The person themselves"
    assert consent.get_lawful_basis_display() == "Consent – Article 6(1)(a)"
    event = AuditEvent.objects.get(action="create", object_type="people.Consent", object_id=str(consent.pk))
    assert event.actor == officer and event.organisation == council
    assert event.fields["person"] == str(resident.pk) and event.fields["purpose"] == "referral"
    assert list(Consent.objects.current()) == [consent]


@pytest.mark.parametrize("overrides, field", [
    ({"given_at": timezone.now() + timedelta(days=2)}, "given_at"),
    ({"expires_on": date(2000, 1, 1)}, "expires_on"),
    ({"purpose": "marketing"}, "purpose"),
    ({"lawful_basis": "because"}, "lawful_basis"),
    ({"how_given": "telepathy"}, "how_given"),
    ({"special_category_condition": "9(2)(z)"}, "special_category_condition"),
    ({"how_given": "by_representative"}, "given_by_name"),
    ({"purpose": "other"}, "purpose_detail"),
])
def test_bad_consent_is_refused_by_field_and_writes_nothing(personas, council, resident, overrides, field):
    with pytest.raises(ValidationError) as caught:
        give(resident, council, acting(personas["officer"], council), **overrides)
    assert field in caught.value.message_dict
    assert not Consent.objects.exists()
    assert not AuditEvent.objects.filter(object_type="people.Consent").exists()


def test_withdrawal_keeps_the_history_and_cannot_happen_twice(personas, council, resident):
    officer = acting(personas["officer"], council)
    consent = give(resident, council, officer)
    withdraw_consent(consent, by=officer, note="Phoned to say stop")
    consent.refresh_from_db()
    assert consent.withdrawn_by == officer and consent.withdrawal_note == "Phoned to say stop"
    assert not Consent.objects.current().exists() and Consent.objects.filter(pk=consent.pk).exists()
    assert AuditEvent.objects.filter(action="update", object_id=str(consent.pk)).count() == 1
    with pytest.raises(ValidationError, match="already withdrawn"):
        withdraw_consent(consent, by=officer, note="again")
    assert AuditEvent.objects.filter(action="update", object_id=str(consent.pk)).count() == 1


def test_expired_consent_is_not_current(personas, council, resident):
    officer = acting(personas["officer"], council)
    consent = give(resident, council, officer, given_at=timezone.now() - timedelta(days=400),
                   expires_on=timezone.localdate() - timedelta(days=1))
    assert not Consent.objects.current().exists()
    assert list(Consent.objects.current(on=timezone.localdate() - timedelta(days=2))) == [consent]
    assert not consent.is_current()


def test_consents_are_visible_only_to_those_who_see_the_person(personas, council, partner, resident):
    consent = give(resident, council, acting(personas["officer"], council))
    assert list(Consent.objects.visible_to(personas["officer"])) == [consent]
    assert not Consent.objects.visible_to(acting(personas["worker"], partner)).exists()
    assert not Consent.objects.visible_to(acting(personas["volunteer"], partner)).exists()
