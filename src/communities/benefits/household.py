"""Household model for benefit checks (no Django, no PolicyEngine imports).

All money amounts are **pounds per year** unless a field name says otherwise;
the web layer converts weekly/monthly answers before building a household.

Sources for the categories used:
- PIP components and rates: https://www.gov.uk/pip/what-youll-get
- Attendance Allowance rates: https://www.gov.uk/attendance-allowance/what-youll-get
- Carer's Allowance (35 hours a week caring): https://www.gov.uk/carers-allowance/eligibility
- Housing tenure categories follow the English Housing Survey / PolicyEngine UK ``tenure_type``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

TENURES: dict[str, str] = {
    # our key -> PolicyEngine UK tenure_type
    "social_rent_council": "RENT_FROM_COUNCIL",
    "social_rent_housing_association": "RENT_FROM_HA",
    "private_rent": "RENT_PRIVATELY",
    "owner_outright": "OWNED_OUTRIGHT",
    "owner_mortgage": "OWNED_WITH_MORTGAGE",
}
RENTED_TENURES = frozenset({"social_rent_council", "social_rent_housing_association", "private_rent"})
COUNCIL_TAX_BANDS = ("A", "B", "C", "D", "E", "F", "G", "H")
PIP_LEVELS = ("NONE", "STANDARD", "ENHANCED")
AA_LEVELS = ("NONE", "LOWER", "HIGHER")
DLA_CARE_LEVELS = ("NONE", "LOWER", "MIDDLE", "HIGHER")
DLA_MOBILITY_LEVELS = ("NONE", "LOWER", "HIGHER")
MAX_AGE = 120
#: Qualifying young person ages: 16 to 19 inclusive (UC Regs 2013 reg. 5: under 20; Child Benefit (General) Regs
#: 2006 reg. 3: course begun before 19, up to the 20th birthday).
YOUNG_PERSON_MIN_AGE = 16
YOUNG_PERSON_MAX_AGE = 19
MAX_PEOPLE = 20

#: Keys accepted in ``Household.current_benefits`` (annual amounts currently received).
BENEFIT_KEYS = (
    "universal_credit",
    "pension_credit",
    "housing_benefit",
    "council_tax_reduction",
    "child_benefit",
    "attendance_allowance",
    "pip",
    "carers_allowance",
    "free_school_meals",
    "healthy_start",
)


@dataclass(frozen=True)
class Location:
    """Where the household lives: PolicyEngine UK geography codes.

    Defaults (``data/council.yaml``) are Stockton-on-Tees Borough Council (ONS code E06000004), in
    the North East region and the Teesside Broad Rental Market Area (used for Local Housing Allowance).
    """

    local_authority: str = field(default_factory=lambda: _council()["local_authority"])
    region: str = field(default_factory=lambda: _council()["region"])
    brma: str = field(default_factory=lambda: _council()["brma"])
    ons_code: str = field(default_factory=lambda: _council()["ons_code"])


def _council() -> dict:
    from .datafiles import load

    return load("council")


STOCKTON = Location()


@dataclass(frozen=True)
class Person:
    """One member of the household.

    ``benefit_unit`` groups people who claim together (a single adult or couple and their
    dependent children). Benefit unit 0 is the household's main tenant/owner; other adults
    (grown-up children, lodgers) form their own benefit units and are non-dependants.
    """

    age: int
    benefit_unit: int = 0
    employment_income: float = 0.0  # gross earnings, £/year
    self_employment_income: float = 0.0  # profit, £/year
    private_pension_income: float = 0.0  # occupational/personal pensions, £/year
    state_pension: float = 0.0  # £/year
    hours_worked: float = 0.0  # hours per week
    pip_daily_living: str = "NONE"
    pip_mobility: str = "NONE"
    attendance_allowance: str = "NONE"
    dla_care: str = "NONE"
    dla_mobility: str = "NONE"
    is_disabled: bool = False  # disabled for benefits purposes (e.g. for premiums)
    is_blind: bool = False
    limited_capability_for_work_related_activity: bool = False  # UC LCWRA
    care_hours_per_week: float = 0.0  # unpaid care given to a disabled person
    is_pregnant: bool = False
    #: Aged 16-19 and in full-time non-advanced education (school or college, up to A level or equivalent) or
    #: approved training, begun before 19: a "qualifying young person", a dependant of the benefit unit they live
    #: in rather than an adult (UC Regs 2013 reg. 5, https://www.legislation.gov.uk/uksi/2013/376/regulation/5;
    #: SSCBA 1992 s.142 and Child Benefit (General) Regs 2006 reg. 3, https://www.legislation.gov.uk/uksi/2006/223/regulation/3).
    in_education: bool = False

    @property
    def is_child(self) -> bool:
        """Under 16 (a child in every benefit's rules)."""
        return self.age < 16

    @property
    def is_young_person(self) -> bool:
        """A qualifying young person: 16-19 and in non-advanced education or approved training."""
        return YOUNG_PERSON_MIN_AGE <= self.age <= YOUNG_PERSON_MAX_AGE and self.in_education

    @property
    def is_dependant(self) -> bool:
        """A child or qualifying young person: counted with the benefit unit's adults, never as one."""
        return self.is_child or self.is_young_person

    @property
    def receives_disability_benefit(self) -> bool:
        return any(
            level != "NONE"
            for level in (
                self.pip_daily_living,
                self.pip_mobility,
                self.attendance_allowance,
                self.dla_care,
                self.dla_mobility,
            )
        )


@dataclass(frozen=True)
class Household:
    """A household to check. See module docstring for units."""

    people: tuple[Person, ...]
    tenure: str = "private_rent"
    rent_per_year: float = 0.0
    council_tax_band: str = "B"
    council_tax_per_year: float = 0.0  # the annual bill after discounts (e.g. single person 25 %)
    savings: float = 0.0  # capital: savings, investments, second property equity
    current_benefits: dict[str, float] = field(default_factory=dict)
    location: Location = STOCKTON
    #: Universal Credit health (LCWRA) element from 2026/27 (Universal Credit Act 2025; UC Regs 2013
    #: reg. 36): True = protected amount (pre-April-2026 claimant, severe conditions criteria or
    #: terminally ill); False = new-claimant amount. None = protected only if already receiving UC.
    uc_lcwra_protected: bool | None = None
    #: The main couple (benefit unit 0) are married or civil partners (True) or living together (False). None = not
    #: asked: PolicyEngine UK then presumes every couple married (``is_married``). Only spouses and civil partners can
    #: transfer Marriage Allowance (Income Tax Act 2007 s.55B, https://www.legislation.gov.uk/ukpga/2007/3/section/55B).
    married: bool | None = None
    #: The main couple claim Marriage Allowance (only if married). None = not asked: PolicyEngine UK presumes a
    #: married couple claims it (``would_claim_marriage_allowance`` defaults to true).
    marriage_allowance: bool | None = None

    @property
    def is_couple(self) -> bool:
        """Benefit unit 0 (the main tenant or owner's family) has two adults."""
        return sum(1 for p in self.people if p.benefit_unit == 0 and not p.is_dependant) == 2

    @property
    def uc_new_claimant(self) -> bool:
        if self.uc_lcwra_protected is None:
            return not self.current_benefits.get("universal_credit", 0.0) > 0
        return not self.uc_lcwra_protected

    def __post_init__(self) -> None:
        object.__setattr__(self, "people", tuple(self.people))
        validate_household(self)

    @property
    def adults(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if not p.is_dependant)

    @property
    def children(self) -> tuple[Person, ...]:
        """Dependants: children under 16 and qualifying young people (16-19 in education)."""
        return tuple(p for p in self.people if p.is_dependant)

    @property
    def benefit_units(self) -> list[int]:
        return sorted({p.benefit_unit for p in self.people})


def _check_money(name: str, value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name}: must be a number, got {value!r}")
    if value != value or value < 0 or value > 10_000_000:  # NaN, negative, absurd
        raise ValueError(f"{name}: must be between 0 and 10,000,000, got {value!r}")


def _check_choice(name: str, value: object, choices: tuple[str, ...] | frozenset[str]) -> None:
    if value not in choices:
        raise ValueError(f"{name}: must be one of {', '.join(sorted(choices))}, got {value!r}")


def validate_person(person: Person, name: str = "person") -> None:
    """Raise ValueError naming the first bad field."""
    if isinstance(person.age, bool) or not isinstance(person.age, int) or not 0 <= person.age <= MAX_AGE:
        raise ValueError(f"{name}.age: must be a whole number from 0 to {MAX_AGE}, got {person.age!r}")
    if not isinstance(person.benefit_unit, int) or person.benefit_unit < 0:
        raise ValueError(f"{name}.benefit_unit: must be a whole number 0 or more, got {person.benefit_unit!r}")
    for money in ("employment_income", "self_employment_income", "private_pension_income", "state_pension"):
        _check_money(f"{name}.{money}", getattr(person, money))
    for hours in ("hours_worked", "care_hours_per_week"):
        value = getattr(person, hours)
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 168:
            raise ValueError(f"{name}.{hours}: must be between 0 and 168 hours a week, got {value!r}")
    _check_choice(f"{name}.pip_daily_living", person.pip_daily_living, PIP_LEVELS)
    _check_choice(f"{name}.pip_mobility", person.pip_mobility, PIP_LEVELS)
    _check_choice(f"{name}.attendance_allowance", person.attendance_allowance, AA_LEVELS)
    _check_choice(f"{name}.dla_care", person.dla_care, DLA_CARE_LEVELS)
    _check_choice(f"{name}.dla_mobility", person.dla_mobility, DLA_MOBILITY_LEVELS)
    if not isinstance(person.in_education, bool):
        raise ValueError(f"{name}.in_education: must be True or False, got {person.in_education!r}")
    if person.in_education and not YOUNG_PERSON_MIN_AGE <= person.age <= YOUNG_PERSON_MAX_AGE:
        raise ValueError(
            f"{name}.in_education: only asked for young people aged {YOUNG_PERSON_MIN_AGE} to "
            f"{YOUNG_PERSON_MAX_AGE}, but the age is {person.age}"
        )


def validate_household(household: Household) -> None:
    """Raise ValueError naming the first bad field (e.g. ``people[1].age``)."""
    people = household.people
    if not people:
        raise ValueError("people: a household needs at least one person")
    if len(people) > MAX_PEOPLE:
        raise ValueError(f"people: at most {MAX_PEOPLE} people, got {len(people)}")
    for i, person in enumerate(people):
        if not isinstance(person, Person):
            raise ValueError(f"people[{i}]: must be a Person, got {type(person).__name__}")
        validate_person(person, f"people[{i}]")
    if all(p.is_dependant for p in people):
        raise ValueError(
            "people: a household needs at least one adult (aged 16 or over and not a young person in education)"
        )
    units: dict[int, list[Person]] = {}
    for p in people:
        units.setdefault(p.benefit_unit, []).append(p)
    if 0 not in units:
        raise ValueError("people: benefit unit 0 (the main tenant or owner) must have members")
    for unit, members in units.items():
        adults = [p for p in members if not p.is_dependant]
        if not adults:
            raise ValueError(
                f"people: benefit unit {unit} has only children or young people in education; a young person who "
                "claims in their own right is not counted as in education here"
            )
        if len(adults) > 2:
            raise ValueError(f"people: benefit unit {unit} has {len(adults)} adults (at most a couple)")
    _check_choice("tenure", household.tenure, tuple(TENURES))
    _check_money("rent_per_year", household.rent_per_year)
    if household.rent_per_year and household.tenure not in RENTED_TENURES:
        raise ValueError(f"rent_per_year: only renters pay rent, but tenure is {household.tenure!r}")
    _check_choice("council_tax_band", household.council_tax_band, COUNCIL_TAX_BANDS)
    _check_money("council_tax_per_year", household.council_tax_per_year)
    _check_money("savings", household.savings)
    for key, amount in household.current_benefits.items():
        _check_choice("current_benefits", key, BENEFIT_KEYS)
        _check_money(f"current_benefits[{key}]", amount)
    for name in ("married", "marriage_allowance"):
        if getattr(household, name) not in (None, True, False):
            raise ValueError(f"{name}: must be True, False or None, got {getattr(household, name)!r}")
    if household.marriage_allowance and household.married is False:
        raise ValueError(
            "marriage_allowance: only married couples and civil partners can claim Marriage Allowance, but the couple "
            "live together without being married"
        )
    if household.uc_lcwra_protected not in (None, True, False):
        raise ValueError(f"uc_lcwra_protected: must be True, False or None, got {household.uc_lcwra_protected!r}")
    if not isinstance(household.location, Location):
        raise ValueError("location: must be a Location")
