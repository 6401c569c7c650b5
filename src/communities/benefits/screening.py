"""Batch screening of a caseload through PolicyEngine UK's vectorised path (one simulation per chunk).

Input: a validated caseload frame (``caseload.COLUMNS``). Output: one row per household with
entitlements (£/year) and flags. Definitions:
Amounts are for the claimant's benefit unit (non-dependants are modelled for deductions only).
- ``likely_unclaimed_pension_credit``: Pension Credit entitlement > 0 and none received.
- ``likely_eligible_uc``: Universal Credit entitlement > 0 and none received.
- ``unclaimed_per_year``: sum over UC, Pension Credit, Housing Benefit and (pension-age) Council Tax
  Reduction of max(0, entitled - received). Working-age CTR (local scheme) is not included.
- ``warm_homes_likely``: Warm Homes: Local Grant rules (grants.py) with income = gross earnings
  and pensions, benefit route = entitled to or receiving a means-tested benefit.
- ``fuel_poverty_risk``: EPC D-G and low income. Low income is the LILEE residual-income test when
  the median is configured in data/fuel_poverty.yaml; otherwise the proxy "entitled to or receiving
  a means-tested benefit" is used and ``fuel_poverty_method`` says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .datafiles import load
from .engine import BenefitsEngine, get_engine
from .fuel_poverty import equivalisation_factor, poverty_line
from .household import STOCKTON, TENURES, Location
from .pe_inputs import (
    BENUNIT_OVERRIDES,
    NEW_CLAIMANT_STATUS,
    NOT_STARTED_AGE,
    PERSON_OVERRIDES,
    WEEKS_IN_YEAR,
    YOUNG_PERSON_ENTRY_AGE,
    PolicyEngineArrays,
)

SCREEN_BENUNIT = ("universal_credit", "pension_credit", "housing_benefit", "child_benefit")
SCREEN_HOUSEHOLD = ("council_tax_reduction", "hbai_household_net_income_ahc")
WEEKS = 52
CHUNK = 10_000
#: An extract has earnings but no hours: an earner is taken to work 30 hours a week (so meets the 16- and
#: 30-hour tests), passed as PolicyEngine's annual hours (weekly x ``WEEKS_IN_YEAR``).
ASSUMED_EARNER_HOURS_PER_WEEK = 30.0


def _num(frame: pd.DataFrame, col: str) -> np.ndarray:
    if col not in frame:
        return np.zeros(len(frame))
    return pd.to_numeric(frame[col].replace("", "0"), errors="raise").to_numpy(dtype=float)


def _split(frame: pd.DataFrame, col: str) -> list[list[int]]:
    if col not in frame:
        return [[] for _ in range(len(frame))]
    return [[int(x) for x in s.split(";") if x.strip()] if s.strip() else [] for s in frame[col].astype(str)]


@dataclass
class _Layout:
    """Who lives where: per person their age, benefit unit, household and role; per household its benefit units."""

    ages: np.ndarray
    bu: np.ndarray  # each person's benefit unit
    hh: np.ndarray  # each person's household (row of the frame)
    role: np.ndarray  # 1 claimant, 2 partner, 3 child or young person, 4 non-dependant
    bu_per_hh: np.ndarray  # 1 main + one per non-dependant
    bu_start: np.ndarray  # each household's main benefit unit
    has_partner: np.ndarray


def _layout(frame: pd.DataFrame) -> _Layout:
    n = len(frame)
    claimant_age = frame["claimant_age"].astype(int).to_numpy()
    partner = frame.get("partner_age", pd.Series([""] * n)).astype(str).str.strip()
    has_partner = (partner != "").to_numpy()
    partner_age = np.where(has_partner, pd.to_numeric(partner.replace("", "0")).to_numpy(), 0).astype(int)
    children = [c + y for c, y in zip(_split(frame, "children_ages"), _split(frame, "young_people_ages"), strict=True)]
    nondeps = _split(frame, "non_dependant_ages")
    n_child = np.array([len(c) for c in children], dtype=np.int64)
    n_nd = np.array([len(c) for c in nondeps], dtype=np.int64)
    per_hh = 1 + has_partner + n_child + n_nd
    n_people = int(per_hh.sum())
    bu_per_hh = 1 + n_nd
    bu_start = np.concatenate([[0], np.cumsum(bu_per_hh)[:-1]])
    ages = np.empty(n_people, dtype=np.int64)
    bu = np.empty(n_people, dtype=np.int64)
    role = np.zeros(n_people, dtype=np.int8)
    pos = 0
    for i in range(n):
        start = bu_start[i]
        ages[pos], bu[pos], role[pos] = claimant_age[i], start, 1
        pos += 1
        if has_partner[i]:
            ages[pos], bu[pos], role[pos] = partner_age[i], start, 2
            pos += 1
        for a in children[i]:
            ages[pos], bu[pos], role[pos] = a, start, 3
            pos += 1
        for k, a in enumerate(nondeps[i]):
            ages[pos], bu[pos], role[pos] = a, start + 1 + k, 4
            pos += 1
    return _Layout(ages, bu, np.repeat(np.arange(n), per_hh), role, bu_per_hh, bu_start, has_partner)


def caseload_to_arrays(frame: pd.DataFrame, location: Location = STOCKTON) -> PolicyEngineArrays:
    """Vectorised mapping of caseload rows to PolicyEngine inputs (claimant carries the claim's income)."""
    layout = _layout(frame)
    return PolicyEngineArrays(
        person_benunit=layout.bu,
        person_household=layout.hh,
        benunit_household=np.repeat(np.arange(len(frame)), layout.bu_per_hh),
        person=_person_inputs(frame, layout),
        benunit=_benunit_inputs(frame, layout),
        household=_household_inputs(frame, location),
    )


def _person_inputs(frame: pd.DataFrame, layout: _Layout) -> dict[str, np.ndarray]:
    n, ages, role, hh = len(frame), layout.ages, layout.role, layout.hh
    n_people = len(ages)
    claimant = role == 1
    young = (role == 3) & (ages >= 16)  # young_people_ages: 16-19 in education (validated)
    yes = {
        c: (frame[c].astype(str).str.upper() == "Y").to_numpy() if c in frame else np.zeros(n, bool)
        for c in ("disabled", "carer")
    }

    def on_claimant(values: np.ndarray) -> np.ndarray:
        out = np.zeros(n_people)
        out[claimant] = values
        return out

    person = {
        "age": ages,
        "employment_income_before_lsr": on_claimant(_num(frame, "earnings_per_week") * WEEKS),
        "self_employment_income": np.zeros(n_people),
        "private_pension_income": on_claimant(_num(frame, "private_pension_per_week") * WEEKS),
        "state_pension": on_claimant(_num(frame, "state_pension_per_week") * WEEKS),
        "hours_worked": np.where(
            on_claimant(_num(frame, "earnings_per_week")) > 0, ASSUMED_EARNER_HOURS_PER_WEEK * WEEKS_IN_YEAR, 0.0
        ),
        # The claimant is the main tenant (PolicyEngine would otherwise make the eldest member the head).
        "is_household_head": claimant,
        "is_claimant_or_partner": role != 3,
        "is_in_non_advanced_education": young,
        "age_started_or_accepted_current_education_or_training": np.where(
            young, np.minimum(ages, YOUNG_PERSON_ENTRY_AGE).astype(float), NOT_STARTED_AGE
        ),
        "is_before_universal_credit_qualifying_young_person_terminal_date": young,
        "pip_dl_category": np.full(n_people, "NONE"),
        "pip_m_category": np.full(n_people, "NONE"),
        "aa_category": np.full(n_people, "NONE"),
        "dla_sc_category": np.full(n_people, "NONE"),
        "dla_m_category": np.full(n_people, "NONE"),
        "is_disabled_for_benefits": claimant & yes["disabled"][hh],
        "is_blind": np.zeros(n_people, dtype=bool),
        "uc_limited_capability_for_WRA": np.zeros(n_people, dtype=bool),
        "care_hours": np.where(claimant & yes["carer"][hh], 35.0, 0.0),
        # A caseload extract does not say whether a couple is married: PolicyEngine's presumptions, as pe_inputs.
        "would_claim_marriage_allowance": np.ones(n_people, dtype=bool),
    }
    person.update({k: np.full(n_people, v) for k, v in PERSON_OVERRIDES.items()})
    return person


def _benunit_inputs(frame: pd.DataFrame, layout: _Layout) -> dict[str, np.ndarray]:
    n_bu = int(layout.bu_per_hh.sum())
    benunit = {k: np.full(n_bu, v) for k, v in BENUNIT_OVERRIDES.items()}
    # UC Act 2025: a claim not yet in payment would get the new-claimant LCWRA rate (from 2026/27).
    new_claimant = np.ones(n_bu, dtype=bool)
    new_claimant[layout.bu_start] = _num(frame, "receiving_uc_per_week") == 0
    benunit[NEW_CLAIMANT_STATUS] = new_claimant
    married = np.zeros(n_bu, dtype=bool)
    # A couple is presumed married (pe_inputs.is_married); non-dependants are single.
    married[layout.bu_start] = layout.has_partner
    benunit["is_married"] = married
    return benunit


def _household_inputs(frame: pd.DataFrame, location: Location) -> dict[str, np.ndarray]:
    n = len(frame)
    return {
        "local_authority": np.full(n, location.local_authority),
        "region": np.full(n, location.region),
        "brma": np.full(n, location.brma),
        "rent": _num(frame, "rent_per_week") * WEEKS,
        "tenure_type": frame["tenure"].map(TENURES).to_numpy(),
        "council_tax": _num(frame, "council_tax_per_year"),
        "council_tax_band": frame["council_tax_band"].to_numpy(),
        "savings": _num(frame, "capital"),
    }


def screen_caseload(
    frame: pd.DataFrame,
    year: int,
    *,
    engine: BenefitsEngine | None = None,
    chunk_size: int = CHUNK,
    median_equivalised_ahc_income: float | None = None,
    location: Location = STOCKTON,
) -> pd.DataFrame:
    """Screen a *validated* caseload frame; returns one row of amounts and flags per household."""
    engine = engine or get_engine()
    engine.check_year(year)
    engine.check_location(location)
    if chunk_size < 1:
        raise ValueError("chunk_size: must be 1 or more")
    parts = []
    for start in range(0, len(frame), chunk_size):
        part = frame.iloc[start : start + chunk_size].reset_index(drop=True)
        parts.append(_screen_chunk(part, year, engine, median_equivalised_ahc_income, location))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _screen_chunk(
    frame: pd.DataFrame, year: int, engine: BenefitsEngine, median: float | None, location: Location
) -> pd.DataFrame:
    arrays = caseload_to_arrays(frame, location)
    values = engine.calculate(arrays, year, SCREEN_BENUNIT + SCREEN_HOUSEHOLD)
    n = len(frame)
    # The claim's own benefit unit only: non-dependants' incomes are not in an extract.
    counts = np.bincount(arrays.benunit_household, minlength=n)
    main_bu = np.concatenate([[0], np.cumsum(counts)[:-1]])
    per_hh = {k: np.asarray(values[k], dtype=float)[main_bu] for k in SCREEN_BENUNIT}
    ctr = np.asarray(values["council_tax_reduction"], dtype=float)
    got = {k: _num(frame, f"receiving_{k}_per_week") * WEEKS for k in ("uc", "pc", "hb", "ctr")}
    ent = {
        "uc": per_hh["universal_credit"],
        "pc": per_hh["pension_credit"],
        "hb": per_hh["housing_benefit"],
        "ctr": ctr,
    }
    unclaimed = sum(np.maximum(0.0, ent[k] - got[k]) for k in ent)
    means_tested = (ent["uc"] + ent["pc"] + ent["hb"] + ent["ctr"] + sum(got.values())) > 0
    gross = (
        _num(frame, "earnings_per_week")
        + _num(frame, "state_pension_per_week")
        + _num(frame, "private_pension_per_week")
    ) * WEEKS
    epc = frame["epc_band"].astype(str).str.upper().to_numpy() if "epc_band" in frame else np.full(n, "")
    imd = pd.to_numeric(frame.get("imd_decile", pd.Series([""] * n)).replace("", np.nan)).to_numpy()
    wh = load("grants")["warm_homes_local_grant"]
    home_ok = frame["tenure"].isin(wh["tenures"]).to_numpy() & np.isin(epc, wh["epc_bands"])
    warm_homes = home_ok & (
        (gross < wh["gross_household_income_below"]) | means_tested | np.isin(imd, wh["imd_deciles"])
    )
    low_ee = np.isin(epc, load("fuel_poverty")["low_efficiency_bands"])
    try:
        line = poverty_line(median)
        ahc = np.asarray(values["hbai_household_net_income_ahc"], dtype=float)
        factors = _household_factors(arrays, n)
        low_income = ahc / factors < line  # energy costs unknown in an extract: cautious (under-counts)
        method = "lilee_income_only"
    except ValueError:
        low_income, method = means_tested, "proxy_means_tested_benefit"
    return pd.DataFrame(
        {
            "household_ref": frame["household_ref"].to_numpy(),
            "universal_credit": np.round(ent["uc"], 2),
            "pension_credit": np.round(ent["pc"], 2),
            "housing_benefit": np.round(ent["hb"], 2),
            "council_tax_reduction": np.round(ent["ctr"], 2),
            "child_benefit": np.round(per_hh["child_benefit"], 2),
            "likely_unclaimed_pension_credit": (ent["pc"] > 0) & (got["pc"] == 0),
            "likely_eligible_uc": (ent["uc"] > 0) & (got["uc"] == 0),
            "unclaimed_per_year": np.round(unclaimed, 2),
            "warm_homes_likely": warm_homes,
            "fuel_poverty_risk": low_ee & low_income,
            "fuel_poverty_method": method,
        }
    )


def _household_factors(arrays: PolicyEngineArrays, n: int) -> np.ndarray:
    ages_by_hh: list[list[int]] = [[] for _ in range(n)]
    for h, a in zip(arrays.person_household.tolist(), arrays.person["age"].tolist(), strict=True):
        ages_by_hh[h].append(a)
    return np.array([equivalisation_factor(a) for a in ages_by_hh])


def screen_records(records: Sequence[dict[str, str]], year: int, **kwargs) -> pd.DataFrame:
    """Convenience: screen a list of caseload records (dicts of strings), validating first."""
    from .caseload import validate_caseload

    errors = validate_caseload(records)
    if errors:
        raise ValueError("; ".join(str(e) for e in errors[:20]))
    return screen_caseload(pd.DataFrame(records, dtype=str).fillna(""), year, **kwargs)
