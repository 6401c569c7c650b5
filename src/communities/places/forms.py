from django import forms

from .geo import PostcodeError, normalise_postcode


class PostcodeForm(forms.Form):
    postcode = forms.CharField(
        label="Postcode", max_length=10, help_text="For example, TS18 1AA",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def clean_postcode(self):
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except PostcodeError as exc:
            raise forms.ValidationError(str(exc)) from exc
