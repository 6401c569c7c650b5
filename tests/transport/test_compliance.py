"""Driver checks: an expired or missing check blocks exactly the trips it must block, and is chased ahead of expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from communities.core import notify
from communities.transport.compliance import ComplianceBook, blockers
from communities.transport.models import ComplianceItem, Trip
from communities.transport.services import drivers

pytestmark = pytest.mark.django_db


def test_a_driver_with_every_check_may_take_any_trip(scheme_driver):
    car = scheme_driver.vehicles.get()
    for purpose in ("health_appointment", "care_or_social_work", "social_group", "shopping", "other"):
        assert blockers(scheme_driver, car, Trip(purpose=purpose), timezone.localdate()) == []


def test_a_missing_dbs_blocks_health_and_care_trips_but_not_social_or_shopping(scheme_driver):
    ComplianceItem.objects.filter(driver=scheme_driver, kind="enhanced_dbs").delete()
    car, today = scheme_driver.vehicles.get(), timezone.localdate()
    assert blockers(scheme_driver, car, Trip(purpose="health_appointment"), today) == [
        "No Enhanced DBS with adults' barred list recorded: needed for health, personal care and social work trips"]
    assert blockers(scheme_driver, car, Trip(purpose="care_or_social_work"), today)
    assert blockers(scheme_driver, car, Trip(purpose="social_group"), today) == []
    assert blockers(scheme_driver, car, Trip(purpose="shopping"), today) == []


def test_an_expired_check_names_its_expiry_date(scheme_driver):
    item = ComplianceItem.objects.get(driver=scheme_driver, kind="insurance")
    later = item.expires_on + timedelta(days=1)
    reasons = blockers(scheme_driver, None, Trip(purpose="shopping"), later)
    expired = f"{item.expires_on.day} {item.expires_on:%B %Y}"
    assert f"Insurance declaration for volunteer driving expired on {expired}: needed for every trip" in reasons
    # the day it expires it still counts
    assert not any("Insurance" in r for r in blockers(scheme_driver, None, Trip(purpose="shopping"),
                                                      item.expires_on))


def test_mot_is_needed_only_for_cars_over_three_years_old(scheme_driver, coordinator, council):
    new_car = drivers.add_vehicle(actor=coordinator, organisation=council, registration="NEW1", description="",
                                  seats=4, wheelchair_spaces=1,
                                  first_registered=timezone.localdate() - timedelta(days=365))
    trip, today = Trip(purpose="shopping"), timezone.localdate()
    assert blockers(scheme_driver, new_car, trip, today) == []
    old_car = drivers.add_vehicle(actor=coordinator, organisation=council, registration="OLD1", description="",
                                  seats=4, wheelchair_spaces=0,
                                  first_registered=today - timedelta(days=4 * 365))
    assert blockers(scheme_driver, old_car, trip, today) == ["No MOT certificate for OLD1 recorded: needed for "
                                                             "every trip in a car more than three years old"]


def test_a_licence_check_with_a_share_code_older_than_21_days_is_refused(scheme_driver, coordinator):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        drivers.record_compliance(actor=coordinator, driver=scheme_driver, kind="licence_check", checked_on=today,
                                  share_code_made_on=today - timedelta(days=22))
    assert "lasts 21 days" in caught.value.message_dict["share_code_made_on"][0]
    made = drivers.record_compliance(actor=coordinator, driver=scheme_driver, kind="licence_check",
                                     checked_on=today, share_code_made_on=today - timedelta(days=21))
    assert made.expires_on.year == today.year + 1  # the scheme's yearly recheck (rules file)


@pytest.mark.parametrize("field, kwargs, message", [
    ("checked_on", {"kind": "training", "checked_on": "future"}, "cannot be in the future"),
    ("expires_on", {"kind": "insurance"}, "policy renews"),
    ("vehicle", {"kind": "mot", "expires_on": "next_year"}, "Choose the vehicle"),
    ("kind", {"kind": "tachograph"}, "Choose which check"),
])
def test_bad_checks_are_refused_naming_the_field(scheme_driver, coordinator, field, kwargs, message):
    today = timezone.localdate()
    values = {"checked_on": today, **kwargs}
    if values["checked_on"] == "future":
        values["checked_on"] = today + timedelta(days=1)
    if values.get("expires_on") == "next_year":
        values["expires_on"] = today + timedelta(days=365)
    with pytest.raises(ValidationError) as caught:
        drivers.record_compliance(actor=coordinator, driver=scheme_driver, **values)
    assert message in " ".join(caught.value.message_dict[field])


def test_checks_about_to_expire_are_chased_once_a_week(scheme_driver, settings):
    settings.NOTIFY_BACKEND = "memory"
    insurance = ComplianceItem.objects.get(driver=scheme_driver, kind="insurance")
    ComplianceItem.objects.filter(pk=insurance.pk).update(expires_on=timezone.localdate() + timedelta(days=100))
    insurance.refresh_from_db()
    day = insurance.expires_on - timedelta(days=10)  # the other checks expire months later
    assert drivers.chase_expiring_checks(today=day) == {"chased": 1}
    assert [m.to for m in notify.outbox] == [scheme_driver.user.email]
    assert "expires on" in notify.outbox[0].subject
    assert drivers.chase_expiring_checks(today=day) == {"chased": 0}  # safe to run twice
    # a renewed check replaces it: nothing more to chase
    drivers.record_compliance(actor=scheme_driver.user, driver=scheme_driver, kind="insurance",
                              checked_on=timezone.localdate(), expires_on=insurance.expires_on + timedelta(days=365))
    ComplianceItem.objects.filter(pk=insurance.pk).update(chased_at=None)
    assert drivers.chase_expiring_checks(today=day) == {"chased": 0}


def test_the_book_asks_the_database_once_for_many_trips(scheme_driver, django_assert_num_queries):
    car = scheme_driver.vehicles.get()
    book = ComplianceBook.load(scheme_driver.organisation, timezone.localdate())
    with django_assert_num_queries(1):
        book = ComplianceBook.load(scheme_driver.organisation, timezone.localdate())
    with django_assert_num_queries(0):
        for purpose in ("health_appointment", "shopping") * 50:
            assert book.blockers(scheme_driver, car, Trip(purpose=purpose)) == []
