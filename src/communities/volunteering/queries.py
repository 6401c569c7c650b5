"""Named reads for the views, each scoped: the signed-in volunteer's own rows, an organiser's organisation's rows,
or what is published. Views call these (or organisations.scoping) rather than querying models themselves."""

from __future__ import annotations

from django.utils import timezone

from .models import Application, CommunityEvent, HoursLog, Role, Session, SessionSignup, Volunteer


def volunteer_of(user) -> Volunteer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Volunteer.objects.filter(user=user).first()


def my_upcoming_signups(user):
    return (SessionSignup.objects.own(user).current().filter(session__starts_at__gte=timezone.now())
            .select_related("session__role__activity__organisation").order_by("session__starts_at"))


def my_signup(user, pk) -> SessionSignup | None:
    return SessionSignup.objects.own(user).filter(pk=pk).first()


def my_applications(user):
    return Application.objects.own(user).select_related("role__activity__organisation")


def my_hours(user, limit=20):
    return HoursLog.objects.own(user).select_related("role")[:limit]


def published_role(pk) -> Role | None:
    return Role.objects.published().select_related("activity__organisation").filter(pk=pk).first()


def bookable_session(pk) -> Session | None:
    return Session.objects.filter(role__is_published=True).select_related("role").filter(pk=pk).first()


def roles_for_hours(volunteer):
    """Roles the volunteer may log hours for: approved for, or signed up to a session of."""
    return (Role.objects.filter(applications__volunteer=volunteer, applications__status="approved")
            | Role.objects.filter(sessions__signups__volunteer=volunteer,
                                  sessions__signups__cancelled_at__isnull=True)).distinct().select_related(
        "activity__organisation")


def public_events():
    return CommunityEvent.objects.select_related("group__organisation", "session__role", "group__ward")


def applications_to_decide(user, limit=50):
    return Application.objects.organised_by(user).filter(status="applied").select_related("volunteer", "role")[:limit]


def hours_to_approve(user, limit=50):
    return HoursLog.objects.organised_by(user).pending().select_related("volunteer", "role")[:limit]


def application_for_organiser(user):
    return Application.objects.organised_by(user)


def hours_for_organiser(user):
    return HoursLog.objects.organised_by(user)


def other_volunteers(user):
    """Volunteers an organiser may see (who applied to their organisation's roles), never themselves."""
    return Volunteer.objects.visible_to(user).exclude(user=user)


def volunteer_by_email(email) -> Volunteer | None:
    return Volunteer.objects.filter(user__email__iexact=email).first()


def ideas(limit=100):
    """Residents' ideas are public to any signed-in account; who proposed them is not shown."""
    from .models import Idea

    return Idea.objects.select_related("ward")[:limit]


def idea(pk):
    from .models import Idea

    return Idea.objects.select_related("ward").filter(pk=pk).first()
