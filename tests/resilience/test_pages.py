"""The emergencies pages: declaring by form (no JavaScript), the incident page with its map and progress, the
watermarked and audited export, a responder's calls on a phone, registering a resident and the data holders."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.organisations.models import Membership
from communities.resilience.models import Call, DataHolder, Incident, RegisterEntry
from communities.resilience.services.calls import add_responder, share_out_calls

from .conftest import make_resident


@pytest.fixture
def incident(client_for, planner, entries, geography):
    client = client_for("planner")
    response = client.post(reverse("resilience:declare"), {
        "name": "Amber heat alert", "ward_codes": [geography[0]], "lsoa_codes": "", "postcodes": "",
        "centre_postcode": "", "radius_km": "", "cohorts": ["power_dependent"]})
    assert response.status_code == 302
    return Incident.objects.get()


def test_declare_form_shows_errors_by_field(client_for, planner, entries):
    response = client_for("planner").post(reverse("resilience:declare"), {
        "name": "", "lsoa_codes": "E01999999", "postcodes": "not a postcode", "radius_km": "2"})
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Not an LSOA of this council: E01999999" in page and "Not a postcode: not a postcode" in page
    assert "Give the centre" in page and not Incident.objects.exists()


def test_incident_page_shows_map_progress_holders_and_list(client_for, incident, entries):
    DataHolder.objects.create(name="Power network PSR", kind="utility_psr", holds="PSR customers",
                              needs=["power_dependent"], protocol="ISA", trigger="Outage", contact_name="Lead",
                              reviewed_on="2026-11-01")
    page = client_for("planner").get(reverse("resilience:incident", args=[incident.pk])).content.decode()
    assert "<svg" in page and "Map of the area of Amber heat alert" in page
    assert "0 of 3 contacted or tried" in page and "Power network PSR" in page
    assert "Holds people in this incident" in page
    assert page.index("Vent") < page.index("Lone")  # call order
    shown = AuditEvent.objects.filter(fields__where="incident call list: Amber heat alert").get()
    assert str(entries["ventilator"].person_id) in shown.fields["shown"]


def test_export_is_watermarked_and_audited(client_for, incident, personas):
    client = client_for("planner")
    body = client.get(reverse("resilience:export_csv", args=[incident.pk])).content.decode("utf-8-sig")
    assert body.splitlines()[0].startswith("OFFICIAL-SENSITIVE. Taken by Planner (planner@example.org) on ")
    assert "Vera Vent" in body and body.count("OFFICIAL-SENSITIVE") == 2
    pdf = client.get(reverse("resilience:export_pdf", args=[incident.pk]))
    assert pdf.content.startswith(b"%PDF") and pdf["Cache-Control"] == "no-store"
    exports = AuditEvent.objects.filter(action="export", object_id=str(incident.pk))
    assert sorted(exports.values_list("fields__format", flat=True)) == ["csv", "pdf"]
    assert all("Taken by Planner" in e.fields["watermark"] and len(e.fields["shown"]) == 3 for e in exports)


def test_a_volunteer_works_their_calls_on_a_phone(client_for, incident, planner, partner, personas):
    add_responder(actor=planner, incident=incident,
                  membership=Membership.objects.get(user=personas["volunteer"], organisation=partner))
    share_out_calls(actor=planner, incident=incident)
    client = client_for("volunteer")
    page = client.get(reverse("resilience:my_calls")).content.decode()
    assert "Vera Vent" in page and "Nora None" in page
    call = Call.objects.get(incident=incident, position=1)
    page = client.get(reverse("resilience:call", args=[call.pk])).content.decode()
    assert 'href="tel:07700900123"' in page
    response = client.post(reverse("resilience:call", args=[call.pk]), {"outcome": "needs_help", "help_needed": ""})
    assert "Say what help they need" in response.content.decode()
    response = client.post(reverse("resilience:call", args=[call.pk]),
                           {"outcome": "needs_help", "help_needed": "Fridge broken: insulin"})
    assert response.status_code == 302 and call.follow_ups.count() == 1
    assert client.get(reverse("resilience:incident", args=[incident.pk])).status_code == 403
    client_for("planner").post(reverse("resilience:close", args=[incident.pk]))
    client = client_for("volunteer")
    assert client.get(reverse("resilience:call", args=[call.pk])).status_code == 404
    assert "no calls in an open incident" in client.get(reverse("resilience:my_calls")).content.decode()


def test_a_worker_registers_a_resident(client_for, worker, partner, geography):
    person = make_resident(partner, "Rita", "Register", geography[2][0])
    client = client_for("worker")
    assert "Rita Register" in client.get(reverse("resilience:choose_person"), {"q": "Rita"}).content.decode()
    response = client.post(reverse("resilience:add", args=[person.pk]), {
        "needs": ["cold_medication", "pets"], "postcode": person.postcode, "phone": "07700 900456",
        "how_given": "verbal_in_person", "contact_name": "Ray", "contact_phone": "07700 900789"})
    assert response.status_code == 302, response.context["form"].errors
    entry = RegisterEntry.objects.get(person=person)
    assert entry.tier == 1
    page = client.get(reverse("resilience:entry", args=[entry.pk])).content.decode()
    assert "Has medication that must stay cold" in page and "Ray" in page
    assert client.get(reverse("resilience:register")).status_code == 200


def test_data_holders_page(client_for, planner):
    client = client_for("planner")
    response = client.post(reverse("resilience:add_holder"), {
        "name": "Housing provider", "kind": "housing", "holds": "Sheltered tenants", "needs": ["lives_alone"],
        "protocol": "ISA 2026", "trigger": "Amber alert", "contact_name": "Jo Lead", "reviewed_on_day": "1",
        "reviewed_on_month": "11", "reviewed_on_year": "2026", "active": "on"})
    assert response.status_code == 302, response.context["form"].errors
    page = client.get(reverse("resilience:holders")).content.decode()
    assert "Housing provider" in page and "Cabinet Office" in page
    assert AuditEvent.objects.filter(object_type="resilience.DataHolder", action="create").exists()
