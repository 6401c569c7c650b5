"""axe-core over the referral pages (issue 14 item 2): choosing whom to refer and where, the referral form, the
dashboard with an overdue referral, a referral as the receiving side sees it (with the safeguarding banner) and as the
referrer sees it, the response target form and the commissioners' funnel; the dashboard also on a phone's width."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def referral_records(geography, council, partner, personas):
    from communities.people.models import Consent, Involvement, Person
    from communities.referrals.models import Referral, StatusChange
    from tests.directory.factories import make_service

    person = Person.objects.create(first_name="Robin", last_name="Axeworthy", date_of_birth=date(1948, 5, 17),
                                   postcode="TS18 1AU", phone="01642 000000")
    Involvement.objects.create(person=person, organisation=council, reason="reablement")
    consent = Consent.objects.create(person=person, purpose="referral", lawful_basis="consent",
                                     how_given="verbal_in_person", given_at=timezone.now(), organisation=council,
                                     recorded_by=personas["officer"])
    service = make_service("Axe Friendship Group", platform_organisation=partner)
    own = make_service("Council Warm Space", platform_organisation=council)
    now = timezone.now()
    referral = Referral.objects.create(
        person=person, service=service, service_name=service.name, to_organisation=partner, from_organisation=council,
        referred_by=personas["officer"], consent=consent, submission_token=uuid.uuid4(), shared_name=str(person),
        shared_phone="01642 000000", what_matters="Seeing people again", safeguarding_concern=True,
        safeguarding_detail="Neighbour worried about visitors; adult social care told",
        created_at=now - timedelta(days=9), respond_by=now - timedelta(days=4),
    )
    StatusChange.objects.create(referral=referral, to_status="new", by=personas["officer"], organisation=council,
                                at=referral.created_at)
    return {"person": person.pk, "service": service.pk, "own": own.pk, "referral": referral.pk}


def test_referral_pages_are_accessible(browse, personas, referral_records, client):
    r = referral_records
    visits = {
        "officer": [
            f"/referrals/refer/service/{r['service']}/", f"/referrals/refer/service/{r['service']}/?q=axeworthy",
            f"/referrals/refer/person/{r['person']}/",
            f"/referrals/refer/service/{r['service']}/person/{r['person']}/", f"/referrals/{r['referral']}/",
            "/referrals/",
        ],
        "worker": ["/referrals/", "/referrals/?show=new", f"/referrals/{r['referral']}/"],
        "admin": [f"/referrals/services/{r['own']}/target/"],
        "analyst": ["/referrals/outcomes/", "/referrals/outcomes/?by=ward",
                    "/referrals/outcomes/?start_day=31&start_month=2&start_year=2026"],
    }
    for persona, urls in visits.items():  # each page is the page itself, not a 404 or a redirect to sign in
        client.force_login(personas[persona], backend="allauth.account.auth_backends.AuthenticationBackend")
        statuses = {url: client.get(url).status_code for url in urls}
        assert statuses == dict.fromkeys(urls, 200), persona
    report = check_as_personas(browse, personas, visits)
    report += check_as_personas(browse, personas, {"worker": ["/referrals/"]},
                                viewport={"width": 375, "height": 740})
    fail_if(report, "the referral pages")
