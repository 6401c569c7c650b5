"""Issue 19, accessibility: no form says "This field is required."; each required field says what to do (GOV.UK).

Every Form and ModelForm class of the rooms' ``forms.py`` modules (and the forms they build on) is built with empty
data (with what its constructor needs) and validated; none may answer Django's generic message. The Django admin's
own forms (``admin.py``, for platform administrators) keep the admin's wording and are not walked.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.utils.module_loading import import_string

from communities.core.forms import GovukDateField, required_message
from communities.core.forms.errors import DJANGO_REQUIRED

SRC = Path(__file__).resolve().parents[2] / "src" / "communities"
# The household check's two forms belong to the money check's own rework (issue 19, item 3): listed, not skipped
# silently; the test below fails if either of them starts or stops showing the generic message unexpectedly.
OWNED_ELSEWHERE: set[str] = set()  # forms left out of the walk on purpose (none now)


def project_form_classes() -> list[type[forms.BaseForm]]:
    # Every room's forms.py, nested rooms too (transport.planning, resilience.alerts).
    modules = {".".join(path.relative_to(SRC.parent).with_suffix("").parts) for path in SRC.rglob("forms.py")}
    for module in modules:
        importlib.import_module(module)
    found, todo = set(), [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__ in modules:
                found.add(sub)
    configured = [*settings.ACCOUNT_FORMS.values(), *settings.MFA_FORMS.values()]  # the sign-in pages' forms
    assert all(import_string(path) in found for path in configured), configured
    return sorted(found, key=lambda c: f"{c.__module__}.{c.__qualname__}")


def _first_characteristic():
    from communities.impact.characteristics import characteristics

    return characteristics()[0]


def constructor_kwargs(cls, personas, council) -> dict:
    from communities.organisations.models import Organisation

    name = cls.__name__
    kwargs = {
        "InviteForm": {"organisation": council, "inviter": personas["admin"]},
        "SwitchOrganisationForm": {"organisations": Organisation.objects.all()},
        "AssignmentForm": {"members": [(personas["volunteer"], "Volunteer")]},
        "AcceptInvitationForm": {"email": "new@example.org"},
        "LimitedAuthenticateForm": {"user": personas["officer"]},
        "LimitedReauthenticateForm": {"user": personas["officer"]},
        "ChangePasswordForm": {"user": personas["officer"]},
        "SetPasswordForm": {"user": personas["officer"]},
        "PasswordReauthenticateForm": {"user": personas["officer"]},
        "PasswordResetForm": {"user": personas["officer"], "temp_key": "key"},
        "WhatIfForm": {"members": [{"age": 40, "relationship": "adult"}], "year": 2025},
        "ConsiderationForm": {"characteristic": _first_characteristic()},
    }.get(name, {})
    accepted = inspect.signature(cls.__init__).parameters  # the tax year is new to WhatIfForm (issue 19)
    return {key: value for key, value in kwargs.items() if key != "year" or key in accepted}


def required_errors(form) -> list[str]:
    form.is_valid()
    return [f"{name}: {error}" for name, errors in form.errors.items() for error in errors]


@pytest.mark.django_db
def test_no_project_form_says_this_field_is_required(personas, council):
    generic, specific, built = [], [], []
    for cls in project_form_classes():
        qualified = f"{cls.__module__}.{cls.__qualname__}"
        form = cls(data={}, **constructor_kwargs(cls, personas, council))
        built.append(qualified)
        errors = required_errors(form)
        bad = [error for error in errors if error.endswith(str(DJANGO_REQUIRED))]
        if qualified in OWNED_ELSEWHERE:
            continue
        generic += [f"{qualified} {error}" for error in bad]
        specific += errors
    assert len(built) >= 25, built  # the walk did find the project's forms
    assert specific, "no form had a required field: the walk is not checking anything"
    assert not generic, "Forms still saying 'This field is required.':\n" + "\n".join(generic)


def test_messages_say_what_to_do():
    assert required_message(forms.CharField(label="Last name")) == "Enter last name"
    assert required_message(forms.ChoiceField(label="Role")) == "Select role"
    assert required_message(forms.FileField(label="CSV file")) == "Select CSV file"
    assert required_message(forms.ChoiceField(label="What happened?")) == "Select an answer to ‘What happened?’"
    assert GovukDateField(label="Date of birth").error_messages["required"] == "Enter date of birth"


def test_a_field_keeps_its_own_message():
    from communities.core.forms import GovukForm

    class F(GovukForm):
        name = forms.CharField(label="Name", error_messages={"required": "Enter the person’s name"})
        role = forms.ChoiceField(label="Role", choices=[("a", "A")])

    form = F(data={})
    assert form.errors == {"name": ["Enter the person’s name"], "role": ["Select role"]}


@pytest.mark.django_db
def test_every_date_in_a_form_is_a_govuk_date_input(personas, council):
    """No project form asks for a date in one box (year-month-day); each uses the GOV.UK date input."""
    single_box = []
    for cls in project_form_classes():
        if f"{cls.__module__}.{cls.__qualname__}" in OWNED_ELSEWHERE:
            continue
        form = cls(**constructor_kwargs(cls, personas, council))
        single_box += [f"{cls.__qualname__}.{name}" for name, field in form.fields.items()
                       if isinstance(field, forms.DateField | forms.DateTimeField)]
    assert not single_box, f"dates typed in one box: {single_box}"


@pytest.mark.django_db
def test_the_sign_in_and_password_reset_pages_say_what_to_do(client):
    page = client.post("/accounts/login/", {}).content.decode()
    assert 'href="#id_login">Enter your email address</a>' in page
    assert 'href="#id_password">Enter your password</a>' in page
    page = client.post("/accounts/password/reset/", {}).content.decode()
    assert "Enter your email address" in page and str(DJANGO_REQUIRED) not in page
