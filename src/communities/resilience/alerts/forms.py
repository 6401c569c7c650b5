"""Forms for weather-health alerts: a CAP 1.2 file, or an alert typed in from UKHSA's page or email. The rules (area in
the council, dates in order, duplicates) live in the services, whose errors come back onto these fields."""

from __future__ import annotations

from django import forms
from django.conf import settings

from communities.core.forms import GovukDateField, GovukForm
from communities.core.uploads import size_words
from communities.places.models import Ward
from communities.places.services import current_council

from . import alert_types
from .cap import MAX_BYTES

DATE_HINT = "For example, 15 7 2026"


class CapUploadForm(GovukForm):
    file = forms.FileField(label="CAP 1.2 alert file (XML)",
                           help_text=f"The alert as a CAP 1.2 XML file, at most {size_words(MAX_BYTES)}")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(f"The file must be at most {size_words(MAX_BYTES)}")
        return upload


def area_choices() -> list[tuple[str, str]]:
    council = current_council()
    whole = [(settings.COUNCIL_CODE, f"The whole of {council.name if council else 'the council'}")]
    return whole + list(Ward.objects.filter(council_id=settings.COUNCIL_CODE).values_list("code", "name"))


class AlertByHandForm(GovukForm):
    hazard = forms.ChoiceField(label="Type of alert", widget=forms.RadioSelect, choices=())
    level = forms.ChoiceField(label="Level", widget=forms.RadioSelect, choices=(),
                              help_text="Amber and red open an incident for the people most at risk")
    area_codes = forms.MultipleChoiceField(label="Where it applies", widget=forms.CheckboxSelectMultiple, choices=(),
                                           help_text="UKHSA alerts are for a region: choose the whole council if "
                                                     "our region is named")
    starts_on = GovukDateField(label="Start date", noun="The start date", help_text=DATE_HINT)
    ends_on = GovukDateField(label="End date (optional)", noun="The end date", required=False, help_text=DATE_HINT)
    headline = forms.CharField(label="Headline", max_length=300,
                               help_text="As UKHSA wrote it, for example 'Amber heat-health alert for the North East'")
    description = forms.CharField(label="What the alert says (optional)", widget=forms.Textarea, required=False,
                                  max_length=5000)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hazard"].choices = alert_types.hazard_choices()
        self.fields["level"].choices = alert_types.level_choices()
        self.fields["area_codes"].choices = area_choices()
