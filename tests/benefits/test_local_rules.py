"""Local rules: working-age CTR, LILEE fuel poverty, Warm Homes: Local Grant, ECO4 Flex, pointers."""

from __future__ import annotations

import dataclasses

import pytest

from communities.benefits.ctr import CTRApplicant, CTRScheme, default_scheme, working_age_ctr
from communities.benefits.datafiles import load
from communities.benefits.fuel_poverty import equivalisation_factor, lilee
from communities.benefits.grants import HomeCircumstances, eco4_flex, warm_homes_local_grant
from communities.benefits.household import Household, Person
from communities.benefits.support import pointers


@pytest.fixture(scope="module")
def engine():
    """The process-wide warm engine (``get_engine`` caches it, so every module shares one).

    Defined here rather than in a conftest so that ``--noconftest`` runs work too.
    """
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


# ---------- Council Tax Reduction (working age) ----------
A = load("ctr_scheme")["applicable_amounts"][2025]


def test_ctr_scheme_flags_unconfirmed_local_figures() -> None:
    scheme = default_scheme()
    assert scheme.local_figures_confirmed is False
    assert scheme.maximum_support_rate == 1.0 and scheme.taper_rate == 0.2


def test_ctr_income_below_applicable_amount_gets_maximum() -> None:
    r = working_age_ctr(CTRApplicant(annual_liability=1400, band="A", claimant_age=30, income_per_year=3000), 2025)
    assert r.amount_per_year == 1400
    assert r.applicable_amount_per_year == pytest.approx(A["single_25_plus"] * 52)


def test_ctr_taper_is_20_percent_of_excess() -> None:
    income = A["single_25_plus"] * 52 + 1000
    r = working_age_ctr(CTRApplicant(annual_liability=1400, band="A", claimant_age=30, income_per_year=income), 2025)
    assert r.amount_per_year == pytest.approx(1400 - 0.2 * 1000, abs=0.01)


def test_ctr_earnings_disregard_and_children() -> None:
    app = CTRApplicant(
        annual_liability=1500,
        band="B",
        claimant_age=30,
        children=2,
        income_per_year=20000,
        earnings_per_year=15000,
    )
    r = working_age_ctr(app, 2025)
    applicable = (A["lone_parent"] + 2 * A["child_dependant"]) * 52
    excess = 20000 - 25 * 52 - applicable
    assert r.amount_per_year == pytest.approx(max(0, 1500 - 0.2 * excess), abs=0.01)


def test_ctr_capital_limit_and_tariff_income() -> None:
    over = working_age_ctr(CTRApplicant(annual_liability=1400, band="A", claimant_age=30, capital=16000.01), 2025)
    assert over.amount_per_year == 0 and "£16,000" in over.reason
    # £7,000 capital: £4 a week tariff income (£1 per £250 above £6,000)
    income = A["single_25_plus"] * 52
    r = working_age_ctr(
        CTRApplicant(annual_liability=1400, band="A", claimant_age=30, capital=7000, income_per_year=income),
        2025,
    )
    assert r.amount_per_year == pytest.approx(1400 - 0.2 * 4 * 52, abs=0.01)


def test_ctr_local_settings_band_cap_max_support_minimum_award() -> None:
    data = dict(load("ctr_scheme"), maximum_support_rate=0.8, band_cap="B", minimum_award_per_week=1.0)
    scheme = CTRScheme.from_dict(data)
    r = working_age_ctr(CTRApplicant(annual_liability=2700, band="D", claimant_age=30), 2025, scheme)
    assert r.amount_per_year == pytest.approx(2700 * 7 / 9 * 0.8, abs=0.01)
    tiny = working_age_ctr(
        CTRApplicant(annual_liability=100, band="A", claimant_age=30, income_per_year=A["single_25_plus"] * 52 + 390),
        2025,
        scheme,
    )
    assert tiny.amount_per_year == 0  # 80 - 78 = £2 a year is under the £52 minimum


def test_ctr_income_bands_structure() -> None:
    data = dict(
        load("ctr_scheme"),
        structure="income_bands",
        income_bands=[
            {"max_weekly_excess": 0, "support_rate": 1.0},
            {"max_weekly_excess": 50, "support_rate": 0.5},
        ],
    )
    scheme = CTRScheme.from_dict(data)
    base = A["single_25_plus"] * 52
    app = CTRApplicant(annual_liability=1000, band="A", claimant_age=30, income_per_year=base + 40 * 52)
    assert working_age_ctr(app, 2025, scheme).amount_per_year == 500
    high = dataclasses.replace(app, income_per_year=base + 60 * 52)
    assert working_age_ctr(high, 2025, scheme).amount_per_year == 0


def test_ctr_passported_and_non_dependants() -> None:
    r = working_age_ctr(
        CTRApplicant(
            annual_liability=1400,
            band="A",
            claimant_age=30,
            passported=True,
            income_per_year=50000,
            non_dependant_deductions_per_year=200,
        ),
        2025,
    )
    assert r.amount_per_year == 1200


