"""Demo borough extension (settings.DEMO_EXTENSIONS): three impact assessments at different stages.

- Published: a change to the mobile library's route through two wards, written by the demo officer, signed off by the
  demo approver, with engagement, an action plan and one group with a negative impact and its mitigation.
- Awaiting sign-off: a budget line for community centre opening hours in one ward (the demo approver can sign it off).
- Draft: a warm spaces grant for a handful of the most deprived neighbourhoods, partly written.

Every assessment goes through the service functions (so it is audited) and takes its evidence from the demo
borough's data. Every word is synthetic.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.places.models import LSOA, Ward

from . import services
from .characteristics import characteristics
from .models import Impact, ProposalKind

NEGATIVE = {
    "age": "Older residents on the current route would walk further to the new stop.",
    "disability": "Residents who cannot walk to the new stop lose their nearest service.",
}
MITIGATION = "Home library service offered to anyone who can no longer reach a stop; stop moved after engagement."


def _details(title, kind, summary, population, decision_in, review_in, today):
    return {"title": title, "kind": kind, "summary": summary, "population": population, "decision_maker": "Cabinet",
            "decision_on": today + timedelta(days=decision_in), "review_on": today + timedelta(days=review_in)}


def _fill(actor, assessment, negative: dict[str, str], count: int | None = None) -> None:
    groups = (assessment.evidence or {}).get("groups", {})
    for c in characteristics()[:count]:
        figures = groups.get(c.code, {}).get("figures", [])
        known = (f"{figures[0]['label']}: {figures[0]['display']} ({figures[0]['period']})." if figures else
                 f"No local data; we would need {groups.get(c.code, {}).get('gap', c.needed)}.")
        bad = negative.get(c.code)
        services.save_consideration(actor=actor, assessment=assessment, characteristic=c.code, answers={
            "what_we_know": known,
            "people_told_us": "Raised at the residents' forum." if bad else "Nothing specific raised.",
            "impact": Impact.NEGATIVE if bad else Impact.NEUTRAL,
            "impact_detail": bad or "No different effect on this group from the proposal was found.",
            "mitigation": MITIGATION if bad else "",
            "aim_a": "No risk of discrimination found.",
            "aim_b": "Access is kept for the group through the mitigation." if bad else "",
            "aim_c": "",
        })


def add_assessments(context) -> None:
    officer = User.objects.get(email=demo_email("officer"))
    approver = User.objects.get(email=demo_email("approver"))
    organisation, today = context.council_org, timezone.localdate()  # the services check dates against today
    deprived = list(LSOA.objects.filter(council=context.council).order_by("imd2025_rank"))
    wards = list(Ward.objects.filter(lsoas__in=deprived[:20]).distinct().order_by("name")[:3])
    if len(wards) < 3:
        return

    library = services.create_assessment(
        actor=officer, organisation=organisation, wards=wards[:2], request=None, details=_details(
            "Mobile library route change", ProposalKind.SERVICE_CHANGE,
            "The mobile library stops at 6 places instead of 9, with longer visits at each.",
            "Residents who use the mobile library, many of them older or disabled.", 21, 386, today))
    services.add_engagement(actor=officer, assessment=library, entry={
        "held_on": today - timedelta(days=14), "who": "Residents' forum, 14 members", "method": "meeting",
        "said": "Worried about the walk to the new stop at the top of the hill.", "characteristic": "age"})
    services.add_engagement(actor=officer, assessment=library, entry={
        "held_on": today - timedelta(days=10), "who": "Library users' survey, 86 replies", "method": "survey",
        "said": "Most prefer longer visits; some cannot reach the new stops.", "characteristic": ""})
    _fill(officer, library, NEGATIVE)
    services.add_action(actor=officer, assessment=library, action={
        "description": "Offer the home library service to every regular user of the three stops that close",
        "owner": "Library Services Manager", "due_on": today + timedelta(days=60), "characteristic": "disability"})
    services.add_action(actor=officer, assessment=library, action={
        "description": "Review the use of each stop after six months", "owner": "Head of Culture and Leisure",
        "due_on": today + timedelta(days=200), "characteristic": ""})
    services.submit_for_sign_off(actor=officer, assessment=library)
    services.sign_off(actor=approver, assessment=library, approve=True, note="Thorough; mitigation is proportionate.")
    services.publish(actor=officer, assessment=library)

    centres = services.create_assessment(
        actor=officer, organisation=organisation, wards=wards[2:3], request=None, details=_details(
            "Community centre opening hours", ProposalKind.BUDGET,
            "The community centre budget line falls by 10%; the centre closes on Sunday afternoons.",
            "People who use the community centre and the groups that meet there.", 35, 400, today))
    _fill(officer, centres, {})
    services.submit_for_sign_off(actor=officer, assessment=centres)

    grants = services.create_assessment(
        actor=officer, organisation=organisation, wards=[], lsoas=deprived[:5], request=None, details=_details(
            "Warm spaces grant scheme", ProposalKind.POLICY,
            "Grants to community groups that open warm spaces in the five most deprived neighbourhoods.",
            "Residents of those neighbourhoods who struggle to heat their homes.", 60, 425, today))
    _fill(officer, grants, {}, count=4)
