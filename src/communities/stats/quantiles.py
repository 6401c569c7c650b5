"""Quantile assignment (deciles, quintiles ...) and banding bounds as Fingertips / PHE do them.

* :func:`assign_quantiles` - the PHE/OHID Fingertips quantile method (Fingertips Public Health
  Technical Guidance (OHID/PHE), quantiles; the formula used by the Fingertips tool and the
  PHEindicatormethods ``phe_quantile`` function, implemented here from the published formula)::

      rank = ascending rank within the group, ties take the lowest rank ("min");
             with invert=True the rank is taken on -value (quantile 1 = highest values)
      q    = floor((Q + 1) - ceiling(((N + 1) - rank) / (N / Q))), 0 -> 1
      q    = missing when N < Q or the value is missing

* :func:`quantile_bounds` - the banding bounds Fingertips shows on maps (min, the k-1 inner
  linear-interpolation percentiles as Excel ``PERCENTILE.INC`` / Hyndman & Fan (1996) type 7, max),
  rounded to 10 decimals; none unless there are more than 3 values.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from ._common import FloatArray, as_float

__all__ = ["assign_quantiles", "quantile_bounds"]


def assign_quantiles(
    values: ArrayLike,
    n_quantiles: int = 10,
    invert: bool | ArrayLike = True,
    groups: ArrayLike | None = None,
) -> FloatArray:
    """Quantile number (1..Q, float with NaN for missing) for every value, within ``groups``.

    ``invert`` (default True, as the PHE package) may be a scalar or a per-row array that must take a
    single value within each group (ValueError otherwise). Quantile 1 holds the lowest values when
    ``invert`` is False and the highest values when True. Fully vectorised (one sort for all groups).
    """
    v = as_float(values, "values").ravel()
    q = int(n_quantiles)
    if q < 2:
        raise ValueError("n_quantiles must be at least 2")
    n_rows = v.size
    if groups is None:
        gid = np.zeros(n_rows, dtype=np.int64)
    else:
        g = np.asarray(groups).ravel()
        if g.size != n_rows:
            raise ValueError("groups must have one entry per value")
        _, gid = np.unique(g, return_inverse=True)
        gid = gid.ravel()
    inv = np.broadcast_to(
        np.asarray(invert, dtype=bool).ravel() if np.ndim(invert) else np.asarray(bool(invert)), (n_rows,)
    )
    n_groups = int(gid.max()) + 1 if n_rows else 0
    if np.ndim(invert):
        n_true = np.bincount(gid, weights=inv.astype(float), minlength=n_groups)
        n_all = np.bincount(gid, minlength=n_groups)
        if np.any((n_true > 0) & (n_true < n_all)):
            raise ValueError("invert field values must take a single value for each data group")
    key = np.where(inv, -v, v)
    valid = ~np.isnan(key)
    n_valid = np.bincount(gid[valid], minlength=n_groups).astype(float)
    # sort by group, then key (NaN last within group)
    order = np.lexsort((np.where(valid, key, np.inf), ~valid, gid))
    sg, sk, sv = gid[order], key[order], valid[order]
    pos = np.arange(n_rows)
    group_start = np.r_[0, np.flatnonzero(np.diff(sg)) + 1] if n_rows else np.array([], dtype=int)
    start_of = np.zeros(n_rows, dtype=np.int64)
    start_of[group_start] = group_start
    start_of = np.maximum.accumulate(start_of)
    new_val = np.ones(n_rows, dtype=bool)
    new_val[1:] = (sg[1:] != sg[:-1]) | (sk[1:] != sk[:-1])
    first_equal = np.maximum.accumulate(np.where(new_val, pos, 0))
    rank_sorted = (first_equal - start_of + 1).astype(float)
    rank = np.empty(n_rows)
    rank[order] = np.where(sv, rank_sorted, np.nan)
    n = n_valid[gid]
    with np.errstate(invalid="ignore", divide="ignore"):
        quant = np.floor((q + 1) - np.ceil(((n + 1) - rank) / (n / q)))
    quant = np.where(quant == 0, 1.0, quant)
    quant = np.where(valid & (n >= q), quant, np.nan)
    return quant.reshape(np.shape(values))


def quantile_bounds(values: ArrayLike, k: int) -> FloatArray:
    """Fingertips banding bounds ``[min, P(1/k), ..., P((k-1)/k), max]`` (empty if <= 3 values)."""
    v = as_float(values, "values").ravel() if values is not None else np.array([])
    v = np.sort(v[~np.isnan(v)])
    if v.size <= 3:
        return np.array([])
    inner = np.percentile(v, np.arange(1, k) / k * 100, method="linear")
    return np.round(np.r_[v[0], inner, v[-1]], 10)
