"""The community risk score per LSOA: parts from shipped data, weights from the data file, register counts only."""

from __future__ import annotations

import pytest

from communities.places.models import LSOA
from communities.resilience.alerts import risk

pytestmark = pytest.mark.django_db


def test_every_stockton_lsoa_gets_a_score_rank_and_age_shares():
    scores = risk.scores_by_lsoa("E06000004", register_counts={})
    assert len(scores) == LSOA.objects.filter(council_id="E06000004").count() > 100
    assert sorted(s.rank for s in scores.values()) == list(range(1, len(scores) + 1))
    assert all(0 <= s.score <= 100 for s in scores.values())
    with_age = [s for s in scores.values() if s.share_65_plus is not None]
    assert len(with_age) == len(scores)  # every 2021 LSOA reached from a 2011 one
    assert all(0 < s.share_75_plus < s.share_65_plus < 1 for s in with_age)


def test_a_most_deprived_unhealthy_old_area_outranks_a_least_deprived_young_one():
    scores = risk.scores_by_lsoa("E06000004", register_counts={})
    top = min(scores.values(), key=lambda s: s.rank)
    bottom = max(scores.values(), key=lambda s: s.rank)
    assert top.score > bottom.score
    assert top.parts["deprivation"] > bottom.parts["deprivation"]
    assert top.parts["health"] > bottom.parts["health"]


def test_the_score_is_the_weighted_mean_of_the_parts_in_the_data_file():
    weights = {part.name: part.weight for part in risk.load_weights()}
    for score in risk.scores_by_lsoa("E06000004", register_counts={}).values():
        expected = 100 * sum(weights[n] * v for n, v in score.parts.items()) / sum(weights[n] for n in score.parts)
        assert score.score == pytest.approx(expected, abs=0.06)


def test_register_counts_raise_an_areas_score_and_only_counts_are_kept():
    lsoa = LSOA.objects.filter(council_id="E06000004").order_by("imd2025_decile", "code").last()
    before = risk.scores_by_lsoa("E06000004", register_counts={})[lsoa.code]
    after = risk.scores_by_lsoa("E06000004", register_counts={lsoa.code: 40})[lsoa.code]
    assert after.register_count == 40 and after.parts["register"] == 1.0
    assert after.score > before.score
    assert after.register_per_1000 == pytest.approx(40000 / lsoa.population)


def test_an_empty_register_is_left_out_not_counted_as_zero_need():
    scores = risk.scores_by_lsoa("E06000004")  # the register's own counts: nobody registered in this test
    assert all("register" not in s.parts and s.register_count == 0 for s in scores.values())


def test_a_bad_weights_file_names_the_field(tmp_path):
    path = tmp_path / "weights.yaml"
    path.write_text("parts:\n  deprivation: {weight: -1}\n", encoding="utf-8")
    with pytest.raises(risk.RiskDataError, match=r"parts.deprivation.weight"):
        risk.load_weights(path)
    path.write_text(
        "parts:\n" + "".join(
            f"  {n}: {{weight: 1, label: x, measure: x, rationale: x, source: x}}\n" for n in risk.PARTS[:-1]),
        encoding="utf-8")
    with pytest.raises(risk.RiskDataError, match=r"parts.register is missing"):
        risk.load_weights(path)


def test_register_counts_come_from_entries_with_current_consent_only(personas, partner):
    from datetime import date

    from ..support.conftest import acting
    from .conftest import on_register, two_postcodes

    worker = acting(personas["worker"], partner)
    pc1, pc2 = two_postcodes()
    kept = on_register(worker, partner, "Kept", pc1, date(1940, 1, 1), ["oxygen"])
    lapsed = on_register(worker, partner, "Lapsed", pc2, date(1940, 1, 1), [])
    lapsed.consent.expires_on = date(2020, 1, 1)
    lapsed.consent.save(update_fields=["expires_on"])
    counts = risk.register_counts_by_lsoa()
    assert counts == {kept.lsoa_id: 1}  # the lapsed entry is not counted, wherever it lives
    scores = risk.scores_by_lsoa("E06000004")
    assert scores[kept.lsoa_id].register_count == 1 and scores[kept.lsoa_id].parts["register"] == 1.0
