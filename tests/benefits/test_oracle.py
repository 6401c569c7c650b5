"""An oracle our mapping cannot fool (issue #19, item 0): households worked by hand from the published rates.

``tests/fixtures/benefits/oracle/households.yaml`` holds each household as entered through our own ``Household``
and ``Person`` model, the hand arithmetic step by step and the expected annual amounts; ``rates.yaml`` holds every
rate with its source. The check must give each amount to the penny, or the household names the rule where the
check and the regulations differ (``known_difference``: the rule, its source and the hand-worked figure the check
gives instead) or why an amount is not asserted (``unasserted``).
"""

from __future__ import annotations

import ast
import operator
import re
from pathlib import Path

import pytest
import yaml

from communities.benefits.household import Household, Person
from communities.benefits.results import HouseholdResult, check_household

ORACLE = Path(__file__).resolve().parents[1] / "fixtures" / "benefits" / "oracle"
CASES = yaml.safe_load((ORACLE / "households.yaml").read_text())["households"]
RATES = yaml.safe_load((ORACLE / "rates.yaml").read_text())["rates"]
BY_ID = {case["id"]: case for case in CASES}
REQUIRED_SHAPES = {
    "non-dependant older than the tenant",
    "hours below 16",
    "hours at 16",
    "hours below 30",
    "hours at 30",
    "16-19 in education",
    "16-19 not in education",
    "cohabiting couple",
    "married couple",
    "owners",
    "benefit cap",
    "two-child limit",
}


@pytest.fixture(scope="module")
def engine():
    from communities.benefits.engine import get_engine

    return get_engine((2025, 2026))


@pytest.fixture(scope="module")
def results(engine) -> dict[str, HouseholdResult]:
    """Every oracle household checked once (about 0.1 s each on the warm engine)."""
    return {case["id"]: check_household(household_of(case), case["year"], engine=engine) for case in CASES}


def household_of(case: dict) -> Household:
    spec = dict(case["household"])
    people = tuple(Person(**person) for person in spec.pop("people"))
    return Household(people=people, **spec)


_OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


def evaluate(expression: str) -> float:
    """Arithmetic only: numbers, + - * /, brackets, max() and min()."""

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return node.value
        if isinstance(node, ast.BinOp) and type(node.op) in _OPS:
            return _OPS[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("max", "min"):
            return {"max": max, "min": min}[node.func.id](*(walk(a) for a in node.args))
        raise ValueError(f"not plain arithmetic: {ast.dump(node)}")

    return walk(ast.parse(expression, mode="eval"))


STEP = re.compile(r"^(?P<what>.*): (?P<expression>[^:]+?) = (?P<result>-?[\d.]+)$")


def test_there_are_enough_households_covering_every_shape_the_issue_names() -> None:
    assert len(CASES) >= 25
    assert len(BY_ID) == len(CASES), "duplicate ids"
    assert {2025, 2026} <= {case["year"] for case in CASES}
    covered = {item for case in CASES for item in case["covers"]}
    assert covered >= REQUIRED_SHAPES, REQUIRED_SHAPES - covered


def test_every_rate_has_a_source() -> None:
    for name, rate in RATES.items():
        assert rate.get("source") and rate.get("via") and rate.get("per"), name
        assert 2025 in rate, name


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_hand_arithmetic_adds_up(case: dict) -> None:
    """Each written step's arithmetic is right to the penny (so the expected amounts are not typed in by chance)."""
    steps = case["steps"]
    assert steps, "a household needs its working"
    for step in steps:
        match = STEP.match(step)
        assert match, f"step is not 'what: arithmetic = result': {step!r}"
        got = evaluate(match["expression"])
        assert round(got, 2) == pytest.approx(float(match["result"]), abs=0.005), step
    for key, amount in case["expect"].items():
        stated = [float(m["result"]) for s in steps if (m := STEP.match(s))]
        assert amount == 0 or any(abs(amount - x) < 0.005 for x in stated), f"{key}: {amount} is not worked out"
    difference = case.get("known_difference")
    if difference:
        expression, result = difference["arithmetic"].rsplit(" = ", 1)
        assert round(evaluate(expression), 2) == pytest.approx(float(result), abs=0.005)
        assert difference["rule"] and difference["source"].startswith("https://")


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_check_equals_the_hand_worked_amount(results: dict[str, HouseholdResult], case: dict) -> None:
    result = results[case["id"]]
    expected = dict(case["expect"])
    difference = case.get("known_difference")
    if difference:
        # The rule is named in the data; the check gives the hand-worked figure under PolicyEngine's assumption.
        expected.update(difference["check_gives"])
    got = {key: result.get(key).entitled_per_year for key in expected}
    assert got == pytest.approx(expected, abs=0.005)
    if "other_units" not in case:
        return
    others = case["other_units"]
    assert len(result.other_benefit_units) == len(others)
    for unit, want in zip(result.other_benefit_units, others, strict=True):
        assert {k: unit[k] for k in want} == pytest.approx(want, abs=0.005)
