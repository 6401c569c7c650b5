"""The action plan: what to claim, how (official routes), and which local services help.

Local services come from the community services directory (``communities.directory``) when that app is installed,
by needs category, nearest first to the household's postcode (its coordinates from ``places``) with the distance; A to Z
when the postcode is not known or not in the area. Otherwise the benefits core's support pointers are listed alone.
Official routes are the GOV.UK "how to claim" pages and DWP claim lines as published in 2025. They were written
without live access to GOV.UK (this project's machines have none), so a council must confirm each before relying
on them; change them here.
"""

from __future__ import annotations

import logging

from django.apps import apps

logger = logging.getLogger(__name__)

#: benefit key -> (how to claim, official link, link text)
ROUTES: dict[str, tuple[str, str, str]] = {
    "universal_credit": (
        "Apply online. You will need an email address, a phone number and bank details. "
        "The Universal Credit helpline is 0800 328 5644.",
        "https://www.gov.uk/apply-universal-credit",
        "Apply for Universal Credit on GOV.UK",
    ),
    "pension_credit": (
        "Apply online or by phone on the Pension Credit claim line, 0800 99 1234. A claim can be backdated "
        "up to 3 months, and Pension Credit can open the door to help with rent, council tax and heating.",
        "https://www.gov.uk/pension-credit/how-to-claim",
        "How to claim Pension Credit on GOV.UK",
    ),
    "housing_benefit": (
        "Apply to Stockton-on-Tees Borough Council (Housing Benefit is only for people over State Pension age "
        "or in supported or temporary housing).",
        "https://www.gov.uk/housing-benefit/how-to-claim",
        "How to claim Housing Benefit on GOV.UK",
    ),
    "council_tax_reduction": (
        "Apply to Stockton-on-Tees Borough Council. Working-age amounts follow the council's own scheme.",
        "https://www.gov.uk/apply-council-tax-reduction",
        "Apply for Council Tax Reduction on GOV.UK",
    ),
    "child_benefit": (
        "Claim online or with form CH2. Claim even if earnings are over the High Income Child Benefit Charge "
        "threshold: it protects State Pension.",
        "https://www.gov.uk/child-benefit/how-to-claim",
        "How to claim Child Benefit on GOV.UK",
    ),
    "attendance_allowance": (
        "Claim with the Attendance Allowance form (call 0800 731 0122 for a paper form). It is not means-tested "
        "and can increase Pension Credit and Housing Benefit.",
        "https://www.gov.uk/attendance-allowance/how-to-claim",
        "How to claim Attendance Allowance on GOV.UK",
    ),
    "pip": (
        "Start a claim by phone on 0800 917 2222. A health assessment decides the award.",
        "https://www.gov.uk/pip/how-to-claim",
        "How to claim Personal Independence Payment on GOV.UK",
    ),
    "carers_allowance": (
        "Claim online if caring for 35 hours or more a week for someone who gets a disability benefit.",
        "https://www.gov.uk/carers-allowance/how-to-claim",
        "How to claim Carer's Allowance on GOV.UK",
    ),
    "free_school_meals": (
        "Apply to the council for free school meals; it also brings extra funding to the child's school.",
        "https://www.gov.uk/apply-free-school-meals",
        "Apply for free school meals on GOV.UK",
    ),
    "healthy_start": (
        "Apply online for a Healthy Start card to buy milk, fruit, vegetables and vitamins.",
        "https://www.healthystart.nhs.uk/",
        "Apply for Healthy Start on the NHS website",
    ),
    "warm_homes_local_grant": (
        "Ask the council about Warm Homes: Local Grant for insulation, heat pumps and solar panels.",
        "https://www.gov.uk/government/publications/warm-homes-local-grant",
        "Warm Homes: Local Grant on GOV.UK",
    ),
    "eco4_flex": (
        "Ask the council for an ECO4 Flex declaration so an energy supplier can fund improvements.",
        "https://www.ofgem.gov.uk/environmental-and-social-schemes/energy-company-obligation-eco",
        "Energy Company Obligation on the Ofgem website",
    ),
}

#: support pointer key (benefits core) -> directory needs taxonomy codes, most specific first
POINTER_TERMS: dict[str, tuple[str, ...]] = {
    "benefits_advice": ("benefits-advice", "money"),
    "household_support_fund": ("for-low-income",),
    "food_support": ("food",),
    "energy_support": ("energy-advice", "warm-spaces"),
    "holiday_activities_food": ("youth", "families"),
    "infant_feeding": ("family-support",),
    "carer_support": ("carers-support", "carers"),
    "debt_advice": ("debt-advice",),
}
SERVICES_PER_NEED = 3


