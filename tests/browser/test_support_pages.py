"""axe-core over the support room's pages: My reviews due (with an overdue review), a person's support, a plan with
goals and a review with ONS4 scores, the review form, the resident's printable copy, a carer with an assessment and a
break, the emergency plan in action with contacts' answers and the key safe code shown, the forms, and the public
page an emergency contact opens (asking, then answered) - on a desktop and on a phone's width."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from .conftest import BROWSER_DB
from .test_accessibility import axe_violations, check_as_personas, check_pages, fail_if, format_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def support_records(geography, partner, personas):
    from communities.core import notify
    from communities.organisations.services import current_membership_state
    from communities.people.models import ConsentPurpose, HowGiven, Involvement, LawfulBasis, Person
    from communities.people.services import record_consent
    from communities.support.models import SupportPlan
    from communities.support.services import carers, emergency, plans

    worker = personas["worker"]
    worker.current_organisation, worker.current_roles = current_membership_state(worker, None)
    today = timezone.localdate()

    def person(first, last, born, **extra):
        made = Person.objects.create(first_name=first, last_name=last, date_of_birth=born, **extra)
        Involvement.objects.create(person=made, organisation=partner, reason="support")
        return made

    def consent(who, purpose):
        record_consent(person=who, purpose=purpose, lawful_basis=LawfulBasis.CONSENT,
                       how_given=HowGiven.VERBAL_IN_PERSON, given_at=timezone.now() - timedelta(days=2),
                       organisation=partner, by=worker)

    resident = person("Rita", "Axeplan", date(1947, 6, 1), postcode="TS18 1AU")
    consent(resident, ConsentPurpose.SUPPORT_PLAN)
    plan = plans.create_plan(actor=worker, organisation=partner, person=resident, started_on=today - timedelta(30),
                             what_matters="I want to get back to the allotment.", written_by="worker",
                             next_review_on=today + timedelta(days=10))
    goal = plans.add_goal(actor=worker, plan=plan, description="Go to the allotment every week",
                          action={"description": "Ask about a lift", "who": "organisation",
                                  "who_name": "Volunteer Driver Service", "by_when": today + timedelta(days=20)})
    plans.record_review(actor=worker, plan=plan, reviewed_on=today - timedelta(days=1), what_changes="Add a lift",
                        next_review_on=today + timedelta(days=60), progress={goal.pk: ("some", "Went once")},
                        answers={"ons4": {"life_satisfaction": 6, "worthwhile": 7, "happiness": 5, "anxiety": 4},
                                 "ons_loneliness": {"how_often_lonely": 2}})
    SupportPlan.objects.filter(pk=plan.pk).update(next_review_on=today - timedelta(days=2))  # overdue

    carer = person("Cath", "Axecarer", date(1962, 2, 2), phone="01632 960010")
    cared_for = person("Cyril", "Axecarer", date(1936, 3, 3))
    link = carers.link_carer(actor=worker, organisation=partner, carer=carer, cared_for=cared_for,
                             relationship="daughter")
    carers.record_assessment(actor=worker, link=link, assessed_on=today - timedelta(days=5), assessor="A. Assessor",
                             needs_found="No break in the week", outcome="eligible",
                             next_review_on=today + timedelta(days=300))
    carers.record_support(actor=worker, link=link, kind="break", description="Sitting service", provided_by="Group",
                          starts_on=today)
    emergency_plan = carers.save_emergency_plan(actor=worker, link=link, key_safe_code="1234", data={
        "needs": "Dementia", "medication": "Donepezil", "gp": "Surgery, 01632 960123", "access_to_home": "Key safe",
        "tasks": "Meals", "pets": "", "next_review_on": today + timedelta(days=90)})
    for n, (arrive, stay) in enumerate([(1, 20), (20, 30)], start=1):
        contact = person(f"Contact{n}", "Axehelper", date(1970, 1, n), phone=f"01632 96002{n}",
                         email=f"contact{n}@example.org")
        consent(contact, ConsentPurpose.CARER_CONTACT)
        carers.add_contact(actor=worker, plan=emergency_plan, person=contact, relationship="friend",
                           arrives_within_hours=arrive, stays_for_hours=stay)
    notify.outbox.clear()
    activation = emergency.activate(actor=worker, plan=emergency_plan, reason="Carer in hospital")
    emergency.answer_by_worker(actor=worker, response=activation.responses.order_by("pk").last(), answer="cannot")
    links = [m.body.split("help: ")[1].split()[0] for m in notify.outbox if m.kind == "email"]
    return {"person": resident.pk, "plan": plan.pk, "link": link.pk, "carer": carer.pk,
            "contact_link": links[0].split("://", 1)[1].split("/", 1)[1]}


def test_support_pages_are_accessible(browse, personas, support_records, client):
    r = support_records
    plan, link = f"/support/plans/{r['plan']}", f"/support/carers/{r['link']}"
    urls = [
        "/support/", f"/support/people/{r['person']}/", f"{plan}/", f"{plan}/reviews/add/", f"{plan}/print/",
        f"{plan}/goals/add/", f"{plan}/actions/add/", f"{plan}/change/", f"/support/people/{r['person']}/plans/new/",
        f"/support/people/{r['carer']}/", f"/support/people/{r['carer']}/carers/new/", f"{link}/",
        f"{link}/assessments/add/", f"{link}/support/add/", f"{link}/emergency-plan/",
        f"{link}/emergency-plan/?show=key-safe", f"{link}/emergency-plan/change/",
        f"{link}/emergency-plan/contacts/add/", f"{plan}/close/", f"{link}/end/",
        "/support/?find-last_name=Nobody&find-date_of_birth_day=1&find-date_of_birth_month=1"
        "&find-date_of_birth_year=1950",  # the find form with its error summary
    ]
    client.force_login(personas["worker"], backend="allauth.account.auth_backends.AuthenticationBackend")
    statuses = {url: client.get(url).status_code for url in urls}
    assert statuses == dict.fromkeys(urls, 200)
    report = check_as_personas(browse, personas, {"worker": urls})
    report += check_as_personas(browse, personas, {"worker": urls[:4] + urls[11:15]},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the support pages")


def test_emergency_contact_page_is_accessible_asking_and_answered(browse, support_records):
    url = "/" + support_records["contact_link"]

    def steps(page):
        found: list[str] = []
        check_pages(page, [url], found, set(), label="contact asked: ")
        page.get_by_label("Yes, I can help").check()
        page.get_by_role("button", name="Send my answer").click()
        assert "Thank you" in page.content()
        if violations := axe_violations(page):
            found.append(format_violations("contact answered", violations))
        check_pages(page, ["/support/emergency-contact/not-a-real-token/"], found, set(), label="bad link: ")
        return found

    fail_if(browse(steps), "the emergency contact's page")
