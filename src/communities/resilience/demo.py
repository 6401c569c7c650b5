"""Demo borough (settings.DEMO_EXTENSIONS): about 1,500 residents on the emergency register, chosen with weights that
rise with age and with the deprivation of their LSOA (IMD 2025 decile), so the register leans to older people in
more deprived areas as a real one does; the catalogue of data holders; and a past exercise with its outcomes.

Everything here is synthetic. The needs' shares below are demo assumptions chosen to look plausible, not estimates
of anything. Phone numbers are in Ofcom's drama range (01632 960000 to 960999), never given to real lines; email
addresses end in .invalid. The holders are the kinds of organisation that hold lists in Stockton-on-Tees (the
electricity network operator, gas network, water company and the largest housing provider serve the borough), but
every contact, protocol and trigger is demo text for the council to replace.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import numpy as np
from django.utils import timezone

from communities.accounts.models import User
from communities.audit.services import Action, record
from communities.demo.logins import demo_email
from communities.organisations.models import Membership
from communities.organisations.services import current_membership_state
from communities.people.models import Consent, ConsentPurpose, HowGiven, Involvement, LawfulBasis
from communities.places.models import Postcode

from . import needs as needs_codes
from .areas import Area
from .models import CallOutcome, ContactAttempt, DataHolder, Incident, RegisterEntry
from .services import close_incident, declare_incident
from .services.calls import add_responder, record_contact, share_out_calls
from .services.register import review_date

ENTRIES = 1500
SYNTHETIC = "synthetic demo"
# Demo assumptions (not estimates): the chance of each need for someone aged 75+, and for someone younger.
NEED_CHANCES = {
    "mobility": (0.35, 0.12), "sight": (0.08, 0.02), "hearing": (0.18, 0.03), "dementia": (0.07, 0.0),
    "power_dependent": (0.05, 0.03), "oxygen": (0.03, 0.01), "cold_medication": (0.08, 0.06),
    "long_term_condition": (0.45, 0.25), "mental_health": (0.05, 0.12), "cannot_answer_door": (0.06, 0.01),
    "has_carer": (0.15, 0.04), "pets": (0.2, 0.25), "young_children": (0.0, 0.08), "language": (0.02, 0.05),
}
LANGUAGES = ["Polish", "Urdu", "Arabic", "Punjabi", "Romanian", "British Sign Language"]
HOLDERS = [
    ("Adult social care (demo)", "adult_social_care", "People with a care package or a personal budget, and those "
     "with home care visits", ["has_carer", "mobility", "dementia"]),
    ("Northern Powergrid Priority Services Register (demo contact)", "utility_psr", "Customers on the electricity "
     "network's Priority Services Register, with their PSR needs codes", ["power_dependent", "oxygen",
                                                                         "cold_medication"]),
    ("Northern Gas Networks Priority Services Register (demo contact)", "utility_psr", "Customers on the gas "
     "network's Priority Services Register", ["pensionable_age", "sight", "hearing"]),
    ("Northumbrian Water Priority Services (demo contact)", "utility_psr", "Customers who need bottled water "
     "delivered in a supply interruption", ["power_dependent", "mobility", "young_children"]),
    ("Thirteen Group tenancy support (demo contact)", "housing", "Tenants with support needs and sheltered housing "
     "residents", ["lives_alone", "mobility"]),
    ("GP practices through the primary care network (demo)", "gp", "Patients on the housebound and long-term "
     "condition registers", ["long_term_condition", "oxygen", "mobility"]),
    ("Community nursing (demo)", "nhs", "Patients on the district nursing caseload", ["oxygen", "power_dependent"]),
    ("Age UK Teesside befriending (demo contact)", "vcse", "Older people they befriend by phone or visit",
     ["lives_alone", "pensionable_age"]),
]


def _acting(user):
    user.current_organisation, user.current_roles = current_membership_state(user, None)
    return user


def _weights(context, people) -> np.ndarray:
    deciles = {lsoa.code: lsoa.imd2025_decile or 5 for lsoa in context.lsoas}
    weights = []
    for person, lsoa_code in people:
        age = person.age or 40
        older = 1.0 + max(0, age - 50) / 8  # rises with age: 1 at 50, 4.75 at 80
        deprived = (11 - deciles.get(lsoa_code, 5)) / 5.5  # decile 1 about 1.8, decile 10 about 0.2
        weights.append(older * older * deprived)
    weights = np.array(weights)
    return weights / weights.sum()


def _needs(rng, person) -> tuple[list[str], str]:
    older = (person.age or 0) >= 75
    found = [code for code, (old, young) in NEED_CHANCES.items() if rng.random() < (old if older else young)]
    if person.lives_alone:
        found.append("lives_alone")
    if person.is_carer:
        found.append("is_carer")
    if (person.age or 0) >= needs_codes.STATE_PENSION_AGE:
        found.append("pensionable_age")
    language = LANGUAGES[int(rng.integers(len(LANGUAGES)))] if "language" in found else ""
    return found, language


def _register(context, planner) -> list[RegisterEntry]:
    rng = context.rng
    involved = dict(Involvement.objects.filter(person__in=[p.pk for p in context.people], ended_on__isnull=True)
                    .values_list("person_id", "organisation_id"))
    places = {p.postcode: p for p in Postcode.objects.filter(council=context.council).select_related("lsoa")}
    candidates = [(p, places[p.postcode].lsoa_id) for p in context.people
                  if p.pk in involved and p.postcode in places and (p.age or 0) >= 18]
    count = min(ENTRIES, len(candidates) // 3)  # a third at most, so the weights can lean
    chosen = rng.choice(len(candidates), size=count, replace=False, p=_weights(context, candidates))
    consents, entries = [], []
    for n, index in enumerate(sorted(chosen)):
        person, _lsoa = candidates[index]
        place = places[person.postcode]
        days_ago = int(rng.integers(0, 396))  # up to 13 months: about one in thirteen has lapsed
        given = timezone.make_aware(datetime.combine(context.today - timedelta(days=days_ago), time(11)))
        consent = Consent(person=person, purpose=ConsentPurpose.EMERGENCY_REGISTER, lawful_basis=LawfulBasis.CONSENT,
                          special_category_condition="explicit_consent", how_given=HowGiven.VERBAL_IN_PERSON,
                          given_at=given, organisation_id=involved[person.pk], recorded_by=planner,
                          expires_on=review_date(given.date()), purpose_detail=SYNTHETIC)
        needs, language = _needs(rng, person)
        consents.append(consent)
        entries.append(RegisterEntry(
            person=person, organisation_id=involved[person.pk], consent=consent, needs=needs,
            tier=needs_codes.tier(needs), language=language, postcode=place.postcode, lsoa_id=place.lsoa_id,
            ward_code=place.ward_id or "", latitude=place.latitude, longitude=place.longitude,
            address_line=person.household.address_line if person.household else "",
            phone=f"01632 960{n % 1000:03d}", registered_by=planner, registered_at=given,
            contact_name="Next of kin (demo)" if rng.random() < 0.7 else "",
            contact_relationship="Daughter" if rng.random() < 0.5 else "Neighbour",
            contact_phone=f"01632 960{(n + 500) % 1000:03d}",
        ))
    Consent.objects.bulk_create(consents, batch_size=1000)
    RegisterEntry.objects.bulk_create(entries, batch_size=1000)
    record(actor=None, action=Action.CREATE, object_type=RegisterEntry._meta.label, organisation=context.council_org,
           fields={"entries": len(entries)}, reason="demo_borough management command (synthetic register)")
    return entries


def _holders(context) -> None:
    DataHolder.objects.bulk_create([
        DataHolder(name=name, kind=kind, holds=holds, needs=needs,
                   protocol="Demo text: the information-sharing agreement signed with the Local Resilience Forum, "
                            "for name, address, phone and the needs listed, in an emergency only.",
                   trigger="Demo text: an amber or red weather-health alert, a power or water outage over 6 hours, "
                           "or an evacuation in the borough.",
                   contact_name=f"Emergency planning lead (demo) {n + 1}", contact_phone=f"01632 960{900 + n:03d}",
                   contact_email=f"holder{n + 1}@demo.communities.invalid",
                   reviewed_on=context.today - timedelta(days=30 * (n + 1)))
        for n, (name, kind, holds, needs) in enumerate(HOLDERS)
    ])


def _past_exercise(context, planner) -> None:
    """An exercise six weeks ago on the two most deprived wards, worked by three responders, then closed."""
    rng = context.rng
    ward_rank = {}
    for lsoa in context.lsoas:
        ward_rank.setdefault(lsoa.ward_id, []).append(lsoa.imd2025_decile or 5)
    wards = sorted(ward_rank, key=lambda w: sum(ward_rank[w]) / len(ward_rank[w]))[:2]
    incident = declare_incident(actor=planner, name="Exercise Heatwave (demo)", area=Area(ward_codes=tuple(wards)),
                                cohorts=["power_dependent", "oxygen", "cold_medication", "lives_alone"],
                                exercise=True)
    for email in (demo_email("planner"), demo_email("officer"), demo_email("volunteer")):
        for membership in Membership.objects.filter(user__email=email):
            add_responder(actor=planner, incident=incident, membership=membership)
    share_out_calls(actor=planner, incident=incident)
    started = timezone.now() - timedelta(days=42)
    for call in incident.calls.select_related("responder").order_by("position"):
        if rng.random() > 0.92 or call.responder is None:
            continue  # not reached in time
        responder = _acting(call.responder)
        outcome = rng.choice([CallOutcome.REACHED_FINE] * 7 + [CallOutcome.NEEDS_HELP, CallOutcome.NOT_REACHED])
        record_contact(actor=responder, call=call, outcome=outcome, note=SYNTHETIC,
                       help_needed="Demo: needs a welfare visit and water" if outcome == CallOutcome.NEEDS_HELP else "")
        at = started + timedelta(minutes=float(min(rng.exponential(90), 330)) + 8)
        ContactAttempt.objects.filter(call=call).update(at=at)
        type(call).objects.filter(pk=call.pk).update(first_attempt_at=at, last_attempt_at=at)
    close_incident(actor=planner, incident=incident)
    Incident.objects.filter(pk=incident.pk).update(declared_at=started, closed_at=started + timedelta(hours=6))


def add_demo_emergencies(context) -> None:
    planner = User.objects.filter(email=demo_email("planner")).first()
    if planner is None:
        return
    planner = _acting(planner)
    _register(context, planner)
    _holders(context)
    _past_exercise(context, planner)
