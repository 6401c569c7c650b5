"""Per-benefit results for one household: entitled vs receiving, unclaimed, and plain-English reasons."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np

from .ctr import (
    CTRApplicant,
    CTRScheme,
    FigureUnknown,
    cannot_work_out,
    default_scheme,
    unknown_figures,
    working_age_ctr,
)
from .engine import CHECK_VARIABLES, BenefitsEngine, get_engine
from .household import Household
from .passported import free_school_meals, healthy_start

STATUSES = ("entitled", "not_entitled", "check")
OTHER_UNIT_BENEFITS = ("universal_credit", "pension_credit", "housing_benefit", "child_benefit")
UC_ELEMENTS = {
    "standard_allowance": "uc_standard_allowance",
    "child_element": "uc_child_element",
    "housing_costs_element": "uc_housing_costs_element",
    "carer_element": "uc_carer_element",
    "lcwra_element": "uc_LCWRA_element",
    "childcare_element": "uc_childcare_element",
    "income_reduction": "uc_income_reduction",
    "benefit_cap_reduction": "uc_benefit_cap_reduction",
}


@dataclass(frozen=True)
class BenefitResult:
    key: str
    label: str
    entitled_per_year: float
    receiving_per_year: float
    kind: str = "amount"  # "amount" | "pointer" (eligibility to check, amount depends on assessment)
    reason: str = ""
    elements: dict[str, float] = field(default_factory=dict)
    to_confirm: bool = False  # True where local or unverified figures are involved
    status: str = ""  # "entitled" | "not_entitled" | "check" (worth checking / applying)

    def __post_init__(self) -> None:
        if not self.status:
            object.__setattr__(self, "status", "entitled" if self.entitled_per_year > 0 else "not_entitled")
        if self.status not in STATUSES:
            raise ValueError(f"status: must be one of {', '.join(STATUSES)}, got {self.status!r}")

    @property
    def eligible(self) -> bool:
        return self.status == "entitled"

    @property
    def unclaimed_per_year(self) -> float:
        return round(max(0.0, self.entitled_per_year - self.receiving_per_year), 2)

    @property
    def per_week(self) -> float:
        return round(self.entitled_per_year / 52, 2)

    @property
    def per_month(self) -> float:
        return round(self.entitled_per_year / 12, 2)


@dataclass(frozen=True)
class HouseholdResult:
    year: int
    benefits: tuple[BenefitResult, ...]
    engine_versions: dict[str, str]
    #: Entitlements (£/year) of other benefit units (non-dependants claiming in their own right).
    other_benefit_units: tuple[dict[str, float], ...] = ()

    def get(self, key: str) -> BenefitResult:
        for b in self.benefits:
            if b.key == key:
                return b
        raise KeyError(key)

    @property
    def total_entitled_per_year(self) -> float:
        return round(sum(b.entitled_per_year for b in self.benefits if b.kind == "amount"), 2)

    @property
    def total_unclaimed_per_year(self) -> float:
        return round(sum(b.unclaimed_per_year for b in self.benefits if b.kind == "amount"), 2)


def _r(x: float) -> float:
    return round(float(x), 2)


def local_ctr_applicant(household: Household, v: dict[str, np.ndarray]) -> CTRApplicant:
    """The working-age CTR assessment's facts for benefit unit 0 (PolicyEngine values ``v`` for this household).

    Dependants are children and qualifying young people (``Person.is_dependant``): a lone parent with a
    17-year-old at college is a lone parent with one dependant, not a couple.
    """
    unit = [p for p in household.people if p.benefit_unit == 0]
    adults = [p for p in unit if not p.is_dependant]
    dependants = [p for p in unit if p.is_dependant]
    return CTRApplicant(
        annual_liability=household.council_tax_per_year,
        band=household.council_tax_band,
        claimant_age=max(p.age for p in adults),
        is_couple=len(adults) == 2,
        children=len(dependants),
        disabled_children=sum(1 for p in dependants if p.receives_disability_benefit),
        disability_premium=any(p.is_disabled or p.receives_disability_benefit for p in adults),
        enhanced_disability_premium=any(p.pip_daily_living == "ENHANCED" for p in adults),
        carer=any(p.care_hours_per_week >= 35 for p in adults),
        income_per_year=max(0.0, float(v["council_tax_reduction_applicable_income"][0]) - float(v["child_benefit"][0])),
        earnings_per_year=sum(p.employment_income + p.self_employment_income for p in adults),
        capital=float(v["council_tax_reduction_assessable_capital"][0]),
        passported=bool(v["council_tax_reduction_relevant_income_based_benefit"][0]),
        non_dependant_deductions_per_year=float(v["council_tax_reduction_non_dep_deductions"][0]),
    )


def check_household(
    household: Household,
    year: int,
    *,
    engine: BenefitsEngine | None = None,
    ctr_scheme: CTRScheme | None = None,
    on_date: dt.date | None = None,
) -> HouseholdResult:
    """Entitlement for one household in tax ``year`` (2025 = 2025/26), compared with what it receives."""
    engine = engine or get_engine()
    _, v = engine.calculate_households([household], year, CHECK_VARIABLES)
    on_date = on_date or dt.date(year, 10, 1)
    receiving = household.current_benefits
    people = sorted(household.people, key=lambda p: p.benefit_unit)
    main = [i for i, p in enumerate(people) if p.benefit_unit == 0]
    sp_age = np.asarray(v["is_SP_age"], dtype=bool)
    any_sp = bool(sp_age[main].any())
    all_sp = bool(all(sp_age[i] for i in main if not people[i].is_dependant))
    out: list[BenefitResult] = []

    person_main = np.zeros(len(people), dtype=bool)
    person_main[main] = True

    def total(name: str) -> float:
        """The main benefit unit's amount (benefit unit 0 is index 0; person values summed)."""
        values = np.asarray(v[name], dtype=float)
        return _r(values[person_main].sum() if len(values) == len(people) else values[0])

    # Universal Credit
    uc = total("universal_credit")
    if uc > 0:
        reason = "Entitled to Universal Credit."
    elif all_sp:
        reason = "Not due: people over State Pension age claim Pension Credit instead."
    elif v["uc_assessable_capital"][0] > 16000:
        reason = "Not due: savings are above the £16,000 limit."
    elif any_sp:
        reason = "Not due: a mixed-age couple's income is too high (check with an adviser)."
    else:
        reason = "Not due: income is too high (it reduces the award to nothing)."
    out.append(
        BenefitResult(
            "universal_credit",
            "Universal Credit",
            uc,
            receiving.get("universal_credit", 0.0),
            reason=reason,
            elements={k: _r(v[n][0]) for k, n in UC_ELEMENTS.items()} if uc > 0 else {},
        )
    )
    # Pension Credit
    pc = total("pension_credit")
    if pc > 0:
        reason = "Entitled to Pension Credit."
    elif not all_sp:
        reason = "Not due: you (and your partner) must both have reached State Pension age."
    else:
        reason = "Not due: income is above the Pension Credit guarantee level."
    out.append(
        BenefitResult(
            "pension_credit",
            "Pension Credit",
            pc,
            receiving.get("pension_credit", 0.0),
            reason=reason,
            elements={
                "guarantee_credit": _r(v["guarantee_credit"][0]),
                "savings_credit": _r(v["savings_credit"][0]),
            },
        )
    )
    # Housing Benefit
    hb = total("housing_benefit")
    if hb > 0:
        reason = "Entitled to Housing Benefit."
    elif household.rent_per_year == 0:
        reason = "Not due: no rent is paid."
    elif not all_sp:
        reason = "Not due: working-age renters get help with rent through Universal Credit."
    else:
        reason = "Not due: income is too high."
    out.append(
        BenefitResult("housing_benefit", "Housing Benefit", hb, receiving.get("housing_benefit", 0.0), reason=reason)
    )
    # Council Tax Reduction: PolicyEngine for pensioners, our local scheme for working age
    ctr_status = ""
    if bool(v["council_tax_reduction_pensioner"][0]) or bool(v["council_tax_reduction_scheme_supported"][0]):
        ctr = total("council_tax_reduction")
        reason = "Entitled to Council Tax Reduction." if ctr > 0 else "Not due: income or savings too high."
        confirm = False
    else:
        applicant = local_ctr_applicant(household, v)
        scheme = ctr_scheme or default_scheme()
        try:
            res = working_age_ctr(applicant, year, scheme)
            ctr, reason = res.amount_per_year, res.reason
            reason += " (Local working-age scheme: figures to be confirmed.)"
        except FigureUnknown:
            ctr, reason = 0.0, cannot_work_out(year, scheme, unknown_figures(applicant, scheme, year))
            ctr_status = "check"
        confirm = True
    out.append(
        BenefitResult(
            "council_tax_reduction",
            "Council Tax Reduction",
            ctr,
            receiving.get("council_tax_reduction", 0.0),
            reason=reason,
            to_confirm=confirm,
            status=ctr_status,
        )
    )
    # Child Benefit
    cb = total("child_benefit")
    out.append(
        BenefitResult(
            "child_benefit",
            "Child Benefit",
            cb,
            receiving.get("child_benefit", 0.0),
            reason="Entitled to Child Benefit." if cb > 0 else "Not due: no children.",
        )
    )
    # Disability and carer benefits: pointers (they need a DWP assessment)
    for key, label, var in (
        ("attendance_allowance", "Attendance Allowance", "attendance_allowance"),
        ("pip", "Personal Independence Payment", "pip"),
        ("carers_allowance", "Carer's Allowance", "carers_allowance"),
    ):
        amount = total(var)
        if key == "attendance_allowance":
            candidates = [
                p
                for i, p in enumerate(people)
                if sp_age[i]
                and p.is_disabled
                and p.attendance_allowance == "NONE"
                and p.pip_daily_living == "NONE"
                and p.dla_care == "NONE"
            ]
            hint = "Someone over State Pension age with care needs may qualify (DWP assessment)."
        elif key == "pip":
            candidates = [
                p
                for i, p in enumerate(people)
                if not sp_age[i]
                and p.age >= 16
                and p.is_disabled
                and p.pip_daily_living == "NONE"
                and p.pip_mobility == "NONE"
            ]
            hint = "A disabled adult under State Pension age may qualify (DWP assessment)."
        else:
            candidates = [p for p in people if p.care_hours_per_week >= 35]
            hint = "Someone caring 35+ hours a week may qualify if earnings are under the limit."
        if amount > 0:
            reason, status = "Entitled on the award level given.", "entitled"
        elif candidates:
            reason, status = hint, "check"
        else:
            reason, status = "Not indicated by the answers given.", "not_entitled"
        out.append(
            BenefitResult(key, label, amount, receiving.get(key, 0.0), kind="pointer", reason=reason, status=status)
        )
    on_uc = uc > 0
    on_gc = float(v["guarantee_credit"][0]) > 0
    fsm = free_school_meals(household, on_uc, on_gc, on_date)
    out.append(
        BenefitResult(
            "free_school_meals",
            "Free school meals",
            0.0,
            receiving.get("free_school_meals", 0.0),
            kind="pointer",
            reason=fsm.reason,
            to_confirm=True,
            status="entitled" if fsm.eligible else "not_entitled",
        )
    )
    hs = healthy_start(household, on_uc)
    out.append(
        BenefitResult(
            "healthy_start",
            "Healthy Start",
            hs.amount_per_year,
            receiving.get("healthy_start", 0.0),
            reason=hs.reason,
            to_confirm=True,
        )
    )
    others = tuple(
        {name: _r(v[name][b]) for name in OTHER_UNIT_BENEFITS} for b in range(1, len(household.benefit_units))
    )
    return HouseholdResult(year, tuple(out), engine.version, others)
