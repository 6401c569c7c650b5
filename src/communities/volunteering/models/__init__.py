"""Volunteering and community action: models (volunteers and checks, opportunities, community action)."""

from .community import CommunityEvent, CommunityGroup, EventKind, Idea, IdeaLogEntry, IdeaStage
from .opportunities import (
    Activity,
    Application,
    ApplicationStatus,
    BarredList,
    Cause,
    DBSLevel,
    HoursLog,
    HoursStatus,
    Role,
    RoleKind,
    Session,
    SessionSignup,
)
from .volunteers import WEEKDAYS, Availability, CheckKind, PartOfDay, Volunteer, VolunteerCheck

__all__ = [
    "WEEKDAYS", "Activity", "Application", "ApplicationStatus", "Availability", "BarredList", "Cause", "CheckKind",
    "CommunityEvent", "CommunityGroup", "DBSLevel", "EventKind", "HoursLog", "HoursStatus", "Idea", "IdeaLogEntry",
    "IdeaStage", "PartOfDay", "Role", "RoleKind", "Session", "SessionSignup", "Volunteer", "VolunteerCheck",
]
