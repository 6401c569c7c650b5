from django import forms

from communities.core.forms import GovukForm

from .models import Role
from .roles import grantable_roles
from .services import SELF_INVITATION


class InviteForm(GovukForm):
    email = forms.EmailField(label="Email address", widget=forms.EmailInput(attrs={"autocomplete": "off"}),
                             error_messages={"required": "Enter their email address"})
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select a role"})

    def __init__(self, *args, organisation, inviter, **kwargs):
        """Only the roles ``inviter`` may give in ``organisation`` are offered (organisations/roles.py)."""
        super().__init__(*args, **kwargs)
        allowed = grantable_roles(organisation, inviter)
        self.fields["role"].choices = [(value, label) for value, label in Role.choices if value in allowed]
        self.inviter = inviter

    def clean_email(self):
        email = self.cleaned_data["email"]
        if email.strip().lower() == self.inviter.email.lower():
            raise forms.ValidationError(SELF_INVITATION)
        return email


class SwitchOrganisationForm(GovukForm):
    organisation = forms.ChoiceField(label="Which organisation are you working for now?", widget=forms.RadioSelect,
                                     error_messages={"required": "Select the organisation you are working for now"})

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(str(o.pk), o.name) for o in organisations]
