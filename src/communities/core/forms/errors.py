"""GOV.UK error messages for required fields: say what to do, never "This field is required." (issue 19).

Pattern: https://design-system.service.gov.uk/components/error-message/ (read 2026-12-07): "Enter your full name",
"Select if you have a passport", "Select the file". A field that names its own ``error_messages["required"]`` keeps
it; every other required field gets one made from its label by ``required_message``. Forms inherit ``GovukForm`` or
``GovukModelForm`` (or put ``GovukFormMixin`` first in their bases).
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

DJANGO_REQUIRED = forms.Field.default_error_messages["required"]

_CHOICES = (forms.ChoiceField, forms.ModelChoiceField, forms.ModelMultipleChoiceField, forms.BooleanField)
_PICKED = (*_CHOICES, forms.FileField)


def _lower_first(text: str) -> str:
    if len(text) > 1 and text[1].isupper():  # an abbreviation such as "UPRN" or "CSV file"
        return text
    return text[:1].lower() + text[1:]


def required_message(field: forms.Field, name: str = "") -> str:
    """What to tell someone who left ``field`` empty: "Enter …" for typing, "Select …" for choosing or a file."""
    label = str(field.label or name.replace("_", " ")).strip().rstrip("?:").strip()
    if label.endswith(", £"):
        label = label.removesuffix(", £")
    if label.lower().startswith(("what ", "which ", "who ", "how ", "when ", "why ", "where ", "is ", "are ",
                                 "does ", "do ", "has ", "have ", "was ")):
        verb = "Select" if isinstance(field, _CHOICES) else "Enter"
        return f"{verb} an answer to ‘{label}?’"
    if isinstance(field, forms.BooleanField):
        return f"Select ‘{label}’ to continue"
    if isinstance(field, _PICKED):
        return f"Select {_lower_first(label)}"
    return f"Enter {_lower_first(label)}"


def set_required_messages(form: forms.BaseForm) -> None:
    """Give each of ``form``'s fields that still has Django's generic message a GOV.UK one (fields are per form)."""
    for name, field in form.fields.items():
        if str(field.error_messages.get("required", DJANGO_REQUIRED)) == str(DJANGO_REQUIRED):
            field.error_messages = {**field.error_messages, "required": required_message(field, name)}


class GovukFormMixin:
    """Required fields' messages in GOV.UK style (see module docstring). Put it before the Django form class.
    ``required_messages`` ({field name: message}) words them for a form whose fields are defined elsewhere (allauth)."""

    required_messages: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, message in self.required_messages.items():
            if name in self.fields:
                field = self.fields[name]
                field.error_messages = {**field.error_messages, "required": message}
        set_required_messages(self)


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    """Put an action function's ``ValidationError`` on the form: each field's messages on that field, or above the
    form when the form has no such field (or the error names none)."""
    if hasattr(exc, "error_dict"):
        for field, messages in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, exc.messages)
