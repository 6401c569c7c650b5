"""Profiles: every figure carries its period, geography, source, licence and denominator; small counts are withheld
(and the rate beside them); comparisons use the stats core; partner counts through the registry."""

from __future__ import annotations

import pytest

from communities.neighbourhoods import partner_counts, profiles
from communities.neighbourhoods.areas import find_area

from .conftest import TOWN_CENTRE_LSOA

pytestmark = pytest.mark.django_db


def figures(profile, section_title=None):
    return {f.label: f for s in profile.sections if section_title in (None, s.title) for f in s.figures}


def test_every_figure_says_period_geography_source_and_licence(imported):
    for kind, code in (("lsoa", TOWN_CENTRE_LSOA), ("ward", "E05014882"), ("borough", "E06000004")):
        profile = profiles.build(find_area(kind, code), partner=True)
        for label, figure in figures(profile).items():
            assert figure.period and figure.geography and figure.source and figure.licence, label
            if not figure.suppressed and "rate" in label:
                assert "usual residents" in figure.denominator


def test_an_lsoa_profile_shows_iod_2025_domains_and_2019_labelled_not_comparable(imported):
    shown = figures(profiles.build(find_area("lsoa", TOWN_CENTRE_LSOA)))
    assert "Income domain decile" in shown and "Living environment domain decile" in shown
    assert "Index of Multiple Deprivation decile, 2019 (not comparable)" in shown


def test_small_crime_counts_are_withheld_with_their_rates(imported):
    shown = figures(profiles.build(find_area("lsoa", TOWN_CENTRE_LSOA)), "Crime and anti-social behaviour")
    burglary = shown["Burglary: crimes recorded"]
    assert burglary.value == "fewer than 5" and burglary.suppressed and burglary.lower == ""
    # 49 = 2 + 7 + 40 is published, but the withheld types with none (0 < 5) share the 2 with burglary, so 7 can
    # stay: the withheld cells add up to 2 and none of them can be worked out (secondary suppression not needed).
    assert "Shoplifting: crimes recorded (7), rate per 1,000 residents" in shown
    violence = shown["Violence and sexual offences: crimes recorded (40), rate per 1,000 residents"]
    assert violence.lower and violence.upper and "borough" in violence.borough
    assert "All crime (excluding anti-social behaviour): crimes recorded (49), rate per 1,000 residents" in shown
    assert "Bicycle theft: crimes recorded" in shown  # zero is below the threshold too


def test_the_threshold_is_a_setting(imported, settings):
    settings.NEIGHBOURHOOD_SUPPRESSION_THRESHOLD = 3
    shown = figures(profiles.build(find_area("lsoa", TOWN_CENTRE_LSOA)), "Crime and anti-social behaviour")
    assert shown["Burglary: crimes recorded"].value == "fewer than 3"


def test_a_ward_compares_its_deprivation_with_the_borough_and_england(imported):
    shown = figures(profiles.build(find_area("ward", "E05014882")), "Deprivation (Indices of Deprivation 2025)")
    imd = shown["Residents in England's most deprived 20%: Index of Multiple Deprivation (%)"]
    assert imd.lower and imd.upper
    assert imd.borough.startswith(("Better", "Worse", "Similar")) and "England" in imd.england
    assert "not comparable" in " ".join(shown)


def test_partner_counts_come_from_the_registry_and_are_suppressed(imported, council):
    from communities.people.models import Household, Person

    household = Household.objects.create(lsoa_id=TOWN_CENTRE_LSOA)
    for n in range(8):
        Person.objects.create(first_name="P", last_name=str(n), household=household, is_carer=n < 2)
    assert set(partner_counts.PROVIDERS) == {"people", "money", "referrals", "support", "transport", "volunteering",
                                             "resilience"}
    for provider in partner_counts.PROVIDERS.values():
        counts = provider.count((TOWN_CENTRE_LSOA,))
        assert counts and all(isinstance(n, int) and n >= 0 for n in counts.values()), provider.key
    section = partner_counts.section(find_area("lsoa", TOWN_CENTRE_LSOA), 5)
    shown = {f.label: f.value for f in section.figures}
    assert shown["Residents with a record: total"] == "8"
    assert shown["Residents with a record: Carers"] == "fewer than 5"
    assert shown["Residents with a record: Not recorded as carers"] == "suppressed"
    assert section.partner_only
    public = profiles.build(find_area("lsoa", TOWN_CENTRE_LSOA))
    assert not any(s.partner_only for s in public.sections)


def test_insight_values_for_the_area_are_shown_with_benchmarks_and_small_numerators_withheld(imported):
    from communities.insight.models import Indicator, IndicatorValue

    indicator = Indicator.objects.create(code="test-ind", name="Test indicator", key_move="poverty",
                                         measure="proportion", polarity="low_is_good", source="Test source",
                                         unit="%")
    for area_type, code, value in (("ward", "E05014882", 30.0), ("borough", "E06000004", 20.0),
                                   ("england", "E92000001", 10.0)):
        IndicatorValue.objects.create(indicator=indicator, area_type=area_type, area_code=code, period="2024",
                                      year=2024, numerator=300, denominator=1000, value=value, lower=value - 2,
                                      upper=value + 2)
    shown = figures(profiles.build(find_area("ward", "E05014882")), "Insight indicators")
    figure = shown["Test indicator (%)"]
    assert figure.value == "30.0" and "the borough" in figure.borough and "England" in figure.england
    IndicatorValue.objects.filter(area_type="ward").update(numerator=3)
    shown = figures(profiles.build(find_area("ward", "E05014882")), "Insight indicators")
    assert shown["Test indicator (%)"].suppressed and "30.0" not in shown["Test indicator (%)"].value


def test_all_lsoa_and_ward_profiles_recompute_from_one_load(imported):
    every = profiles.recompute_all()
    assert len(every) == 124 + 27 + 1
