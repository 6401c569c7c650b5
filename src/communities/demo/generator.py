"""A deterministic synthetic borough: organisations, staff in every role, households and residents.

Residents are spread over the council's real 2021 LSOAs in proportion to Census 2021 population; ages follow the
LSOA's mid-2020 single-year-of-age estimates where shipped; disability, caring, income, tenure and council tax band
are skewed by the LSOA's national IMD 2025 decile (see assumptions.py for every parameter and its source).
"""

from __future__ import annotations

import csv
import gzip
import time
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from communities.accounts.mfa import activate_totp_with_secret
from communities.accounts.models import User
from communities.audit.services import Action, record
from communities.organisations.models import Membership, Organisation, OrganisationKind
from communities.people.models import Household, Involvement, Person, Tenure
from communities.places.loader import DATA_DIR
from communities.places.models import LSOA, Council, Postcode

from . import assumptions as A
from .logins import DEMO_PASSWORD, DEMO_STAFF, demo_email, demo_totp_secret
from .models import DemoBorough

TENURES = [Tenure.OWNER, Tenure.MORTGAGE, Tenure.SOCIAL, Tenure.PRIVATE, Tenure.OTHER]
BANDS = list("ABCDEFGH")


class DemoError(Exception):
    pass


@dataclass
class DemoContext:
    """What each capability's demo extension (settings.DEMO_EXTENSIONS) receives to add its own synthetic data."""

    rng: np.random.Generator
    council_org: Organisation
    partners: list[Organisation]
    council: Council
    lsoas: list[LSOA]
    today: date
    people: list[Person]
    households: list[Household]


@dataclass
class DemoReport:
    organisations: int
    staff: int
    households: int
    residents: int
    seconds: float


def _age_distributions(council_code: str) -> dict[str, np.ndarray]:
    path = DATA_DIR / council_code / "population_mid2020_lsoa11_syoa.csv.gz"
    if not path.exists():
        return {}
    out = {}
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            counts = np.array([float(row[f"age_{i}"]) for i in range(90)] + [float(row["age_90_plus"])])
            out[row["lsoa11_code"]] = counts
    return out


def _interp(most: list[float], least: list[float], decile: int) -> np.ndarray:
    w = (decile - 1) / 9
    shares = np.array(most) * (1 - w) + np.array(least) * w
    return shares / shares.sum()


def _age_factor(age: int) -> float:
    factor = A.AGE_FACTOR[0][1]
    for start, value in A.AGE_FACTOR:
        if age >= start:
            factor = value
    return factor


class _Borough:
    def __init__(self, council: Council, seed: int):
        self.council = council
        self.rng = np.random.default_rng(seed)
        self.today = date(2026, 4, 1)  # fixed so that the same seed gives the same borough on any day
        ages = _age_distributions(council.code)
        self.fallback_ages = sum(ages.values()) if ages else np.ones(91)
        self.ages = ages

    def age_in(self, lsoa_code: str, low: int, high: int) -> int:
        dist = self.ages.get(lsoa_code, self.fallback_ages)
        # Ages 90+ are one band in the estimates: spread them evenly over 90–99.
        weights = np.concatenate([dist[:90], np.repeat(dist[90] / 10, 10)])[low : high + 1]
        if weights.sum() <= 0:
            weights = np.ones(high - low + 1)
        return int(low + self.rng.choice(len(weights), p=weights / weights.sum()))

    def birth_date(self, age: int) -> date:
        return self.today - timedelta(days=int(age * 365.25 + self.rng.integers(0, 365)))

    def name(self) -> tuple[str, str]:
        first = A.FIRST_NAMES[self.rng.integers(len(A.FIRST_NAMES))]
        last = A.SURNAME_STEMS[self.rng.integers(len(A.SURNAME_STEMS))] + A.SURNAME_ENDINGS[
            self.rng.integers(len(A.SURNAME_ENDINGS))
        ]
        return first, last


def _organisations(rng: np.random.Generator) -> tuple[Organisation, list[Organisation]]:
    council = Organisation.objects.create(
        name="Stockton-on-Tees Borough Council (demo)", kind=OrganisationKind.COUNCIL,
        description="The council's adult social care, public health, anti-poverty and community teams.",
    )
    others = [
        Organisation(name="North Tees Demo NHS Trust", kind=OrganisationKind.NHS),
        Organisation(name="Teesside Demo Homes", kind=OrganisationKind.HOUSING),
    ]
    pairs = [(p, k) for k in A.VCSE_KINDS for p in A.VCSE_PLACES]
    chosen = rng.choice(len(pairs), size=30, replace=False)
    for index in sorted(chosen):
        place, kind = pairs[index]
        others.append(Organisation(name=f"{place} {kind} (demo)", kind=OrganisationKind.VCSE))
    Organisation.objects.bulk_create(others)
    return council, [o for o in others if o.kind == OrganisationKind.VCSE] + others[:2]


def _staff(council: Organisation, vcse: Organisation) -> int:
    for local, full_name, role, org_key in DEMO_STAFF:
        email = demo_email(local)
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=full_name)
        activate_totp_with_secret(user, demo_totp_secret(email))
        Membership.objects.create(user=user, organisation=council if org_key == "council" else vcse, role=role)
    return len(DEMO_STAFF)


