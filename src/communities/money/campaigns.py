"""Campaign lists picked from a screened extract, and take-up measured in the next extract."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import F, Q


@dataclass(frozen=True)
class CampaignKind:
    label: str
    rule: Q
    #: ScreenedHousehold field that shows the benefit being received in a later extract (None: not in an extract)
    receiving: str | None
    #: field to order the list by (largest first)
    amount: str


CAMPAIGN_KINDS: dict[str, CampaignKind] = {
    "pension_credit": CampaignKind(
        "Likely unclaimed Pension Credit", Q(likely_unclaimed_pension_credit=True), "receiving_pc", "pension_credit"
    ),
    "universal_credit": CampaignKind(
        "Likely eligible for Universal Credit but not claiming", Q(likely_eligible_uc=True), "receiving_uc",
        "universal_credit",
    ),
    "housing_benefit": CampaignKind(
        "Likely unclaimed Housing Benefit", Q(housing_benefit__gt=0, receiving_hb=0), "receiving_hb",
        "housing_benefit",
    ),
    "council_tax_reduction": CampaignKind(
        "Likely unclaimed Council Tax Reduction (pension age)",
        Q(council_tax_reduction__gt=0, receiving_ctr=0), "receiving_ctr", "council_tax_reduction",
    ),
    "warm_homes": CampaignKind(
        "Likely eligible for Warm Homes: Local Grant", Q(warm_homes_likely=True), None, "unclaimed_per_year"
    ),
    "fuel_poverty": CampaignKind(
        "At risk of fuel poverty", Q(fuel_poverty_risk=True), None, "unclaimed_per_year"
    ),
    "unclaimed_1000": CampaignKind(
        "Missing out on £1,000 a year or more", Q(unclaimed_per_year__gte=1000), None, "unclaimed_per_year"
    ),
}


def candidates(extract, kind: str):
    spec = CAMPAIGN_KINDS[kind]
    return extract.households.filter(spec.rule).order_by(F(spec.amount).desc(), "line")


def next_extract(extract):
    """The next screened extract from the same organisation (extract N+1, by upload order), or None."""
    from .models import CaseloadExtract

    return (
        CaseloadExtract.objects.filter(
            organisation_id=extract.organisation_id, status=CaseloadExtract.Status.DONE, pk__gt=extract.pk
        )
        .order_by("pk")
        .first()
    )


def previous_extract(extract):
    from .models import CaseloadExtract

    return (
        CaseloadExtract.objects.filter(
            organisation_id=extract.organisation_id, status=CaseloadExtract.Status.DONE, pk__lt=extract.pk
        )
        .order_by("-pk")
        .first()
    )


def take_up(flagged_refs, later_extract, receiving: str) -> dict:
    """Of households flagged (by reference), how many are in the later extract and how many now get the benefit."""
    refs = list(flagged_refs)
    later = later_extract.households.filter(household_ref__in=refs)
    found = later.count()
    taken = later.filter(**{f"{receiving}__gt": 0}).count()
    return {
        "flagged": len(refs),
        "found": found,
        "taken_up": taken,
        "rate": round(100 * taken / len(refs), 1) if refs else 0.0,
    }


def campaign_take_up(campaign) -> dict | None:
    spec = CAMPAIGN_KINDS.get(campaign.kind)
    if spec is None or spec.receiving is None:
        return None
    later = next_extract(campaign.extract)
    if later is None:
        return {"later": None}
    result = take_up(campaign.members.values_list("household_ref", flat=True), later, spec.receiving)
    result["later"] = later
    return result


def extract_take_up(extract) -> list[dict]:
    """For each benefit rule: households flagged in the previous extract that show the benefit in this one."""
    earlier = previous_extract(extract)
    if earlier is None:
        return []
    rows = []
    for key, spec in CAMPAIGN_KINDS.items():
        if spec.receiving is None:
            continue
        refs = candidates(earlier, key).values_list("household_ref", flat=True)
        row = take_up(refs, extract, spec.receiving)
        rows.append({"kind": key, "label": spec.label, "earlier": earlier, **row})
    return rows
