"""Warm Homes: Local Grant and ECO4 Flex eligibility (pure rules; parameters in ``data/grants.yaml``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .datafiles import load
from .fuel_poverty import EPC_BANDS
from .household import TENURES


@dataclass(frozen=True)
class HomeCircumstances:
    tenure: str
    epc_band: str | None  # None = no EPC known
    gross_household_income: float
    means_tested_benefits: frozenset[str] = frozenset()
    imd_decile: int | None = None  # English IMD decile of the postcode (1 = most deprived)
    proxies: frozenset[str] = frozenset()  # e.g. {"council_tax_reduction", "free_school_meals"}
    referrals: frozenset[str] = frozenset()  # e.g. {"nhs"}

    def __post_init__(self) -> None:
        if self.tenure not in TENURES:
            raise ValueError(f"tenure: must be one of {', '.join(TENURES)}, got {self.tenure!r}")
        if self.epc_band is not None and self.epc_band not in EPC_BANDS:
            raise ValueError(f"epc_band: must be A-G or None, got {self.epc_band!r}")
        income = self.gross_household_income
        if isinstance(income, bool) or not isinstance(income, int | float) or income != income or income < 0:
            raise ValueError(f"gross_household_income: must be a number 0 or more, got {income!r}")
        if self.imd_decile is not None and (not isinstance(self.imd_decile, int) or not 1 <= self.imd_decile <= 10):
            raise ValueError(f"imd_decile: must be 1-10 or None, got {self.imd_decile!r}")
        object.__setattr__(self, "means_tested_benefits", frozenset(self.means_tested_benefits))
        object.__setattr__(self, "proxies", frozenset(self.proxies))
        object.__setattr__(self, "referrals", frozenset(self.referrals))


@dataclass(frozen=True)
class GrantResult:
    likely_eligible: bool
    routes: tuple[str, ...]
    reasons: tuple[str, ...]
    to_confirm: bool = True
    notes: dict[str, Any] = field(default_factory=dict)


def _home_checks(home: HomeCircumstances, p: dict[str, Any]) -> list[str]:
    problems = []
    if home.tenure not in p["tenures"]:
        problems.append("Only owner-occupiers and private tenants qualify (social housing has its own scheme).")
    if home.epc_band is None:
        problems.append("The home's EPC rating is needed (rated D to G qualifies).")
    elif home.epc_band not in p["epc_bands"]:
        problems.append(f"The home is rated EPC {home.epc_band}; only D to G qualifies.")
    return problems


def warm_homes_local_grant(home: HomeCircumstances, params: dict[str, Any] | None = None) -> GrantResult:
    """Warm Homes: Local Grant (England): home test plus one of income / benefit / IMD 1-2 postcode."""
    p = params or load("grants")["warm_homes_local_grant"]
    problems = _home_checks(home, p)
    routes = []
    if home.gross_household_income < p["gross_household_income_below"]:
        routes.append("income")
    if home.means_tested_benefits & set(p["means_tested_benefits"]):
        routes.append("means_tested_benefit")
    if home.imd_decile is not None and home.imd_decile in p["imd_deciles"]:
        routes.append("low_income_postcode")
    if not routes:
        problems.append(
            f"Household income is £{p['gross_household_income_below']:,.0f} or more, no means-tested "
            "benefit and the postcode is not in an eligible area."
        )
    ok = not problems
    return GrantResult(
        ok,
        tuple(routes) if ok else (),
        tuple(problems) or ("Likely eligible.",),
        bool(p.get("confirm", True)),
    )


def eco4_flex(home: HomeCircumstances, params: dict[str, Any] | None = None) -> GrantResult:
    """ECO4 Flex: home test plus any enabled council route (``data/grants.yaml`` eco4_flex.routes)."""
    p = params or load("grants")["eco4_flex"]
    problems = _home_checks(home, p)
    matched = []
    for i, route in enumerate(p.get("routes") or []):
        if not route.get("enabled"):
            continue
        rule = route.get("rule") or {}
        kind = rule.get("type")
        if kind == "income_below":
            if home.gross_household_income < float(rule["value"]):
                matched.append(route["name"])
        elif kind == "proxies":
            proxies = set(home.proxies)
            if home.imd_decile is not None and home.imd_decile in rule.get("imd_deciles", []):
                proxies.add("imd")
            if len(proxies) >= int(rule.get("minimum", 2)):
                matched.append(route["name"])
        elif kind == "referral":
            if rule.get("referral") in home.referrals:
                matched.append(route["name"])
        else:
            raise ValueError(f"eco4_flex.routes[{i}].rule.type: unknown rule type {kind!r}")
    if not matched:
        problems.append("None of the council's ECO4 Flex routes applies.")
    ok = not problems
    return GrantResult(
        ok,
        tuple(matched) if ok else (),
        tuple(problems) or ("Likely eligible.",),
        bool(p.get("confirm", True)),
    )


def routes_declared(params: dict[str, Any] | None = None) -> Iterable[str]:
    p = params or load("grants")["eco4_flex"]
    return [r["name"] for r in p.get("routes") or [] if r.get("enabled")]