def signals_for(result: dict, answers: dict) -> set[str]:
    benefits = {b["key"]: b for b in result["benefits"]}
    signals = set()
    if result["total_unclaimed_per_year"] > 0 or any(b["status"] == "check" for b in benefits.values()):
        signals.add("unclaimed_benefits")
    if any(benefits[k]["eligible"] or benefits[k]["receiving_per_year"] > 0 for k in benefits if k in (
        "universal_credit", "pension_credit", "housing_benefit", "council_tax_reduction")):
        signals.add("low_income")
    energy = result.get("home_energy") or {}
    if (energy.get("warm_homes_local_grant") or {}).get("likely_eligible") or (
        energy.get("epc_band") in ("D", "E", "F", "G") and "low_income" in signals
    ):
        signals.add("fuel_poverty_risk")
    if benefits.get("free_school_meals", {}).get("eligible"):
        signals.add("free_school_meals")
    if benefits.get("healthy_start", {}).get("eligible"):
        signals.add("healthy_start")
    if any(m.get("carer") for m in answers.get("members", [])):
        signals.add("carer")
    return signals


def to_claim(result: dict) -> list[dict]:
    """Steps for each benefit worth claiming: unclaimed amounts first (largest first), then ones to check."""
    steps = []
    for b in result["benefits"]:
        unclaimed = b["kind"] == "amount" and b["unclaimed_per_year"] > 0
        pointer_due = b["kind"] == "pointer" and b["status"] in ("entitled", "check") and b["receiving_per_year"] == 0
        if not (unclaimed or pointer_due):
            continue
        how, url, link_text = ROUTES.get(b["key"], ("Ask an adviser how to claim.", "", ""))
        steps.append({**b, "how": how, "url": url, "link_text": link_text, "unclaimed": unclaimed})
    steps.sort(key=lambda s: (not s["unclaimed"], -s["unclaimed_per_year"]))
    energy = result.get("home_energy") or {}
    for key, label in (("warm_homes_local_grant", "Warm Homes: Local Grant"), ("eco4_flex", "ECO4 Flex")):
        grant = energy.get(key) or {}
        if grant.get("likely_eligible"):
            how, url, link_text = ROUTES[key]
            steps.append({
                "key": key, "label": label, "kind": "grant", "unclaimed": False, "status": "check",
                "reason": "Likely eligible (to be confirmed by the scheme).", "how": how, "url": url,
                "link_text": link_text, "unclaimed_per_year": 0, "per_month": 0, "per_week": 0,
            })
    return steps


def _miles(service, near) -> float | None:
    points = [(sal.location.latitude, sal.location.longitude) for sal in service.service_at_locations.all()
              if sal.location.latitude is not None and sal.location.longitude is not None]
    return round(min(near.miles_to(lat, lon) for lat, lon in points), 1) if points else None


def _directory_services(codes: tuple[str, ...], near=None) -> list[dict]:
    """Listed directory services in the first category that has any, nearest first to ``near`` (a
    ``places.services.Location``) or A to Z without it; empty if the directory is unavailable."""
    if not apps.is_installed("communities.directory"):
        return []
    try:
        from django.urls import reverse

        from communities.directory.models import Service
        from communities.directory.services.search import Filters, search_services
        from communities.directory.services.taxonomy import term_id

        for code in codes:
            try:
                term = term_id(code)
            except KeyError:
                continue
            point = {"latitude": near.latitude, "longitude": near.longitude} if near is not None else {}
            found = list(search_services(Filters(taxonomy_term_ids=[term], **point), Service.objects.listed())
                         .prefetch_related("service_at_locations__location")[:SERVICES_PER_NEED])
            if found:
                return [
                    {"name": s.name, "description": (s.description or "")[:200],
                     "url": reverse("findhelp:service", kwargs={"service_id": s.pk}),
                     "miles": _miles(s, near) if near is not None else None}
                    for s in found
                ]
    except Exception:  # the directory is optional: a failure here must not break a check
        logger.exception("Directory lookup for the action plan failed")
    return []


def local_help(result: dict, answers: dict, near=None) -> list[dict]:
    """Needs (from the benefits core's support pointers) with directory services where there are any, nearest first
    to ``near`` when given."""
    from communities.benefits.support import pointers

    needs = []
    for pointer in pointers(signals_for(result, answers)):
        needs.append({
            "key": pointer.key,
            "label": pointer.label,
            "services": _directory_services(POINTER_TERMS.get(pointer.key, ()), near),
        })
    return needs


def household_postcode(person) -> str:
    """The postcode of a person on record: their household's, else their own ("" if neither is known)."""
    if person is None:
        return ""
    household = person.household
    return (household.postcode if household is not None and household.postcode else person.postcode) or ""


def place_for(postcode: str):
    """(Location, "") for a postcode in the council's area, or (None, why not in plain English)."""
    from communities.places.geo import PostcodeError
    from communities.places.services import PlaceNotFound, locate

    if not postcode:
        return None, ""
    try:
        return locate(postcode), ""
    except (PostcodeError, PlaceNotFound) as exc:
        return None, str(exc)


def find_help_url() -> str:
    """The public Find help search page, if the directory is installed ("" otherwise)."""
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("findhelp:search")
    except NoReverseMatch:
        return ""
