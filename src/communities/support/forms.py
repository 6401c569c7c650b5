"""Forms of the support room. They check the shape of what was typed; the rules (consent, dates in order, scores in
range, three contacts at most) live in the services, whose errors come back onto the same fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from communities.core.forms import GovukDateField, GovukForm

from . import instruments
from .models import EligibleOutcome, Progress, ResponseAnswer, SupportKind, Who, WrittenBy
from .services.plans import REVIEW_MEASURES

DATE_HINT = "For example, 27 3 2027"


def whole_number(value: str, label: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return int(value)
    except ValueError as exc:
        raise ValidationError(f"{label}: enter a whole number") from exc


class PlanForm(GovukForm):
    what_matters = forms.CharField(
        label="What matters to me", widget=forms.Textarea, max_length=5000,
        help_text="Write it as the person said it, in their own words. Do not summarise or correct it.",
        error_messages={"required": "Enter what matters to the person, in their words"},
    )
    what_matters_written_by = forms.ChoiceField(label="Who wrote this down?", choices=WrittenBy.choices,
                                                widget=forms.RadioSelect)
    what_matters_writer_name = forms.CharField(
        label="Their name (if a family member, friend or advocate wrote it)", required=False, max_length=200)
    next_review_on = GovukDateField(label="When will the plan be reviewed?", noun="The review date",
                                    not_before_today=True, help_text=DATE_HINT)


class ActionFields(GovukForm):
    description = forms.CharField(label="What will be done?", widget=forms.Textarea, max_length=2000)
    who = forms.ChoiceField(label="Who will do it?", choices=Who.choices, widget=forms.RadioSelect)
    who_name = forms.CharField(label="Name of the worker, family member, friend or organisation", required=False,
                               max_length=200)
    by_when = GovukDateField(label="By when?", noun="The date it will be done by", help_text=DATE_HINT)


class GoalForm(ActionFields):
    goal = forms.CharField(label="Goal, in the person's words", widget=forms.Textarea, max_length=2000,
                           error_messages={"required": "Enter the goal, in the person's words"})
    field_order = ["goal", "description", "who", "who_name", "by_when"]


class ActionForm(ActionFields):
    goal = forms.TypedChoiceField(label="Which goal is it for?", coerce=int, empty_value=None)
    field_order = ["goal", "description", "who", "who_name", "by_when"]

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].choices = [("", "Choose a goal")] + [(g.pk, g.description[:80]) for g in goals]


class ReviewForm(GovukForm):
    """Progress per goal, the outcome measures' questions (each may be left unanswered), what changes."""

    reviewed_on = GovukDateField(label="Date of the review", noun="The review date", help_text=DATE_HINT)

    def __init__(self, *args, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for goal in self.goals:
            self.fields[f"goal-{goal.pk}"] = forms.ChoiceField(
                label=f"Progress on: {goal.description[:120]}", choices=Progress.choices, widget=forms.RadioSelect,
                error_messages={"required": f"Select the progress on ‘{goal.description[:60]}’"})
            self.fields[f"note-{goal.pk}"] = forms.CharField(label="Notes on this goal (optional)", required=False,
                                                             widget=forms.Textarea, max_length=2000)
        self.measures = []
        for code in REVIEW_MEASURES:
            instrument = instruments.instrument(code)
            names = []
            for item in instrument.items:
                name = f"{code}-{item.code}"
                if item.options:
                    self.fields[name] = forms.ChoiceField(
                        label=item.text, required=False, widget=forms.RadioSelect,
                        choices=[(str(v), label) for v, label in item.options],
                        help_text="Leave it unanswered if the person would rather not say.")
                else:
                    self.fields[name] = forms.CharField(
                        label=item.text, required=False,
                        help_text=f"{item.minimum} to {item.maximum}, where {item.hint}. Leave it blank if the person "
                                  "would rather not say.",
                        widget=forms.TextInput(attrs={"inputmode": "numeric"}))
                names.append(name)
            self.measures.append((instrument, names))
        self.fields["what_changes"] = forms.CharField(
            label="What changes after this review?", widget=forms.Textarea, max_length=5000,
            error_messages={"required": "Enter what changes after this review"})
        self.fields["next_review_on"] = GovukDateField(label="Next review date", noun="The next review date",
                                                       help_text=DATE_HINT)

    def clean(self):
        data = super().clean()
        answers: dict[str, dict[str, int | None]] = {}
        for instrument, names in self.measures:
            for name in names:
                item = instrument.item(name.split("-", 1)[1])
                try:
                    value = whole_number(data.get(name, ""), item.label)
                except ValidationError as exc:
                    self.add_error(name, exc)
                    continue
                if value is not None and (problem := item.check(value)):
                    self.add_error(name, problem)
                    continue
                answers.setdefault(instrument.code, {})[item.code] = value
        data["answers"] = answers
        data["progress"] = {g.pk: (data.get(f"goal-{g.pk}", ""), data.get(f"note-{g.pk}", "")) for g in self.goals}
        return data

    def goal_fields(self):
        return [(self[f"goal-{g.pk}"], self[f"note-{g.pk}"]) for g in self.goals]

    def measure_fields(self):
        return [(instrument, [self[name] for name in names]) for instrument, names in self.measures]


class FindPersonForm(GovukForm):
    """Find someone the organisation supports by surname and date of birth (no list of everyone is shown)."""

    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", in_past=True, help_text="For example, 27 3 1950")


class CarerLinkForm(FindPersonForm):
    relationship = forms.CharField(label="How is the carer related to them?", max_length=100,
                                   help_text="For example: daughter, husband, neighbour")
    started_on = GovukDateField(label="When did the caring start?", noun="The date caring started",
                                required=False, help_text="Leave blank for today. " + DATE_HINT)


class AssessmentForm(GovukForm):
    assessed_on = GovukDateField(label="Date of the assessment", noun="The assessment date", help_text=DATE_HINT)
    assessor = forms.CharField(label="Who carried out the assessment?", max_length=200,
                               help_text="Their name and organisation")
    needs_found = forms.CharField(label="Needs found", widget=forms.Textarea, max_length=5000)
    outcome = forms.ChoiceField(label="Does the carer have eligible needs?", choices=EligibleOutcome.choices,
                                widget=forms.RadioSelect,
                                help_text="Care and Support (Eligibility Criteria) Regulations 2014, regulation 3")
    next_review_on = GovukDateField(label="Next review date", noun="The review date", help_text=DATE_HINT)


class SupportForm(GovukForm):
    kind = forms.ChoiceField(label="What kind of support?", choices=SupportKind.choices, widget=forms.RadioSelect)
    description = forms.CharField(label="What is it?", widget=forms.Textarea, max_length=2000)
    provided_by = forms.CharField(label="Who provides it?", max_length=200)
    starts_on = GovukDateField(label="Start date", noun="The start date", help_text=DATE_HINT)
    ends_on = GovukDateField(label="End date (optional)", noun="The end date", required=False, help_text=DATE_HINT)


class EmergencyPlanForm(GovukForm):
    needs = forms.CharField(label="The cared-for person's condition and needs", widget=forms.Textarea,
                            max_length=5000)
    medication = forms.CharField(label="Medication (optional)", widget=forms.Textarea, required=False,
                                 max_length=5000, help_text="What, how much, when, and where it is kept")
    gp = forms.CharField(label="GP practice and phone number", max_length=300)
    access_to_home = forms.CharField(label="Getting into the home", widget=forms.Textarea, max_length=2000,
                                     help_text="Who holds keys, where a key safe is. Do not write the key safe code "
                                               "here: it has its own box.")
    key_safe_code = forms.CharField(label="Key safe code (optional)", required=False, max_length=20,
                                    help_text="Kept encrypted and shown only on the plan page when asked for. "
                                              "Leave blank to keep the code already recorded.",
                                    widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}))
    remove_key_safe_code = forms.BooleanField(label="Remove the recorded key safe code", required=False)
    tasks = forms.CharField(label="What has to be done, and when", widget=forms.Textarea, max_length=5000,
                            help_text="Meals, personal care, appointments, other people in the household")
    pets = forms.CharField(label="Pets (optional)", widget=forms.Textarea, required=False, max_length=2000)
    next_review_on = GovukDateField(label="Review the plan by", noun="The review date", not_before_today=True,
                                    help_text=DATE_HINT)


