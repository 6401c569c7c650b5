from __future__ import annotations

import uuid

from django import forms

from communities.core.forms import GovukDateField, GovukForm
from communities.people.models import HowGiven

from .models import DeclineReason, OutcomeKind, Status

NEW_CONSENT = "new"
YES_NO = [("yes", "Yes"), ("no", "No")]


class SearchForm(GovukForm):
    q = forms.CharField(label="Search", required=False, max_length=100)


class ReferralForm(GovukForm):
    """The one page a referrer fills in: prefilled from the person's record, sent with one button."""

    token = forms.UUIDField(widget=forms.HiddenInput, error_messages={
        "required": "This form has expired: start the referral again",
        "invalid": "This form has expired: start the referral again"})
    consent = forms.ChoiceField(
        label="What does this referral rest on?", widget=forms.RadioSelect,
        error_messages={"required": "Select the person’s consent to this referral, or record that they agree now"},
    )
    how_given = forms.ChoiceField(
        label="How did they agree?", choices=HowGiven.choices, required=False, widget=forms.RadioSelect,
        help_text="Only if they agree now: this records their consent to the referral on their record.",
    )
    what_matters = forms.CharField(
        label="What matters to them", widget=forms.Textarea(attrs={"rows": 4}), max_length=4000,
        help_text="In their own words, as far as you can. The service reads this first.",
        error_messages={"required": "Enter what matters to the person, in their own words"},
    )
    needs = forms.CharField(label="Needs and concerns", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                            required=False, help_text="Anything the service should know to help them.")
    support_requested = forms.CharField(label="What are you asking the service to do?", max_length=2000,
                                        widget=forms.Textarea(attrs={"rows": 2}), required=False)
    shared_phone = forms.CharField(label="Phone number to share", max_length=30, required=False)
    shared_email = forms.EmailField(label="Email address to share", required=False,
                                    error_messages={"invalid": "Enter an email address like name@example.com"})
    contact_notes = forms.CharField(label="How and when to contact them", max_length=300, required=False,
                                    help_text="For example: mornings only, text first, needs an interpreter.")
    safeguarding_concern = forms.ChoiceField(
        label="Do you have any safeguarding concern about this person or anyone they live with?", choices=YES_NO,
        widget=forms.RadioSelect, error_messages={"required": "Select yes if you have a safeguarding concern"},
    )
    safeguarding_detail = forms.CharField(
        label="What is the concern, and who have you told?", widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000, required=False,
    )

    def __init__(self, *args, consents=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(c.pk), f"{c.get_lawful_basis_display()}: {c.get_how_given_display().lower()} on "
                               f"{c.given_at:%-d %B %Y}") for c in consents]
        self.fields["consent"].choices = choices + [(NEW_CONSENT, "They agree to this referral now")]

    def clean(self):
        data = super().clean()
        if data.get("consent") == NEW_CONSENT and not data.get("how_given"):
            self.add_error("how_given", "Select how they agreed to the referral")
        if data.get("safeguarding_concern") == "yes" and not data.get("safeguarding_detail", "").strip():
            self.add_error("safeguarding_detail", "Say what the safeguarding concern is and who you have told")
        return data

    @staticmethod
    def new_token() -> str:
        return str(uuid.uuid4())


class RespondForm(GovukForm):
    """Accept, decline, complete or withdraw: the status the user saw travels with the form."""

    from_status = forms.ChoiceField(choices=Status.choices, widget=forms.HiddenInput)
    to_status = forms.ChoiceField(label="What do you want to do?", choices=(), widget=forms.RadioSelect,
                                  error_messages={"required": "Select what you want to do with the referral"})
    decline_reason = forms.ChoiceField(label="Why are you declining it?", choices=DeclineReason.choices,
                                       required=False, widget=forms.RadioSelect)
    outcome = forms.ChoiceField(label="Outcome", choices=OutcomeKind.choices, required=False,
                                widget=forms.RadioSelect)
    support_offered = forms.CharField(label="Support offered", widget=forms.Textarea(attrs={"rows": 3}),
                                      max_length=4000, required=False,
                                      help_text="What you offered or arranged, including activities.")
    note = forms.CharField(label="Note for the referrer", widget=forms.Textarea(attrs={"rows": 3}), max_length=4000,
                           required=False, help_text="They are told of every change. Do not include health details.")

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices


ACTION_LABELS = {
    Status.ACCEPTED: "Accept the referral",
    Status.DECLINED: "Decline the referral",
    Status.COMPLETED: "Close it with an outcome",
    Status.WITHDRAWN: "Withdraw the referral",
}


class TargetForm(GovukForm):
    days = forms.IntegerField(
        label="Days to accept or decline a referral", min_value=1, max_value=90,
        error_messages={"required": "Enter a number of days from 1 to 90", "invalid": "Enter a whole number of days",
                        "min_value": "Enter a number of days from 1 to 90",
                        "max_value": "Enter a number of days from 1 to 90"},
    )


class FunnelForm(GovukForm):
    by = forms.ChoiceField(label="Show by", required=False, widget=forms.RadioSelect,
                           choices=[("service", "Service"), ("ward", "Ward"), ("decile", "Deprivation decile")])
    start = GovukDateField(label="Referred from", required=False, help_text="For example, 1 4 2026")
    end = GovukDateField(label="Referred to", required=False, help_text="For example, 31 3 2027")

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", "The end date must be on or after the start date")
        return data
