"""URL samples for the volunteering room (tests/url_samples.py adds them): a council role with a session, a
resident volunteer who applied, signed up and logged hours, a community event and an idea."""

from __future__ import annotations

from datetime import timedelta


def sample_world(ctx) -> dict:
    from django.utils import timezone

    from communities.accounts.models import User
    from communities.volunteering.models import (
        Activity,
        Application,
        CommunityEvent,
        CommunityGroup,
        HoursLog,
        Idea,
        Role,
        Session,
        SessionSignup,
        Volunteer,
    )

    cached = ctx.get("_volunteering")
    if cached:
        return cached
    council = ctx["council"]
    activity = Activity.objects.create(organisation=council, name="Sample litter picks", cause="environment")
    role = Role.objects.create(activity=activity, title="Sample litter picker", description="Pick litter",
                               kind="one_off", commitment="Two hours", apply_first=False)
    start = timezone.now() + timedelta(days=3)
    session = Session.objects.create(role=role, starts_at=start, ends_at=start + timedelta(hours=2))
    user = User.objects.create_user(email="sample.resident@example.org", password="sample resident password")
    volunteer = Volunteer.objects.create(user=user, first_name="Sample", last_name="Volunteer")
    application = Application.objects.create(volunteer=volunteer, role=role)
    signup = SessionSignup.objects.create(session=session, volunteer=volunteer, signed_up_by=user)
    hours = HoursLog.objects.create(volunteer=volunteer, role=role, on_date=timezone.localdate(), hours=2)
    group = CommunityGroup.objects.create(organisation=council, name="Sample friends of the park")
    event = CommunityEvent.objects.create(group=group, session=session, kind="litter_pick", meeting_point="Gate")
    idea = Idea.objects.create(title="Sample bench", description="A bench", proposed_by=user)
    world = {"role": role, "session": session, "volunteer": volunteer, "application": application,
             "signup": signup, "hours": hours, "event": event, "idea": idea}
    ctx["_volunteering"] = world
    return world


SAMPLES = {
    "vol_role_id": lambda ctx: str(sample_world(ctx)["role"].pk),
    "vol_session_id": lambda ctx: str(sample_world(ctx)["session"].pk),
    "vol_signup_id": lambda ctx: sample_world(ctx)["signup"].pk,
    "vol_application_id": lambda ctx: str(sample_world(ctx)["application"].pk),
    "vol_hours_id": lambda ctx: str(sample_world(ctx)["hours"].pk),
    "vol_volunteer_id": lambda ctx: str(sample_world(ctx)["volunteer"].pk),
    "vol_event_id": lambda ctx: str(sample_world(ctx)["event"].pk),
    "vol_idea_id": lambda ctx: str(sample_world(ctx)["idea"].pk),
}
