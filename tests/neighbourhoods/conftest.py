"""Fixtures for neighbourhood profiles: small police.uk files written in the exact format, and their import."""

from __future__ import annotations

import csv

import pytest

from communities.neighbourhoods.policeuk import COLUMNS

TOWN_CENTRE_LSOA = "E01012267"  # an LSOA of Stockton Town Centre ward (2023), checked in test_boundaries


def crime_row(month="2026-01", lsoa=TOWN_CENTRE_LSOA, crime_type="Burglary", lon="-1.31", lat="54.56", **extra):
    row = {"Crime ID": "abc", "Month": month, "Reported by": "Cleveland Police", "Falls within": "Cleveland Police",
           "Longitude": lon, "Latitude": lat, "Location": "On or near Test Street", "LSOA code": lsoa,
           "LSOA name": "Stockton-on-Tees", "Crime type": crime_type, "Last outcome category": "", "Context": ""}
    row.update(extra)
    return [row[c] for c in COLUMNS]


def write_file(path, rows, header=COLUMNS):
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.fixture
def small_counts_file(tmp_path):
    """One month: 2 burglaries (small), 7 shoplifting, 40 violence in one LSOA; 12 ASB; plus a row outside the
    borough and a row with no location."""
    rows = [crime_row(crime_type="Burglary") for _ in range(2)]
    rows += [crime_row(crime_type="Shoplifting") for _ in range(7)]
    rows += [crime_row(crime_type="Violence and sexual offences") for _ in range(40)]
    rows += [crime_row(crime_type="Anti-social behaviour", **{"Crime ID": ""}) for _ in range(12)]
    rows.append(crime_row(lsoa="E01012000"))  # Hartlepool
    rows.append(crime_row(lsoa="", lon="", lat="", Location="No location"))
    return write_file(tmp_path / "2026-01-cleveland-street.csv", rows)


@pytest.fixture
def imported(db, small_counts_file):
    from communities.neighbourhoods.crime import import_files

    return import_files([small_counts_file])
