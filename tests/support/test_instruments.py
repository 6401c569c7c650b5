"""Outcome measures are data with a source and a date: ONS4 with ONS's exact wording and thresholds, reported
separately; the ONS loneliness question; a council can add another (UCLA 3-item shape) without code."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from communities.support import instruments


def test_ons4_has_the_four_ons_questions_word_for_word():
    ons4 = instruments.instrument("ons4")
    assert [i.text for i in ons4.items] == [
        "Overall, how satisfied are you with your life nowadays?",
        "Overall, to what extent do you feel that the things you do in your life are worthwhile?",
        "Overall, how happy did you feel yesterday?",
        "On a scale where 0 is 'not at all anxious' and 10 is 'completely anxious', overall, how anxious did you "
        "feel yesterday?",
    ]
    assert all((i.minimum, i.maximum) == (0, 10) for i in ons4.items)
    assert ons4.scoring == "separate" and ons4.total({i.code: 5 for i in ons4.items}) is None
    assert "Office for National Statistics" in ons4.source and ons4.source_date == date(2019, 4, 17)
    assert "Office for National Statistics" in ons4.thresholds_source


@pytest.mark.parametrize(("item", "value", "band"), [
    ("life_satisfaction", 0, "Low"), ("life_satisfaction", 4, "Low"), ("life_satisfaction", 5, "Medium"),
    ("worthwhile", 6, "Medium"), ("happiness", 7, "High"), ("happiness", 8, "High"), ("worthwhile", 9, "Very high"),
    ("anxiety", 1, "Very low"), ("anxiety", 2, "Low"), ("anxiety", 5, "Medium"), ("anxiety", 6, "High"),
    ("anxiety", 10, "High"),
])
def test_ons_thresholds(item, value, band):
    assert instruments.instrument("ons4").item(item).band(value) == band


def test_scores_outside_the_scale_are_refused_with_the_question_named():
    item = instruments.instrument("ons4").item("happiness")
    assert item.check(11) == "Happiness: the score must be from 0 to 10, not 11"
    assert item.check(-1) == "Happiness: the score must be from 0 to 10, not -1"
    assert item.check(7) == ""


def test_ons_loneliness_direct_question_and_its_five_answers():
    lonely = instruments.instrument("ons_loneliness")
    (item,) = lonely.items
    assert item.text == "How often do you feel lonely?"
    assert [label for _, label in item.options] == [
        "Often/always", "Some of the time", "Occasionally", "Hardly ever", "Never"]
    assert item.check(6) and not item.check(1)


UCLA_SHAPE = """
code: ucla3
name: Three-item loneliness scale (test copy)
scoring: sum
source: test fixture shaped like Hughes et al. (2004)
source_date: 2004-01-01
items:
  - code: companionship
    label: Lack companionship
    text: How often do you feel that you lack companionship?
    options: [{value: 1, label: Hardly ever}, {value: 2, label: Some of the time}, {value: 3, label: Often}]
  - code: left_out
    label: Left out
    text: How often do you feel left out?
    options: [{value: 1, label: Hardly ever}, {value: 2, label: Some of the time}, {value: 3, label: Often}]
  - code: isolated
    label: Isolated
    text: How often do you feel isolated from others?
    options: [{value: 1, label: Hardly ever}, {value: 2, label: Some of the time}, {value: 3, label: Often}]
"""


def test_a_council_adds_a_summed_instrument_as_data(tmp_path, settings):
    (tmp_path / "ucla3.yaml").write_text(UCLA_SHAPE)
    settings.SUPPORT_INSTRUMENTS_DIR = str(tmp_path)
    ucla = instruments.instrument("ucla3")
    assert ucla.total({"companionship": 2, "left_out": 3, "isolated": 1}) == 6
    assert ucla.total({"companionship": 2}) is None
    assert "ons4" in instruments.instruments()


def test_an_instrument_without_a_source_is_refused(tmp_path, settings):
    (tmp_path / "bad.yaml").write_text(UCLA_SHAPE.replace("source: test fixture shaped like Hughes et al. (2004)\n",
                                                          ""))
    settings.SUPPORT_INSTRUMENTS_DIR = str(tmp_path)
    with pytest.raises(ImproperlyConfigured, match="bad.yaml: source is missing"):
        instruments.instruments()


def test_no_licensed_instrument_is_shipped():
    assert set(instruments._load((instruments.DATA_DIR,))) == {"ons4", "ons_loneliness"}
