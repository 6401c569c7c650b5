"""Reference households: the worked cases in the money design notes (Stockton-on-Tees, 2025/26).

Used by the latency benchmark and by the tests that compare the warm engine with a fresh PolicyEngine Simulation,
so both measure and check the same households.
"""

from __future__ import annotations

from .household import Household, Person

# A pensioner aged 70 with State Pension £9,000 a year, private rent £600 a month, band B.
SINGLE_PENSIONER = Household(
    people=(Person(age=70, state_pension=9000.0),),
    tenure="private_rent",
    rent_per_year=7200.0,
    council_tax_band="B",
    council_tax_per_year=1920.13,
)

# A couple aged 35 with children aged 4 and 8, one earner on £18,000 a year, council rent £450 a month, band A.
FAMILY_ONE_EARNER = Household(
    people=(
        Person(age=35, employment_income=18000.0, hours_worked=37.5),
        Person(age=35),
        Person(age=4),
        Person(age=8),
    ),
    tenure="social_rent_council",
    rent_per_year=5400.0,
    council_tax_band="A",
    council_tax_per_year=1800.0,
)
