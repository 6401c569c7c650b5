"""Prefilled evidence: every group has a local figure or an explicit gap; every figure has its period, geography and
source; counts of residents below 5 never appear, nor any count from which one could be worked back."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from communities.impact import evidence
from communities.impact.characteristics import characteristics
from communities.impact.evidence.figures import PLATFORM
from communities.insight.models import Indicator, IndicatorValue
from communities.money.models import Outcome, SavedCheck
from communities.people.models import Person
from communities.places.models import Postcode

KEYS = {"label", "display", "period", "geography", "source", "licence", "taken_on"}


def _all_figures(snapshot):
    yield from snapshot["general"]
    for entry in snapshot["groups"].values():
        yield from entry["figures"]


def _residents(wards, n, *, disabled=0, carers=0, born=date(1950, 5, 1)):
    postcode = Postcode.objects.filter(lsoa__ward__in=wards).first().postcode
    return [Person.objects.create(first_name=f"R{i}", last_name="Resident", postcode=postcode, date_of_birth=born,
                                  has_disability=i < disabled, is_carer=i < carers) for i in range(n)]


@pytest.mark.django_db
def test_every_group_has_a_figure_or_an_explicit_gap_naming_what_is_needed(make_assessment):
    snapshot = make_assessment().evidence
    assert set(snapshot["groups"]) == {c.code for c in characteristics()}
    for group in characteristics():
        entry = snapshot["groups"][group.code]
        assert entry["figures"] or entry["gap"] == group.needed, group.code
        assert not (entry["figures"] and entry["gap"])
    # From the shipped open data alone: the age profile and deprivation are quantified.
    assert snapshot["groups"]["age"]["figures"] and snapshot["groups"]["socio_economic"]["figures"]
    assert "race" in evidence.gaps(snapshot) and "TS021" in snapshot["groups"]["race"]["gap"]
    for figure in _all_figures(snapshot):
        assert set(figure) >= KEYS and all(figure[k] for k in KEYS), figure


@pytest.mark.django_db
def test_area_is_the_two_wards_with_census_population_and_boundaries(make_assessment, two_wards):
    area = make_assessment().evidence["area"]
    assert set(area["wards"]) == {w.code for w in two_wards}
    assert area["population"] > 0 and area["population"] < area["borough_population"]
    assert "2021 LSOAs" in area["boundaries"]
    residents = next(f for f in make_assessment().evidence["general"] if f["label"] == "Usual residents")
    assert residents["value"] == area["population"] and "Census 2021" in residents["source"]


@pytest.mark.django_db
def test_small_counts_are_suppressed_with_their_complements(make_assessment, two_wards):
    _residents(two_wards, 7, disabled=2, carers=6)
    snapshot = make_assessment().evidence
    disability = {f["label"]: f for f in snapshot["groups"]["disability"]["figures"]}
    shown = disability["Residents with a record recorded as disabled"]
    other = disability["Residents with a record not recorded as disabled"]
    assert shown["display"] == "fewer than 5" and shown["value"] is None
    assert other["value"] is None, "5 of 7 would give the 2 away"
    carers = {f["label"]: f for f in snapshot["groups"]["carers"]["figures"]}
    assert carers["Residents with a record not recorded as carers"]["display"] == "fewer than 5"
    for figure in _all_figures(snapshot):
        if figure["licence"] == PLATFORM and figure["label"] != "Income gained through those awards":
            assert figure["value"] is None or figure["value"] >= 5, figure


@pytest.mark.django_db
def test_counts_of_five_or_more_are_shown(make_assessment, two_wards):
    _residents(two_wards, 6, disabled=6, born=date(1950, 5, 1))
    _residents(two_wards, 5, born=date(1990, 5, 1))
    _residents(two_wards, 5, born=timezone.localdate() - timedelta(days=365 * 8))
    figures = {f["label"]: f for f in make_assessment().evidence["groups"]["disability"]["figures"]}
    assert figures["Residents with a record recorded as disabled"]["value"] == 6
    ages = {f["label"]: f["value"] for f in make_assessment().evidence["groups"]["age"]["figures"]}
    assert (ages["Residents with a record aged 0 to 15"], ages["Residents with a record aged 16 to 64"],
            ages["Residents with a record aged 65 and over"]) == (5, 5, 6)


@pytest.mark.django_db
def test_the_suppression_threshold_is_a_setting(make_assessment, two_wards, settings):
    settings.IMPACT_SUPPRESSION_THRESHOLD = 10
    _residents(two_wards, 12, disabled=6)
    figures = {f["label"]: f for f in make_assessment().evidence["groups"]["disability"]["figures"]}
    assert figures["Residents with a record recorded as disabled"]["display"] == "fewer than 10"


@pytest.mark.django_db
def test_insight_indicators_come_with_their_interval_and_the_england_comparison(make_assessment, two_wards):
    indicator = Indicator.objects.create(
        code="carers-quality-of-life", name="Carer-reported quality of life", key_move="independence",
        measure="mean", unit="score", polarity="high_is_good", source="ASCOF 1D", decimals=1)
    ward = two_wards[0]
    IndicatorValue.objects.create(indicator=indicator, area_type="ward", area_code=ward.code, area_name=ward.name,
                                  period="2023/24", year=2023, value=6.1, lower=5.8, upper=6.4)
    IndicatorValue.objects.create(indicator=indicator, area_type="england", area_code="E92000001",
                                  period="2023/24", year=2023, value=7.3, lower=7.29, upper=7.31)
    figure = make_assessment().evidence["groups"]["carers"]["figures"][0]
    assert figure["display"] == "6.1 score (95% CI 5.8 to 6.4)"
    assert figure["period"] == "2023/24" and ward.name in figure["geography"] and figure["source"] == "ASCOF 1D"
    assert "England 7.3" in figure["note"] and "worse" in figure["note"].lower()


@pytest.mark.django_db
def test_benefit_awards_to_residents_of_the_area(make_assessment, two_wards, council):
    people = _residents(two_wards, 6)
    for person in people:
        check = SavedCheck.objects.create(person=person, organisation=council, tax_year=2025)
        Outcome.objects.create(saved_check=check, benefit="pension_credit", status="awarded", organisation=council,
                               amount_per_year=1000, occurred_on=timezone.localdate() - timedelta(days=30))
    figures = {f["label"]: f for f in make_assessment().evidence["groups"]["socio_economic"]["figures"]}
    assert figures["Benefit awards after advice to residents of the area"]["value"] == 6
    assert figures["Income gained through those awards"]["display"] == "£6,000 a year"


@pytest.mark.django_db
def test_a_handful_of_awards_shows_neither_count_nor_amount(make_assessment, two_wards, council):
    person = _residents(two_wards, 1)[0]
    check = SavedCheck.objects.create(person=person, organisation=council, tax_year=2025)
    Outcome.objects.create(saved_check=check, benefit="pension_credit", status="awarded", organisation=council,
                           amount_per_year=4321, occurred_on=timezone.localdate())
    figures = {f["label"]: f for f in make_assessment().evidence["groups"]["socio_economic"]["figures"]}
    assert figures["Benefit awards after advice to residents of the area"]["display"] == "fewer than 5"
    assert "Income gained through those awards" not in figures
