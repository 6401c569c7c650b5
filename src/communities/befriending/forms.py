"""Befriending forms (rendered with the govuk_forms tags)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from communities.core.forms import GovukDateField, GovukForm

from .instruments import DIRECT_ITEM, direct_question, ucla3
from .models import CheckIn, Communication, MeasurePoint

SLOT_CHOICES = [(f"{d}:{p}", f"{day} {p}") for d, day in enumerate(
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"))
    for p in ("morning", "afternoon", "evening")]


def _words(value: str) -> list[str]:
    return [w.strip() for w in value.split(",") if w.strip()][:20]


class NeedsForm(GovukForm):
    interests = forms.CharField(label="Interests", required=False, max_length=500,
                                help_text="Separated by commas, for example gardening, football, reading")
    languages = forms.CharField(label="Languages they would like to speak", required=False, max_length=200,
                                help_text="Separated by commas. Leave empty for English")
    communication = forms.MultipleChoiceField(label="How they would like to keep in touch", required=False,
                                              choices=Communication.choices, widget=forms.CheckboxSelectMultiple)
    preferred_slots = forms.MultipleChoiceField(label="When they are free", required=False, choices=SLOT_CHOICES,
                                                widget=forms.CheckboxSelectMultiple)
    agreed_notes = forms.CharField(label="Notes the befriender may see", required=False, widget=forms.Textarea,
                                   max_length=2000, help_text="Only what the person agreed their befriender may "
                                   "know, for example 'Ring the bell twice; hard of hearing'")

    def values(self) -> dict:
        data = self.cleaned_data
        return {"interests": _words(data["interests"]), "languages": _words(data["languages"]),
                "communication": list(data["communication"]),
                "preferred_slots": [[int(s.split(":")[0]), s.split(":")[1]] for s in data["preferred_slots"]],
                "agreed_notes": data["agreed_notes"]}


class MatchForm(GovukForm):
    befriender = forms.IntegerField(widget=forms.HiddenInput)


class MeetingForm(GovukForm):
    met_on = GovukDateField(label="Date of the first meeting", help_text="For example, 27 3 2026")


class MeasureForm(GovukForm):
    point = forms.ChoiceField(label="When", choices=MeasurePoint.choices, widget=forms.RadioSelect)
    taken_on = GovukDateField(label="Date the questions were answered",
                              help_text="For example, 27 3 2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        direct = direct_question().item(DIRECT_ITEM)
        self.fields["direct"] = forms.TypedChoiceField(
            label=direct.text, required=False, coerce=int, empty_value=None, widget=forms.RadioSelect,
            choices=[(v, label) for v, label in direct.options])
        for item in ucla3().items:
            self.fields[f"ucla_{item.code}"] = forms.TypedChoiceField(
                label=item.text, required=False, coerce=int, empty_value=None, widget=forms.RadioSelect,
                choices=[(v, label) for v, label in item.options])
        self.initial.setdefault("taken_on", timezone.localdate())

    def ucla(self) -> dict:
        return {item.code: self.cleaned_data[f"ucla_{item.code}"] for item in ucla3().items
                if self.cleaned_data.get(f"ucla_{item.code}") is not None}


class CheckInForm(GovukForm):
    outcome = forms.ChoiceField(label="How did the check-in go?", choices=CheckIn.Outcome.choices,
                                widget=forms.RadioSelect)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea, max_length=2000)


class EndForm(GovukForm):
    reason = forms.CharField(label="Why is the befriending ending?", max_length=200)


class BefrienderForm(GovukForm):
    application = forms.ChoiceField(label="Volunteer", help_text="Volunteers approved for one of your ongoing roles")
    interests = forms.CharField(label="Interests", required=False, max_length=500,
                                help_text="Separated by commas, for example gardening, football, reading")
    languages = forms.CharField(label="Languages", required=False, max_length=200,
                                help_text="Separated by commas. Leave empty for English")
    communication = forms.MultipleChoiceField(label="Ways they are happy to keep in touch", required=False,
                                              choices=Communication.choices, widget=forms.CheckboxSelectMultiple)
    capacity = forms.IntegerField(label="How many people they can befriend at once", min_value=1, max_value=10,
                                  initial=1, widget=forms.NumberInput(attrs={"inputmode": "numeric"}))

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(a.pk): a for a in candidates}
        self.fields["application"].choices = [("", "Choose a volunteer")] + [
            (key, f"{a.volunteer} ({a.role})") for key, a in self.candidates.items()]

    def values(self) -> dict:
        data = self.cleaned_data
        return {"application": self.candidates[data["application"]], "interests": _words(data["interests"]),
                "languages": _words(data["languages"]), "communication": list(data["communication"]),
                "capacity": data["capacity"]}
