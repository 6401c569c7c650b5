"""NHS Making Data Count assurance icons where an indicator has a target (issue #19 item 5).

The rule (NHS England, Making Data Count): with the process limits of the XmR chart, a target beyond the limits
on the bad side is consistently failed, beyond them on the good side consistently met, and between them hit and miss.
The series below alternates 10 and 12: mean 11, every moving range 2, limits 11 +/- 2.66 x 2 = 5.68 to 16.32.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.insight import compute, presenters
from communities.insight.importer import ImportError_, import_definitions, save_values
from communities.insight.models import AreaType, IndicatorValue, Measure

from .conftest import make_indicator


def _indicator(polarity: str, target: float | None):
    ind = make_indicator(code=f"score-{polarity}".replace("_", "-"), name=f"Score {polarity}", measure=Measure.SCORE,
                         multiplier=1, unit="points", polarity=polarity, target=target)
    rows = [IndicatorValue(indicator=ind, area_type=AreaType.BOROUGH, area_code="E06000004", year=2010 + k,
                           period=str(2010 + k), value=10.0 if k % 2 == 0 else 12.0) for k in range(12)]
    save_values(rows)
    return ind


def _spc(ind):
    return compute.spc(list(IndicatorValue.objects.filter(indicator=ind, area_type=AreaType.BOROUGH)), ind)


@pytest.mark.parametrize(
    ("polarity", "target", "expected"),
    [
        ("high_is_good", 5.0, "consistent_pass"),  # below the lower limit 5.68: every value beats it
        ("high_is_good", 17.0, "consistent_fail"),  # above the upper limit 16.32: no value reaches it
        ("high_is_good", 11.0, "inconsistent"),
        ("high_is_good", 16.0, "inconsistent"),  # just inside the upper limit
        ("low_is_good", 17.0, "consistent_pass"),
        ("low_is_good", 5.0, "consistent_fail"),
        ("low_is_good", 6.0, "inconsistent"),
        ("neutral", 5.0, None),  # no direction of improvement: no assurance
        ("high_is_good", None, None),  # no target: no icon
    ],
)
def test_assurance_rule(db, polarity, target, expected):
    s = _spc(_indicator(polarity, target))
    assert s.lpl == pytest.approx(11 - 2.66 * 2) and s.upl == pytest.approx(11 + 2.66 * 2)
    assert s.assurance == expected
    assert s.target == target


def test_icon_on_the_indicator_page_and_overview_has_a_text_alternative(db, client_for):
    ind = _indicator("high_is_good", 17.0)
    client = client_for("officer")
    page = client.get(reverse("insight:indicator", args=[ind.code])).content.decode()
    assert 'role="img" aria-labelledby="assurance-title"' in page
    assert ('<title id="assurance-title">Assurance: variation indicates the target will consistently be missed '
            "(target 17.0)</title>") in page
    assert "the process limits (5.7 to 16.3) lie wholly on the wrong side of the target" in page
    overview = client.get(reverse("insight:overview")).content.decode()
    assert f'aria-labelledby="assurance-{ind.code}-title"' in overview
    assert "Misses target" in overview
    csv_text = client.get(reverse("insight:overview_csv")).content.decode()
    assert "Variation indicates the target will consistently be missed" in csv_text


def test_no_target_says_so(db, client_for):
    ind = _indicator("high_is_good", None)
    page = client_for("officer").get(reverse("insight:indicator", args=[ind.code])).content.decode()
    assert "This indicator has no target, so there is no assurance icon." in page
    assert "app-assurance__icon" not in page


def test_target_and_fingertips_id_are_importable(db):
    header = "code,name,key_move,measure,multiplier,polarity,target,fingertips_id\n"
    import_definitions(header + "mmr,MMR two doses at 5,healthy_lives,proportion,100,high_is_good,95,30311\n")
    ind = presenters.Indicator.objects.get(code="mmr")
    assert ind.target == 95.0 and ind.fingertips_id == 30311
    with pytest.raises(ImportError_) as exc:
        import_definitions(header + "flu,Flu 65+,healthy_lives,proportion,100,high_is_good,lots,30311\n")
    assert "Line 2: target must be a number, not 'lots'" in exc.value.errors
    assert "Line 2: fingertips_id 30311 (with this sex and age) is already given to mmr" in exc.value.errors
