"""End-to-end caseload screening benchmark: synthetic CSV -> validate -> screen -> flags CSV.

Usage: .venv/bin/python benchmarks/screening.py [--households 100000] [--year 2025] [--chunk 10000]

Targets (issue 7): 100,000 households in <= 30 s and <= 2 GB peak RSS. Engine start-up (PolicyEngine
import, system build, warm-up) is reported separately: a worker pays it once.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from communities.benefits.caseload import COLUMNS, read_caseload_csv  # noqa: E402
from communities.benefits.engine import get_engine  # noqa: E402
from communities.benefits.screening import screen_caseload  # noqa: E402


def synthetic_caseload(n: int, seed: int = 7) -> pd.DataFrame:
    """HB/CTR-style caseload: ~35 % pensioners, the rest working age with and without children."""
    rng = np.random.default_rng(seed)
    pensioner = rng.random(n) < 0.35
    claimant_age = np.where(pensioner, rng.integers(66, 95, n), rng.integers(18, 66, n))
    has_partner = rng.random(n) < 0.4
    partner_age = np.where(has_partner, np.clip(claimant_age + rng.integers(-5, 6, n), 18, 100), 0)
    n_children = np.where(pensioner, 0, rng.choice([0, 0, 1, 2, 3], n))
    children = [";".join(str(a) for a in rng.integers(0, 16, k)) for k in n_children]
    non_dep = np.where(rng.random(n) < 0.08, rng.integers(18, 40, n).astype(str), "")
    earnings = np.where(~pensioner & (rng.random(n) < 0.5), rng.gamma(2.0, 150.0, n).round(2), 0.0)
    state_pension = np.where(pensioner, rng.uniform(120, 230, n).round(2), 0.0)
    private_pension = np.where(pensioner & (rng.random(n) < 0.4), rng.gamma(1.5, 40.0, n).round(2), 0.0)
    capital = np.where(rng.random(n) < 0.3, rng.gamma(1.0, 4000.0, n).round(0), 0.0)
    tenure = rng.choice(
        [
            "social_rent_council",
            "social_rent_housing_association",
            "private_rent",
            "owner_outright",
            "owner_mortgage",
        ],
        n,
        p=[0.25, 0.25, 0.25, 0.15, 0.10],
    )
    rented = np.isin(tenure, ["social_rent_council", "social_rent_housing_association", "private_rent"])
    rent = np.where(rented, rng.uniform(80, 200, n).round(2), 0.0)
    band = rng.choice(list("ABCDE"), n, p=[0.45, 0.25, 0.15, 0.1, 0.05])
    ct = {"A": 1490.0, "B": 1738.0, "C": 1987.0, "D": 2235.0, "E": 2732.0}
    bill = np.array([ct[b] for b in band]) * np.where(has_partner | (n_children > 0), 1.0, 0.75)
    receiving_pc = np.where(pensioner & (rng.random(n) < 0.6), rng.uniform(5, 80, n).round(2), 0.0)
    receiving_uc = np.where(~pensioner & (rng.random(n) < 0.6), rng.uniform(50, 300, n).round(2), 0.0)
    receiving_hb = np.where(rented & pensioner, rent * 0.8, 0.0).round(2)
    receiving_ctr = np.where(rng.random(n) < 0.7, bill / 52 * 0.8, 0.0).round(2)
    frame = pd.DataFrame(
        {
            "household_ref": [f"H{i:07d}" for i in range(n)],
            "claimant_age": claimant_age,
            "partner_age": np.where(has_partner, partner_age.astype(str), ""),
            "children_ages": children,
            "non_dependant_ages": non_dep,
            "earnings_per_week": earnings,
            "state_pension_per_week": state_pension,
            "private_pension_per_week": private_pension,
            "capital": capital,
            "tenure": tenure,
            "rent_per_week": rent,
            "council_tax_band": band,
            "council_tax_per_year": bill.round(2),
            "disabled": np.where(rng.random(n) < 0.25, "Y", "N"),
            "carer": np.where(rng.random(n) < 0.05, "Y", ""),
            "receiving_uc_per_week": receiving_uc,
            "receiving_pc_per_week": receiving_pc,
            "receiving_hb_per_week": receiving_hb,
            "receiving_ctr_per_week": receiving_ctr,
            "epc_band": rng.choice(["", "B", "C", "D", "E", "F", "G"], n),
            "imd_decile": rng.integers(1, 11, n).astype(str),
        }
    )
    return frame[list(COLUMNS)]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--households", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--chunk", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = Path(tmp) / "caseload.csv", Path(tmp) / "flags.csv"
        synthetic_caseload(args.households).to_csv(src, index=False)
        t = time.perf_counter()
        engine = get_engine((args.year,))
        startup = time.perf_counter() - t
        rss_after_startup = peak_rss_mb()
        t0, c0 = time.perf_counter(), time.process_time()
        frame, errors = read_caseload_csv(src)
        t1 = time.perf_counter()
        if errors:
            raise SystemExit(f"{len(errors)} validation errors, first: {errors[0]}")
        flags = screen_caseload(frame, args.year, engine=engine, chunk_size=args.chunk)
        t2 = time.perf_counter()
        flags.to_csv(dst, index=False)
        t3, c3 = time.perf_counter(), time.process_time()
    total = t3 - t0
    print(f"engine start-up (once per worker): {startup:.1f} s, peak RSS after start-up {rss_after_startup:.0f} MB")
    print(f"households: {len(flags):,}  tax year {args.year}  chunk {args.chunk:,}")
    print(f"read + validate: {t1 - t0:6.1f} s")
    print(f"screen:          {t2 - t1:6.1f} s")
    print(f"write flags:     {t3 - t2:6.1f} s")
    print(f"end-to-end:      {total:6.1f} s  ({len(flags) / total:,.0f} households/s)")
    print(f"CPU time:        {c3 - c0:6.1f} s  (of this process; other load on the machine inflates wall time)")
    print(f"peak RSS:        {peak_rss_mb():6.0f} MB")
    load1, load5, _ = os.getloadavg()
    print(f"load average:    {load1:.1f} (1 min), {load5:.1f} (5 min) on {os.cpu_count()} CPUs")
    print(
        "flags: "
        + ", ".join(
            f"{c}={int(flags[c].sum()):,}"
            for c in (
                "likely_unclaimed_pension_credit",
                "likely_eligible_uc",
                "warm_homes_likely",
                "fuel_poverty_risk",
            )
        )
    )
    print(f"unclaimed total £{flags['unclaimed_per_year'].sum():,.0f}/year")


if __name__ == "__main__":
    main()
