"""Insight fixtures: the synthetic demo indicators, and one small hand-made indicator."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from communities.insight.importer import save_values
from communities.insight.models import AreaType, Indicator, IndicatorValue, Measure


@pytest.fixture
def demo_indicators(db, council):
    from communities.demo.generator import DemoContext
    from communities.insight.demo import add_demo_indicators
    from communities.places.models import LSOA, Council

    stockton = Council.objects.get(code="E06000004")
    ctx = DemoContext(
        rng=np.random.default_rng(7), council_org=council, partners=[], council=stockton,
        lsoas=list(LSOA.objects.filter(council=stockton).order_by("code")), today=date(2026, 4, 1), people=[],
        households=[],
    )
    add_demo_indicators(ctx)
    return ctx


def make_indicator(code="smoking", name="Smoking prevalence", **extra) -> Indicator:
    fields = {"key_move": "healthy_lives", "measure": Measure.PROPORTION, "multiplier": 100, "unit": "%",
              "polarity": "low_is_good", "geography_levels": "borough,ward,imd_decile"}
    fields.update(extra)
    return Indicator.objects.create(code=code, name=name, **fields)


@pytest.fixture
def small_indicator(db):
    """Five years of borough values, England, two wards and three deciles."""
    ind = make_indicator()
    rows = []
    for k, year in enumerate(range(2019, 2024)):
        period = f"{year}/{(year + 1) % 100:02d}"

        def add(area_type, code, num, den, period=period, year=year):
            rows.append(IndicatorValue(indicator=ind, area_type=area_type, area_code=code, period=period, year=year,
                                       numerator=num, denominator=den))

        add(AreaType.BOROUGH, "E06000004", 2000 - 100 * k, 10000)
        add(AreaType.ENGLAND, "E92000001", 1400000, 10000000)
        add(AreaType.WARD, "E05014878", 300, 1000)
        add(AreaType.WARD, "E05014858", 100, 1000)
        for d, n in ((1, 400), (5, 250), (10, 120)):
            add(AreaType.IMD_DECILE, str(d), n, 1500)
    save_values(rows)
    return ind
