"""Forms of the emergencies room. They check the shape of what was typed; the rules (needs codes, postcodes in the
area, one entry per person, a valid area) live in the services, whose errors come back onto the same fields."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings

from communities.core.forms import GovukDateField, GovukForm, GovukModelForm
from communities.people.models import HowGiven
from communities.places.models import Ward
from communities.places.services import PlaceNotFound, PostcodeError, locate

from . import needs as needs_codes
from .areas import Area
from .models import CallOutcome, DataHolder

_SPLIT = re.compile(r"[\s,;]+")


def ward_choices() -> list[tuple[str, str]]:
    return list(Ward.objects.filter(council_id=settings.COUNCIL_CODE).order_by("name").values_list("code", "name"))


class EntryForm(GovukForm):
    needs = forms.MultipleChoiceField(
        label="What do they need in an emergency?", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Anyone aged 66 or over is added as over state pension age.")
    language = forms.CharField(label="Language or communication support (if needed)", required=False, max_length=100)
    address_line = forms.CharField(label="Address (first line)", required=False, max_length=200,
                                   widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    postcode = forms.CharField(label="Postcode", max_length=10, error_messages={"required": "Enter their postcode"},
                               widget=forms.TextInput(attrs={"autocomplete": "postal-code"}))
    phone = forms.CharField(label="Their phone number", required=False, max_length=30,
                            widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
    contact_name = forms.CharField(label="Who should we call if we cannot reach them?", required=False,
                                   max_length=200, help_text="A relative, neighbour or carer")
    contact_relationship = forms.CharField(label="Their relationship", required=False, max_length=100)
    contact_phone = forms.CharField(label="Their phone number", required=False, max_length=30,
                                    widget=forms.TextInput(attrs={"type": "tel"}))
    notes = forms.CharField(label="Anything a responder should know", required=False, max_length=2000,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="For example: keys with the neighbour at number 12. No medical detail.")
    how_given = forms.ChoiceField(label="How did they agree to be on the register?", choices=HowGiven.choices,
                                  widget=forms.RadioSelect,
                                  error_messages={"required": "Select how they agreed to be on the register"})
    given_by_name = forms.CharField(label="Name and relationship of who agreed for them (if not themselves)",
                                    required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = needs_codes.choices()

    def details(self) -> dict:
        data = self.cleaned_data
        return {k: data.get(k, "") for k in ("language", "notes", "address_line", "phone", "contact_name",
                                             "contact_relationship", "contact_phone")}


class PersonSearchForm(GovukForm):
    q = forms.CharField(label="Name or postcode", max_length=100,
                        error_messages={"required": "Enter a name or postcode"})


class RemoveForm(GovukForm):
    reason = forms.CharField(label="Why are they coming off the register?", max_length=500,
                             error_messages={"required": "Say why they are coming off the register"})


class HolderForm(GovukModelForm):
    reviewed_on = GovukDateField(label="When was this last checked with them?", noun="The date checked", in_past=True)
    needs = forms.MultipleChoiceField(label="Needs their list covers", required=False,
                                      widget=forms.CheckboxSelectMultiple)
    ward_codes = forms.MultipleChoiceField(label="Wards they cover (none for the whole borough)", required=False,
                                           widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = DataHolder
        fields = ["name", "kind", "holds", "needs", "protocol", "trigger", "ward_codes", "contact_name",
                  "contact_phone", "contact_email", "reviewed_on", "active"]
        widgets = {"kind": forms.RadioSelect, "holds": forms.Textarea(attrs={"rows": 3}),
                   "protocol": forms.Textarea(attrs={"rows": 3}), "trigger": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].choices = needs_codes.choices()
        self.fields["ward_codes"].choices = ward_choices()


def _codes(text: str) -> tuple[str, ...]:
    return tuple(part for part in _SPLIT.split(text or "") if part)


def _postcodes(text: str) -> tuple[str, ...]:
    """One postcode a line (or separated by commas); a space inside a postcode is kept."""
    return tuple(line.strip() for line in re.split(r"[\n,;]+", text or "") if line.strip())


class DeclareForm(GovukForm):
    name = forms.CharField(label="Name of the incident", max_length=200,
                           help_text="For example: Amber heat alert, Stockton town centre, 14 July")
    ward_codes = forms.MultipleChoiceField(label="Wards", required=False, widget=forms.CheckboxSelectMultiple)
    lsoa_codes = forms.CharField(label="LSOA codes", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                                 help_text="Separated by spaces or commas, for example E01012187")
    postcodes = forms.CharField(label="Postcodes", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                                help_text="One a line, for streets affected by a power cut or flood")
    centre_postcode = forms.CharField(label="Radius from a postcode: the postcode", required=False, max_length=10)
    centre_latitude = forms.FloatField(label="Or the centre's latitude", required=False)
    centre_longitude = forms.FloatField(label="and longitude", required=False)
    radius_km = forms.FloatField(label="Radius in kilometres", required=False, min_value=0.01, max_value=50)
    cohorts = forms.MultipleChoiceField(
        label="Call these people first", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to call everyone in the area in order of need")
    exercise = forms.BooleanField(label="This is an exercise (nothing is sent to anyone)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ward_codes"].choices = ward_choices()
        self.fields["cohorts"].choices = needs_codes.choices()

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("centre_latitude"), data.get("centre_longitude")
        if data.get("centre_postcode"):
            try:
                where = locate(data["centre_postcode"])
            except (PostcodeError, PlaceNotFound) as exc:
                self.add_error("centre_postcode", str(exc))
                return data
            latitude, longitude = where.latitude, where.longitude
        data["area"] = Area(ward_codes=tuple(data.get("ward_codes") or ()),
                            lsoa_codes=_codes(data.get("lsoa_codes", "")),
                            postcodes=_postcodes(data.get("postcodes", "")),
                            centre_latitude=latitude, centre_longitude=longitude, radius_km=data.get("radius_km"))
        for field, message in data["area"].errors().items():  # all at once, with the other fields' errors
            self.add_error(field if field in self.fields else None, message)
        return data


class ResponderForm(GovukForm):
    membership = forms.ChoiceField(label="Member of staff or volunteer",
                                   error_messages={"required": "Choose who will respond"})

    def __init__(self, *args, memberships=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.memberships = {str(m.pk): m for m in memberships}
        self.fields["membership"].choices = [("", "Choose someone")] + [
            (str(m.pk), f"{m.user.full_name or m.user.email} – {m.get_role_display()}, {m.organisation}")
            for m in memberships]


class OutcomeForm(GovukForm):
    outcome = forms.ChoiceField(label="What happened?", choices=CallOutcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select what happened"})
    help_needed = forms.CharField(label="If they need help: what help?", required=False, max_length=2000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    note = forms.CharField(label="Note (optional)", required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