class ContactForm(FindPersonForm):
    relationship = forms.CharField(label="Who are they to the carer?", max_length=100,
                                   help_text="For example: brother, neighbour, friend")
    phone = forms.CharField(label="Phone number (optional if on their record)", required=False, max_length=30)
    email = forms.EmailField(label="Email address (optional if on their record)", required=False,
                             error_messages={"invalid": "Enter an email address in the correct format, like "
                                                        "name@example.com"})
    arrives_within_hours = forms.CharField(label="How soon can they be there after a call? (hours)", max_length=3,
                                           widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    stays_for_hours = forms.CharField(label="How long can they stay and care? (hours)", max_length=3,
                                      widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def clean_arrives_within_hours(self):
        return whole_number(self.cleaned_data["arrives_within_hours"], "How soon they can be there")

    def clean_stays_for_hours(self):
        return whole_number(self.cleaned_data["stays_for_hours"], "How long they can stay")


class ActivateForm(GovukForm):
    reason = forms.CharField(label="Why is the plan being put into action?", widget=forms.Textarea, max_length=2000,
                             help_text="For example: the carer has been admitted to hospital")


class WorkerAnswerForm(GovukForm):
    response = forms.IntegerField(widget=forms.HiddenInput)
    answer = forms.ChoiceField(label="What did they say?", widget=forms.RadioSelect,
                               choices=[(ResponseAnswer.COMING, "Can help"), (ResponseAnswer.CANNOT, "Cannot help")])
    note = forms.CharField(label="Note (optional)", required=False, max_length=1000)


class ContactAnswerForm(GovukForm):
    answer = forms.ChoiceField(label="Can you help?", widget=forms.RadioSelect,
                               choices=[(ResponseAnswer.COMING, "Yes, I can help"),
                                        (ResponseAnswer.CANNOT, "No, I cannot help")])
    note = forms.CharField(label="Anything we should know? (optional)", required=False, max_length=1000,
                           help_text="For example: when you can be there")


class EndForm(GovukForm):
    reason = forms.CharField(label="Why is it ending?", max_length=200,
                             help_text="For example: no longer needed, moved away, died")
