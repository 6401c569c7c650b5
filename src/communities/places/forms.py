from django import forms

from communities.core.forms import GovukForm

from .geo import PostcodeError, normalise_postcode


def clean_postcode_value(value: str, *, required: bool = True) -> str:
    """A form field's postcode in standard form ('ts181aa' -> 'TS18 1AA'), or a ValidationError saying what is wrong.
    With ``required=False`` an empty value is allowed and returned as ''."""
    value = (value or "").strip()
    if not value and not required:
        return ""
    try:
        return normalise_postcode(value)
    except PostcodeError as exc:
        raise forms.ValidationError(str(exc)) from exc


class PostcodeForm(GovukForm):
    postcode = forms.CharField(
        label="Postcode", max_length=10, help_text="For example, TS18 1AA",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data["postcode"])