@pytest.mark.parametrize(
    ("field", "value"),
    [("structure", "flat"), ("maximum_support_rate", 1.5), ("taper_rate", "x"), ("band_cap", "Z")],
)
def test_ctr_bad_scheme_names_field(field: str, value: object) -> None:
    with pytest.raises(ValueError, match=field):
        CTRScheme.from_dict(dict(load("ctr_scheme"), **{field: value}))


@pytest.mark.parametrize(
    ("field", "value"),
    [("annual_liability", -1), ("band", "Q"), ("claimant_age", 12), ("capital", float("nan"))],
)
def test_ctr_bad_applicant_names_field(field: str, value: object) -> None:
    kwargs = {"annual_liability": 1000, "band": "A", "claimant_age": 30, field: value}
    with pytest.raises(ValueError, match=field):
        CTRApplicant(**kwargs)


def test_ctr_unknown_figure_refuses_to_guess() -> None:
    """An unknown figure is never guessed: the strict applicable amount refuses it, and the assessment uses the
    earlier year's figure only as a stated lower bound (tests/benefits/test_couples_and_ctr_2026.py)."""
    from communities.benefits.ctr import applicable_amount_per_week

    app = CTRApplicant(annual_liability=1000, band="A", claimant_age=30, children=1)
    with pytest.raises(ValueError, match="child_dependant"):
        applicable_amount_per_week(app, default_scheme(), 2026)
    earner = CTRApplicant(annual_liability=1000, band="A", claimant_age=30, children=1, income_per_year=12000.0)
    result = working_age_ctr(earner, 2026)
    assert result.at_least and "can only be the same or higher" in result.reason


# ---------- Fuel poverty (LILEE) ----------
MEDIAN = 30000.0  # a test median, passed explicitly (the real one must be configured)


def test_equivalisation_factors() -> None:
    assert equivalisation_factor([40, 38]) == pytest.approx(1.0)
    assert equivalisation_factor([40]) == pytest.approx(0.58)
    assert equivalisation_factor([40, 38, 15, 5]) == pytest.approx(1.0 + 0.42 + 0.20)


def test_lilee_needs_both_conditions() -> None:
    line = 0.6 * MEDIAN
    poor = lilee(
        efficiency_band="E",
        income_after_housing_costs=0.58 * line,
        energy_costs=1000,
        ages=[40],
        median_equivalised_ahc_income=MEDIAN,
    )
    assert poor.fuel_poor and poor.low_income and poor.low_energy_efficiency
    efficient = lilee(
        efficiency_band="C",
        income_after_housing_costs=0.58 * line,
        energy_costs=1000,
        ages=[40],
        median_equivalised_ahc_income=MEDIAN,
    )
    assert not efficient.fuel_poor and efficient.low_income
    rich = lilee(
        efficiency_band="G",
        income_after_housing_costs=60000,
        energy_costs=2000,
        ages=[40],
        median_equivalised_ahc_income=MEDIAN,
    )
    assert not rich.fuel_poor


def test_lilee_boundary_band_d_and_exact_line() -> None:
    line = 0.6 * MEDIAN
    at_line = lilee(
        efficiency_band="d",
        income_after_housing_costs=line + 1000,
        energy_costs=1000,
        ages=[40, 40],
        median_equivalised_ahc_income=MEDIAN,
    )
    assert at_line.low_energy_efficiency and not at_line.low_income  # "below" the line, not equal


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"efficiency_band": "H"}, "efficiency_band"),
        ({"energy_costs": -5}, "energy_costs"),
        ({"ages": []}, "ages"),
        ({"income_after_housing_costs": "lots"}, "income_after_housing_costs"),
        ({"median_equivalised_ahc_income": -1}, "median_equivalised_ahc_income"),
    ],
)
def test_lilee_bad_input(kwargs: dict, field: str) -> None:
    base = {
        "efficiency_band": "E",
        "income_after_housing_costs": 10000,
        "energy_costs": 1000,
        "ages": [40],
        "median_equivalised_ahc_income": MEDIAN,
    }
    with pytest.raises(ValueError, match=field):
        lilee(**{**base, **kwargs})


def test_lilee_without_configured_median_says_so() -> None:
    if load("fuel_poverty")["median_equivalised_ahc_income_per_year"] is not None:
        pytest.skip("median configured")
    with pytest.raises(ValueError, match="median_equivalised_ahc_income"):
        lilee(efficiency_band="E", income_after_housing_costs=1, energy_costs=1, ages=[40])


# ---------- Warm Homes: Local Grant and ECO4 Flex ----------
def home(**kw) -> HomeCircumstances:
    base = {"tenure": "owner_outright", "epc_band": "E", "gross_household_income": 40000.0}
    return HomeCircumstances(**{**base, **kw})


