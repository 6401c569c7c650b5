"""The cohort rules and alert types are data with sources; every cohort's register needs exist."""

from __future__ import annotations

import pytest

from communities.resilience import needs
from communities.resilience.alerts import alert_types, cohorts


def test_every_cohort_names_real_register_needs_and_a_source():
    known = set(needs.codes())
    for hazard in ("heat", "cold"):
        for cohort in cohorts.for_hazard(hazard):
            assert set(cohort.register_needs) <= known and cohort.source
    assert "young_children" in cohorts.register_needs("cold") and "young_children" not in cohorts.register_needs("heat")
    assert any(not c.on_register for c in cohorts.for_hazard("cold"))  # poorly heated homes: ask the data holders


def test_a_cohort_naming_an_unknown_need_is_refused_by_name(tmp_path):
    path = tmp_path / "cohorts.yaml"
    path.write_text("heat:\n  - {code: x, label: X, source: S, register_needs: [jetpack]}\ncold:\n"
                    "  - {code: y, label: Y, source: S}\n", encoding="utf-8")
    with pytest.raises(cohorts.CohortDataError, match="heat cohort 1 \\(x\\): register_needs jetpack"):
        cohorts.load(path)


def test_levels_open_incidents_only_at_amber_and_red():
    assert [level for level in alert_types.LEVELS if alert_types.opens_incident(level)] == ["amber", "red"]
    assert alert_types.season("cold").describe() == "1 November to 31 March"