def generate(*, seed: int, residents: int, council_code: str) -> DemoReport:
    if residents < 1:
        raise DemoError("--residents must be at least 1")
    if DemoBorough.objects.exists() or Organisation.objects.exists():
        raise DemoError("This database already has data. Use a new database for the demo borough.")
    council = Council.objects.filter(code=council_code).first()
    if council is None:
        raise DemoError(f"Load the council's geography first: manage.py load_council {council_code}")
    lsoas = list(LSOA.objects.filter(council=council).order_by("code"))
    if not lsoas:
        raise DemoError(f"{council} has no LSOAs loaded")
    started = time.perf_counter()
    borough = _Borough(council, seed)
    rng = borough.rng
    postcodes: dict[str, list[str]] = {}
    rows = Postcode.objects.filter(council=council).order_by("postcode").values_list("postcode", "lsoa_id")
    for code, lsoa_id in rows:
        postcodes.setdefault(lsoa_id, []).append(code)
    population = np.array([max(x.population, 1) for x in lsoas], dtype=float)
    quotas = rng.multinomial(residents, population / population.sum())

    households: list[Household] = []
    people: list[Person] = []
    for lsoa, quota in zip(lsoas, quotas, strict=True):
        decile = lsoa.imd2025_decile or 5
        shares = _interp(A.HOUSEHOLD_SHARES_MOST_DEPRIVED, A.HOUSEHOLD_SHARES_LEAST_DEPRIVED, decile)
        tenure_p = _interp(A.TENURE_MOST_DEPRIVED, A.TENURE_LEAST_DEPRIVED, decile)
        band_p = _interp(A.BAND_MOST_DEPRIVED, A.BAND_LEAST_DEPRIVED, decile)
        factor = A.DEPRIVATION_FACTOR[decile]
        placed = 0
        while placed < quota:
            kind, (low, high), adults, (cmin, cmax) = A.HOUSEHOLD_TYPES[rng.choice(len(shares), p=shares)]
            children = int(rng.integers(cmin, cmax + 1)) if cmax else 0
            size = min(adults + children, quota - placed)
            pensioners = kind.startswith("single_pensioner") or kind.startswith("pensioner")
            median = A.MEDIAN_INCOME_BY_DECILE[decile] * (A.PENSIONER_INCOME_FACTOR if pensioners else 1)
            income = round(float(rng.lognormal(np.log(median), A.INCOME_SIGMA)), -2)
            codes = postcodes.get(lsoa.code, [])
            postcode = codes[rng.integers(len(codes))] if codes else ""
            household = Household(
                address_line=f"{int(rng.integers(1, 200))} {A.STREET_NAMES[rng.integers(len(A.STREET_NAMES))]}",
                postcode=postcode, lsoa=lsoa, tenure=TENURES[rng.choice(5, p=tenure_p)],
                council_tax_band=BANDS[rng.choice(8, p=band_p)], annual_income=Decimal(str(income)),
            )
            households.append(household)
            _, surname = borough.name()
            for i in range(size):
                age = borough.age_in(lsoa.code, low, high) if i < adults else borough.age_in(lsoa.code, 0, 17)
                first, _ = borough.name()
                disabled = rng.random() < min(0.95, A.DISABILITY_RATE_ENGLAND * _age_factor(age) * factor)
                carer = age >= 16 and rng.random() < A.UNPAID_CARE_RATE_ENGLAND * 1.2 * factor
                people.append(Person(
                    first_name=first, last_name=surname, date_of_birth=borough.birth_date(age), household=household,
                    postcode=postcode, has_disability=disabled, is_carer=carer, lives_alone=size == 1,
                ))
            placed += size

    with transaction.atomic():
        council_org, partners = _organisations(rng)
        staff = _staff(council_org, partners[0])
        Household.objects.bulk_create(households, batch_size=2000)
        Person.objects.bulk_create(people, batch_size=2000)
        involved = rng.random(len(people)) < A.SHARE_WITH_INVOLVEMENT
        choices = [council_org, partners[0], *partners[1:]]
        weights = np.array([0.4, 0.2] + [0.4 / (len(choices) - 2)] * (len(choices) - 2))
        picks = rng.choice(len(choices), size=len(people), p=weights / weights.sum())
        Involvement.objects.bulk_create(
            [
                Involvement(person=p, organisation=choices[k], reason="Synthetic demo involvement",
                            started_on=borough.today)
                for p, k, flag in zip(people, picks, involved, strict=True)
                if flag
            ],
            batch_size=2000,
        )
        context = DemoContext(
            rng=rng, council_org=council_org, partners=partners, council=council, lsoas=lsoas,
            today=borough.today, people=people, households=households,
        )
        for dotted in settings.DEMO_EXTENSIONS:
            import_string(dotted)(context)
        seconds = time.perf_counter() - started
        marker = DemoBorough.objects.create(seed=seed, residents=residents, council_code=council.code, seconds=seconds)
        record(
            actor=None, action=Action.CREATE, obj=marker, organisation=council_org,
            fields={"households": len(households), "residents": len(people)},
            reason="demo_borough management command (synthetic data)",
        )
    return DemoReport(len(partners) + 1, staff, len(households), len(people), time.perf_counter() - started)
