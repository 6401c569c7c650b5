"""Support plans co-produced with residents, their reviews and outcome measures; carers, their assessments, breaks
and emergency plans. Personal data: scoped through ``people.Person.objects.visible_to`` and the organisation that
holds the record."""

from .carers import (
    Activation,
    Assessment,
    CaredForLink,
    CaredForPlan,
    CarerLink,
    CarerSupport,
    ContactResponse,
    EligibleOutcome,
    EmergencyContact,
    EmergencyPlan,
    ResponseAnswer,
    SupportKind,
)
from .plans import (
    Action,
    Goal,
    GoalProgress,
    MeasureAnswer,
    Progress,
    Review,
    SupportPlan,
    Who,
    WrittenBy,
)

__all__ = [
    "Action", "Activation", "Assessment", "CaredForLink", "CaredForPlan", "CarerLink", "CarerSupport",
    "ContactResponse", "EligibleOutcome", "EmergencyContact", "EmergencyPlan", "Goal", "GoalProgress",
    "MeasureAnswer", "Progress", "ResponseAnswer", "Review", "SupportKind", "SupportPlan", "Who", "WrittenBy",
]
