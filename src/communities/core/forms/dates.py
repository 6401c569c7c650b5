"""The GOV.UK date input (day, month and year boxes) as a Django form field, with the design system's error messages.

Pattern and messages: https://design-system.service.gov.uk/components/date-input/ (read 2026-12-07). A date shown
back to the user is always split into the same three boxes it is read from, so an unchanged form saves unchanged
(the single text box showed "27 Dec 1981" and then refused it: issue 12).
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

PARTS = ("day", "month", "year")


class DateInputWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric"}
        super().__init__({part: forms.TextInput(attrs=numeric) for part in PARTS}, attrs)

    def value_from_datadict(self, data, files, name):
        """The three boxes; or, when none of them was sent, one ISO date under the field's own name (``2026-12-07``,
        as links and scripts pass a date: the audit trail's CSV link, tests)."""
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            return data.get(name)
        return parts

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.Field):
    """A date typed as day, month and year. ``noun`` names the date in error messages ("Date of birth must ...")."""

    widget = DateInputWidget
    govuk_kind = "date"  # {% govuk_field %} renders it with includes/govuk_date_input.html

    def __init__(self, *, noun: str = "", in_past: bool = False, not_before_today: bool = False, **kwargs):
        super().__init__(**kwargs)
        self.noun = noun or str(self.label or "Date")
        self.in_past, self.not_before_today = in_past, not_before_today
        self.error_messages["required"] = f"Enter {self.noun[0].lower()}{self.noun[1:]}"

    def to_python(self, value):
        if isinstance(value, date) or value is None:
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError as exc:
                raise forms.ValidationError(f"{self.noun} must be a real date") from exc
        parts = [str(v if v is not None else "").strip() for v in value]
        if not any(parts):
            return None
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            raise forms.ValidationError(f"{self.noun} must include a {' and a '.join(missing)}")
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(f"{self.noun} must be a real date")
        if len(parts[2]) != 4:
            raise forms.ValidationError("Year must include 4 numbers")
        day, month, year = (int(part) for part in parts)
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise forms.ValidationError(f"{self.noun} must be a real date") from exc

    def validate(self, value):
        super().validate(value)
        today = timezone.localdate()
        if value and self.in_past and value >= today:
            raise forms.ValidationError(f"{self.noun} must be in the past")
        if value and self.not_before_today and value < today:
            raise forms.ValidationError(f"{self.noun} must be today or in the future")
