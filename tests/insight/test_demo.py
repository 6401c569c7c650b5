import numpy as np

from communities.insight.models import AreaType, Indicator, IndicatorValue


def test_demo_extension_makes_30_indicators_over_5_periods(demo_indicators):
    indicators = Indicator.objects.all()
    assert indicators.count() >= 30
    assert all(i.synthetic for i in indicators)
    for ind in indicators:
        periods = set(IndicatorValue.objects.filter(indicator=ind, area_type=AreaType.BOROUGH)
                      .values_list("period", flat=True))
        assert len(periods) >= 5, ind.code
    wards = IndicatorValue.objects.filter(area_type=AreaType.WARD).values("indicator").distinct().count()
    assert wards >= 20
    assert not IndicatorValue.objects.filter(area_type=AreaType.BOROUGH, value=None).exists()


def test_demo_values_are_worse_where_deprivation_is_higher(demo_indicators):
    ind = Indicator.objects.get(code="smoking-prevalence")
    latest = IndicatorValue.objects.filter(indicator=ind, area_type=AreaType.IMD_DECILE).order_by("-year").first()
    deciles = {int(v.area_code): v.value for v in IndicatorValue.objects.filter(
        indicator=ind, area_type=AreaType.IMD_DECILE, period=latest.period)}
    assert deciles[min(deciles)] > deciles[max(deciles)]


def _digest():
    return [(v.indicator.code, v.area_type, v.area_code, v.period, v.value)
            for v in IndicatorValue.objects.select_related("indicator").order_by("indicator__code", "area_type",
                                                                                    "area_code", "year")]


def test_demo_is_deterministic(demo_indicators):
    from communities.insight.demo import add_demo_indicators

    first = _digest()
    Indicator.objects.all().delete()
    demo_indicators.rng = np.random.default_rng(7)
    add_demo_indicators(demo_indicators)
    assert _digest() == first
