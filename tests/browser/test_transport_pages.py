"""axe-core over the Volunteer Driver Service's pages: the coordinator's day, passengers, a passenger with a
booking, the booking form with its errors, drivers with checks (one blocked), a driver's page, claims, a claim to
approve, rates, the report; and the driver's own day, trip and outcome form on a phone's width."""

from __future__ import annotations

import importlib
from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def transport_records(geography, council, personas):
    from communities.organisations.services import current_membership_state
    from communities.people.models import HowGiven, LawfulBasis, Person
    from communities.places.models import Postcode
    from communities.transport.models import ComplianceItem, MileageRate, Trip
    from communities.transport.services import claims, drivers, passengers

    from ..transport.conftest import book, full_checks, make_driver_user, schedule

    shipped = importlib.import_module("communities.transport.migrations.0002_hmrc_mileage_rates").SHIPPED
    MileageRate.objects.get_or_create(applies_from=shipped["applies_from"], defaults=shipped)
    coordinator = personas["coordinator"]
    coordinator.current_organisation, coordinator.current_roles = current_membership_state(coordinator, None)
    codes = list(Postcode.objects.filter(latitude__isnull=False).order_by("postcode").values_list("postcode",
                                                                                                   flat=True))
    person = Person.objects.create(first_name="Axel", last_name="Rider", phone="01632 960100")
    passenger = passengers.register_passenger(
        actor=coordinator, organisation=council, person=person,
        eligibility={"no_suitable_public_transport": True, "mobility_needs": False, "wheelchair_user": True,
                     "escort_needed": False, "eligibility_note": ""},
        home_address="5 Axe Street", home_postcode=codes[0],
        consent={"lawful_basis": LawfulBasis.CONSENT, "how_given": HowGiven.VERBAL_PHONE})
    passengers.add_address(actor=coordinator, passenger=passenger, label="Surgery", address="Health Centre",
                           postcode=codes[len(codes) // 2])
    user = make_driver_user("axe.driver@example.org", council)
    driver = drivers.register_driver(actor=coordinator, organisation=council, user=user, home_postcode=codes[0])
    car = drivers.add_vehicle(actor=coordinator, organisation=council, registration="AX12 EEE", description="Red car",
                              seats=3, wheelchair_spaces=1, first_registered=timezone.localdate() - timedelta(1000),
                              owner=driver)
    full_checks(driver, coordinator, car)
    drivers.set_weekly_availability(actor=coordinator, driver=driver, slots=[(d, time(9), time(17)) for d in range(7)])
    blocked = drivers.register_driver(actor=coordinator, organisation=council, home_postcode=codes[1],
                                      user=make_driver_user("axe.blocked@example.org", council))
    full_checks(blocked, coordinator)
    ComplianceItem.objects.filter(driver=blocked, kind="enhanced_dbs").delete()
    tomorrow = timezone.localdate() + timedelta(days=1)
    trip = schedule(book(coordinator, passenger, tomorrow, appointment_at=time(11))[0], driver, coordinator)
    done = book(coordinator, passenger, tomorrow, start=(14, 0), end=(14, 30))[0]
    Trip.objects.filter(pk=done.pk).update(status="completed", driver=driver, miles_driven=Decimal("9.5"),
                                           volunteer_minutes=50)
    user.current_organisation, user.current_roles = current_membership_state(user, None)
    claim = claims.submit_claim(actor=user, driver=driver, trips=[Trip.objects.get(pk=done.pk)])
    return {"passenger": passenger.pk, "trip": trip.pk, "driver": driver.pk, "claim": claim.pk, "user": user,
            "day": tomorrow}


def test_transport_pages_are_accessible(browse, personas, transport_records, client):
    r = transport_records
    day = f"?day={r['day']:%Y-%m-%d}"
    coordinator_urls = [
        f"/transport/{day}", "/transport/passengers/", f"/transport/passengers/{r['passenger']}/",
        f"/transport/passengers/{r['passenger']}/book/", "/transport/passengers/new/",
        f"/transport/passengers/{r['passenger']}/addresses/new/", f"/transport/trips/{r['trip']}/",
        "/transport/drivers/", f"/transport/drivers/{r['driver']}/", f"/transport/drivers/{r['driver']}/checks/new/",
        f"/transport/drivers/{r['driver']}/availability/", f"/transport/drivers/{r['driver']}/away/",
        "/transport/vehicles/new/", "/transport/claims/", f"/transport/claims/{r['claim']}/", "/transport/rates/",
        "/transport/report/", f"/transport/trips/{r['trip']}/turn-away/",
    ]
    driver_urls = [f"/transport/{day}", f"/transport/trips/{r['trip']}/", f"/transport/trips/{r['trip']}/outcome/",
                   "/transport/claims/", f"/transport/drivers/{r['driver']}/"]
    client.force_login(personas["coordinator"], backend="allauth.account.auth_backends.AuthenticationBackend")
    statuses = {url: client.get(url).status_code for url in coordinator_urls}
    assert statuses == dict.fromkeys(coordinator_urls, 200)
    personas = {**personas, "scheme_driver": r["user"]}
    report = check_as_personas(browse, personas, {"coordinator": coordinator_urls})
    report += check_as_personas(browse, personas, {"scheme_driver": driver_urls},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the transport pages")
