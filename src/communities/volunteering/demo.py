"""Demo borough extension (settings.DEMO_EXTENSIONS): volunteering across the demo VCSE groups and the council.

Each group publishes roles (one-off litter picks in TS18, a community garden every Saturday, an ongoing DBS-gated
befriender role, a food bank shift); about 300 synthetic volunteers live at real postcodes of the borough, with
week patterns, some verified checks and training, sign-ups and a year of hours (mostly approved, some waiting).
Community groups ran litter picks and garden days with recorded outcomes and have more coming up. Residents'
ideas show each co-production stage. One resident login (resident@demo…, the demo password, no second factor
because their roles touch no personal data) can find a litter pick near TS18, sign up and log hours, which the
demo volunteer coordinator then approves. Every name is synthetic.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import DEMO_PASSWORD, DEMO_RESIDENT, demo_email
from communities.places.models import Postcode

from .models import (
    Activity,
    Application,
    Availability,
    CommunityEvent,
    CommunityGroup,
    HoursLog,
    Idea,
    IdeaLogEntry,
    Role,
    Session,
    SessionSignup,
    Volunteer,
    VolunteerCheck,
)

VOLUNTEERS = 300
FIRST = ["Amir", "Beth", "Callum", "Dana", "Ellis", "Farah", "George", "Hana", "Isaac", "Jade", "Kieran", "Layla",
         "Mo", "Nina", "Owen", "Priya", "Quinn", "Rosa", "Sam", "Tariq", "Uma", "Vince", "Wendy", "Yusuf", "Zara"]
LAST = ["Ahmed", "Bell", "Carter", "Dixon", "Evans", "Foster", "Gill", "Hussain", "Irving", "Jones", "Khan",
        "Lawson", "Murray", "Nolan", "O'Neill", "Patel", "Reed", "Shaw", "Turner", "Walker", "Young"]
INTERESTS = ["gardening", "walking", "cooking", "reading", "wildlife", "sport", "music", "crafts"]
LANGUAGES = [["English"], ["English"], ["English"], ["English", "Urdu"], ["English", "Polish"], ["English", "Arabic"]]
# (title, kind, cause, commitment, hours a month, extra fields)
ROLES = [
    ("Litter picker", "one_off", "environment", "Two hours on a Saturday morning", 2,
     {"apply_first": False, "accessibility": "Pickers and gloves provided; flat pavements; toilets at the library"}),
    ("Community gardener", "recurring", "environment", "Every Saturday morning, 10am to 12pm", 8,
     {"apply_first": False, "accessibility": "Raised beds for seated gardening; step-free paths"}),
    ("Befriender", "ongoing", "loneliness", "One hour a week visiting or phoning an older resident", 4,
     {"minimum_age": 18, "dbs_level": "enhanced", "barred_list": "adults", "training": ["Safeguarding adults"],
      "touches_personal_data": True}),
    ("Food bank shift volunteer", "recurring", "food", "Three hours on a weekday afternoon", 12,
     {"minimum_age": 16, "training": ["Food hygiene"], "accessibility": "Seated sorting tasks available"}),
]


def _postcodes(ctx, prefix=""):
    rows = Postcode.objects.filter(council=ctx.council, latitude__isnull=False)
    if prefix:
        rows = rows.filter(postcode__startswith=prefix)
    return list(rows.select_related("ward", "lsoa").order_by("postcode")[:4000])


def _at(day, hour):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def add_demo_volunteering(ctx) -> None:
    rng, today = ctx.rng, ctx.today
    coordinator = User.objects.get(email=demo_email("volunteer-coordinator"))
    town = _postcodes(ctx, "TS18 ") or _postcodes(ctx)
    everywhere = _postcodes(ctx)
    roles = _roles(ctx, rng, town)
    volunteers = _volunteers(ctx, rng, everywhere)
    _checks_and_applications(rng, today, volunteers, roles, coordinator)
    _hours(rng, today, volunteers, roles, coordinator)
    _community_action(ctx, rng, today, roles, volunteers, coordinator, town)
    resident = _resident_login(town)
    _ideas(ctx, rng, resident, coordinator, town)


def _roles(ctx, rng, town) -> list[Role]:
    roles = []
    organisations = [ctx.partners[0], *ctx.partners[1:6], ctx.council_org]
    now = timezone.now()
    for n, organisation in enumerate(organisations):
        activity = Activity.objects.create(organisation=organisation, name=f"Volunteering with {organisation.name}",
                                           cause=ROLES[n % len(ROLES)][2],
                                           description="Local volunteering (synthetic demo data).")
        for title, kind, _cause, commitment, hours, extra in (ROLES if n == 0 else ROLES[n % 2::2]):
            where = town[int(rng.integers(len(town)))]
            role = Role.objects.create(
                activity=activity, title=title, description=f"{title} with {organisation.name} (demo).", kind=kind,
                commitment=commitment, hours_per_month=Decimal(hours), postcode=where.postcode,
                latitude=where.latitude, longitude=where.longitude, ward=where.ward,
                address=f"Community centre, {where.postcode}", **extra)
            roles.append(role)
            if kind == "ongoing":
                continue
            first = (now + timedelta(days=(5 - now.weekday()) % 7 or 7)).date()  # next Saturday
            Session.objects.bulk_create([
                Session(role=role, starts_at=_at(first + timedelta(weeks=w), 10),
                        ends_at=_at(first + timedelta(weeks=w), 12), places=int(rng.integers(8, 25)))
                for w in range(8 if kind == "recurring" else 3)])
    return roles


def _volunteers(ctx, rng, postcodes) -> list[Volunteer]:
    rows = []
    for n in range(VOLUNTEERS):
        where = postcodes[int(rng.integers(len(postcodes)))]
        born = ctx.today - timedelta(days=int(rng.integers(17 * 365, 80 * 365)))
        first, last = FIRST[int(rng.integers(len(FIRST)))], LAST[int(rng.integers(len(LAST)))]
        rows.append(Volunteer(
            first_name=first, last_name=last, email=f"volunteer{n:03d}@example.invalid", date_of_birth=born,
            home_postcode=where.postcode, latitude=where.latitude, longitude=where.longitude, ward=where.ward,
            lsoa=where.lsoa, languages=LANGUAGES[int(rng.integers(len(LANGUAGES)))],
            interests=sorted({INTERESTS[int(i)] for i in rng.integers(len(INTERESTS), size=2)}),
            joined_on=ctx.today - timedelta(days=int(rng.integers(30, 900)))))
    volunteers = Volunteer.objects.bulk_create(rows)
    Availability.objects.bulk_create([
        Availability(volunteer=v, weekday=int(day), part_of_day=part)
        for v in volunteers
        for day, part in {(int(rng.integers(7)), ("morning", "afternoon", "evening")[int(rng.integers(3))])
                          for _ in range(3)}])
    return volunteers


def _checks_and_applications(rng, today, volunteers, roles, coordinator) -> None:
    checks, applications = [], []
    for volunteer in volunteers:
        if rng.random() < 0.25:
            issued = today - timedelta(days=int(rng.integers(30, 1200)))
            checks.append(VolunteerCheck(volunteer=volunteer, kind="dbs_enhanced_barred_adults", issued_on=issued,
                                         expires_on=issued + timedelta(days=3 * 365), detail="demo",
                                         verified_by=coordinator, verified_at=timezone.now()))
            checks.append(VolunteerCheck(volunteer=volunteer, kind="training", detail="Safeguarding adults",
                                         issued_on=issued, verified_by=coordinator, verified_at=timezone.now()))
        if rng.random() < 0.3:
            checks.append(VolunteerCheck(volunteer=volunteer, kind="training", detail="Food hygiene",
                                         issued_on=today - timedelta(days=200), verified_by=coordinator,
                                         verified_at=timezone.now()))
        role = roles[int(rng.integers(len(roles)))]
        status = ("approved", "approved", "approved", "applied", "declined")[int(rng.integers(5))]
        applications.append(Application(volunteer=volunteer, role=role, status=status,
                                        decided_by=None if status == "applied" else coordinator,
                                        decided_at=None if status == "applied" else timezone.now()))
    VolunteerCheck.objects.bulk_create(checks)
    Application.objects.bulk_create(applications)


def _hours(rng, today, volunteers, roles, coordinator) -> None:
    approved = {a.volunteer_id: a.role for a in Application.objects.filter(status="approved").select_related("role")}
    logs = []
    for volunteer in volunteers:
        role = approved.get(volunteer.pk)
        if role is None:
            continue
        for _ in range(int(rng.integers(1, 14))):
            day = today - timedelta(days=int(rng.integers(1, 360)))
            status = "pending" if (today - day).days < 14 and rng.random() < 0.5 else "approved"
            logs.append(HoursLog(volunteer=volunteer, role=role, on_date=day,
                                 hours=Decimal(str(float(rng.choice([1, 1.5, 2, 2.5, 3, 4])))), status=status,
                                 decided_by=coordinator if status == "approved" else None,
                                 decided_at=timezone.now() if status == "approved" else None))
    HoursLog.objects.bulk_create(logs)


def _community_action(ctx, rng, today, roles, volunteers, coordinator, town) -> None:
    for role in [r for r in roles if r.title in ("Litter picker", "Community gardener")]:
        organisation = role.activity.organisation
        where = town[int(rng.integers(len(town)))]
        group = CommunityGroup.objects.create(organisation=organisation, ward=where.ward,
                                              name=f"{where.ward.name if where.ward else 'Town'} "
                                                   f"{'litter pickers' if role.kind == 'one_off' else 'gardeners'}")
        kind = "litter_pick" if role.kind == "one_off" else "garden"
        for weeks_ago in (2, 6, 10):
            day = today - timedelta(weeks=weeks_ago)
            session = Session.objects.create(role=role, starts_at=_at(day, 10), ends_at=_at(day, 12))
            crew = [volunteers[int(i)] for i in rng.choice(len(volunteers), size=int(rng.integers(4, 12)),
                                                            replace=False)]
            SessionSignup.objects.bulk_create([SessionSignup(session=session, volunteer=v, signed_up_by=coordinator)
                                               for v in crew])
            CommunityEvent.objects.create(
                group=group, session=session, kind=kind, meeting_point=f"Outside the library, {where.postcode}",
                kit="Gloves, pickers, bags and hi-vis provided", volunteers_attended=len(crew),
                bags_collected=int(rng.integers(5, 40)) if kind == "litter_pick" else None,
                area_covered_m2=int(rng.integers(800, 12000)), outcome_note="Synthetic demo outcome",
                outcomes_recorded_by=coordinator, outcomes_recorded_at=timezone.now())
        for session in role.sessions.filter(starts_at__gt=timezone.now())[:2]:
            CommunityEvent.objects.create(group=group, session=session, kind=kind,
                                          meeting_point=f"Outside the library, {where.postcode}",
                                          kit="Gloves, pickers, bags and hi-vis provided; wear sturdy shoes")


def _ideas(ctx, rng, resident, coordinator, town) -> None:
    steps = [
        ("More benches along the riverside path", ["proposed"]),
        ("A community fridge at the church hall", ["proposed", "discussed"]),
        ("Planters on the high street", ["proposed", "discussed", "decided"]),
    ]
    for title, stages in steps:
        where = town[int(rng.integers(len(town)))]
        idea = Idea.objects.create(title=title, description=f"{title} (synthetic demo idea).", ward=where.ward,
                                   proposed_by=resident, stage=stages[-1])
        for stage in stages:
            note = {"proposed": idea.description, "discussed": "Talked through at the residents' meeting",
                    "decided": "Agreed: the group will plant and water; the council provides planters"}[stage]
            who = {"proposed": "Resident who proposed it", "discussed": "Residents' meeting at the library",
                   "decided": "Ward councillors with the residents' group"}[stage]
            IdeaLogEntry.objects.create(idea=idea, stage=stage, note=note, by=coordinator, by_description=who)
        if "decided" in stages:
            idea.decision = "Agreed: the group will plant and water; the council provides planters"
            idea.save(update_fields=["decision"])


def _resident_login(town) -> User:
    """A resident's own account with no organisation: the Done-means journey starts here."""
    email = demo_email(DEMO_RESIDENT[0])
    user = User.objects.filter(email=email).first() or User.objects.create_user(
        email=email, password=DEMO_PASSWORD, full_name=DEMO_RESIDENT[1])
    where = town[0]
    Volunteer.objects.get_or_create(user=user, defaults={
        "first_name": "Rae", "last_name": "Resident", "email": email, "home_postcode": where.postcode,
        "latitude": where.latitude, "longitude": where.longitude, "ward": where.ward, "lsoa": where.lsoa,
        "date_of_birth": timezone.localdate() - timedelta(days=35 * 365)})
    return user
