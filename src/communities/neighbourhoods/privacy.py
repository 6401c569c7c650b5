"""Neighbourhood profiles in the data-protection registry: nothing here is about residents."""

from __future__ import annotations

from communities.dataprotection.registry import not_personal

not_personal("neighbourhoods.CrimeImport", "Which police.uk files were imported and row totals; no resident data")
not_personal("neighbourhoods.CrimeCount", "Counts of police.uk crimes per month, LSOA and type; no resident data")
not_personal("neighbourhoods.Neighbourhood", "A named set of LSOAs chosen by council staff; no resident data")
