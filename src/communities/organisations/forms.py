from django import forms

from .models import Role


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off"}))
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect)


class SwitchOrganisationForm(forms.Form):
    organisation = forms.ChoiceField(label="Which organisation are you working for now?", widget=forms.RadioSelect)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]
