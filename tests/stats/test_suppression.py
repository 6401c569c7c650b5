"""Small-number suppression: hand-made cases and hypothesis properties (no cell recoverable)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communities.stats.suppression import (
    SECONDARY,
    SMALL,
    WITHHELD,
    suppress,
    suppress_one,
    suppress_row,
    suppress_table,
)


def labels(cells):
    return {k: v.label for k, v in cells.items()}


def test_small_counts_shown_as_fewer_than_threshold_and_one_more_withheld():
    out = suppress({"Burglary": 3, "Robbery": 12, "Shoplifting": 40})
    assert labels(out) == {"Burglary": "fewer than 5", "Robbery": "suppressed", "Shoplifting": "40"}
    assert out["Burglary"].value is None and out["Burglary"].reason == SMALL
    assert out["Robbery"].value is None and out["Robbery"].reason == SECONDARY


def test_nothing_withheld_when_nothing_small():
    out = suppress({"a": 5, "b": 6})
    assert [c.value for c in out.values()] == [5, 6]
    assert not any(c.suppressed for c in out.values())


def test_two_small_cells_protect_each_other():
    out = suppress({"a": 2, "b": 3, "c": 50})
    assert labels(out) == {"a": "fewer than 5", "b": "fewer than 5", "c": "50"}


def test_two_zeros_do_not_protect_each_other_because_their_sum_would_show_zero():
    # a + b = 0 would prove both are 0, so a third value is withheld.
    out = suppress({"a": 0, "b": 0, "c": 7, "d": 9})
    assert out["c"].reason == SECONDARY and out["d"].value == 9


def test_zero_and_exactly_threshold_needs_the_total_withheld():
    # a=0, b=5: withholding b gives a + b = 5 with b >= 5, so b = 5 and a = 0: the total goes too.
    row = suppress_row({"a": 0, "b": 5})
    assert row.total.suppressed and row.cells["a"].suppressed and row.cells["b"].suppressed


def test_small_total_is_itself_fewer_than_threshold():
    row = suppress_row({"a": 1, "b": 2})
    assert row.total.label == "fewer than 5"


def test_one_plus_one_with_threshold_two_shows_everything_as_suppressed():
    row = suppress_row({"a": 1, "b": 1}, threshold=2)
    assert [c.label for c in row.cells.values()] == ["suppressed", "suppressed"]
    assert row.total.label == "suppressed"


def test_partial_breakdown_with_unpublished_remainder_needs_no_secondary():
    out = suppress({"a": 3, "b": 12}, total=100)
    assert labels(out) == {"a": "fewer than 5", "b": "12"}


def test_configurable_threshold_and_bad_input():
    assert suppress_one(9, threshold=10).label == "fewer than 10"
    assert suppress_one(1234).label == "1,234"
    with pytest.raises(ValueError, match="at least 2"):
        suppress({"a": 1}, threshold=1)
    with pytest.raises(ValueError, match="'a'"):
        suppress({"a": -1})
    with pytest.raises(ValueError, match="less than the sum"):
        suppress({"a": 10}, total=3)
    with pytest.raises(ValueError, match="columns"):
        suppress_table({"r1": {"x": 1}, "r2": {"y": 1}})


def test_table_with_one_small_cell_withholds_a_rectangle():
    table = suppress_table({"A": {"x": 3, "y": 20}, "B": {"x": 30, "y": 40}})
    withheld = {(r, c) for r, row in table.cells.items() for c, v in row.items() if v.suppressed}
    assert withheld == {("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")}
    assert table.grand_total.value == 93 and table.row_totals["A"].value == 23
    assert [t.value for t in table.column_totals.values()] == [33, 60]


# --- independent checks: is there another table consistent with what is published? ------------
def _range(cell, threshold, cap=10**9):
    """Values a reader cannot rule out for one cell (``cap`` bounds the search for cells)."""
    if cell.value is not None:
        return range(cell.value, cell.value + 1)
    if cell.reason == SMALL:
        return range(0, threshold)
    if cell.reason == WITHHELD:
        return range(0, cap + 1)
    return range(threshold, cap + 1)


def _row_alternatives(row, threshold, cap):
    """Every assignment of the row's cells and total a reader could not rule out."""
    keys = list(row.cells)
    ranges = [_range(row.cells[k], threshold, cap) for k in keys]
    for combo in itertools.product(*ranges):
        if sum(combo) in _range(row.total, threshold):
            yield dict(zip(keys, combo, strict=True))


@settings(max_examples=150, deadline=None)
@given(
    values=st.lists(st.integers(0, 9), min_size=1, max_size=4),
    threshold=st.integers(2, 6),
)
def test_no_withheld_count_can_be_worked_back_from_the_total(values, threshold):
    counts = {f"c{i}": v for i, v in enumerate(values)}
    row = suppress_row(counts, threshold)
    cap = sum(values) + threshold + 1
    seen: dict[str, set[int]] = {k: set() for k in counts}
    for alt in _row_alternatives(row, threshold, cap):
        for k, v in alt.items():
            seen[k].add(v)
    for k, cell in row.cells.items():
        assert counts[k] in seen[k]  # the truth is consistent with what is published
        if cell.suppressed:
            assert len(seen[k]) > 1, (counts, k, labels(row.cells), row.total)
        else:
            assert cell.value == counts[k] and counts[k] >= threshold


def _table_alternatives(table, threshold, cap):
    rows, cols = list(table.cells), table.columns
    ranges = [_range(table.cells[r][c], threshold, cap) for r in rows for c in cols]
    for combo in itertools.product(*ranges):
        grid = [combo[i * len(cols) : (i + 1) * len(cols)] for i in range(len(rows))]
        if not all(sum(grid[i]) in _range(table.row_totals[r], threshold) for i, r in enumerate(rows)):
            continue
        if not all(sum(g[j] for g in grid) in _range(table.column_totals[c], threshold) for j, c in enumerate(cols)):
            continue
        if sum(combo) in _range(table.grand_total, threshold):
            yield combo


@settings(max_examples=60, deadline=None)
@given(
    shape=st.sampled_from([(2, 2), (2, 3), (3, 2)]),
    data=st.data(),
)
def test_no_withheld_cell_in_a_table_can_be_worked_back_from_the_margins(shape, data):
    threshold = 3
    n_r, n_c = shape
    values = data.draw(st.lists(st.integers(0, 6), min_size=n_r * n_c, max_size=n_r * n_c))
    rows = {f"r{i}": {f"c{j}": values[i * n_c + j] for j in range(n_c)} for i in range(n_r)}
    table = suppress_table(rows, threshold)
    cap = max(values) + threshold  # a withheld cell above this is never needed to show ambiguity
    flat = [table.cells[r][c] for r in rows for c in table.columns]
    seen = [set() for _ in flat]
    for combo in _table_alternatives(table, threshold, cap):
        for i, v in enumerate(combo):
            seen[i].add(v)
    for i, cell in enumerate(flat):
        assert values[i] in seen[i]
        if cell.suppressed:
            assert len(seen[i]) > 1, (rows, i)
        else:
            assert values[i] >= threshold
