"""The public listing's filters, the impact page's figures and its hourly value with a source, subject access
export and the person page's timeline entry."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from communities.places.services import locate
from communities.volunteering import impact
from communities.volunteering.models import HoursLog, VolunteerCheck
from communities.volunteering.search import Query, find_roles

from .conftest import session_for

pytestmark = pytest.mark.django_db


def titles(found):
    return [f.role.title for f in found]


def test_filters_by_distance_cause_commitment_date_and_qualification(resident, organiser, litter_pick, befriender):
    near = locate("TS18 1AA")
    assert titles(find_roles(Query(latitude=near.latitude, longitude=near.longitude, within_miles=1))) == [
        "Litter picker"]  # the befriender role has no place, so it is not "within a mile"
    assert titles(find_roles(Query(cause="loneliness"))) == []  # both roles are under an environment activity
    assert titles(find_roles(Query(max_hours_per_month=Decimal("2")))) == ["Litter picker"]
    session_for(litter_pick, days=10)
    later = timezone.localdate() + timedelta(days=5)
    assert titles(find_roles(Query(on_or_after=later))) == ["Befriender", "Litter picker"]  # ongoing roles stay
    assert titles(find_roles(Query(on_or_after=later + timedelta(days=30)))) == ["Befriender"]
    assert titles(find_roles(Query(volunteer=resident, qualified_only=True))) == ["Litter picker"]
    today = timezone.localdate()
    for kind, detail in (("dbs_enhanced_barred_adults", ""), ("training", "Safeguarding adults")):
        VolunteerCheck.objects.create(volunteer=resident, kind=kind, detail=detail, issued_on=today,
                                      verified_by=organiser)
    assert titles(find_roles(Query(volunteer=resident, qualified_only=True))) == ["Befriender", "Litter picker"]


def test_listing_page_says_what_is_wrong_with_a_postcode(client):
    response = client.get(reverse("volunteering:opportunities"), {"postcode": "XX1 1XX"})
    assert response.status_code == 200 and "govuk-error-summary" in response.content.decode()


def test_impact_by_ward_and_decile_with_the_value_of_time(client_for, resident, litter_pick, settings):
    where = locate("TS18 1AA")
    resident.ward, resident.lsoa = where.ward, where.lsoa
    resident.save()
    today = timezone.localdate()
    HoursLog.objects.create(volunteer=resident, role=litter_pick, on_date=today, hours=Decimal("3"),
                            status="approved")
    HoursLog.objects.create(volunteer=resident, role=litter_pick, on_date=today, hours=Decimal("5"))  # pending
    summary = impact.summary(today - timedelta(days=30), today)
    value = impact.hourly_value(today)
    assert summary.hours == Decimal("3") and summary.volunteers == 1
    assert summary.worth == (Decimal("3") * value.value).quantize(Decimal("1"))
    assert "National Living Wage" in value.source
    (ward,) = impact.by_ward(today - timedelta(days=30), today)
    assert (ward.name, ward.volunteers, ward.hours) == (where.ward.name, 1, Decimal("3"))
    (decile,) = impact.by_imd_decile(today - timedelta(days=30), today)
    assert decile.name == f"Decile {where.lsoa.imd2025_decile}"
    settings.VOLUNTEERING_HOURLY_VALUE = {"value": "15.50", "source": "Our own rate", "source_date": "2026-10-01"}
    page = client_for("councillor").get(reverse("volunteering:impact")).content.decode()
    assert "£15.50 an hour" in page and "Our own rate" in page and where.ward.name in page
    assert client_for("worker").get(reverse("volunteering:impact")).status_code == 403


def test_the_shipped_hourly_values_apply_from_their_dates():
    from datetime import date

    assert impact.hourly_value(date(2025, 6, 1)).value == Decimal("12.21")
    assert impact.hourly_value(date(2026, 6, 1)).value == Decimal("12.71")


def test_subject_access_and_timeline_find_a_volunteer_through_their_resident_record(resident, organiser,
                                                                                   litter_pick, partner):
    from communities.dataprotection.registry import registration
    from communities.people.models import Involvement, Person
    from communities.volunteering.models import Application
    from communities.volunteering.timeline import volunteering_entries

    person = Person.objects.create(first_name="Rita", last_name="Resident")
    Involvement.objects.create(person=person, organisation=partner, reason="support")
    resident.person = person
    resident.save()
    Application.objects.create(volunteer=resident, role=litter_pick, status="approved")
    assert list(registration("volunteering.Volunteer").rows_for(person)) == [resident]
    assert registration("volunteering.Application").rows_for(person).count() == 1
    (entry,) = volunteering_entries(person, organiser)
    assert "Litter picker" in entry.title and entry.detail == "Approved"
