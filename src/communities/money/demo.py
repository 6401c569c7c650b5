"""Demo borough extension (settings.DEMO_EXTENSIONS): money details for households and synthetic caseload extracts.

Everything here is synthetic. Amounts are illustrative 2025/26 figures (Child Benefit £26.05/£17.25 a week, full new
State Pension £230.25 a week); take-up of Pension Credit (about 63 % by caseload, DWP 2022/23) and of other
means-tested benefits drives who is shown as receiving what, so that screening finds households missing out.
Two extract files are written to ``VAR_DIR/demo/money/``: the second shows some households from the first now
receiving Pension Credit, so take-up tracking has something to count. Upload them on the screening page or with
``manage.py money_import_caseload``.

Some low-income residents the council supports get a saved check from the past year with outcomes (claims, then
awards or refusals, at plausible 2025/26 amounts and dates), so the income-gained report shows income from the start.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from communities.benefits.caseload import COLUMNS

from .adapter import PEOPLE_TENURES
from .models import BENEFIT_LABELS, HouseholdMoney, Outcome, SavedCheck

FULL_STATE_PENSION_WEEK = 230.25
CHILD_BENEFIT_WEEK = (26.05, 17.25)
BAND_RATIO = {"A": 6, "B": 7, "C": 8, "D": 9, "E": 11, "F": 13, "G": 15, "H": 18}
ILLUSTRATIVE_BAND_D = 2250.0  # synthetic: not Stockton's actual charge
EPC_BANDS = ("B", "C", "D", "E", "F", "G")
EPC_WEIGHTS = (0.03, 0.40, 0.37, 0.13, 0.05, 0.02)
RENT_WEEK = {"social_rent_council": 95.0, "private_rent": 125.0}
PENSION_AGE = 66


def _age(person, today) -> int | None:
    born = person.date_of_birth
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def _roles(ages: list[int]) -> tuple[int, int | None, list[int], list[int]]:
    """(claimant age, partner age, children, non-dependants): the eldest adult claims; a partner within 15 years."""
    adults = sorted((a for a in ages if a >= 16), reverse=True)
    children = sorted(a for a in ages if a < 16)
    claimant = adults[0]
    partner = None
    others = []
    for a in adults[1:]:
        if partner is None and abs(claimant - a) <= 15:
            partner = a
        else:
            others.append(a)
    return claimant, partner, children, others


def _household_rows(ctx) -> list[dict]:
    rng = ctx.rng
    members: dict[int, list] = {}
    for person in ctx.people:
        if person.household is not None:
            members.setdefault(id(person.household), []).append(person)
    rows = []
    for household in ctx.households:
        tenure = PEOPLE_TENURES.get(household.tenure)
        ages = [a for a in (_age(p, ctx.today) for p in members.get(id(household), [])) if a is not None]
        if tenure is None or not ages or max(ages) < 16:
            continue
        claimant, partner, children, others = _roles(ages)
        income = float(household.annual_income or 0)
        pensioners = [a for a in (claimant, partner) if a is not None and a >= PENSION_AGE]
        state_pension = min(income, FULL_STATE_PENSION_WEEK * 52 * len(pensioners)) if pensioners else 0.0
        rest = income - state_pension
        working_age = any(a < PENSION_AGE for a in (claimant, partner) if a is not None)
        earnings = rest if working_age else 0.0
        private_pension = 0.0 if working_age else rest
        rent = float(RENT_WEEK.get(tenure, 0.0) * rng.uniform(0.85, 1.25)) if tenure in RENT_WEEK else 0.0
        savings = float(round(rng.lognormal(7.5, 1.4), -1)) if rng.random() < 0.7 else 0.0
        people = members.get(id(household), [])
        low_income = income < (17000 if pensioners and not working_age else 22000)
        benefits: dict[str, float] = {}
        if children and rng.random() < 0.9:
            benefits["child_benefit"] = round(
                (CHILD_BENEFIT_WEEK[0] + CHILD_BENEFIT_WEEK[1] * (len(children) - 1)) * 52, 2)
        if low_income and pensioners and not working_age and rng.random() < 0.63:
            benefits["pension_credit"] = round(max(10.0, (227.10 * 52 - income)) if partner is None
                                               else max(10.0, (346.60 * 52 - income)), 2)
        if low_income and working_age and rng.random() < 0.75:
            benefits["universal_credit"] = round(float(rng.uniform(3000, 12000)), 2)
        if low_income and tenure in RENT_WEEK and not working_age and rng.random() < 0.8:
            benefits["housing_benefit"] = round(rent * 52 * float(rng.uniform(0.5, 1.0)), 2)
        council_tax = ILLUSTRATIVE_BAND_D * BAND_RATIO.get(household.council_tax_band or "B", 7) / 9
        if len(ages) == 1:
            council_tax *= 0.75
        if low_income and rng.random() < 0.7:
            benefits["council_tax_reduction"] = round(council_tax * float(rng.uniform(0.5, 1.0)), 2)
        epc = str(rng.choice(EPC_BANDS, p=EPC_WEIGHTS))
        rows.append({
            "household": household, "tenure": tenure, "claimant": claimant, "partner": partner,
            "children": children, "others": others, "earnings": earnings, "state_pension": state_pension,
            "private_pension": private_pension, "rent": rent, "savings": savings, "benefits": benefits,
            "council_tax": round(council_tax, 2), "epc": epc, "income": income,
            "disabled": any(p.has_disability for p in people if (_age(p, ctx.today) or 0) >= 16),
            "carer": any(p.is_carer for p in people),
            "imd": household.lsoa.imd2025_decile if household.lsoa_id and household.lsoa else None,
        })
    return rows


def _csv_row(ref: str, r: dict, benefits: dict) -> dict:
    week = lambda x: f"{x / 52:.2f}" if x else ""  # noqa: E731
    return {
        "household_ref": ref,
        "claimant_age": str(r["claimant"]),
        "partner_age": "" if r["partner"] is None else str(r["partner"]),
        "children_ages": ";".join(str(a) for a in r["children"]),
        "non_dependant_ages": ";".join(str(a) for a in r["others"]),
        "earnings_per_week": week(r["earnings"]),
        "state_pension_per_week": week(r["state_pension"]),
        "private_pension_per_week": week(r["private_pension"]),
        "capital": f"{r['savings']:.0f}" if r["savings"] else "",
        "tenure": r["tenure"],
        "rent_per_week": f"{r['rent']:.2f}" if r["rent"] else "",
        "council_tax_band": r["household"].council_tax_band or "B",
        "council_tax_per_year": f"{r['council_tax']:.2f}",
        "disabled": "Y" if r["disabled"] else "N",
        "carer": "Y" if r["carer"] else "",
        "receiving_uc_per_week": week(benefits.get("universal_credit", 0)),
        "receiving_pc_per_week": week(benefits.get("pension_credit", 0)),
        "receiving_hb_per_week": week(benefits.get("housing_benefit", 0)),
        "receiving_ctr_per_week": week(benefits.get("council_tax_reduction", 0)),
        "epc_band": r["epc"],
        "imd_decile": "" if r["imd"] is None else str(r["imd"]),
    }


def demo_extract_dir() -> Path:
    return Path(settings.VAR_DIR) / "demo" / "money"


def write_extracts(ctx, rows: list[dict], directory: Path | None = None) -> list[Path]:
    """Extract 1 (now) and extract 2 (a month later: a third of pension-age non-claimants now get Pension Credit)."""
    directory = directory or demo_extract_dir()
    directory.mkdir(parents=True, exist_ok=True)
    caseload = [(f"DEMO-{i:06d}", r) for i, r in enumerate(rows, start=1) if r["income"] < 36000]
    paths = []
    for number in (1, 2):
        path = directory / f"caseload-extract-{number}.csv"
        with open(path, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
            writer.writeheader()
            for ref, r in caseload:
                benefits = dict(r["benefits"])
                if (number == 2 and r["partner"] is None and r["claimant"] >= 66 and "pension_credit" not in benefits
                        and r["income"] < 11800 and ctx.rng.random() < 0.35):
                    benefits["pension_credit"] = round(227.10 * 52 - r["income"], 2)
                writer.writerow(_csv_row(ref, r, benefits))
        paths.append(path)
    return paths


def add_demo_money(ctx) -> None:
    rows = _household_rows(ctx)
    HouseholdMoney.objects.bulk_create(
        [
            HouseholdMoney(
                household=r["household"], rent_per_week=Decimal(f"{r['rent']:.2f}"),
                savings=Decimal(f"{r['savings']:.2f}"), epc_band=r["epc"],
                current_benefits=dict(r["benefits"]),
            )
            for r in rows
        ],
        batch_size=2000,
    )
    write_extracts(ctx, rows)
    add_demo_outcomes(ctx, rows)


# Saved checks with outcomes (synthetic). 2025/26 weekly rates: Pension Credit guarantee £227.10 / £346.60, Attendance
# Allowance £73.90 / £110.40 (GOV.UK "Benefit and pension rates 2025 to 2026").
DEMO_SAVED_CHECKS = 40
PENSION_CREDIT_SINGLE_WEEK, PENSION_CREDIT_COUPLE_WEEK = 227.10, 346.60
ATTENDANCE_ALLOWANCE_WEEK = (73.90, 110.40)
CHANCE_AWARDED, CHANCE_REFUSED = 0.75, 0.10  # of claims decided; the rest still wait for a decision


def _gains(r: dict, rng) -> dict[str, float]:
    """What a check would find this household missing: benefit -> £ a year (synthetic, plausible)."""
    gains: dict[str, float] = {}
    benefits, working_age = r["benefits"], r["claimant"] < PENSION_AGE
    guarantee = (PENSION_CREDIT_COUPLE_WEEK if r["partner"] is not None else PENSION_CREDIT_SINGLE_WEEK) * 52
    if not working_age and "pension_credit" not in benefits and r["income"] < guarantee:
        gains["pension_credit"] = round(max(float(rng.uniform(150, 900)), guarantee - r["income"]), 2)
    if working_age and "universal_credit" not in benefits:
        gains["universal_credit"] = round(float(rng.uniform(1800, 9000)), 2)
    if "council_tax_reduction" not in benefits:
        gains["council_tax_reduction"] = round(r["council_tax"] * float(rng.uniform(0.25, 1.0)), 2)
    if r["disabled"] and not working_age:
        gains["attendance_allowance"] = round(ATTENDANCE_ALLOWANCE_WEEK[int(rng.random() < 0.4)] * 52, 2)
    return gains


def _demo_result(gains: dict[str, float], earnings: float) -> dict:
    benefits = [
        {"key": key, "label": BENEFIT_LABELS[key], "kind": "amount", "status": "entitled", "eligible": True,
         "entitled_per_year": amount, "receiving_per_year": 0.0, "unclaimed_per_year": amount,
         "per_week": round(amount / 52, 2), "per_month": round(amount / 12, 2), "unclaimed_per_month": round(
             amount / 12, 2), "receiving_per_week": 0.0, "receiving_per_month": 0.0, "elements": {},
         "to_confirm": False, "reason": "Synthetic demo figure."}
        for key, amount in gains.items()
    ]
    total = round(sum(gains.values()), 2)
    return {"year": 2025, "benefits": benefits, "total_entitled_per_year": total, "total_unclaimed_per_year": total,
            "total_entitled_per_month": round(total / 12, 2), "total_unclaimed_per_month": round(total / 12, 2),
            "total_receiving_per_year": 0.0, "engine_versions": {"demo": "synthetic"}, "other_benefit_units": [],
            "home_energy": {}, "earnings_per_year": round(earnings, 2), "seconds": 0.0}


def _outcomes_for(saved_on, gains: dict[str, float], rng, today) -> list[tuple]:
    """(benefit, status, £ a year or None, date) for each benefit claimed after the check."""
    outcomes = []
    for key, amount in gains.items():
        claimed_on = saved_on + timedelta(days=int(rng.integers(2, 15)))
        outcomes.append((key, Outcome.Status.CLAIMED, None, claimed_on))
        decided_on = claimed_on + timedelta(days=int(rng.integers(14, 85)))
        draw = rng.random()
        if decided_on <= today and draw < CHANCE_AWARDED:
            outcomes.append((key, Outcome.Status.AWARDED, round(amount * float(rng.uniform(0.8, 1.05)), 2),
                             decided_on))
        elif decided_on <= today and draw < CHANCE_AWARDED + CHANCE_REFUSED:
            outcomes.append((key, Outcome.Status.REFUSED, None, decided_on))
    return outcomes


def _council_residents(ctx, rows: list[dict]) -> list[tuple[dict, object]]:
    """(row, the household's eldest resident the council supports) for low-income households."""
    from communities.people.models import Involvement

    supported = set(Involvement.objects.filter(organisation=ctx.council_org).values_list("person_id", flat=True))
    picked = []
    for r in rows:
        if r["income"] >= 22000:
            continue
        people = sorted((p for p in ctx.people if p.household is r["household"] and p.pk in supported
                         and p.date_of_birth is not None), key=lambda p: (p.date_of_birth, str(p.pk)))
        if people:
            picked.append((r, people[0]))
    return picked


def add_demo_outcomes(ctx, rows: list[dict]) -> list[SavedCheck]:
    """Saved checks from the past year for low-income residents the council supports, with their outcomes."""
    from communities.accounts.models import User
    from communities.demo.logins import demo_email

    rng = ctx.rng.spawn(1)[0]  # its own stream: the other rooms' demo data stay as they were for the seed
    candidates = _council_residents(ctx, rows)
    officer = User.objects.filter(email=demo_email("officer")).first()
    chosen = sorted(rng.choice(len(candidates), size=min(DEMO_SAVED_CHECKS, len(candidates)), replace=False))
    saved, outcomes = [], []
    for index in chosen:
        r, person = candidates[index]
        gains = _gains(r, rng)
        if not gains:
            continue
        saved_on = ctx.today - timedelta(days=int(rng.integers(20, 366)))
        result = _demo_result(gains, r["earnings"])
        check = SavedCheck(
            person=person, organisation=ctx.council_org, created_by=officer, tax_year=2025,
            answers={"year": 2025, "tenure": r["tenure"], "synthetic": True}, result=result,
            total_entitled_per_year=Decimal(f"{result['total_entitled_per_year']:.2f}"),
            total_unclaimed_per_year=Decimal(f"{result['total_unclaimed_per_year']:.2f}"),
        )
        saved.append((check, saved_on))
        outcomes += [(check, *o) for o in _outcomes_for(saved_on, gains, rng, ctx.today)]
    SavedCheck.objects.bulk_create([check for check, _ in saved])
    for check, saved_on in saved:  # auto_now_add set today's date: the checks were saved over the past year
        check.created_at = datetime.combine(saved_on, time(11), tzinfo=UTC)
    SavedCheck.objects.bulk_update([check for check, _ in saved], ["created_at"])
    Outcome.objects.bulk_create([
        Outcome(saved_check=check, benefit=benefit, status=status, occurred_on=day, organisation=ctx.council_org,
                recorded_by=officer, amount_per_year=None if amount is None else Decimal(f"{amount:.2f}"))
        for check, benefit, status, amount, day in outcomes
    ])
    return [check for check, _ in saved]
