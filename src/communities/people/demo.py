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
