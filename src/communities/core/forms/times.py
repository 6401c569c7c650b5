"""A time of day typed on the 24-hour clock (GOV.UK has no time component; a short text box with a hint is the
usual pattern), with messages that say what to type."""

from __future__ import annotations

from django import forms

TIME_HELP = "24-hour clock, like 09:30"


def time_field(label: str, required: bool = True, help_text: str = TIME_HELP) -> forms.TimeField:
    return forms.TimeField(label=label, required=required, help_text=help_text, input_formats=["%H:%M", "%H.%M"],
                           widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
                           error_messages={"invalid": f"Enter {label.lower()} as a 24-hour time, like 09:30",
                                           "required": f"Enter {label.lower()}"})
