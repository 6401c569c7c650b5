"""axe-core over the emergencies pages: the home page, the register and one entry, registering and reviewing, the
data holders, declaring an incident (also with its error summary), the incident page with its map, progress and call
list, the report, and a volunteer's calls and one call on a phone's width."""

from __future__ import annotations

from datetime import date

import pytest

from .conftest import BROWSER_DB
from .test_accessibility import check_as_personas, fail_if

pytestmark = [pytest.mark.browser, BROWSER_DB]


@pytest.fixture
def emergency_records(geography, council, partner, personas):
    from django.utils import timezone

    from communities.organisations.models import Membership
    from communities.organisations.services import current_membership_state
    from communities.people.models import Involvement, Person
    from communities.places.models import Postcode
    from communities.resilience.areas import Area
    from communities.resilience.models import DataHolder
    from communities.resilience.services import declare_incident
    from communities.resilience.services.calls import add_responder, record_contact, share_out_calls
    from communities.resilience.services.register import register_resident

    def acting(user):
        user.current_organisation, user.current_roles = current_membership_state(user, None)
        return user

    worker, planner, volunteer = (acting(personas[name]) for name in ("worker", "planner", "volunteer"))
    place = Postcode.objects.filter(ward__isnull=False).order_by("postcode").first()
    entries = []
    for n, needs in enumerate((["power_dependent", "lives_alone"], ["mobility"], [])):
        person = Person.objects.create(first_name=f"Axe{n}", last_name="Resident", postcode=place.postcode,
                                       date_of_birth=date(1940 + n, 1, 1))
        Involvement.objects.create(person=person, organisation=partner, reason="register")
        entries.append(register_resident(actor=worker, person=person, needs=needs, postcode=place.postcode,
                                         how_given="verbal_in_person",
                                         details={"phone": "01632 960111", "contact_name": "Dee", "notes": "Keys"}))
    unregistered = Person.objects.create(first_name="Axenew", last_name="Resident", postcode=place.postcode)
    Involvement.objects.create(person=unregistered, organisation=partner, reason="register")
    DataHolder.objects.create(name="Power network PSR", kind="utility_psr", holds="PSR customers",
                              needs=["power_dependent"], protocol="ISA", trigger="Outage", contact_name="Lead",
                              reviewed_on=timezone.localdate())
    incident = declare_incident(actor=planner, name="Amber heat alert", area=Area(ward_codes=(place.ward_id,)),
                                cohorts=["power_dependent"])
    add_responder(actor=planner, incident=incident,
                  membership=Membership.objects.get(user=volunteer, organisation=partner))
    share_out_calls(actor=planner, incident=incident)
    first = incident.calls.order_by("position").first()
    record_contact(actor=volunteer, call=first, outcome="needs_help", help_needed="Fridge failed")
    return {"entry": entries[0].pk, "incident": incident.pk, "call": incident.calls.order_by("position")[1].pk,
            "person": unregistered.pk}


def test_emergencies_pages_are_accessible(browse, personas, emergency_records, client):
    r = emergency_records
    incident = f"/emergencies/incidents/{r['incident']}"
    planner_urls = [
        "/emergencies/", "/emergencies/register/", "/emergencies/register/?show=due",
        f"/emergencies/register/{r['entry']}/", f"/emergencies/register/{r['entry']}/review/",
        f"/emergencies/register/{r['entry']}/remove/", "/emergencies/data-holders/", "/emergencies/data-holders/add/",
        "/emergencies/incidents/declare/", f"{incident}/", f"{incident}/report/",
    ]
    worker_urls = ["/emergencies/register/add/?q=Axenew", f"/emergencies/register/add/{r['person']}/"]
    volunteer_urls = ["/emergencies/my-calls/", f"/emergencies/calls/{r['call']}/"]
    for persona, urls in (("planner", planner_urls), ("worker", worker_urls), ("volunteer", volunteer_urls)):
        client.force_login(personas[persona], backend="allauth.account.auth_backends.AuthenticationBackend")
        statuses = {url: client.get(url).status_code for url in urls}
        assert statuses == dict.fromkeys(urls, 200), persona
    report = check_as_personas(browse, personas, {"planner": planner_urls, "worker": worker_urls,
                                                  "volunteer": volunteer_urls})
    report += check_as_personas(browse, personas, {"volunteer": volunteer_urls, "planner": [f"{incident}/"]},
                                viewport={"width": 375, "height": 812})
    fail_if(report, "the emergencies pages")
