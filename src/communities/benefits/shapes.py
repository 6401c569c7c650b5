"""Random households of the shapes issue #19 measured (latency benchmark and fast-path equality tests).

``random_households(seed, per_shape)`` gives the same households for the same seed. The amounts are synthetic -
drawn from plausible ranges to exercise each rule, not figures about anybody - and are not rates or thresholds.
Each shape keeps what makes it that shape (an owner with a mortgage, a lodger, a disabled child, ...) and varies
ages, earnings, hours, rent, Council Tax and savings.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace

from .household import Household, Person

Shape = Callable[[random.Random], Household]


def _money(rng: random.Random, low: float, high: float, step: float = 10.0) -> float:
    return float(round(rng.uniform(low, high) / step) * step)


def _hours(rng: random.Random) -> float:
    """Either side of the 16- and 30-hour tests, and on them."""
    return rng.choice([8.0, 12.0, 15.0, 16.0, 20.0, 24.0, 29.0, 30.0, 35.0, 37.5, 40.0])


def _worker(rng: random.Random, age: int, low: float = 6000.0, high: float = 32000.0) -> Person:
    return Person(age=age, employment_income=_money(rng, low, high), hours_worked=_hours(rng))


def _pensioner(rng: random.Random, age: int | None = None) -> Person:
    return Person(
        age=age or rng.randint(67, 90),
        state_pension=_money(rng, 4000.0, 12500.0),
        private_pension_income=rng.choice([0.0, 0.0, _money(rng, 500.0, 6000.0)]),
    )


def _children(rng: random.Random, n: int) -> list[Person]:
    return [Person(age=rng.randint(0, 15)) for _ in range(n)]


def _home(rng: random.Random, people: list[Person], tenure: str | None = None, **extra) -> Household:
    tenure = tenure or rng.choice(["social_rent_council", "social_rent_housing_association", "private_rent"])
    rent = extra.pop("rent_per_year", None)
    if rent is None:
        rent = _money(rng, 4200.0, 9600.0) if tenure.endswith("rent") or "rent_" in tenure else 0.0
    return Household(
        people=tuple(people),
        tenure=tenure,
        rent_per_year=rent,
        council_tax_band=extra.pop("council_tax_band", rng.choice("ABBCCD")),
        council_tax_per_year=extra.pop("council_tax_per_year", _money(rng, 1300.0, 2600.0)),
        savings=extra.pop("savings", rng.choice([0.0, _money(rng, 0.0, 4000.0), _money(rng, 6000.0, 15000.0)])),
        **extra,
    )


def owner_mortgage_family(rng):
    a = rng.randint(25, 55)
    people = [_worker(rng, a), rng.choice([_worker(rng, a - 2, 4000, 20000), Person(age=a - 1)])]
    return _home(rng, people + _children(rng, rng.randint(1, 3)), "owner_mortgage")


def owner_mortgage_single(rng):
    return _home(rng, [_worker(rng, rng.randint(22, 60))], "owner_mortgage")


def outright_owner_pensioners(rng):
    people = [_pensioner(rng)] + ([_pensioner(rng)] if rng.random() < 0.6 else [])
    return _home(rng, people, "owner_outright")


def outright_owner_working_age(rng):
    return _home(
        rng, [rng.choice([_worker(rng, rng.randint(40, 64)), Person(age=rng.randint(40, 64))])], "owner_outright"
    )


def owner_with_non_dependant(rng):
    a = rng.randint(45, 64)
    people = [_worker(rng, a), Person(age=a - 2), _worker(rng, rng.randint(19, 25), 5000, 22000)]
    people[2] = replace(people[2], benefit_unit=1)
    return _home(rng, people, rng.choice(["owner_mortgage", "owner_outright"]))


def renter_with_adult_child(rng):
    a = rng.randint(40, 60)
    child = _worker(rng, rng.randint(18, 30), 3000, 25000)
    return _home(rng, [_worker(rng, a, 5000, 20000), replace(child, benefit_unit=1)])


def lodger(rng):
    tenant = rng.choice([_worker(rng, rng.randint(25, 60)), Person(age=rng.randint(25, 60))])
    lodger_ = _worker(rng, rng.randint(20, 60), 8000, 30000)
    return _home(rng, [tenant, replace(lodger_, benefit_unit=1)], "private_rent")


def older_non_dependant(rng):
    a = rng.randint(30, 50)
    grandparent = _pensioner(rng, rng.randint(a + 20, 90))
    people = [_worker(rng, a, 4000, 20000), *_children(rng, rng.randint(0, 2))]
    return _home(rng, people + [replace(grandparent, benefit_unit=1)])


def several_benefit_units(rng):
    a = rng.randint(35, 55)
    people = [_worker(rng, a, 5000, 20000), *_children(rng, 1)]
    people.append(replace(_worker(rng, rng.randint(18, 30), 4000, 25000), benefit_unit=1))
    people.append(replace(_pensioner(rng), benefit_unit=2))
    return _home(rng, people)


def mixed_age_couple(rng):
    return _home(rng, [_pensioner(rng, rng.randint(67, 75)), _worker(rng, rng.randint(50, 64), 3000, 15000)])


def three_plus_children(rng):
    a = rng.randint(25, 45)
    adults = [_worker(rng, a)] + ([Person(age=a)] if rng.random() < 0.6 else [])
    return _home(rng, adults + _children(rng, rng.randint(3, 5)))


def lone_parent(rng):
    kids = _children(rng, rng.randint(1, 2))
    if rng.random() < 0.5:
        kids.append(Person(age=rng.randint(16, 19), in_education=True))
    return _home(
        rng, [rng.choice([_worker(rng, rng.randint(20, 50), 3000, 20000), Person(age=rng.randint(20, 50))])] + kids
    )


def disabled_adult(rng):
    disabled = Person(
        age=rng.randint(25, 64),
        limited_capability_for_work_related_activity=True,
        is_disabled=True,
        pip_daily_living=rng.choice(["STANDARD", "ENHANCED"]),
        pip_mobility=rng.choice(["NONE", "STANDARD", "ENHANCED"]),
    )
    return _home(rng, [disabled] + ([_worker(rng, disabled.age, 3000, 18000)] if rng.random() < 0.5 else []))


def disabled_child(rng):
    child = Person(age=rng.randint(3, 15), dla_care=rng.choice(["LOWER", "MIDDLE", "HIGHER"]), dla_mobility="LOWER")
    a = rng.randint(25, 50)
    return _home(rng, [_worker(rng, a, 4000, 20000), Person(age=a, care_hours_per_week=40.0), child])


def carer(rng):
    cared = Person(age=rng.randint(50, 80), attendance_allowance="HIGHER", is_disabled=True)
    if cared.age < 67:
        cared = Person(age=cared.age, pip_daily_living="ENHANCED", is_disabled=True)
    return _home(rng, [Person(age=rng.randint(30, 64), care_hours_per_week=rng.choice([35.0, 50.0])), cared])


def self_employed(rng):
    a = rng.randint(22, 60)
    boss = Person(age=a, self_employment_income=_money(rng, 3000, 30000), hours_worked=_hours(rng))
    return _home(rng, [boss] + _children(rng, rng.randint(0, 2)))


def self_employed_with_non_dependant(rng):
    a = rng.randint(40, 60)
    boss = Person(age=a, self_employment_income=_money(rng, 3000, 25000), hours_worked=_hours(rng))
    other = _worker(rng, rng.randint(18, 28), 3000, 20000)
    return _home(rng, [boss, replace(other, benefit_unit=1)])


def high_earner(rng):
    a = rng.randint(30, 55)
    people = [_worker(rng, a, 60000, 160000), *_children(rng, rng.randint(0, 3))]
    return _home(rng, people, rng.choice(["owner_mortgage", "private_rent"]), council_tax_band=rng.choice("DEFG"))


def zero_income(rng):
    a = rng.randint(18, 64)
    return _home(
        rng,
        [Person(age=a)] + ([Person(age=a)] if rng.random() < 0.4 else []) + _children(rng, rng.randint(0, 2)),
        savings=0.0,
    )


def large_rent(rng):
    a = rng.randint(25, 50)
    people = [_worker(rng, a, 8000, 30000), Person(age=a), *_children(rng, rng.randint(1, 3))]
    return _home(rng, people, "private_rent", rent_per_year=_money(rng, 12000, 24000))


def pensioner_renter(rng):
    return _home(rng, [_pensioner(rng)] + ([_pensioner(rng)] if rng.random() < 0.4 else []))


def single_renter_working(rng):
    return _home(rng, [_worker(rng, rng.randint(18, 64), 2000, 30000)])


def working_pensioner(rng):
    p = _pensioner(rng, rng.randint(67, 75))
    worker = replace(p, employment_income=_money(rng, 1000, 12000), hours_worked=_hours(rng))
    return _home(rng, [worker] + ([_pensioner(rng)] if rng.random() < 0.5 else []))


SHAPES: dict[str, Shape] = {
    "owner, mortgage, family": owner_mortgage_family,
    "owner, mortgage, single": owner_mortgage_single,
    "outright owner, pension age": outright_owner_pensioners,
    "outright owner, working age": outright_owner_working_age,
    "owner + non-dependant": owner_with_non_dependant,
    "renter + adult child": renter_with_adult_child,
    "lodger": lodger,
    "older non-dependant": older_non_dependant,
    "three benefit units": several_benefit_units,
    "mixed-age couple": mixed_age_couple,
    "three-plus children": three_plus_children,
    "lone parent": lone_parent,
    "disabled adult": disabled_adult,
    "disabled child": disabled_child,
    "carer": carer,
    "self-employed": self_employed,
    "self-employed + non-dep": self_employed_with_non_dependant,
    "high earner": high_earner,
    "zero income": zero_income,
    "large rent": large_rent,
    "working pensioner": working_pensioner,
    "pensioner renter": pensioner_renter,
    "single renter, working": single_renter_working,
}


def random_households(seed: int = 19, per_shape: int = 6) -> dict[str, list[Household]]:
    """``per_shape`` random households of every shape; the same seed gives the same households."""
    out = {}
    for i, (name, shape) in enumerate(SHAPES.items()):
        rng = random.Random(f"{seed}:{i}:{name}")
        out[name] = [shape(rng) for _ in range(per_shape)]
    return out
