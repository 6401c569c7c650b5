"""Forms: they parse and label; rules about what is allowed live in services and checks."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from communities.core.forms import GovukDateField, GovukForm, time_field

from .models import WEEKDAYS, BarredList, Cause, CheckKind, DBSLevel, EventKind, IdeaStage, PartOfDay, RoleKind

DISTANCES = [("", "Any distance"), ("1", "Within 1 mile"), ("3", "Within 3 miles"), ("5", "Within 5 miles"),
             ("10", "Within 10 miles")]
COMMITMENTS = [("", "Any amount of time"), ("4", "Up to 4 hours a month"), ("8", "Up to 8 hours a month"),
               ("16", "Up to 16 hours a month")]


def _words(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


class SearchForm(GovukForm):
    postcode = forms.CharField(required=False, max_length=10, label="Postcode",
                               help_text="To find opportunities near you, for example TS18 1AA")
    within = forms.ChoiceField(required=False, choices=DISTANCES, label="Distance")
    on_or_after = GovukDateField(required=False, label="Sessions on or after")
    cause = forms.ChoiceField(required=False, choices=[("", "Any cause"), *Cause.choices], label="Cause")
    commitment = forms.ChoiceField(required=False, choices=COMMITMENTS, label="Time commitment")
    qualified_only = forms.BooleanField(required=False, label="Only roles I can do now (checks and training)")


class RegisterForm(GovukForm):
    first_name = forms.CharField(max_length=100, label="First name")
    last_name = forms.CharField(max_length=100, label="Last name")
    email = forms.EmailField(label="Email address")
    password = forms.CharField(widget=forms.PasswordInput, label="Create a password",
                               help_text="At least 12 characters; a few unrelated words work well")
    postcode = forms.CharField(required=False, max_length=10, label="Home postcode (optional)",
                               help_text="So we can show opportunities near you")
    date_of_birth = GovukDateField(required=False, label="Date of birth (optional)", noun="Date of birth",
                                   in_past=True, help_text="Some roles have a minimum age. For example, 27 3 1980")


class ProfileForm(GovukForm):
    first_name = forms.CharField(max_length=100, label="First name")
    last_name = forms.CharField(max_length=100, label="Last name")
    postcode = forms.CharField(required=False, max_length=10, label="Home postcode")
    date_of_birth = GovukDateField(required=False, label="Date of birth", in_past=True)
    languages = forms.CharField(required=False, max_length=500, label="Languages you speak",
                                help_text="Separate them with commas")
    interests = forms.CharField(required=False, max_length=500, label="Interests",
                                help_text="Separate them with commas, for example gardening, walking")

    def profile(self) -> dict:
        data = self.cleaned_data
        return {"first_name": data["first_name"], "last_name": data["last_name"], "postcode": data["postcode"],
                "date_of_birth": data["date_of_birth"], "languages": _words(data["languages"]),
                "interests": _words(data["interests"])}


SLOTS = [(f"{day}:{part}", f"{WEEKDAYS[day]} {label.lower()}") for day in range(7) for part, label in
         PartOfDay.choices]


class AvailabilityForm(GovukForm):
    slots = forms.MultipleChoiceField(required=False, choices=SLOTS, widget=forms.CheckboxSelectMultiple,
                                      label="When are you usually free?")

    def chosen(self) -> set[tuple[int, str]]:
        return {(int(day), part) for day, part in (s.split(":") for s in self.cleaned_data["slots"])}


class ApplyForm(GovukForm):
    message = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                              label="Anything you would like the organiser to know (optional)")


class HoursForm(GovukForm):
    role = forms.ChoiceField(label="Role")
    on_date = GovukDateField(label="Date", noun="The date you volunteered")
    hours = forms.DecimalField(min_value=0, max_digits=4, decimal_places=2, label="Hours",
                               help_text="For example 2 or 1.5")
    note = forms.CharField(required=False, max_length=300, label="What you did (optional)")

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(str(r.pk), f"{r.title} ({r.activity.organisation})") for r in roles]


class DecideForm(GovukForm):
    decision = forms.ChoiceField(choices=[("approve", "Approve"), ("decline", "Decline")],
                                 widget=forms.RadioSelect, label="Decision")
    note = forms.CharField(required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
                           label="Note to the volunteer (optional)")


class ActivityForm(GovukForm):
    name = forms.CharField(max_length=200, label="Name of the activity")
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    cause = forms.ChoiceField(choices=Cause.choices)


class RoleForm(GovukForm):
    activity = forms.ChoiceField(label="Activity")
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}))
    kind = forms.ChoiceField(choices=RoleKind.choices, widget=forms.RadioSelect, label="Kind of role")
    commitment = forms.CharField(max_length=200, label="Time commitment, in words")
    hours_per_month = forms.DecimalField(min_value=0, max_value=200, decimal_places=1, label="Hours a month, roughly")
    minimum_age = forms.IntegerField(min_value=0, max_value=100, initial=0, label="Minimum age (0 for none)")
    dbs_level = forms.ChoiceField(choices=DBSLevel.choices, required=False, label="DBS check needed")
    barred_list = forms.ChoiceField(choices=BarredList.choices, required=False, label="Barred list check needed")
    training = forms.CharField(required=False, max_length=500, label="Training needed",
                               help_text="Course names separated by commas")
    needs_driving_licence = forms.BooleanField(required=False, label="Needs a driving licence")
    touches_personal_data = forms.BooleanField(required=False, label="Volunteers see residents' personal data")
    apply_first = forms.BooleanField(required=False, initial=True, label="Volunteers apply and you approve them "
                                                                         "before they sign up to sessions")
    accessibility = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    allows_remote = forms.BooleanField(required=False, label="Can be done from home")
    postcode = forms.CharField(required=False, max_length=10)
    address = forms.CharField(required=False, max_length=300)

    def __init__(self, *args, activities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].choices = [(str(a.pk), a.name) for a in activities]

    def role_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("activity")
        data["training"] = _words(data["training"])
        return data




class SessionTimesForm(GovukForm):
    """A date (GOV.UK date input) and start and end times, given to the services as ``starts_at`` and ``ends_at``
    (so a service's error about either lands on its time field)."""

    on = GovukDateField(label="Date", noun="The date")
    starts_at = time_field("Start time")
    ends_at = time_field("End time")

    def clean(self):
        data = super().clean()
        day = data.pop("on", None)
        for name in ("starts_at", "ends_at"):
            if day is not None and data.get(name) is not None:
                data[name] = timezone.make_aware(datetime.combine(day, data[name]))
        return data


class SessionForm(SessionTimesForm):
    weekly_for = forms.IntegerField(min_value=1, max_value=52, initial=1, label="Repeat every week for (weeks)")
    places = forms.IntegerField(required=False, min_value=1, max_value=10_000, label="Places (blank for no limit)")


class CheckForm(GovukForm):
    kind = forms.ChoiceField(choices=CheckKind.choices)
    detail = forms.CharField(required=False, max_length=200,
                             help_text="The training course, who gave the reference, or the certificate's last "
                                       "four digits")
    is_clear = forms.BooleanField(required=False, initial=True, label="Clear (nothing that stops this volunteering; "
                                                                      "not barred)")
    issued_on = GovukDateField(label="Date of the check or certificate")
    expires_on = GovukDateField(required=False, label="Renew by (optional)", noun="Renew by date")


class AddVolunteerForm(GovukForm):
    email = forms.EmailField(label="The volunteer's email address")


class GroupForm(GovukForm):
    name = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EventForm(SessionTimesForm):
    group = forms.ChoiceField()
    role = forms.ChoiceField(help_text="The role volunteers sign up to (its requirements apply)")
    kind = forms.ChoiceField(choices=EventKind.choices)
    meeting_point = forms.CharField(max_length=300)
    kit = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    places = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    field_order = ["group", "role", "kind", "on", "starts_at", "ends_at"]

    def __init__(self, *args, groups=(), roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [(str(g.pk), g.name) for g in groups]
        self.fields["role"].choices = [(str(r.pk), r.title) for r in roles]


class RiskAssessmentForm(GovukForm):
    risk_assessment = forms.FileField(label="Risk assessment", help_text="PDF, Word, OpenDocument or Excel; 5 MB "
                                                                         "at most")


class OutcomesForm(GovukForm):
    bags_collected = forms.IntegerField(required=False, min_value=0, max_value=10_000)
    area_covered_m2 = forms.IntegerField(required=False, min_value=0, max_value=10_000_000,
                                         label="Area covered (square metres)")
    volunteers_attended = forms.IntegerField(required=False, min_value=0, max_value=10_000)
    outcome_note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What else")


class IdeaForm(GovukForm):
    title = forms.CharField(max_length=200)
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    postcode = forms.CharField(required=False, max_length=10, label="Postcode of the place (optional)")


class IdeaStepForm(GovukForm):
    stage = forms.ChoiceField(choices=[(IdeaStage.DISCUSSED, "Discussed"), (IdeaStage.DECIDED, "Decided")],
                              widget=forms.RadioSelect)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), max_length=5000,
                           label="What was discussed or decided")
    by_description = forms.CharField(max_length=200, label="Who took part or decided",
                                     help_text="For example: residents' meeting at Roseworth library")
