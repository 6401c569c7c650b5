from allauth.account import forms as account_forms
from allauth.core import context
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from django import forms
from django.contrib.auth import password_validation

from communities.core.forms import GovukForm, GovukFormMixin


class AcceptInvitationForm(GovukForm):
    full_name = forms.CharField(label="Your full name", max_length=150)
    password1 = forms.CharField(
        label="Create a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 12 characters. Three random words is a good way to make a strong password.",
        error_messages={"required": "Enter a password"},
    )
    password2 = forms.CharField(
        label="Confirm your password", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Enter your password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match")
        elif p1:
            from .models import User

            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned


CODE_REQUIRED = "Enter the 6-digit code from your authenticator app, or one of your recovery codes"


class _LimitedCodeMixin:
    """allauth's second-factor form, with codes counted, audited and locked per account (accounts.second_factor)."""

    reauthentication = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        code = self.fields["code"]
        code.label = "Code"
        code.error_messages = {**code.error_messages, "required": CODE_REQUIRED}
        code.widget.attrs.pop("placeholder", None)

    def clean_code(self) -> str:
        from .second_factor import check_code

        code = self.cleaned_data["code"]
        outcome = check_code(self.user, code, request=context.request, reauthentication=self.reauthentication)
        if outcome.authenticator is None:
            raise forms.ValidationError(outcome.message, code="incorrect_code")
        self.authenticator = outcome.authenticator
        return code


class LimitedAuthenticateForm(_LimitedCodeMixin, AuthenticateForm):
    """MFA_FORMS["authenticate"]: the second step of signing in."""


class LimitedReauthenticateForm(_LimitedCodeMixin, ReauthenticateForm):
    """MFA_FORMS["reauthenticate"]: confirming it is you before a sensitive change."""

    reauthentication = True


# allauth's account forms (settings.ACCOUNT_FORMS) with GOV.UK messages for empty fields, not "This field is required."
NEW_PASSWORD = {"password1": "Enter a new password", "password2": "Enter the new password again"}


class SignInForm(GovukFormMixin, account_forms.LoginForm):
    required_messages = {"login": "Enter your email address", "password": "Enter your password"}


class PasswordResetRequestForm(GovukFormMixin, account_forms.ResetPasswordForm):
    required_messages = {"email": "Enter your email address"}


class PasswordResetForm(GovukFormMixin, account_forms.ResetPasswordKeyForm):
    required_messages = NEW_PASSWORD


class ChangePasswordForm(GovukFormMixin, account_forms.ChangePasswordForm):
    required_messages = {"oldpassword": "Enter your current password", **NEW_PASSWORD}


class SetPasswordForm(GovukFormMixin, account_forms.SetPasswordForm):
    required_messages = NEW_PASSWORD


class PasswordReauthenticateForm(GovukFormMixin, account_forms.ReauthenticateForm):
    required_messages = {"password": "Enter your password"}
