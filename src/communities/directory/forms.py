"""Forms for Find help (public) and the editors' pages. Rendered with the govuk_forms tags."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import URLValidator

from communities.core.forms import GovukForm
from communities.places.forms import clean_postcode_value
from communities.places.geo import PostcodeError

from .models import Feedback, ServiceStatus, TaxonomyTerm
from .services import opening_times, public_cache
from .services.taxonomy import DEFAULT_TAXONOMY_ID

DAY_CHOICES = [("", "Any day")] + list(zip(opening_times.DAYS, opening_times.DAY_NAMES, strict=True))


def category_choices() -> list[tuple[str, str]]:
    """The default taxonomy as choices, parents first (kept per process until the directory changes)."""
    return public_cache.per_revision("category-choices", _category_choices)


def _category_choices() -> list[tuple[str, str]]:
    terms = list(TaxonomyTerm.objects.filter(taxonomy_id=DEFAULT_TAXONOMY_ID).select_related("parent"))
    top = sorted((t for t in terms if t.parent_id is None), key=lambda t: t.name)
    choices = [("", "All categories")]
    for parent in top:
        choices.append((str(parent.id), parent.name))
        for child in sorted((t for t in terms if t.parent_id == parent.id), key=lambda t: t.name):
            choices.append((str(child.id), f"{parent.name}: {child.name}"))
    return choices


class FindHelpForm(GovukForm):
    q = forms.CharField(label="What are you looking for?", required=False, max_length=100,
                        help_text="For example, food, warm space, debt advice or carers")
    category = forms.ChoiceField(label="Category", required=False)
    postcode = forms.CharField(label="Postcode", required=False, max_length=10,
                               help_text="To show the nearest first, for example TS18 1AU")
    day = forms.ChoiceField(label="Open on", required=False, choices=DAY_CHOICES)
    time = forms.TimeField(label="Open at (optional)", required=False, input_formats=["%H:%M", "%H.%M"],
                           help_text="A time on the 24-hour clock, for example 10:30")
    age = forms.IntegerField(label="Age of the person who needs help (optional)", required=False, min_value=0,
                             max_value=120)
    free = forms.BooleanField(label="Only show free services", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices()
        self.place = None

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        from communities.places.services import PlaceNotFound, locate

        try:
            self.place = locate(value)
        except (PostcodeError, PlaceNotFound) as exc:
            raise forms.ValidationError(str(exc)) from exc
        return self.place.postcode


class FeedbackForm(GovukForm):
    message = forms.CharField(label="What is wrong or out of date?", widget=forms.Textarea, max_length=2000,
                              help_text="For example, the times have changed or the group has closed. "
                              "Do not include personal details about anyone.",
                              error_messages={"required": "Enter what is wrong or out of date"})
    email = forms.EmailField(label="Your email address (optional)", required=False,
                             help_text="Only if you are happy for an editor to contact you about this report")


class ServiceEditForm(GovukForm):
    name = forms.CharField(label="Name of the service", max_length=300,
                           error_messages={"required": "Enter the name of the service"})
    description = forms.CharField(label="Description", widget=forms.Textarea, max_length=5000,
                                  help_text="What happens, who it helps and what to expect",
                                  error_messages={"required": "Enter a description of the service"})
    status = forms.ChoiceField(label="Status", choices=ServiceStatus.choices, widget=forms.RadioSelect)
    alert = forms.CharField(label="Alert (optional)", required=False, max_length=500,
                            help_text="A short notice shown at the top, for example 'Closed over Christmas'")
    url = forms.URLField(label="Website (optional)", required=False, max_length=500, assume_scheme="https",
                         validators=[URLValidator(schemes=["http", "https"],
                                                  message="Enter a web address starting http:// or https://")])
    email = forms.EmailField(label="Email (optional)", required=False)
    phone = forms.CharField(label="Phone (optional)", required=False, max_length=50)
    is_free = forms.BooleanField(label="Free to use", required=False)
    fees_description = forms.CharField(label="Cost details (optional)", required=False, max_length=1000,
                                       help_text="For example, £3.50 a week membership")
    minimum_age = forms.IntegerField(label="Youngest age (optional)", required=False, min_value=0, max_value=120)
    maximum_age = forms.IntegerField(label="Oldest age (optional)", required=False, min_value=0, max_value=120)
    eligibility_description = forms.CharField(label="Who it is for (optional)", required=False, max_length=1000)
    categories = forms.MultipleChoiceField(label="Categories", required=False, widget=forms.CheckboxSelectMultiple)
    opening_times = forms.CharField(
        label="Opening times (optional)", required=False, widget=forms.Textarea, max_length=2000,
        help_text="One session a line, for example: Saturday 10:00-12:00, Monday to Friday 09:00-17:00, "
        "First Tuesday 18:00-20:00 (bring ID)",
    )
    location_name = forms.CharField(label="Venue (optional)", required=False, max_length=300)
    address_1 = forms.CharField(label="Address (optional)", required=False, max_length=200)
    city = forms.CharField(label="Town (optional)", required=False, max_length=100)
    postal_code = forms.CharField(label="Postcode (optional)", required=False, max_length=10)
    transportation = forms.CharField(label="How to get there (optional)", required=False, widget=forms.Textarea,
                                     max_length=1000, help_text="Buses, parking, the nearest stop")
    accessibility = forms.CharField(label="Accessibility (optional)", required=False, widget=forms.Textarea,
                                    max_length=1000, help_text="Step-free access, accessible toilet, hearing loop")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].choices = [c for c in category_choices() if c[0]]

    def clean_opening_times(self):
        value = self.cleaned_data.get("opening_times", "")
        try:
            opening_times.parse(value)
        except opening_times.OpeningTimesError as exc:
            raise forms.ValidationError(str(exc)) from exc
        return "\n".join(line.strip() for line in value.splitlines() if line.strip())

    def clean_postal_code(self):
        return clean_postcode_value(self.cleaned_data.get("postal_code", ""), required=False)

    def clean_phone(self):
        value = self.cleaned_data.get("phone", "").strip()
        if value and not re.fullmatch(r"[0-9 +()\-]{6,50}", value):
            raise forms.ValidationError("Enter a phone number using digits, spaces and + only")
        return value

    def clean(self):
        data = super().clean()
        low, high = data.get("minimum_age"), data.get("maximum_age")
        if low is not None and high is not None and high < low:
            self.add_error("maximum_age", "The oldest age must be the same as or more than the youngest age")
        return data

    def document(self) -> dict:
        data = dict(self.cleaned_data)
        data["categories"] = sorted(data.get("categories") or [])
        return data


class DecisionForm(GovukForm):
    decision = forms.ChoiceField(label="Decision", choices=[("approve", "Approve and publish"),
                                                            ("reject", "Reject and send back")],
                                 widget=forms.RadioSelect)
    note = forms.CharField(label="Note to the person who proposed it", required=False, widget=forms.Textarea,
                           max_length=2000, help_text="Required if you reject the change")

    def clean(self):
        data = super().clean()
        if data.get("decision") == "reject" and not data.get("note", "").strip():
            self.add_error("note", "Say why the change is rejected so it can be fixed")
        return data


class FeedbackStatusForm(GovukForm):
    status = forms.ChoiceField(label="Status", choices=Feedback.Status.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea, max_length=2000)


class ImportForm(GovukForm):
    file = forms.FileField(label="CSV file", help_text="Columns as described below. At most 5 MB.",
                           error_messages={"required": "Select a CSV file"})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        return upload


class EditorSearchForm(GovukForm):
    q = forms.CharField(label="Search listings", required=False, max_length=100)
