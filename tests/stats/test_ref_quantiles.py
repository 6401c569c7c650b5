"""Reference tests: PHE quantile assignment (PHEindicatormethods testdata_Quantiles)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from communities.stats import assign_quantiles

from ._ref import num, rows

Q_ROWS = rows("phe/quantiles.csv")
N_Q = {"Decile": 10, "Septile": 7, "Quartile": 4}


def _invert(polarity: str) -> bool:
    return {"RAG - Low is good": True, "RAG - High is good": False, "TRUE": True, "FALSE": False}[polarity]


def _blocks() -> dict[str, list[int]]:
    """Calculation blocks: GroupSet -> row indices (the "None" set is one group over all its rows,
    Gooddata and GooddataDups together: RowsInGrp = 485)."""
    out: dict[str, list[int]] = {}
    for i, r in enumerate(Q_ROWS):
        out.setdefault(r["GroupSet"], []).append(i)
    return out


def _compute(idx: list[int]) -> np.ndarray:
    rs = [Q_ROWS[i] for i in idx]
    gs = rs[0]["GroupSet"]
    values = np.array([num(r["Value"]) for r in rs])
    q = N_Q[rs[0]["QuantileNm"]]
    if gs == "IndSexReg":
        groups = [r["IndSexRef"] + "|" + r["ParentCode"] for r in rs]
        invert = np.array([_invert(r["Polarity"]) for r in rs])
    elif gs == "IndSex":
        groups = [r["IndSexRef"] for r in rs]
        invert = np.array([_invert(r["Polarity"]) for r in rs])
    else:  # "None": one group over all rows, package default invert = TRUE
        groups = None
        invert = True
    return assign_quantiles(values, q, invert=invert, groups=groups)


RESULTS = {key: dict(zip(idx, _compute(idx), strict=True)) for key, idx in _blocks().items()}


@pytest.mark.parametrize(
    "i",
    range(len(Q_ROWS)),
    ids=[f"{r['GroupSet']}-{r['Test']}-{r['AreaCode']}-{r['IndSexRef']}" for r in Q_ROWS],
)
def test_quantile_row(i: int) -> None:
    r = Q_ROWS[i]
    got = RESULTS[r["GroupSet"]][i]
    expected = num(r["QuantileInGrp"])
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == expected


def test_mixed_polarity_in_group_is_an_error() -> None:
    # BadPolarity: two polarity values in one group -> error (quantiles.csv README note).
    values = [1.0, 2.0, 3.0, 4.0]
    with pytest.raises(ValueError, match="single value for each data group"):
        assign_quantiles(values, 2, invert=[True, False, True, True], groups=["a", "a", "a", "a"])


def test_small_groups_get_missing() -> None:
    got = assign_quantiles(np.arange(9.0), 10)
    assert np.isnan(got).all()
