"""Small-number suppression for published counts (pure, no Django).

Rule
----
*Primary suppression.* Every count below ``threshold`` (default 5, so 0, 1, 2, 3 and 4) is
withheld and shown as "fewer than 5". The threshold is configurable but must be at least 2 (with
1, "fewer than 1" would say the count is 0).

*Secondary suppression.* Withholding a cell is no use if a reader can work it back from what is
published: with a row total of 30 and published cells 12 and 15, the one withheld cell is 3. So
after primary suppression every withheld value is *audited*: a reader knows

- every published cell and total,
- that each row (and, for tables, each column) adds up to its total, and the row totals to the
  grand total,
- that a cell shown as "fewer than N" lies in 0..N-1, and a cell shown as "suppressed" (withheld
  only to protect another) is at least N (it was not small itself),

and we compute, by linear programming over exactly those facts, the smallest and largest value each
withheld cell could take. A cell whose smallest and largest possible values are equal can be
recovered, so we withhold more values next to it - the smallest published cell in its row or
column that alone protects it, else the smallest cell sharing a line with any withheld value (so a
rectangle builds up), a total only when no cell is left - and audit again, until no withheld value
can be recovered. In the rare case where nothing is left to withhold and a bound still gives a
value away (1 + 1 = 2 with threshold 2), every withheld value is shown as "suppressed", without
saying which were small. Totals are counts too: a total below the threshold is itself shown as "fewer than N".
Because the constraints are row and column sums (a network matrix), the linear programme's bounds
are the integer bounds, so "cannot be recovered" is exact, not approximate.

What this does *not* promise: a withheld cell may still be narrowed to a range (for example
"between 1 and 4"); differencing against *other* publications with overlapping areas is the
publisher's concern (publish one geography per table).

References: ONS "Statistical Disclosure Control" guidance (cell-key and threshold methods) and
the Government Statistical Service "Disclosure control policy for tables" (primary threshold plus
secondary suppression so that suppressed cells cannot be derived by differencing), both read
2026-12.

API::

    from communities.stats.suppression import suppress, suppress_row, suppress_table

    suppress({"Burglary": 3, "Robbery": 12, "Shoplifting": 40})
    # {'Burglary': fewer than 5, 'Robbery': suppressed, 'Shoplifting': 40}
    row = suppress_row(counts)           # .cells and .total (the total treated as published)
    table = suppress_table({"Ward A": {"Under 65": 12, "65+": 3}, "Ward B": {...}})
    table.cells["Ward A"]["65+"].label  # 'fewer than 5'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import linprog

DEFAULT_THRESHOLD = 5
PUBLISHED, SMALL, SECONDARY, WITHHELD = "published", "small", "secondary", "withheld"


@dataclass(frozen=True)
class SuppressedCount:
    """A count ready to publish: ``value`` is None when withheld (the true number is not kept)."""

    value: int | None
    reason: str = PUBLISHED  # PUBLISHED, SMALL (below threshold), SECONDARY (protects another), WITHHELD
    threshold: int = DEFAULT_THRESHOLD

    @property
    def suppressed(self) -> bool:
        return self.value is None

    @property
    def label(self) -> str:
        """What to print: the number, "fewer than 5" or "suppressed"."""
        if self.reason == SMALL:
            return f"fewer than {self.threshold}"
        if self.reason in (SECONDARY, WITHHELD):
            return "suppressed"
        return f"{self.value:,}"

    def __str__(self) -> str:
        return self.label

    def __repr__(self) -> str:
        return self.label


@dataclass(frozen=True)
class SuppressedRow:
    """One breakdown and its total (``total`` is None when no total is published)."""

    cells: dict[str, SuppressedCount]
    total: SuppressedCount | None


@dataclass(frozen=True)
class SuppressedTable:
    """A two-way table with row, column and grand totals, all suppressed together."""

    cells: dict[str, dict[str, SuppressedCount]]
    row_totals: dict[str, SuppressedCount]
    column_totals: dict[str, SuppressedCount]
    grand_total: SuppressedCount
    columns: list[str] = field(default_factory=list)


# --- the engine: values, equations (sum of parts == whole), audit --------------------------------
@dataclass
class _Problem:
    values: list[int]
    equations: list[tuple[list[int], int]]  # (parts, whole): sum(values[parts]) == values[whole]
    hidden: set[int]  # never published (e.g. an unlisted remainder); not itself protected
    margins: set[int]  # totals: withheld for secondary suppression only when no cell is left
    threshold: int
    state: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.state = [
            "hidden" if i in self.hidden else SMALL if v < self.threshold else PUBLISHED
            for i, v in enumerate(self.values)
        ]

    def bounds(self, i: int) -> tuple[float, float | None]:
        """What a reader knows about value ``i``."""
        s = self.state[i]
        if s == PUBLISHED:
            return (self.values[i], self.values[i])
        if s == SMALL:
            return (0, self.threshold - 1)
        if s == SECONDARY:
            return (self.threshold, None)
        return (0, None)  # hidden, or WITHHELD

    def withheld(self) -> list[int]:
        return [i for i, s in enumerate(self.state) if s in (SMALL, SECONDARY, WITHHELD)]

    def recoverable(self) -> list[int]:
        """Withheld values whose smallest and largest possible values coincide."""
        return [i for i in self.withheld() if self.fixed(i)]

    def fixed(self, i: int) -> bool:
        live = [eq for eq in self.equations if any(self.state[j] != PUBLISHED for j in (*eq[0], eq[1]))]
        if len(live) <= 1:
            return _single_equation_fixed(self, live, i)
        return _lp_fixed(self, i)

    def _published_near(self, indices: set[int]) -> list[int]:
        members = [j for eq in self.equations if indices & {*eq[0], eq[1]} for j in (*eq[0], eq[1])]
        return [j for j in dict.fromkeys(members) if self.state[j] == PUBLISHED]

    def protect(self, i: int) -> bool:
        """Withhold more published values until ``i`` cannot be recovered; False when none is left.

        Tries, smallest first, each published cell sharing a row or column with ``i`` and then with
        any withheld value; keeps the first that alone protects ``i``, else withholds the smallest
        of them (a rectangle of withheld cells builds up), and only then a total.
        """
        near_i = self._published_near({i})
        near_any = self._published_near(set(self.withheld()))
        ordered = sorted(dict.fromkeys(near_i + near_any), key=lambda j: (j not in near_i, self.values[j], j))
        cells = [j for j in ordered if j not in self.margins]
        for j in cells:
            self.state[j] = SECONDARY
            if not self.fixed(i):
                return True
            self.state[j] = PUBLISHED
        pool = cells or ordered or [j for j, s in enumerate(self.state) if s == PUBLISHED]
        if not pool:
            return False
        self.state[pool[0]] = SECONDARY
        return True

    def solve(self) -> list[str]:
        for _ in range(len(self.values) + 1):
            fixed = self.recoverable()
            if not fixed:
                return self.state
            if not self.protect(fixed[0]):
                break
        # Nothing is published and a bound still gives a value away (e.g. 1 + 1 with threshold 2
        # and a total of 2 >= 2): show every value as "suppressed" without saying which are small.
        self.state = [WITHHELD if s in (SMALL, SECONDARY) else s for s in self.state]
        return self.state


def _single_equation_fixed(p: _Problem, live: list[tuple[list[int], int]], i: int) -> bool:
    lo_i, hi_i = p.bounds(i)
    if not live or i not in (*live[0][0], live[0][1]):
        return hi_i is not None and lo_i == hi_i
    parts, whole = live[0]
    # sum(parts) - whole == 0; write as sum(sign_j * x_j) == 0 and bound x_i from the rest.
    signs = dict.fromkeys(parts, 1) | {whole: -1}
    rest_lo, rest_hi = 0.0, 0.0
    for j, sign in signs.items():
        if j == i:
            continue
        lo, hi = p.bounds(j)
        hi = np.inf if hi is None else hi
        rest_lo += sign * (lo if sign > 0 else hi)
        rest_hi += sign * (hi if sign > 0 else lo)
    # signs[i] * x_i == -rest
    if signs[i] > 0:
        lo, hi = -rest_hi, -rest_lo
    else:
        lo, hi = rest_lo, rest_hi
    lo, hi = max(lo, lo_i), min(hi, np.inf if hi_i is None else hi_i)
    return bool(np.isfinite(hi) and hi - lo < 0.5)


def _lp_fixed(p: _Problem, i: int) -> bool:
    n = len(p.values)
    a_eq = np.zeros((len(p.equations), n))
    for row, (parts, whole) in enumerate(p.equations):
        a_eq[row, parts] = 1.0
        a_eq[row, whole] = -1.0
    b_eq = np.zeros(len(p.equations))
    bounds = [p.bounds(j) for j in range(n)]
    c = np.zeros(n)
    c[i] = 1.0
    low = linprog(c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    high = linprog(-c, A_eq=a_eq, b_eq=b_eq, bounds=bounds, method="highs")
    if high.status == 3 or low.status != 0 or high.status != 0:  # unbounded above, or (never) infeasible
        return False
    return bool(-high.fun - low.fun < 0.5)


def _check(counts: Mapping[str, int], threshold: int, where: str = "") -> None:
    if threshold < 2:
        raise ValueError(f"threshold must be at least 2, got {threshold!r}")
    for key, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
            raise ValueError(f"count {where}{key!r} must be a whole number 0 or more, got {value!r}")


def _result(value: int, state: str, threshold: int) -> SuppressedCount:
    if state == PUBLISHED:
        return SuppressedCount(int(value), PUBLISHED, threshold)
    return SuppressedCount(None, state, threshold)


# --- public functions ----------------------------------------------------------------------------
def suppress_one(count: int, threshold: int = DEFAULT_THRESHOLD) -> SuppressedCount:
    """A single count on its own (no total beside it): primary suppression only."""
    _check({"count": count}, threshold)
    return _result(count, SMALL if count < threshold else PUBLISHED, threshold)


def suppress_row(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD, total: int | None = None
) -> SuppressedRow:
    """Suppress a breakdown whose total readers know.

    ``total`` None: the total is the sum of ``counts`` and is published (or derivable elsewhere),
    the safe assumption. A larger ``total`` means ``counts`` are part of it and the unlisted
    remainder (``total - sum``) is not published. The total is itself a count and is shown as
    "fewer than N" when small.
    """
    _check(counts, threshold)
    keys = list(counts)
    listed = sum(int(counts[k]) for k in keys)
    whole = listed if total is None else int(total)
    if whole < listed:
        raise ValueError(f"total {whole} is less than the sum of the counts ({listed})")
    values = [int(counts[k]) for k in keys] + [whole]
    parts, hidden = list(range(len(keys))), set()
    if whole > listed:
        values.append(whole - listed)
        parts.append(len(values) - 1)
        hidden.add(len(values) - 1)
    problem = _Problem(values, [(parts, len(keys))], hidden, {len(keys)}, threshold)
    state = problem.solve()
    cells = {k: _result(values[n], state[n], threshold) for n, k in enumerate(keys)}
    return SuppressedRow(cells, _result(whole, state[len(keys)], threshold))


def suppress(
    counts: Mapping[str, int], threshold: int = DEFAULT_THRESHOLD, total: int | None = None
) -> dict[str, SuppressedCount]:
    """Suppress a breakdown (see :func:`suppress_row`); returns the cells only."""
    return suppress_row(counts, threshold, total).cells


def suppress_table(rows: Mapping[str, Mapping[str, int]], threshold: int = DEFAULT_THRESHOLD) -> SuppressedTable:
    """Suppress a two-way table published with its row, column and grand totals.

    Every row must have the same columns (in the first row's order); a missing cell is an error,
    not a zero.
    """
    row_keys = list(rows)
    if not row_keys:
        raise ValueError("a table needs at least one row")
    columns = list(rows[row_keys[0]])
    for r in row_keys:
        if list(rows[r]) != columns:
            raise ValueError(f"row {r!r} has columns {list(rows[r])}, expected {columns}")
        _check(rows[r], threshold, where=f"{r!r} / ")
    n_r, n_c = len(row_keys), len(columns)
    values = [int(rows[r][c]) for r in row_keys for c in columns]
    row_at = [n_r * n_c + r for r in range(n_r)]
    col_at = [n_r * n_c + n_r + c for c in range(n_c)]
    grand_at = n_r * n_c + n_r + n_c
    values += [sum(values[r * n_c : (r + 1) * n_c]) for r in range(n_r)]
    values += [sum(values[r * n_c + c] for r in range(n_r)) for c in range(n_c)]
    values.append(sum(values[: n_r * n_c]))
    equations = [(list(range(r * n_c, (r + 1) * n_c)), row_at[r]) for r in range(n_r)]
    equations += [([r * n_c + c for r in range(n_r)], col_at[c]) for c in range(n_c)]
    equations += [(row_at, grand_at), (col_at, grand_at)]
    problem = _Problem(values, equations, set(), {*row_at, *col_at, grand_at}, threshold)
    state = problem.solve()
    cell = {
        r: {c: _result(values[i * n_c + j], state[i * n_c + j], threshold) for j, c in enumerate(columns)}
        for i, r in enumerate(row_keys)
    }
    return SuppressedTable(
        cells=cell,
        row_totals={r: _result(values[row_at[i]], state[row_at[i]], threshold) for i, r in enumerate(row_keys)},
        column_totals={c: _result(values[col_at[j]], state[col_at[j]], threshold) for j, c in enumerate(columns)},
        grand_total=_result(values[grand_at], state[grand_at], threshold),
        columns=columns,
    )
