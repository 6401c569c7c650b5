"""Demo: befriending at every stage in the demo VCSE group (settings.DEMO_EXTENSIONS). Synthetic throughout.

A befriending role (its requirements are this demo scheme's choice), 40 befrienders with interests, languages, ways
of keeping in touch, week patterns and checks (a few expired or missing, so matching leaves them out), the demo
volunteer login among them; then residents referred for befriending at every stage: waiting, matched, meeting, with
3-month and 6-month loneliness measures, check-ins done and one missed. Matches go through the same services as the
pages (assignments, audit); only the dates are moved back to make a history.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.organisations.models import Membership, Role
from communities.people.models import Involvement
from communities.places.models import Postcode
from communities.volunteering.models import Activity, Availability, Volunteer, VolunteerCheck
from communities.volunteering.models import Role as VolunteerRole

from . import services
from .impact import months_after
from .matching import rank
from .models import BefriendingCase, CheckIn, Communication, Stage

# RFC 2606: never deliverable; not the demo logins' domain (their codes are listed on the sign-in page).
BEFRIENDERS_DOMAIN = "befrienders.demo-borough.invalid"

INTERESTS = ["gardening", "football", "reading", "cooking", "music", "walking", "crosswords", "history", "films",
             "knitting", "birdwatching", "dogs"]
LANGUAGES = [["English"]] * 8 + [["English", "Polish"], ["English", "Urdu"], ["English", "Arabic"]]
FIRST = ["Alex", "Sam", "Jo", "Priya", "Tom", "Grace", "Imran", "Kasia", "Ruth", "Dev", "Beth", "Omar", "Lily",
         "Mark", "Nina", "Paul", "Zara", "Ken", "Hana", "Will"]
LAST = ["Ashby (demo)", "Brook (demo)", "Carr (demo)", "Dale (demo)", "Ellis (demo)", "Frost (demo)"]
# (stage, how many, days since referral: low, high)
PLAN = [(Stage.REFERRED, 6, 3, 40), (Stage.MATCHED, 4, 20, 50), ("meeting_new", 5, 40, 85),
        ("meeting_3", 6, 100, 170), ("meeting_6", 6, 190, 260)]


def add_demo_befriending(ctx) -> None:
    rng, vcse = ctx.rng, ctx.partners[0]
    coordinator = User.objects.get(email=demo_email("volunteer-coordinator"))
    coordinator.current_organisation, coordinator.current_roles = vcse, frozenset({Role.VOLUNTEER_COORDINATOR})
    role = _role(vcse)
    points = list(Postcode.objects.exclude(latitude=None).order_by("postcode").values_list("latitude", "longitude")
                  [:: 97][:200])
    for index in range(40):
        _befriender(ctx, vcse, role, coordinator, index, points[int(rng.integers(len(points)))])
    people = [i.person for i in Involvement.objects.filter(organisation=vcse, ended_on__isnull=True)
              .select_related("person").order_by("person__last_name", "person__first_name", "person_id")[:60]]
    taken = set(BefriendingCase.objects.values_list("person_id", flat=True))
    people = iter([p for p in people if p.pk not in taken])
    for stage, count, low, high in PLAN:
        for _ in range(count):
            person = next(people, None)
            if person is None:
                return
            _case(ctx, vcse, coordinator, person, stage, int(rng.integers(low, high)))


def _role(vcse) -> VolunteerRole:
    activity, _ = Activity.objects.get_or_create(organisation=vcse, name="Befriending (demo)",
                                                 defaults={"cause": "loneliness"})
    role, _ = VolunteerRole.objects.get_or_create(activity=activity, title="Befriender (demo)", defaults={
        "description": "Visit or phone someone who is lonely, an hour a week (synthetic demo role).",
        "kind": "ongoing", "commitment": "An hour a week for at least six months", "minimum_age": 18,
        "dbs_level": "enhanced", "training": ["Safeguarding adults"], "touches_personal_data": True})
    return role


def _befriender(ctx, vcse, role, coordinator, index: int, point):
    rng = ctx.rng
    if index == 0:
        user = User.objects.get(email=demo_email("volunteer"))
    else:
        user = User.objects.create_user(email=f"befriender-{index}@{BEFRIENDERS_DOMAIN}",
                                        full_name=f"Befriender {index}")
        Membership.objects.create(user=user, organisation=vcse, role=Role.VOLUNTEER)
    first, last = FIRST[index % len(FIRST)], LAST[index % len(LAST)]
    volunteer = Volunteer.objects.filter(user=user).first() or Volunteer.objects.create(
        user=user, first_name=first, last_name=last, latitude=point[0], longitude=point[1],
        date_of_birth=timezone.localdate() - timedelta(days=365 * int(rng.integers(20, 75))))
    today = timezone.localdate()
    state = index % 10  # 0-7 in date, 8 expired training, 9 no DBS check yet
    if state != 9:
        VolunteerCheck.objects.create(volunteer=volunteer, kind="dbs_enhanced", issued_on=today - timedelta(days=200),
                                      verified_by=coordinator, verified_at=timezone.now(), organisation=vcse)
    VolunteerCheck.objects.create(volunteer=volunteer, kind="training", detail="Safeguarding adults",
                                  issued_on=today - timedelta(days=400), verified_by=coordinator,
                                  verified_at=timezone.now(), organisation=vcse,
                                  expires_on=today - timedelta(days=5) if state == 8 else today + timedelta(days=300))
    for slot in rng.choice(21, size=int(rng.integers(2, 6)), replace=False):
        Availability.objects.get_or_create(volunteer=volunteer, weekday=int(slot) // 3,
                                           part_of_day=("morning", "afternoon", "evening")[int(slot) % 3])
    from .models import Befriender

    return Befriender.objects.create(
        volunteer=volunteer, organisation=vcse, role=role, capacity=int(rng.integers(1, 3)),
        interests=sorted({INTERESTS[int(i)] for i in rng.choice(len(INTERESTS), size=3, replace=False)}),
        languages=LANGUAGES[int(rng.integers(len(LANGUAGES)))],
        communication=sorted({Communication.values[int(i)] for i in rng.choice(5, size=2, replace=False)}))


def _case(ctx, vcse, coordinator, person, stage: str, days_ago: int) -> None:
    rng, today = ctx.rng, timezone.localdate()
    referred = today - timedelta(days=days_ago)
    case = services.open_case(actor=coordinator, organisation=vcse, person=person, referred_on=referred,
                              agreed_notes="Synthetic: prefers afternoon calls; hard of hearing, speak clearly.")
    case.interests = sorted({INTERESTS[int(i)] for i in rng.choice(len(INTERESTS), size=2, replace=False)})
    case.communication = [Communication.PHONE, Communication.IN_PERSON][: int(rng.integers(1, 3))]
    case.preferred_slots = [[int(rng.integers(0, 7)), "afternoon"], [int(rng.integers(0, 7)), "morning"]]
    case.save()
    _measure(ctx, case, coordinator, "0", referred + timedelta(days=2), start=True)
    if stage == Stage.REFERRED:
        return
    suggestions = rank(case).suggestions
    if not suggestions:
        return
    case = services.confirm_match(actor=coordinator, case=case, befriender=suggestions[0].befriender,
                                  reasons=suggestions[0].reasons)
    matched_on = referred + timedelta(days=int(rng.integers(8, 30)))
    BefriendingCase.objects.filter(pk=case.pk).update(matched_at=timezone.make_aware(
        timezone.datetime.combine(matched_on, timezone.datetime.min.time()).replace(hour=11)))
    if stage == Stage.MATCHED:
        CheckIn.objects.filter(case=case).update(due_on=min(today, matched_on + timedelta(days=14)))
        return
    met = min(today, matched_on + timedelta(days=int(rng.integers(3, 15))))
    services.record_first_meeting(actor=coordinator, case=case, met_on=met)
    _checkins(ctx, case, coordinator, met, today)
    for point, months in (("3", 3), ("6", 6)):
        due = months_after(referred, months)
        if due <= today and rng.random() < 0.85:
            _measure(ctx, case, coordinator, point, due + timedelta(days=int(rng.integers(0, 10))))


def _checkins(ctx, case, coordinator, met, today) -> None:
    CheckIn.objects.filter(case=case).delete()
    due, rows = met + timedelta(days=case.checkin_every_days), []
    while due < today - timedelta(days=case.checkin_every_days):
        rows.append(CheckIn(case=case, due_on=due, done_on=due, outcome="going_well", recorded_by=coordinator,
                            note="Synthetic: going well"))
        due += timedelta(days=case.checkin_every_days)
    missed = ctx.rng.random() < 0.15
    rows.append(CheckIn(case=case, due_on=today - timedelta(days=7) if missed else due))
    CheckIn.objects.bulk_create(rows)


def _measure(ctx, case, coordinator, point: str, taken_on, start: bool = False) -> None:
    rng = ctx.rng
    better = 0 if start else int(rng.integers(0, 2))
    ucla = {code: max(1, int(rng.integers(2, 4)) - better) for code in ("companionship", "left_out", "isolated")}
    direct = min(5, int(rng.integers(1, 3)) + (0 if start else int(rng.integers(0, 3))))
    services.record_measure(actor=coordinator, case=case, point=point, taken_on=min(taken_on, timezone.localdate()),
                            direct=direct, ucla=ucla)