def test_warm_homes_routes() -> None:
    assert warm_homes_local_grant(home(gross_household_income=35999.99)).routes == ("income",)
    assert not warm_homes_local_grant(home(gross_household_income=36000)).likely_eligible
    assert warm_homes_local_grant(home(means_tested_benefits={"pension_credit"})).likely_eligible
    assert warm_homes_local_grant(home(imd_decile=2)).routes == ("low_income_postcode",)
    assert not warm_homes_local_grant(home(imd_decile=3)).likely_eligible


def test_warm_homes_home_conditions() -> None:
    low = {"gross_household_income": 10000.0}
    assert not warm_homes_local_grant(home(tenure="social_rent_council", **low)).likely_eligible
    assert not warm_homes_local_grant(home(epc_band="C", **low)).likely_eligible
    assert warm_homes_local_grant(home(epc_band="D", tenure="private_rent", **low)).likely_eligible
    unknown = warm_homes_local_grant(home(epc_band=None, **low))
    assert not unknown.likely_eligible and "EPC" in unknown.reasons[0]
    assert warm_homes_local_grant(home(**low)).to_confirm


def test_eco4_flex_configurable_routes() -> None:
    assert eco4_flex(home(gross_household_income=30000)).routes == ("route_1_income",)
    two = home(proxies={"council_tax_reduction"}, imd_decile=3)
    assert eco4_flex(two).routes == ("route_2_proxies",)
    assert not eco4_flex(home(proxies={"council_tax_reduction"})).likely_eligible
    assert eco4_flex(home(referrals={"nhs"})).routes == ("route_3_nhs_referral",)
    assert not eco4_flex(home(referrals={"council"})).likely_eligible  # route 4 disabled by default
    params = load("grants")["eco4_flex"]
    enabled = dict(params, routes=[dict(r, enabled=True) for r in params["routes"]])
    assert eco4_flex(home(referrals={"council"}), enabled).likely_eligible
    bad = dict(params, routes=[{"name": "x", "enabled": True, "rule": {"type": "lottery"}}])
    with pytest.raises(ValueError, match=r"routes\[0\].rule.type"):
        eco4_flex(home(), bad)


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"tenure": "castle"}, "tenure"),
        ({"epc_band": "Z"}, "epc_band"),
        ({"gross_household_income": -1}, "gross_household_income"),
        ({"imd_decile": 11}, "imd_decile"),
    ],
)
def test_home_bad_input(kw: dict, field: str) -> None:
    with pytest.raises(ValueError, match=field):
        home(**kw)


# ---------- Pointers and household validation ----------
def test_support_pointers() -> None:
    keys = [p.key for p in pointers({"low_income", "fuel_poverty_risk"})]
    assert "household_support_fund" in keys and "energy_support" in keys and "carer_support" not in keys
    assert pointers(set()) == []
    with pytest.raises(ValueError, match="signals"):
        pointers({"lottery_win"})


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"people": ()}, "people"),
        ({"people": (Person(age=5),)}, "people"),
        ({"people": (Person(age=130),)}, r"people\[0\].age"),
        ({"people": (Person(age=30, employment_income=-5),)}, r"people\[0\].employment_income"),
        ({"people": (Person(age=30, pip_daily_living="HIGH"),)}, r"people\[0\].pip_daily_living"),
        ({"tenure": "tent"}, "tenure"),
        ({"tenure": "owner_outright", "rent_per_year": 100.0}, "rent_per_year"),
        ({"council_tax_band": "J"}, "council_tax_band"),
        ({"current_benefits": {"lottery": 5.0}}, "current_benefits"),
        ({"people": (Person(age=30), Person(age=4, benefit_unit=1))}, "benefit unit 1"),
    ],
)
def test_household_bad_input_names_field(kw: dict, field: str) -> None:
    base = {"people": (Person(age=30),)}
    with pytest.raises(ValueError, match=field):
        Household(**{**base, **kw})


# ---------- Home assessment (PolicyEngine incomes + local rules) ----------
def test_assess_home_pensioner_and_earner(engine) -> None:
    from communities.benefits.home import assess_home

    pensioner = Household(
        people=(Person(age=70, state_pension=9000.0),),
        tenure="private_rent",
        rent_per_year=7200.0,
        council_tax_per_year=1920.13,
    )
    a = assess_home(
        pensioner, 2025, epc_band="E", energy_costs_per_year=1800, median_equivalised_ahc_income=MEDIAN, engine=engine
    )
    assert a.fuel_poverty is not None and a.fuel_poverty.fuel_poor
    assert a.warm_homes_local_grant.likely_eligible and "pension_credit" in a.means_tested_benefits
    assert a.income_after_housing_costs < a.gross_household_income
    earner = Household(people=(Person(age=45, employment_income=50000.0),), tenure="owner_mortgage")
    b = assess_home(earner, 2025, epc_band="E", engine=engine)
    assert b.fuel_poverty is None  # energy costs not given
    assert b.gross_household_income == pytest.approx(50000.0)
    assert not b.warm_homes_local_grant.likely_eligible and not b.means_tested_benefits
    assert assess_home(earner, 2025, epc_band="E", imd_decile=1, engine=engine).warm_homes_local_grant.likely_eligible
