"""Caseload extract validation (all rows, line numbers) and vectorised screening."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from communities.benefits.caseload import COLUMNS, read_caseload_csv, validate_caseload
from communities.benefits.screening import screen_caseload


@pytest.fixture(scope="module")
def engine():
    """The process-wide warm engine (``get_engine`` caches it, so every module shares one).

    Defined here rather than in a conftest so that ``--noconftest`` runs work too.
    """
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


GOOD = [
    {
        "household_ref": "P1",
        "claimant_age": "70",
        "state_pension_per_week": "173.08",
        "tenure": "private_rent",
        "rent_per_week": "138.46",
        "council_tax_band": "B",
        "council_tax_per_year": "1920.13",
        "epc_band": "E",
    },
    {
        "household_ref": "F1",
        "claimant_age": "35",
        "partner_age": "35",
        "children_ages": "4;8",
        "earnings_per_week": "346.15",
        "tenure": "social_rent_council",
        "rent_per_week": "103.85",
        "council_tax_band": "A",
        "council_tax_per_year": "1800",
        "receiving_uc_per_week": "260",
    },
    {
        "household_ref": "O1",
        "claimant_age": "45",
        "non_dependant_ages": "22",
        "earnings_per_week": "900",
        "tenure": "owner_mortgage",
        "council_tax_band": "C",
        "council_tax_per_year": "2000",
        "epc_band": "B",
    },
]


def to_csv(rows: list[dict]) -> io.StringIO:
    frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object).fillna("")
    return io.StringIO(frame.to_csv(index=False))


def test_valid_file_has_no_errors() -> None:
    frame, errors = read_caseload_csv(to_csv(GOOD))
    assert errors == [] and len(frame) == 3


def test_every_bad_row_is_reported_with_line_and_field() -> None:
    bad = [dict(GOOD[0]), dict(GOOD[1]), dict(GOOD[2]), dict(GOOD[0])]
    bad[0]["claimant_age"] = "seventy"
    bad[1]["children_ages"] = "4;x"
    bad[1]["council_tax_band"] = "Z"
    bad[2]["rent_per_week"] = "50"  # owner paying rent
    bad[3]["household_ref"] = "F1"  # duplicate
    bad[3]["epc_band"] = "H"
    _, errors = read_caseload_csv(to_csv(bad))
    got = {(e.line, e.field) for e in errors}
    assert got == {
        (2, "claimant_age"),
        (3, "children_ages"),
        (3, "council_tax_band"),
        (4, "rent_per_week"),
        (5, "household_ref"),
        (5, "epc_band"),
    }
    assert all(str(e).startswith(f"line {e.line}, {e.field}:") for e in errors)


def test_missing_required_column_and_empty_file() -> None:
    errors = validate_caseload([], header=["household_ref", "claimant_age", "bogus"])
    fields = {e.field for e in errors}
    assert {"tenure", "council_tax_band", "bogus"} <= fields
    assert any(e.message == "the file has no data rows" for e in errors)


def test_screening_flags(engine) -> None:
    frame, errors = read_caseload_csv(to_csv(GOOD))
    assert not errors
    out = screen_caseload(frame, 2025, engine=engine, chunk_size=2).set_index("household_ref")
    assert list(out.index) == ["P1", "F1", "O1"]
    assert out.loc["P1", "likely_unclaimed_pension_credit"]
    assert out.loc["P1", "pension_credit"] == pytest.approx(227.10 * 52 - 173.08 * 52, abs=1)
    assert out.loc["P1", "warm_homes_likely"] and out.loc["P1", "fuel_poverty_risk"]
    assert out.loc["F1", "universal_credit"] > 0 and not out.loc["F1", "likely_eligible_uc"]
    assert not out.loc["O1", "warm_homes_likely"]  # EPC B
    assert not out.loc["O1", "likely_eligible_uc"]  # non-dependant's own benefit unit is not counted
    assert out.loc["P1", "unclaimed_per_year"] >= out.loc["P1", "pension_credit"]


def test_screening_matches_single_household_engine(engine) -> None:
    from communities.benefits.household import Household, Person
    from communities.benefits.results import check_household

    frame, _ = read_caseload_csv(to_csv(GOOD[:1]))
    out = screen_caseload(frame, 2025, engine=engine)
    h = Household(
        people=(Person(age=70, state_pension=173.08 * 52),),
        tenure="private_rent",
        rent_per_year=138.46 * 52,
        council_tax_band="B",
        council_tax_per_year=1920.13,
    )
    r = check_household(h, 2025, engine=engine)
    assert out.loc[0, "pension_credit"] == pytest.approx(r.get("pension_credit").entitled_per_year, abs=0.01)
    assert out.loc[0, "housing_benefit"] == pytest.approx(r.get("housing_benefit").entitled_per_year, abs=0.01)


def test_vectorised_mapping_equals_household_mapping(engine) -> None:
    """caseload_to_arrays (vectorised) must describe the same people as Household -> to_arrays."""
    import numpy as np

    from communities.benefits.household import Household, Person
    from communities.benefits.pe_inputs import to_arrays
    from communities.benefits.screening import caseload_to_arrays

    rows = [
        {
            "household_ref": "X1",
            "claimant_age": "44",
            "partner_age": "41",
            "children_ages": "3;15",
            "young_people_ages": "17",
            "non_dependant_ages": "19;22",
            "earnings_per_week": "250",
            "capital": "7000",
            "tenure": "private_rent",
            "rent_per_week": "150",
            "council_tax_band": "B",
            "council_tax_per_year": "1700",
            "disabled": "Y",
            "carer": "Y",
        },
        {
            "household_ref": "X2",
            "claimant_age": "81",
            "state_pension_per_week": "200",
            "private_pension_per_week": "30",
            "tenure": "owner_outright",
            "council_tax_band": "D",
            "council_tax_per_year": "2200",
        },
    ]
    frame, errors = read_caseload_csv(to_csv(rows))
    assert not errors
    households = [
        Household(
            people=(
                Person(
                    age=44, employment_income=250.0 * 52, hours_worked=30.0, is_disabled=True, care_hours_per_week=35.0
                ),
                Person(age=41),
                Person(age=3),
                Person(age=15),
                Person(age=17, in_education=True),
                Person(age=19, benefit_unit=1),
                Person(age=22, benefit_unit=2),
            ),
            tenure="private_rent",
            rent_per_year=150.0 * 52,
            council_tax_band="B",
            council_tax_per_year=1700.0,
            savings=7000.0,
        ),
        Household(
            people=(Person(age=81, state_pension=200.0 * 52, private_pension_income=30.0 * 52),),
            tenure="owner_outright",
            council_tax_band="D",
            council_tax_per_year=2200.0,
        ),
    ]
    vectorised, mapped = caseload_to_arrays(frame), to_arrays(households)
    assert set(vectorised.person) == set(mapped.person)
    for name, values in mapped.person.items():  # head, annual hours, young person in education, ...
        assert np.array_equal(vectorised.person[name], values), name
    variables = ["universal_credit", "pension_credit", "council_tax_reduction", "carers_allowance", "child_benefit"]
    batch = engine.calculate(vectorised, 2025, variables)
    single = engine.calculate_households(households, 2025, variables)[1]
    for name in variables:
        assert np.allclose(batch[name], single[name], atol=0.005), name
    assert batch["universal_credit"][0] > 0 and batch["pension_credit"][3] > 0


def test_screening_unknown_location_is_refused(engine) -> None:
    from communities.benefits.household import Location

    frame, _ = read_caseload_csv(to_csv(GOOD[:1]))
    with pytest.raises(ValueError, match="location.brma"):
        screen_caseload(frame, 2025, engine=engine, location=Location(brma="ATLANTIS"))


FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures" / "benefits"


def test_sample_fixture_file_screens(engine) -> None:
    frame, errors = read_caseload_csv(FIXTURES / "caseload_sample.csv")
    assert errors == []
    out = screen_caseload(frame, 2025, engine=engine).set_index("household_ref")
    assert out.loc["S0001", "likely_unclaimed_pension_credit"]
    assert not out.loc["S0002", "likely_eligible_uc"]  # already receiving UC
    assert out.loc["S0005", "warm_homes_likely"]  # private rent, EPC G, IMD decile 2


def test_bad_fixture_file_reports_every_error() -> None:
    _, errors = read_caseload_csv(FIXTURES / "caseload_bad.csv")
    got = {(e.line, e.field) for e in errors}
    assert got == {
        (2, "claimant_age"),
        (3, "children_ages"),
        (3, "council_tax_band"),
        (4, "earnings_per_week"),
        (4, "rent_per_week"),
        (4, "disabled"),
        (4, "imd_decile"),
        (5, "household_ref"),
        (6, "tenure"),
        (6, "household_ref"),
        (6, "epc_band"),
    }


def test_column_documentation_covers_every_column() -> None:
    from communities.benefits.caseload import describe_columns

    docs = describe_columns()
    assert [d["name"] for d in docs] == list(COLUMNS)
    assert all(d["description"] for d in docs)


def test_screening_fuel_poverty_with_configured_median(engine) -> None:
    frame, _ = read_caseload_csv(to_csv(GOOD))
    low = screen_caseload(frame, 2025, engine=engine, median_equivalised_ahc_income=30000.0)
    assert set(low["fuel_poverty_method"]) == {"lilee_income_only"}
    assert low.loc[0, "fuel_poverty_risk"]  # pensioner, EPC E, low income
    assert not low.loc[2, "fuel_poverty_risk"]  # EPC B
    high_line = screen_caseload(frame, 2025, engine=engine, median_equivalised_ahc_income=1.0)
    assert not high_line["fuel_poverty_risk"].any()  # nobody is below a £0.60 poverty line


def test_batch_screening_equals_one_by_one(engine) -> None:
    """No leakage between households in one vectorised simulation (random mixed caseload)."""
    import numpy as np

    from communities.benefits.screening import caseload_to_arrays

    rng = np.random.default_rng(11)
    rows = []
    for i in range(30):
        pensioner = rng.random() < 0.4
        rented = rng.random() < 0.7
        rows.append(
            {
                "household_ref": f"R{i}",
                "claimant_age": str(rng.integers(66, 90) if pensioner else rng.integers(18, 65)),
                "partner_age": str(rng.integers(18, 90)) if rng.random() < 0.4 else "",
                "children_ages": "" if pensioner else ";".join(str(a) for a in rng.integers(0, 16, rng.integers(0, 3))),
                "non_dependant_ages": str(rng.integers(18, 40)) if rng.random() < 0.2 else "",
                "earnings_per_week": "" if pensioner else f"{rng.gamma(2, 150):.2f}",
                "state_pension_per_week": f"{rng.uniform(120, 230):.2f}" if pensioner else "",
                "capital": f"{rng.gamma(1, 5000):.0f}",
                "tenure": "private_rent" if rented else "owner_outright",
                "rent_per_week": f"{rng.uniform(80, 200):.2f}" if rented else "",
                "council_tax_band": "B",
                "council_tax_per_year": "1700",
                "disabled": "Y" if rng.random() < 0.3 else "N",
                "carer": "Y" if rng.random() < 0.1 else "",
            }
        )
    frame, errors = read_caseload_csv(to_csv(rows))
    assert not errors
    variables = ["universal_credit", "pension_credit", "housing_benefit", "council_tax_reduction"]
    arrays = caseload_to_arrays(frame)
    batch = engine.calculate(arrays, 2025, variables)
    for i in range(len(frame)):
        one = engine.calculate(caseload_to_arrays(frame.iloc[i : i + 1].reset_index(drop=True)), 2025, variables)
        for name in variables:
            got = batch[name][arrays.benunit_household == i] if name != "council_tax_reduction" else batch[name][i]
            assert np.allclose(got, one[name], atol=0.005), (i, name)
    assert batch["universal_credit"].sum() > 0 and batch["pension_credit"].sum() > 0
