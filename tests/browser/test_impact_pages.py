"""axe-core over the impact assessment pages: the register, a draft with its evidence and every group, the forms
(proposal, a group with its evidence, engagement, action, reassessment), the sign-off page, and the public list,
a published assessment - on a desktop, and the main pages on a phone's width."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, check_pages, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def assessments(geography, council, personas):
    from communities.impact import services
    from communities.organisations.services import current_membership_state
    from communities.places.models import Ward

    officer, approver = personas["officer"], personas["approver"]
    for user in (officer, approver):
        user.current_organisation, user.current_roles = current_membership_state(user, None)
    today = timezone.localdate()
    wards = list(Ward.objects.order_by("name")[:2])

    def start(title):
        return services.create_assessment(actor=officer, organisation=council, wards=wards, details={
            "title": title, "kind": "service_change", "summary": "Fewer stops, longer visits",
            "population": "Library users", "decision_maker": "Cabinet", "decision_on": today + timedelta(days=20),
            "review_on": today + timedelta(days=380)})

    draft, published, waiting = start("Draft proposal"), start("Published proposal"), start("Waiting proposal")
    for assessment in (published, waiting):
        for c in assessment.considerations.all():
            bad = c.characteristic == "age"
            services.save_consideration(actor=officer, assessment=assessment, characteristic=c.characteristic,
                                        answers={"impact": "negative" if bad else "neutral",
                                                 "impact_detail": "Checked", "mitigation": "Home delivery" if bad
                                                 else "", "aim_a": "No discrimination found"})
        services.add_engagement(actor=officer, assessment=assessment, entry={
            "held_on": today, "who": "Residents' forum", "method": "meeting", "said": "The hill", "characteristic": ""})
        services.add_action(actor=officer, assessment=assessment, action={
            "description": "Offer home delivery", "owner": "Library Services Manager",
            "due_on": today + timedelta(days=30), "characteristic": "age"})
        services.submit_for_sign_off(actor=officer, assessment=assessment)
    services.sign_off(actor=approver, assessment=published, approve=True)
    services.publish(actor=officer, assessment=published)
    return {"draft": draft.pk, "published": published.pk, "waiting": waiting.pk}


def test_impact_pages_are_accessible(browse, personas, assessments, client):
    a = assessments
    base = "/impact-assessments"
    officer_urls = [
        f"{base}/", f"{base}/new/", f"{base}/{a['draft']}/", f"{base}/{a['draft']}/details/",
        f"{base}/{a['draft']}/groups/age/", f"{base}/{a['draft']}/groups/marriage_civil_partnership/",
        f"{base}/{a['draft']}/engagement/add/", f"{base}/{a['draft']}/actions/add/", f"{base}/{a['published']}/",
        f"{base}/{a['published']}/reassess/", f"{base}/?show=review_due",
    ]
    approver_urls = [f"{base}/{a['waiting']}/", f"{base}/{a['waiting']}/sign-off/"]
    client.force_login(personas["officer"], backend="allauth.account.auth_backends.AuthenticationBackend")
    assert {url: client.get(url).status_code for url in officer_urls} == dict.fromkeys(officer_urls, 200)
    report = check_as_personas(browse, personas, {"officer": officer_urls, "approver": approver_urls,
                                                  "analyst": [f"{base}/{a['published']}/"]})
    report += check_as_personas(browse, personas, {"officer": officer_urls[2:5]},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the impact assessment pages")


def test_published_assessments_are_accessible_to_the_public(browse, assessments):
    urls = ["/impact-assessments/published/", f"/impact-assessments/published/{assessments['published']}/"]

    def steps(page):
        found: list[str] = []
        check_pages(page, urls, found, set(), label="public: ")
        return found

    fail_if(browse(steps), "the published impact assessments")
