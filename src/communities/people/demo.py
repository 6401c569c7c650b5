"""Demo borough: the demo volunteer and driver are assigned a few of the partner's residents, as the transport and
befriending rooms will do, so that signing in as them shows what least privilege leaves them (ADR 0009)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email

from .models import AssignmentKind, Involvement, Person
from .services import assign_person

# (demo account, kind of assignment, what for, days it lasts, how many residents)
DEMO_ASSIGNMENTS = [
    ("volunteer", AssignmentKind.BEFRIENDING, "Weekly befriending visit (synthetic demo match)", 90, 2),
    ("driver", AssignmentKind.TRIP, "Lift to a hospital appointment (synthetic demo trip)", 14, 3),
]


def add_demo_assignments(context) -> None:
    partner = context.partners[0]
    actor = User.objects.get(email=demo_email("worker"))
    involved = (
        Involvement.objects.filter(organisation=partner, ended_on__isnull=True)
        .order_by("person__last_name", "person__first_name", "person_id")
        .values_list("person", flat=True)
    )
    people = list(Person.objects.filter(pk__in=list(involved[:5])).order_by("last_name", "pk"))
    now = timezone.now()
    taken = 0
    for local, kind, reason, days, count in DEMO_ASSIGNMENTS:
        assignee = User.objects.get(email=demo_email(local))
        for person in people[taken:taken + count]:
            assign_person(
                actor=actor, organisation=partner, person=person, assignee=assignee, kind=kind, reason=reason,
                ends_at=now + timedelta(days=days),
            )
        taken += count


# (purpose, lawful basis, Article 9 condition, how given) for demo consents; the first is withdrawn for some.
DEMO_CONSENTS = [
    ("befriending", "consent", "explicit_consent", "verbal_phone"),
    ("referral", "consent", "explicit_consent", "verbal_in_person"),
    ("data_sharing", "public_task", "health_social_care", "written"),
]
DEMO_NEEDS = [("large_print", ""), ("interpreter", "Polish"), ("hearing_loop", ""), ("easy_read", ""),
              ("bsl_interpreter", ""), ("someone_present", "")]
DEMO_CHANNELS = [["phone"], ["phone", "letter"], ["text"], ["email", "text"], ["letter"]]


def add_demo_hub(context, per_organisation: int = 40) -> None:
    """Consents, contact preferences and communication needs for residents of the council and the first partner
    (households come from the borough generator itself)."""
    from .hub import add_communication_need, save_contact_preferences
    from .services import record_consent, withdraw_consent

    rng, now = context.rng, timezone.now()
    for organisation, local in ((context.council_org, "officer"), (context.partners[0], "worker")):
        actor = User.objects.get(email=demo_email(local))
        actor.current_organisation = organisation
        involved = (Involvement.objects.filter(organisation=organisation, ended_on__isnull=True)
                    .order_by("person__last_name", "person_id").values_list("person", flat=True))
        for n, person in enumerate(Person.objects.filter(pk__in=list(involved[:per_organisation])).order_by("pk")):
            purpose, basis, condition, how = DEMO_CONSENTS[n % len(DEMO_CONSENTS)]
            consent = record_consent(
                person=person, purpose=purpose, lawful_basis=basis, special_category_condition=condition,
                how_given=how, given_at=now - timedelta(days=int(rng.integers(1, 300))), organisation=organisation,
                by=actor, purpose_detail="Synthetic demo consent",
            )
            if n % 7 == 3:
                withdraw_consent(consent, by=actor, note="Said on the phone they no longer want this (demo)")
            save_contact_preferences(
                actor=actor, person=person, preferred_channels=DEMO_CHANNELS[n % len(DEMO_CHANNELS)],
                best_times=["Weekday mornings", "Afternoons", "Not before 10am", ""][n % 4],
                ok_to_leave_message=[True, False, None][n % 3], do_not_contact_by=["email"] if n % 5 == 0 else [],
            )
            if n % 3 == 0:
                need, language = DEMO_NEEDS[(n // 3) % len(DEMO_NEEDS)]
                add_communication_need(actor=actor, person=person, need=need, language=language)
