"""The groups and aims are data with their sources: nine protected characteristics (Equality Act 2010 s4), poverty,
carers and the Armed Forces covenant duty; marriage and civil partnership only under aim (a) (s149(7))."""

from __future__ import annotations

from datetime import date

from communities.impact.characteristics import aims, by_code, characteristics

PROTECTED = {"age", "disability", "gender_reassignment", "marriage_civil_partnership", "pregnancy_maternity", "race",
             "religion_or_belief", "sex", "sexual_orientation"}


def test_the_nine_protected_characteristics_and_the_three_others():
    groups = by_code()
    assert {c.code for c in characteristics() if c.kind == "protected"} == PROTECTED
    assert {c.code for c in characteristics() if c.kind == "additional"} == {"socio_economic", "carers",
                                                                              "armed_forces"}
    assert "Armed Forces Act 2021" in groups["armed_forces"].source


def test_every_group_and_aim_has_a_source_a_date_and_what_local_data_would_be_needed():
    for item in (*characteristics(), *aims()):
        assert item.source and isinstance(item.source_date, date)
    assert all(c.needed for c in characteristics())
    assert [a.code for a in aims()] == ["a", "b", "c"] and "s149(1)(b)" in aims()[1].source


def test_marriage_and_civil_partnership_is_asked_only_the_first_aim():
    assert by_code()["marriage_civil_partnership"].aims == ("a",)
    assert all(c.aims == ("a", "b", "c") for c in characteristics() if c.code != "marriage_civil_partnership")
