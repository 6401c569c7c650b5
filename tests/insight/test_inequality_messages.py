"""The inequality page says why the SII cannot be calculated (issue #19: it said "needs at least three deciles" when
8 of 10 deciles had values)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.insight import presenters
from communities.insight.importer import save_values
from communities.insight.models import AreaType, IndicatorValue

from .conftest import make_indicator

PERIOD = "2023/24"


def _deciles(indicator, counts: dict[int, int | None], denominator: int = 1500) -> None:
    rows = [IndicatorValue(indicator=indicator, area_type=AreaType.IMD_DECILE, area_code=str(d), period=PERIOD,
                           year=2023, numerator=n, denominator=denominator if n is not None else None)
            for d, n in counts.items()]
    save_values(rows)


@pytest.fixture
def indicator(db):
    return make_indicator()


def test_eight_of_ten_deciles_names_the_two_without_values(indicator, client_for):
    _deciles(indicator, {d: (None if d in (3, 8) else 400 - 25 * d) for d in range(1, 11)})
    view = presenters.inequalities(indicator, PERIOD)
    assert view.result is None
    assert "three deciles" not in view.problem
    assert "8 of the 10 deciles" in view.problem
    assert "deciles 3 and 8 have no value" in view.problem
    body = client_for("officer").get(reverse("insight:inequality", args=[indicator.code]), {"period": PERIOD})
    text = body.content.decode()
    assert "deciles 3 and 8 have no value" in text
    assert "at least three deciles" not in text


def test_two_deciles_says_how_many_there_are(indicator):
    _deciles(indicator, {1: 400, 10: 120})
    view = presenters.inequalities(indicator, PERIOD)
    assert view.result is None
    assert view.problem == ("The slope index of inequality cannot be calculated: it needs values for at least "
                            "three deciles, and only 2 have them.")


def test_a_proportion_of_zero_is_named(indicator):
    _deciles(indicator, {1: 400, 2: 300, 5: 0, 10: 120})
    view = presenters.inequalities(indicator, PERIOD)
    assert view.result is None
    assert "decile 5" in view.problem and "0% or 100%" in view.problem


def test_no_problem_when_the_sii_is_calculated(indicator):
    _deciles(indicator, {d: 400 - 25 * d for d in range(1, 11)})
    view = presenters.inequalities(indicator, PERIOD)
    assert view.result is not None
    assert view.problem == ""
