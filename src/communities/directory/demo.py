"""Synthetic directory listings for the demo borough (settings.DEMO_EXTENSIONS) and the load benchmark.

About 300 services with synthetic names ("Roseworth Community Pantry (demo)") at real postcodes of the council's
area (Code-Point Open coordinates, from places.Postcode), across every category of the default taxonomy, with
weekly and monthly sessions including Saturdays. A handful of food services are always placed at Stockton town
centre (TS18) postcodes with Saturday sessions, so the first search a new user tries finds something.
Deterministic for a given numpy Generator. Nothing here describes a real group.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record
from communities.places.models import Postcode

from .models import (
    Accessibility,
    Address,
    Attribute,
    CostOption,
    DirectoryOrganisation,
    Location,
    Phone,
    Schedule,
    Service,
    ServiceAtLocation,
)
from .services import public_cache, search_index
from .services.opening_times import describe_schedule
from .services.staleness import assurance_days
from .services.taxonomy import term_id

# (term code, name pattern, description, fees (None = free), minimum age, maximum age, run by the council?, weight)
TEMPLATES = [
    ("food-pantry", "{place} Community Pantry (demo)", "A membership food club: members pay a small weekly fee and "
     "choose groceries, fresh fruit and vegetables worth several times as much. No referral needed.",
     "£3.50 a week membership", 18, None, False, 10),
    ("food-surplus", "{place} Surplus Food Share (demo)", "Pre-packed bags of surplus food from supermarkets and "
     "suppliers, collected on a set day each week. Book your bag the day before.", "£7.50 a bag", None, None, False, 6),
    ("food-bank", "{place} Food Bank (demo)", "Emergency food parcels for three days. You need a voucher from a "
     "referral agency such as Citizens Advice, a GP practice or a support worker.", None, None, None, False, 5),
    ("community-meals", "{place} Lunch Club (demo)", "A hot two-course lunch and good company.", "£3 a meal", 55, None,
     False, 4),
    ("warm-spaces", "{place} Warm Welcome Space (demo)", "Somewhere warm to sit, with hot drinks, free Wi-Fi and phone "
     "charging. Everyone welcome, no need to book.", None, None, None, False, 8),
    ("community-centres", "{place} Community Hub Drop-in (demo)", "Drop in for advice, activities and a chat with "
     "the hub team.", None, None, None, False, 4),
    ("debt-advice", "{place} Debt Advice Drop-in (demo)", "Free, confidential advice on debts, arrears and dealing "
     "with creditors. Bring any letters you have.", None, 18, None, False, 4),
    ("benefits-advice", "{place} Benefits Check Clinic (demo)", "Find out which benefits and grants you could claim "
     "and get help with forms.", None, 16, None, True, 4),
    ("energy-advice", "{place} Energy Advice Surgery (demo)", "Help with energy bills, prepayment meters, debts to "
     "suppliers and cutting costs at home.", None, 18, None, False, 3),
    ("carers-support", "{place} Carers' Coffee Morning (demo)", "Meet other unpaid carers, get information and a "
     "break. The people you care for are welcome too.", None, 16, None, False, 4),
    ("mental-health", "{place} Wellbeing Café (demo)", "A friendly peer-support café for anyone struggling with low "
     "mood, anxiety or stress.", None, 18, None, False, 4),
    ("loneliness", "{place} Friendship Group (demo)", "Tea, games and conversation for anyone feeling lonely or "
     "isolated.", None, 50, None, False, 4),
    ("stop-smoking", "{place} Stop Smoking Clinic (demo)", "Free one-to-one support and stop-smoking aids from a "
     "trained adviser.", None, 12, None, True, 3),
    ("screening", "{place} NHS Health Check Session (demo)", "A free check of your heart health, blood pressure and "
     "cholesterol for people aged 40 to 74 without an existing condition.", None, 40, 74, True, 3),
    ("physical-activity", "{place} Walking Group (demo)", "Gentle, led walks of about an hour on paths and pavements. "
     "Good for all fitness levels.", None, None, None, False, 5),
    ("physical-activity", "{place} Chair-Based Exercise (demo)", "Seated exercise to music to improve strength and "
     "balance.", "£2 a session", 50, None, False, 3),
    ("volunteer-drivers", "Volunteer Driver Service – {place} (demo)", "Volunteer drivers take people who cannot use "
     "buses to medical appointments and shops. Book two working days ahead.", "45p a mile", 18, None, True, 2),
    ("community-gardens", "{place} Community Garden (demo)", "Grow fruit and vegetables together; tools and "
     "gloves provided.", None, None, None, False, 3),
    ("litter-picks", "{place} Litter Pick (demo)", "Help clean up local streets and green spaces. Pickers, bags and "
     "gloves provided; under-16s with an adult.", None, None, None, False, 3),
    ("family-support", "{place} Stay and Play (demo)", "Play sessions for babies and young children with their "
     "parents or carers.", None, 0, 5, False, 3),
    ("youth", "{place} Youth Club (demo)", "Games, sport, art and trips for young people.", "50p a session", 11, 18,
     False, 3),
]
ELIGIBILITY = {"food-bank": "referral-needed", "community-meals": "for-older-people", "carers-support": "for-carers",
               "family-support": "for-families", "loneliness": "for-older-people", "food-pantry": "for-low-income"}
VENUES = ["Community Centre", "Library", "Methodist Church Hall", "Parish Hall", "Community Hub", "Youth and "
          "Community Centre", "Sports Pavilion", "Family Hub"]
STREETS = ["High Street", "Church Road", "Station Road", "Victoria Road", "Park Road", "Norton Road", "Green Lane",
           "Mill Lane", "The Square", "Westbury Street"]
SESSIONS = [(time(9, 30), time(11, 30)), (time(10), time(12)), (time(10), time(13)), (time(13), time(15)),
            (time(13, 30), time(16)), (time(17, 30), time(19, 30)), (time(9), time(17))]
DAY_WEIGHTS = {"MO": 1.0, "TU": 1.0, "WE": 1.0, "TH": 1.0, "FR": 1.0, "SA": 1.2, "SU": 0.3}
SATURDAY_FOOD_IN_TS18 = 4


# When demo listings were last checked: a directory whose editors keep up, as the freshness figures of well-run
# directories look (our assumption for synthetic data, not a measured figure): a few never checked, a minority
# overdue, most checked within the assurance period and more of them recently than long ago.
NEVER_CHECKED, OVERDUE = 0.03, 0.12


def _checked_on(draw: int, kind: float, today: date) -> date | None:
    period = assurance_days()
    if kind < NEVER_CHECKED:
        return None
    if kind < NEVER_CHECKED + OVERDUE:  # overdue by up to eight months
        return today - timedelta(days=period + 1 + draw % 240)
    return today - timedelta(days=int(period * (draw / 1_000_000) ** 1.5))


def _uuid(rng) -> uuid.UUID:
    return uuid.UUID(bytes=rng.bytes(16), version=4)


def _postcodes_by_place(council_code: str):
    by_place = defaultdict(list)
    rows = Postcode.objects.filter(council_id=council_code, latitude__isnull=False, positional_quality__lte=60)
    for postcode, lat, lon, ward in rows.values_list("postcode", "latitude", "longitude", "ward__name").order_by(
            "postcode"):
        by_place[ward or "Stockton-on-Tees"].append((postcode, lat, lon))
    return dict(sorted(by_place.items()))


def generate(rng, *, count: int, today: date, council_code: str, council_org=None, partners=(),
             extra_organisations: int = 0, town_centre_prefix: str = "TS18") -> int:
    """Create ``count`` synthetic services, last checked on dates counted back from ``today``. Returns how many."""
    by_place = _postcodes_by_place(council_code)
    if not by_place:
        raise ValueError(f"No postcodes loaded for {council_code}: run load_council first")
    places = list(by_place)
    weights = [t[-1] for t in TEMPLATES]
    probabilities = [w / sum(weights) for w in weights]
    vcse = [p for p in partners if getattr(p, "kind", "") == "vcse"]
    directory_orgs = [
        DirectoryOrganisation(id=_uuid(rng), name=p.name, description=p.description or f"{p.name} is a local group.",
                              email=p.email, website=p.website, platform_organisation=p, source="demo")
        for p in vcse
    ]
    directory_orgs += [
        DirectoryOrganisation(id=_uuid(rng), name=f"Demo Community Group {n + 1} (demo)", source="demo",
                              description="A synthetic community group.")
        for n in range(extra_organisations or (0 if directory_orgs else 20))
    ]
    council_dir = DirectoryOrganisation(
        id=_uuid(rng), name=council_org.name if council_org else "Borough Council (demo)",
        description="Council services for residents.", platform_organisation=council_org, source="demo")
    DirectoryOrganisation.objects.bulk_create([*directory_orgs, council_dir])

    town_centre = [(place, pc) for place, pcs in by_place.items() for pc in pcs if pc[0].startswith(town_centre_prefix)]
    services, locations, addresses, access, links, schedules, phones, costs, attributes = ([] for _ in range(9))
    used_names = set()
    for index in range(count):
        if index < SATURDAY_FOOD_IN_TS18 and town_centre:
            template = TEMPLATES[index % 2]  # community pantry, surplus food share
            place, postcode = town_centre[int(rng.integers(len(town_centre)))]
            days = ["SA"] if index % 2 else ["WE", "SA"]
        else:
            template = TEMPLATES[int(rng.choice(len(TEMPLATES), p=probabilities))]
            place = places[int(rng.integers(len(places)))]
            postcode = by_place[place][int(rng.integers(len(by_place[place])))]
            day_codes = list(DAY_WEIGHTS)
            p = [DAY_WEIGHTS[d] / sum(DAY_WEIGHTS.values()) for d in day_codes]
            days = sorted(set(rng.choice(day_codes, size=int(rng.integers(1, 3)), p=p)), key=day_codes.index)
        code, pattern, description, fees, low, high, by_council, _ = template
        venue = f"{place} {VENUES[int(rng.integers(len(VENUES)))]} (demo)"
        name = pattern.format(place=place)
        if name in used_names:
            name = name.replace(" (demo)", f" at {venue.replace(' (demo)', '')} (demo)")
        if name in used_names:
            name = name.replace(" (demo)", f" {index} (demo)")
        used_names.add(name)
        if by_council or not directory_orgs:
            org = council_dir
        else:
            org = directory_orgs[int(rng.integers(len(directory_orgs)))]
        assured = _checked_on(int(rng.integers(0, 1_000_000)), float(rng.random()), today)
        service = Service(
            id=_uuid(rng), organization=org, name=name, description=description, is_free=fees is None,
            fees_description=fees or "", minimum_age=low, maximum_age=high, assured_date=assured, source="demo",
            email=f"hello{index}@example.org", url="", status="active",
        )
        services.append(service)
        street = STREETS[int(rng.integers(len(STREETS)))]
        location = Location(id=_uuid(rng), organization=org, name=venue, latitude=postcode[1], longitude=postcode[2],
                            transportation=f"Buses stop on {street}. Free parking nearby.")
        locations.append(location)
        addresses.append(Address(id=_uuid(rng), location=location, address_1=f"{int(rng.integers(1, 120))} {street}",
                                 city="Stockton-on-Tees", state_province="Stockton-on-Tees", postal_code=postcode[0]))
        if rng.random() < 0.8:
            access.append(Accessibility(id=_uuid(rng), location=location,
                                        description="Step-free entrance and accessible toilet"))
        links.append(ServiceAtLocation(id=_uuid(rng), service=service, location=location))
        opens, closes = SESSIONS[int(rng.integers(len(SESSIONS)))]
        if code == "litter-picks":
            byday, freq = "1SA", "MONTHLY"
        else:
            byday, freq = ",".join(days), "WEEKLY"
        schedule = Schedule(id=_uuid(rng), service=service, freq=freq, interval=1, byday=byday, opens_at=opens,
                            closes_at=closes)
        schedule.description = describe_schedule(schedule)
        schedules.append(schedule)
        phones.append(Phone(id=_uuid(rng), service=service,
                            number=f"01642 {int(rng.integers(100000, 999999))}"))
        costs.append(CostOption(id=_uuid(rng), service=service, option="Free" if fees is None else fees,
                                amount=0 if fees is None else None, currency="GBP"))
        attributes.append(Attribute(id=_uuid(rng), service=service, taxonomy_term_id=term_id(code),
                                    link_type="category"))
        if code in ELIGIBILITY:
            attributes.append(Attribute(id=_uuid(rng), service=service, taxonomy_term_id=term_id(ELIGIBILITY[code]),
                                        link_type="eligibility"))
    for model, rows in ((Service, services), (Location, locations), (Address, addresses), (Accessibility, access),
                        (ServiceAtLocation, links), (Schedule, schedules), (Phone, phones), (CostOption, costs),
                        (Attribute, attributes)):
        model.objects.bulk_create(rows, batch_size=2000)
    search_index.refresh([s.id for s in services])  # bulk_create sends no signals
    public_cache.bump()
    return len(services)


def add_demo_services(ctx) -> None:
    """DEMO_EXTENSIONS entry: about 300 listings for the demo borough. Their check dates count back from the real
    date (not the borough's fixed ``ctx.today``), so the directory looks current whenever the demo is made."""
    with transaction.atomic():
        made = generate(ctx.rng, count=300, today=timezone.localdate(), council_code=ctx.council.code,
                        council_org=ctx.council_org, partners=ctx.partners)
        record(actor=None, action=Action.CREATE, object_type="directory.Service", organisation=ctx.council_org,
               fields={"services": made}, reason="demo_borough management command: directory listings (synthetic)")
