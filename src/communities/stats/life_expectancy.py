"""Period life expectancy by the Chiang II abridged life table with Silcocks confidence limits.

Published sources: Chiang C.L. (1984) *The Life Table and its Applications*, Krieger (method II
abridged life table); Silcocks P.B.S., Jenner D.A., Reza R. (2001) "Life expectancy as a summary of
mortality in a population: statistical considerations and suitability for use by health
authorities", J. Epidemiol. Community Health 55:38-43 (variance, including the open last band);
Fingertips Public Health Technical Guidance (OHID/PHE), life expectancy (20 bands 0, 1-4,
5-9 ... 90+, a = 0.1 at age 0 and 0.5 otherwise; suppression rules).

For band i with width n_i, fraction a_i and rate M_i = deaths/population::

    q_i = n M / (1 + n M (1 - a))   (1 if deaths > pop / (n a); 1 in the last band)
    l_(i+1) = l_i (1 - q_i);  L_i = n_i (l_(i+1) + a_i d_i);  L_last = l / M
    e_i = sum_(j >= i) L_j / l_i
    Var(e_i) = sum_(j >= i) l_j^2 ((1 - a_j) n_j + e_(j+1))^2 s_j^2 / l_i^2,
               s_j^2 = q^2 (1 - q) / deaths;  last band (l/2)^2 * 4 / (deaths M^2)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from ._common import as_float, z_value

__all__ = ["LE_START_AGES", "LifeExpectancy", "life_expectancy"]

LE_START_AGES: tuple[int, ...] = (0, 1, *range(5, 95, 5))
MIN_TOTAL_POPULATION = 5000
MAX_CI_WIDTH_YEARS = 20.0


@dataclass(frozen=True, slots=True)
class LifeExpectancy:
    """Arrays of shape ``(..., bands)``: life expectancy at each start age and its limits."""

    value: Any
    lower: Any
    upper: Any
    pops_used: Any
    deaths_used: Any
    start_ages: tuple[int, ...]
    confidence: float
    warnings: Any  # per area: "" or the reason the area was suppressed


def life_expectancy(
    deaths: ArrayLike,
    populations: ArrayLike,
    start_ages: ArrayLike = LE_START_AGES,
    confidence: float = 0.95,
    z: float | None = None,
    l0: float = 100_000.0,
    strict: bool = False,
) -> LifeExpectancy:
    """Chiang II life expectancy at every start age, vectorised over leading axes (areas, periods).

    ``deaths``/``populations`` have shape ``(..., 20)``. Areas with negative deaths, a non-positive
    population, deaths > population in any band or total population <= 5,000 are returned as all-NaN
    with the reason in ``warnings`` (so one bad area does not stop a table; ``strict=True`` raises
    ValueError instead); a band count other than 20 is handled the same way. The value alone is
    suppressed where the 95% interval is wider than 20 years. ``z`` overrides the critical value
    (e.g. 1.96 to reproduce legacy outputs).
    """
    dx = as_float(deaths, "deaths")
    px = as_float(populations, "populations")
    ages = np.asarray(start_ages, dtype=float)
    if dx.shape != px.shape:
        raise ValueError("deaths and populations must have the same shape")
    if dx.shape[-1] != len(LE_START_AGES) or ages.size != dx.shape[-1]:
        if strict:
            raise ValueError("groups contain a different number of age bands than 20")
        nan = np.full(dx.shape, np.nan)
        warn0 = np.full(dx.shape[:-1], "groups contain a different number of age bands than 20", dtype=object)
        return LifeExpectancy(
            nan,
            nan,
            nan,
            nan,
            nan,
            tuple(int(x) for x in ages),
            float(confidence),
            warn0.item() if warn0.ndim == 0 else warn0,
        )
    if np.any(np.diff(ages) <= 0):
        raise ValueError("start ages must be increasing")
    zz = z_value(confidence) if z is None else float(z)
    z95 = z_value(0.95) if z is None else float(z)
    width = np.r_[np.diff(ages), np.nan]
    a = np.where(ages == 0, 0.1, 0.5)

    warn = np.full(dx.shape[:-1], "", dtype=object)
    checks = [
        (
            np.isnan(dx).any(axis=-1) | np.isnan(px).any(axis=-1),
            "some age bands have missing deaths or populations",
        ),
        ((np.nan_to_num(px) <= 0).any(axis=-1), "some age bands have a zero or less population"),
        ((np.nan_to_num(dx) < 0).any(axis=-1), "some age bands have negative deaths"),
        (
            (np.nan_to_num(dx) > np.nan_to_num(px)).any(axis=-1),
            "some age bands have more deaths than population",
        ),
        (np.nansum(px, axis=-1) <= MIN_TOTAL_POPULATION, "total population of less than 5,000"),
    ]
    for mask, msg in reversed(checks):
        warn = np.where(mask, msg, warn)
    bad = warn != ""
    if strict and np.any(bad):
        raise ValueError(str(np.atleast_1d(warn)[np.atleast_1d(bad)][0]))

    d = np.where(bad[..., None], 1.0, dx)
    p = np.where(bad[..., None], 2.0, px)
    with np.errstate(invalid="ignore", divide="ignore"):
        m = d / p
        q = width * m / (1 + width * m * (1 - a))
        q = np.where(d > p / (width * a), 1.0, q)
        q[..., -1] = 1.0
        surv = np.cumprod(1 - q[..., :-1], axis=-1)
        lx = l0 * np.concatenate([np.ones(d.shape[:-1] + (1,)), surv], axis=-1)
        l_next = np.concatenate([lx[..., 1:], np.zeros(d.shape[:-1] + (1,))], axis=-1)
        dd = lx - l_next
        big_l = width * (l_next + a * dd)
        big_l[..., -1] = lx[..., -1] / m[..., -1]
        big_t = np.cumsum(big_l[..., ::-1], axis=-1)[..., ::-1]
        ex = big_t / lx
        e_next = np.concatenate([ex[..., 1:], np.zeros(d.shape[:-1] + (1,))], axis=-1)
        e_next = np.where(l_next == 0, 0.0, e_next)
        s2 = np.where(dd == 0, 0.0, q**2 * (1 - q) / d)
        term = lx**2 * ((1 - a) * width + e_next) ** 2 * s2
        term[..., -1] = (lx[..., -1] / 2) ** 2 * 4 / (d[..., -1] * m[..., -1] ** 2)
        # bands nobody survives to (l = 0 after a q = 1 band) contribute no variance
        term = np.where(lx == 0, 0.0, term)
        var = np.cumsum(term[..., ::-1], axis=-1)[..., ::-1] / lx**2
        se = np.sqrt(var)
    lower, upper = ex - zz * se, ex + zz * se
    wide = 2 * z95 * se > MAX_CI_WIDTH_YEARS
    value = np.where(wide, np.nan, ex)
    nan = np.nan
    badb = bad[..., None]
    pops_used = np.cumsum(np.nan_to_num(px)[..., ::-1], axis=-1)[..., ::-1]
    deaths_used = np.cumsum(np.nan_to_num(dx)[..., ::-1], axis=-1)[..., ::-1]
    return LifeExpectancy(
        value=np.where(badb, nan, value),
        lower=np.where(badb, nan, lower),
        upper=np.where(badb, nan, upper),
        pops_used=pops_used,
        deaths_used=deaths_used,
        start_ages=tuple(int(x) for x in ages),
        confidence=float(confidence),
        warnings=warn.item() if warn.ndim == 0 else warn,
    )
