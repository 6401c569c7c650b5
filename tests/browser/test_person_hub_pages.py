"""axe-core over the person page as the hub (issue 14 item 1): the full page with household, contact preferences,
communication needs, consents and timeline; the restricted page an assigned volunteer sees; each hub form, also with
its errors; the possible-duplicates warning when adding a person; the merge pages; and the page on a phone's width."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB, axe_violations, format_violations
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def hub_records(geography, council, partner, personas):
    from communities.money.models import SavedCheck
    from communities.people.models import (
        Assignment,
        CommunicationNeed,
        Consent,
        ContactPreferences,
        Household,
        Involvement,
        Person,
    )

    household = Household.objects.create(address_line="12 Axe Street", postcode="TS18 1AU", tenure="social")
    person = Person.objects.create(first_name="Robin", last_name="Axeworthy", date_of_birth=date(1948, 5, 17),
                                   postcode="TS18 1AU", phone="01642 000000", household=household)
    twin = Person.objects.create(first_name="Robin", last_name="Axeworthey", date_of_birth=date(1948, 5, 17),
                                 postcode="TS18 1AU", household=household)
    for someone in (person, twin):
        for organisation in (council, partner):
            Involvement.objects.create(person=someone, organisation=organisation, reason="befriending")
    now = timezone.now()
    Assignment.objects.create(person=person, user=personas["volunteer_assigned"], organisation=partner,
                              kind="befriending", reason="Weekly visit", starts_at=now,
                              ends_at=now + timedelta(days=30), created_by=personas["worker"])
    consent = Consent.objects.create(person=person, purpose="befriending", lawful_basis="consent",
                                     special_category_condition="explicit_consent", how_given="verbal_phone",
                                     given_at=now - timedelta(days=3), organisation=partner,
                                     recorded_by=personas["worker"])
    Consent.objects.create(person=person, purpose="referral", lawful_basis="consent", how_given="written",
                           given_at=now - timedelta(days=30), organisation=council, recorded_by=personas["officer"],
                           withdrawn_at=now - timedelta(days=1), withdrawn_by=personas["officer"],
                           withdrawal_note="Asked us to stop")
    ContactPreferences.objects.create(person=person, preferred_channels=["phone", "letter"], best_times="Mornings",
                                      ok_to_leave_message=False, do_not_contact_by=["email"])
    CommunicationNeed.objects.create(person=person, need="interpreter", language="Polish")
    SavedCheck.objects.create(person=person, organisation=council, tax_year=2026, total_unclaimed_per_year=1500)
    return {"person": person.pk, "twin": twin.pk, "consent": consent.pk}


def test_person_hub_pages_are_accessible(browse, personas, hub_records, client):
    p, twin, consent = hub_records["person"], hub_records["twin"], hub_records["consent"]
    visits = {
        "officer": [
            f"/people/{p}/", f"/people/{p}/merge/", f"/people/{p}/merge/{twin}/", f"/people/{p}/household/",
            "/people/?q=TS18",
        ],
        "worker": [
            f"/people/{p}/", f"/people/{p}/household/add/", f"/people/{p}/contact/", f"/people/{p}/needs/add/",
            f"/people/{p}/consents/add/", f"/people/{p}/consents/{consent}/withdraw/",
        ],
        "volunteer_assigned": [f"/people/{p}/"],
    }
    for persona, urls in visits.items():  # each page is the page itself, not a 404 or a redirect
        client.force_login(personas[persona], backend="allauth.account.auth_backends.AuthenticationBackend")
        assert {url: client.get(url).status_code for url in urls} == dict.fromkeys(urls, 200), persona
    report = check_as_personas(browse, personas, visits)
    report += check_as_personas(browse, personas, {"worker": [f"/people/{p}/"]},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the person hub's pages")


def test_hub_forms_with_errors_and_the_duplicates_warning_are_accessible(browse, personas, hub_records):
    p = hub_records["person"]

    def steps(page):
        found = []
        for url, fill in (
            (f"/people/{p}/consents/add/", {}),
            (f"/people/{p}/needs/add/", {"select[name=need]": "interpreter"}),
            (f"/people/{p}/contact/", {}),
        ):
            page.goto(url)
            for selector, value in fill.items():
                page.select_option(selector, value)
            if url.endswith("/contact/"):
                page.check("input[name=preferred_channels][value=email]")
                page.check("input[name=do_not_contact_by][value=email]")
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
            assert page.locator(".govuk-error-summary").is_visible(), url
            if violations := axe_violations(page):
                found.append(format_violations(f"{url} (with errors)", violations))
        page.goto("/people/add/")
        page.fill("input[name=first_name]", "Robin")
        page.fill("input[name=last_name]", "Axeworthy")
        page.fill("input[name=date_of_birth_day]", "17")
        page.fill("input[name=date_of_birth_month]", "5")
        page.fill("input[name=date_of_birth_year]", "1948")
        page.fill("input[name=involvement_reason]", "Food parcel")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
        assert page.get_by_text("This person may already have a record").is_visible()
        if violations := axe_violations(page):
            found.append(format_violations("/people/add/ (possible duplicates)", violations))
        return found

    fail_if(browse(steps, user=personas["worker"]), "the person hub's forms")
