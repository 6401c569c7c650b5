"""The support pages as a worker uses them: start a plan, link a carer by surname and date of birth, make the
emergency plan, add a contact (refused without consent), activate it; and the demo extension."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.support.models import Activation, CarerLink, EmergencyContact, EmergencyPlan, SupportPlan

from .conftest import contact_person, make_person

pytestmark = pytest.mark.django_db


def day(prefix: str, value: date) -> dict:
    return {f"{prefix}_day": value.day, f"{prefix}_month": value.month, f"{prefix}_year": value.year}


def test_start_a_plan_from_the_persons_support_page(resident, client_for):
    client = client_for("worker")
    page = client.get(reverse("support:person", args=[resident.pk]))
    assert "Start a support plan with Maureen Planwright" in page.content.decode()
    data = {"what_matters": "Seeing my sister in Hartlepool", "what_matters_written_by": "worker",
            **day("next_review_on", timezone.localdate() + timedelta(days=40))}
    response = client.post(reverse("support:plan_add", args=[resident.pk]), data)
    plan = SupportPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("support:plan", args=[plan.pk])
    assert plan.what_matters == "Seeing my sister in Hartlepool"


def test_link_a_carer_and_make_their_emergency_plan_through_the_pages(partner, worker, client_for):
    carer = make_person(partner, "Jo", "Carer", date_of_birth=date(1965, 3, 3))
    make_person(partner, "Sam", "Caredfor", date_of_birth=date(1940, 4, 4))
    client = client_for("worker")
    url = reverse("support:carer_add", args=[carer.pk])
    wrong = client.post(url, {"last_name": "Nobody", **day("date_of_birth", date(1940, 4, 4)),
                              "relationship": "son"})
    assert "No one your organisation supports matches" in wrong.content.decode()
    response = client.post(url, {"last_name": "caredfor", **day("date_of_birth", date(1940, 4, 4)),
                                 "relationship": "son"})
    link = CarerLink.objects.get()
    assert response["Location"] == reverse("support:carer", args=[link.pk])
    plan_data = {"needs": "Parkinson's", "gp": "Surgery, 01632 960200", "access_to_home": "Key with neighbour",
                 "key_safe_code": "9911", "tasks": "Meals", **day("next_review_on", date.today() + timedelta(30))}
    client.post(reverse("support:emergency_plan_edit", args=[link.pk]), plan_data)
    plan = EmergencyPlan.objects.get()
    assert plan.has_key_safe and "9911" not in plan.key_safe_code
    contact = contact_person(partner, worker, 1, consented=False)
    contact_data = {"last_name": "Helper", **day("date_of_birth", contact.date_of_birth), "relationship": "friend",
                    "arrives_within_hours": "2", "stays_for_hours": "48"}
    refused = client.post(reverse("support:contact_add", args=[link.pk]), contact_data)
    assert "has no current consent to be a carer" in refused.content.decode()
    assert not EmergencyContact.objects.exists()
    from communities.people.models import ConsentPurpose

    from .conftest import consent

    consent(contact, ConsentPurpose.CARER_CONTACT, partner, worker)
    client.post(reverse("support:contact_add", args=[link.pk]), contact_data)
    assert EmergencyContact.objects.get().person == contact
    page = client.get(reverse("support:emergency_plan", args=[link.pk])).content.decode()
    assert "Covered" in page
    client.post(reverse("support:activate", args=[link.pk]), {"reason": "Carer in hospital"})
    assert Activation.objects.get().responses.get().notified_by == "sms"


def test_the_demo_extension_makes_plans_reviews_overdue_items_and_an_activated_plan(partner, personas):
    from communities.accounts.models import User
    from communities.demo.logins import demo_email
    from communities.organisations.models import Membership
    from communities.support.demo import add_demo_support

    demo_worker = User.objects.create_user(email=demo_email("worker"), password="x", full_name="Wren Worker (demo)")
    Membership.objects.create(user=demo_worker, organisation=partner, role="vcse_worker")
    for n in range(25):
        make_person(partner, f"Demo{n:02d}", f"Resident{n:02d}", date_of_birth=date(1950, 1, 1) + timedelta(n))

    class Context:
        partners = [partner]

    add_demo_support(Context())
    plans = SupportPlan.objects.all()
    assert plans.count() == 8
    assert sum(p.is_overdue for p in plans) == 3
    from communities.support.models import MeasureAnswer

    assert MeasureAnswer.objects.filter(instrument="ons4").values("review").distinct().count() == 12
    assert CarerLink.objects.count() == 3 and EmergencyPlan.objects.count() == 3
    activation = Activation.objects.get()
    answers = sorted(r.answer for r in activation.responses.all())
    assert answers == ["cannot", "coming", "waiting"]
    from communities.support import reports

    assert reports.carers_with_current_plan(organisation=partner) == 3


def test_find_a_person_from_my_reviews_due(resident, client_for):
    client = client_for("worker")
    found = client.get(reverse("support:my_reviews"), {"find-last_name": "planwright",
                                                       **day("find-date_of_birth", resident.date_of_birth)})
    assert found["Location"] == reverse("support:person", args=[resident.pk])
    missing = client.get(reverse("support:my_reviews"), {"find-last_name": "Planwright",
                                                         **day("find-date_of_birth", date(1999, 1, 1))})
    assert "No one your organisation supports matches" in missing.content.decode()
    outsider = client_for("outsider").get(reverse("support:my_reviews"), {
        "find-last_name": "Planwright", **day("find-date_of_birth", resident.date_of_birth)})
    assert outsider.status_code == 200 and "No one your organisation supports matches" in outsider.content.decode()


def test_closing_a_plan_and_ending_caring(plan, emergency_plan, worker, client_for):
    from communities.support import reports
    from communities.support.services import carers as carer_services
    from communities.support.services import plans as plan_services

    with pytest.raises(Exception, match="Enter why the plan is closing"):
        plan_services.close_plan(actor=worker, plan=plan, reason=" ")
    response = client_for("worker").post(reverse("support:plan_close", args=[plan.pk]), {"reason": "Moved away"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.closed_on, plan.closed_reason) == (timezone.localdate(), "Moved away")
    assert plan_services.reviews_due_for(worker) == []
    assert reports.carers_with_current_plan() == 1
    carer_services.end_link(actor=worker, link=emergency_plan.link, reason="Moved into a care home")
    emergency_plan.refresh_from_db()
    assert emergency_plan.withdrawn_on == timezone.localdate()
    assert reports.carers_with_current_plan() == 0
