from django import forms
from django.utils import timezone

from communities.core.forms import GovukDateField, GovukForm

from .models import SubjectRequest


class FindPersonForm(GovukForm):
    q = forms.CharField(label="Find the person by name or postcode", required=False, max_length=100)


class NewRequestForm(GovukForm):
    kind = forms.ChoiceField(label="What are they asking for?", choices=SubjectRequest.Kind.choices,
                             widget=forms.RadioSelect, error_messages={"required": "Select what they are asking for"})
    received_on = GovukDateField(
        label="Date the request was received", noun="The date the request was received",
        help_text="For example, 7 12 2026. The one-month time limit runs from this day, whichever part of the "
        "organisation received it.",
    )
    details = forms.CharField(
        label="How the request came in and how you checked who they are", widget=forms.Textarea, required=False,
        max_length=2000,
    )

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        if received > timezone.localdate():
            raise forms.ValidationError("The date the request was received cannot be in the future")
        return received


class ErasureDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[("erase", "Erase what the law allows; keep the rest and tell them why"),
                 ("refuse", "Refuse the whole request")],
    )
    reason = forms.CharField(
        label="Reason for your decision", widget=forms.Textarea, max_length=2000, required=False,
        help_text="Required when refusing. The lawful basis for anything kept is added for you.",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and len((data.get("reason") or "").strip()) < 10:
            self.add_error("reason", "Give the reason for refusing the request (at least 10 characters)")
        return data
