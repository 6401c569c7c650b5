"""The support room's personal data in the data-protection registry: subject access export, retention and
anonymisation. Links, plans and contacts name two or three residents: each is registered from every side (the
cared-for person's view through proxy models), so each resident's copy holds what is about them."""

from __future__ import annotations

from communities.dataprotection.registry import register

from .models import (
    Action,
    Activation,
    Assessment,
    CarerLink,
    CarerSupport,
    ContactResponse,
    EmergencyContact,
    EmergencyPlan,
    Goal,
    GoalProgress,
    MeasureAnswer,
    Review,
    SupportPlan,
)

ANONYMISED = "(anonymised)"


def _closed_plans(cutoff):
    return SupportPlan.objects.filter(closed_on__lte=cutoff)


def _ended_links(cutoff):
    return CarerLink.objects.filter(ended_on__lte=cutoff)


register(
    "support.SupportPlan", record_type="support_plan", subject="person", order=500, describe="Your support plans",
    export_fields=("organisation", "worker", "what_matters", "what_matters_written_by", "what_matters_writer_name",
                   "started_on", "next_review_on", "closed_on", "closed_reason"),
    anonymise={"what_matters": ANONYMISED, "what_matters_writer_name": "", "closed_reason": ""},
    expired=_closed_plans,
)
register(
    "support.Goal", record_type="support_plan", subject="plan__person", order=480, describe="Goals in your plans",
    export_fields=("description", "created_at"), anonymise={"description": ANONYMISED},
    expired=lambda cutoff: Goal.objects.filter(plan__in=_closed_plans(cutoff)),
)
register(
    "support.Action", record_type="support_plan", subject="goal__plan__person", order=470,
    describe="Actions in your plans (who does what, by when)",
    export_fields=("description", "who", "who_name", "by_when", "done_on"),
    anonymise={"description": ANONYMISED, "who_name": ""},
    expired=lambda cutoff: Action.objects.filter(goal__plan__in=_closed_plans(cutoff)),
)
register(
    "support.Review", record_type="support_plan", subject="plan__person", order=460,
    describe="Reviews of your plans",
    export_fields=("reviewed_on", "reviewed_by", "what_changes", "next_review_on"),
    anonymise={"what_changes": ANONYMISED},
    expired=lambda cutoff: Review.objects.filter(plan__in=_closed_plans(cutoff)),
)
register(
    "support.GoalProgress", record_type="support_plan", subject="review__plan__person", order=450,
    describe="Progress on your goals at each review", export_fields=("goal", "progress", "note"),
    anonymise={"note": ""},
    expired=lambda cutoff: GoalProgress.objects.filter(review__plan__in=_closed_plans(cutoff)),
)
register(
    "support.MeasureAnswer", record_type="support_plan", subject="review__plan__person", order=440,
    describe="Your answers to well-being and loneliness questions", export_fields=("instrument", "item", "value"),
    erase="delete",
    expired=lambda cutoff: MeasureAnswer.objects.filter(review__plan__in=_closed_plans(cutoff)),
)
register(
    "support.CarerLink", record_type="carer_record", subject="carer", order=600,
    describe="People you care for", export_fields=("cared_for", "organisation", "relationship", "code",
                                                   "started_on", "ended_on"),
    anonymise={"relationship": ANONYMISED}, expired=_ended_links,
)
register(
    "support.CaredForLink", record_type="carer_record", subject="cared_for", order=601,
    describe="People who care for you", export_fields=("carer", "organisation", "relationship", "code",
                                                       "started_on", "ended_on"),
    anonymise={"relationship": ANONYMISED}, expired=_ended_links,
)
register(
    "support.Assessment", record_type="carer_record", subject="link__carer", order=590,
    describe="Your carer's assessments",
    export_fields=("assessed_on", "assessor", "needs_found", "outcome", "next_review_on"),
    anonymise={"needs_found": ANONYMISED, "assessor": ANONYMISED},
    expired=lambda cutoff: Assessment.objects.filter(link__in=_ended_links(cutoff)),
)
register(
    "support.CarerSupport", record_type="carer_record", subject="link__carer", order=580,
    describe="Breaks and support for you as a carer",
    export_fields=("kind", "description", "provided_by", "starts_on", "ends_on"),
    anonymise={"description": ANONYMISED},
    expired=lambda cutoff: CarerSupport.objects.filter(link__in=_ended_links(cutoff)),
)
_PLAN_FIELDS = ("needs", "medication", "gp", "access_to_home", "tasks", "pets", "next_review_on", "withdrawn_on")
_PLAN_BLANK = {"needs": ANONYMISED, "medication": "", "gp": "", "access_to_home": "", "key_safe_code": "",
               "tasks": ANONYMISED, "pets": ""}
register(
    "support.EmergencyPlan", record_type="carer_record", subject="link__carer", order=570,
    describe="Your carer's emergency plan (the key safe code is not included)", export_fields=_PLAN_FIELDS,
    anonymise=_PLAN_BLANK,
    expired=lambda cutoff: EmergencyPlan.objects.filter(link__in=_ended_links(cutoff)),
)
register(
    "support.CaredForPlan", record_type="carer_record", subject="link__cared_for", order=571,
    describe="The emergency plan for your care if your carer cannot care (the key safe code is not included)",
    export_fields=_PLAN_FIELDS, anonymise=_PLAN_BLANK,
    expired=lambda cutoff: EmergencyPlan.objects.filter(link__in=_ended_links(cutoff)),
)
register(
    "support.EmergencyContact", record_type="carer_record", subject="person", order=560,
    describe="Carers' emergency plans that name you as a contact",
    export_fields=("relationship", "phone", "email", "arrives_within_hours", "stays_for_hours", "created_at"),
    anonymise={"relationship": ANONYMISED, "phone": "", "email": ""},
    expired=lambda cutoff: EmergencyContact.objects.filter(plan__link__in=_ended_links(cutoff)),
)
register(
    "support.Activation", record_type="carer_record", subject="plan__link__carer", order=550,
    describe="When your emergency plan was put into action", export_fields=("reason", "activated_at", "ended_at"),
    anonymise={"reason": ANONYMISED},
    expired=lambda cutoff: Activation.objects.filter(plan__link__in=_ended_links(cutoff)),
)
register(
    "support.ContactResponse", record_type="carer_record", subject="contact__person", order=540,
    describe="Your answers when a carer's emergency plan was put into action",
    export_fields=("notified_by", "answer", "answered_at", "note"), anonymise={"note": ""},
    expired=lambda cutoff: ContactResponse.objects.filter(activation__plan__link__in=_ended_links(cutoff)),
)
