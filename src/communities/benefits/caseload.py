"""Caseload extract (CSV) for batch screening: column definitions and an all-rows validator.

One row per household, as exported from a Housing Benefit / Council Tax Reduction system.
Money columns are **£ per week** (as benefit systems hold them) except capital and the council
tax bill. Blank optional cells mean "none"/"unknown". The web app must import nothing when
``validate_caseload`` returns any error.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .household import COUNCIL_TAX_BANDS, TENURES

#: column -> (required, description)
COLUMNS: dict[str, tuple[bool, str]] = {
    "household_ref": (True, "Unique reference for the claim/household (no personal names)."),
    "claimant_age": (True, "Age of the claimant in years (16-120)."),
    "partner_age": (False, "Age of the partner; blank if single."),
    "children_ages": (False, "Ages of dependent children under 16, separated by ';' (e.g. '4;8')."),
    "young_people_ages": (
        False,
        "Ages of young people aged 16-19 in full-time non-advanced education (school or college up to A level "
        "or equivalent) or approved training, counted as the claimant's dependants, separated by ';'.",
    ),
    "non_dependant_ages": (False, "Ages of other adults (non-dependants), separated by ';'."),
    "earnings_per_week": (False, "Gross earnings of claimant and partner, £/week."),
    "state_pension_per_week": (False, "State Pension of claimant and partner, £/week."),
    "private_pension_per_week": (False, "Occupational/private pensions, £/week."),
    "capital": (False, "Savings and other capital, £."),
    "tenure": (True, "One of: " + ", ".join(TENURES) + "."),
    "rent_per_week": (False, "Rent, £/week (renters only)."),
    "council_tax_band": (True, "Council tax band A-H."),
    "council_tax_per_year": (False, "Annual council tax bill after discounts, £."),
    "disabled": (False, "Y if the claimant or partner is disabled, else N/blank."),
    "carer": (False, "Y if the claimant cares 35+ hours a week, else N/blank."),
    "receiving_uc_per_week": (False, "Universal Credit currently received, £/week."),
    "receiving_pc_per_week": (False, "Pension Credit currently received, £/week."),
    "receiving_hb_per_week": (False, "Housing Benefit currently received, £/week."),
    "receiving_ctr_per_week": (False, "Council Tax Reduction currently received, £/week."),
    "epc_band": (False, "EPC band of the home A-G; blank if unknown."),
    "imd_decile": (False, "English IMD decile of the postcode (1-10); blank if unknown."),
}
MONEY = (
    "earnings_per_week",
    "state_pension_per_week",
    "private_pension_per_week",
    "capital",
    "rent_per_week",
    "council_tax_per_year",
    "receiving_uc_per_week",
    "receiving_pc_per_week",
    "receiving_hb_per_week",
    "receiving_ctr_per_week",
)
RENTED = ("social_rent_council", "social_rent_housing_association", "private_rent")


@dataclass(frozen=True)
class CaseloadError:
    line: int  # line in the CSV file (header = line 1)
    field: str
    message: str

    def __str__(self) -> str:
        return f"line {self.line}, {self.field}: {self.message}"


def _ages(text: str) -> list[int]:
    return [int(x) for x in text.split(";") if x.strip() != ""] if text.strip() else []


def validate_row(row: Mapping[str, str], line: int) -> list[CaseloadError]:
    errors: list[CaseloadError] = []

    def err(field: str, message: str) -> None:
        errors.append(CaseloadError(line, field, message))

    def cell(name: str) -> str:
        value = row.get(name)
        return "" if value is None else str(value).strip()

    for name, (required, _) in COLUMNS.items():
        if required and not cell(name):
            err(name, "is required")
    for name in ("claimant_age", "partner_age"):
        text = cell(name)
        if text:
            try:
                age = int(text)
                low = 16
                if not low <= age <= 120:
                    err(name, f"must be from {low} to 120, got {text}")
            except ValueError:
                err(name, f"must be a whole number, got {text!r}")
    for name, low, high in (("children_ages", 0, 15), ("young_people_ages", 16, 19), ("non_dependant_ages", 16, 120)):
        try:
            ages = _ages(cell(name))
            if any(not low <= a <= high for a in ages):
                err(name, f"each age must be from {low} to {high}")
            if len(ages) > 15:
                err(name, "at most 15 people")
        except ValueError:
            err(name, f"must be whole numbers separated by ';', got {cell(name)!r}")
    for name in MONEY:
        text = cell(name)
        if text:
            try:
                value = float(text)
                if value != value or not 0 <= value <= 10_000_000:
                    err(name, f"must be between 0 and 10,000,000, got {text}")
            except ValueError:
                err(name, f"must be a number, got {text!r}")
    tenure = cell("tenure")
    if tenure and tenure not in TENURES:
        err("tenure", f"must be one of {', '.join(TENURES)}, got {tenure!r}")
    if cell("rent_per_week") not in ("", "0", "0.0", "0.00") and tenure in TENURES and tenure not in RENTED:
        err("rent_per_week", f"only renters pay rent, but tenure is {tenure!r}")
    band = cell("council_tax_band")
    if band and band not in COUNCIL_TAX_BANDS:
        err("council_tax_band", f"must be A-H, got {band!r}")
    for name in ("disabled", "carer"):
        if cell(name).upper() not in ("", "Y", "N"):
            err(name, f"must be Y, N or blank, got {cell(name)!r}")
    epc = cell("epc_band")
    if epc and epc.upper() not in ("A", "B", "C", "D", "E", "F", "G"):
        err("epc_band", f"must be A-G or blank, got {epc!r}")
    imd = cell("imd_decile")
    if imd:
        try:
            if not 1 <= int(imd) <= 10:
                err("imd_decile", f"must be 1-10, got {imd}")
        except ValueError:
            err("imd_decile", f"must be a whole number 1-10, got {imd!r}")
    return errors


def caseload_errors(rows: Iterable[Mapping[str, str]], header: Iterable[str] | None = None) -> Iterator[CaseloadError]:
    """Every error in a caseload, one at a time (so a caller can keep a bounded report). Data rows start at line 2;
    a row read by ``csv.DictReader`` with more cells than the header is an error too."""
    if header is not None:
        header = list(header)
        yield from (CaseloadError(1, c, "required column is missing")
                    for c, (req, _) in COLUMNS.items() if req and c not in header)
        yield from (CaseloadError(1, c, "unknown column") for c in header if c not in COLUMNS)
    seen: dict[str, int] = {}
    count = 0
    for count, row in enumerate(rows, start=2):
        if None in row:
            yield CaseloadError(count, "(row)", "has more cells than the header")
        yield from validate_row(row, count)
        ref = str(row.get("household_ref") or "").strip()
        if ref:
            if ref in seen:
                yield CaseloadError(count, "household_ref", f"duplicate of line {seen[ref]}")
            else:
                seen[ref] = count
    if count == 0:
        yield CaseloadError(2, "household_ref", "the file has no data rows")


def validate_caseload(rows: Iterable[Mapping[str, str]], header: Iterable[str] | None = None) -> list[CaseloadError]:
    """Check every row; return every error (empty list = valid). Data rows start at line 2."""
    return list(caseload_errors(rows, header))


def read_caseload_csv(source: str | Path | io.TextIOBase) -> tuple[pd.DataFrame, list[CaseloadError]]:
    """Read a caseload CSV as strings, validate all rows; returns (frame, errors)."""
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    errors = validate_caseload(frame.to_dict("records"), header=frame.columns)
    return frame, errors


def describe_columns() -> list[dict[str, str | bool]]:
    """The caseload CSV columns for documentation/help pages: name, required, description."""
    return [{"name": n, "required": r, "description": d} for n, (r, d) in COLUMNS.items()]


def write_template(path: str | Path) -> None:
    """Write an empty caseload CSV with the column header."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerow(list(COLUMNS))
