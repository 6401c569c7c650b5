"""Public and partner profile pages, their CSV and PDF, the postcode lookup's link, choosing a neighbourhood."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from communities.audit.models import AuditEvent
from communities.neighbourhoods.models import Neighbourhood

from .conftest import TOWN_CENTRE_LSOA

pytestmark = pytest.mark.django_db
SMALL = re.compile(r"crimes recorded \([0-4]\)")  # a published count is printed in the label: "... (40), rate"
BURGLARY_CELL = re.compile(r"Burglary: crimes recorded</th>\s*<td[^>]*><strong>fewer than 5</strong>")


def url(name, kind="lsoa", code=TOWN_CENTRE_LSOA):
    return reverse(f"neighbourhoods:{name}", kwargs={"profile_kind": kind, "profile_code": code})


def test_public_profile_shows_no_count_below_five(client, imported):
    response = client.get(url("profile"))
    html = response.content.decode()
    assert response.status_code == 200
    assert BURGLARY_CELL.search(html) and "Partners only" not in html
    assert not SMALL.search(html)
    assert "Boundaries" in html and "2021 LSOAs" in html


def test_public_csv_withholds_small_counts_and_names_source_and_licence(client, imported):
    response = client.get(url("profile_csv"))
    text = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("Section,Figure,Value,Lower 95% limit")
    burglary = next(line for line in text.splitlines() if "Burglary" in line)
    assert "fewer than 5" in burglary and "police.uk" in burglary and "Open Government Licence" in burglary
    assert not SMALL.search(text)


def test_public_pdf_withholds_small_counts(client, imported, monkeypatch):
    seen = {}

    def fake_pdf(html, stylesheet):
        seen["html"] = html
        return b"%PDF-1.7 test"

    monkeypatch.setattr("communities.neighbourhoods.views.html_to_pdf", fake_pdf)
    response = client.get(url("profile_pdf", "ward", "E05014882"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "fewer than 5" in seen["html"] and not SMALL.search(seen["html"])


def test_the_pdf_is_a_real_pdf(client, imported):
    response = client.get(url("profile_pdf"))
    assert response.content.startswith(b"%PDF")


def test_partner_view_adds_record_counts_and_is_audited(client_for, imported):
    client = client_for("safety_partner")
    response = client.get(url("partner_profile"))
    assert response.status_code == 200 and "Partners only" in response.content.decode()
    event = AuditEvent.objects.get(object_type="neighbourhoods.PartnerProfile")
    assert event.object_id == f"lsoa:{TOWN_CENTRE_LSOA}" and event.action == "view"
    assert client.get(url("partner_profile_csv")).status_code == 200
    assert AuditEvent.objects.filter(object_type="neighbourhoods.PartnerProfile").count() == 2


@pytest.mark.parametrize("persona, status", [("analyst", 200), ("officer", 200), ("worker", 403),
                                             ("outsider", 403), ("volunteer", 403)])
def test_who_sees_the_partner_view(client_for, persona, status):
    assert client_for(persona).get(url("partner_profile")).status_code == status


def test_unknown_areas_are_404(client):
    assert client.get(url("profile", "ward", "E05999999")).status_code == 404
    assert client.get(url("profile", "planet", "mars")).status_code == 404


def test_postcode_lookup_leads_to_the_profiles(client):
    from communities.places.models import Postcode

    postcode = Postcode.objects.filter(lsoa_id=TOWN_CENTRE_LSOA).first()
    response = client.get(reverse("places:postcode_lookup"), {"postcode": postcode.postcode})
    html = response.content.decode()
    assert url("profile") in html and url("profile", "ward", postcode.ward_id) in html


def test_an_officer_chooses_a_neighbourhood_and_a_private_one_is_not_public(client, client_for, imported):
    officer = client_for("officer")
    response = officer.post(reverse("neighbourhoods:new_neighbourhood"), {
        "name": "Town centre estates", "description": "", "lsoas": [TOWN_CENTRE_LSOA, "E01035197"]})
    hood = Neighbourhood.objects.get()
    assert response.status_code == 302 and hood.lsoas.count() == 2 and not hood.public
    assert AuditEvent.objects.filter(object_type="neighbourhoods.Neighbourhood", action="create").exists()
    assert client.get(url("profile", "neighbourhood", hood.pk)).status_code == 404
    assert officer.get(url("partner_profile", "neighbourhood", hood.pk)).status_code == 200
    hood.public = True
    hood.save()
    page = client.get(url("profile", "neighbourhood", hood.pk)).content.decode()
    assert "Town centre estates" in page and "2 2021 LSOAs" in page


def test_choosing_one_lsoa_is_refused(client_for):
    response = client_for("officer").post(reverse("neighbourhoods:new_neighbourhood"),
                                          {"name": "One", "lsoas": [TOWN_CENTRE_LSOA]})
    assert response.status_code == 200 and "Choose at least two LSOAs" in response.content.decode()


def test_index_lists_wards_of_both_boundary_sets(client):
    html = client.get(reverse("neighbourhoods:index")).content.decode()
    assert "Stockton Town Centre" in html and "Wards before May 2023" in html
