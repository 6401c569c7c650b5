from django import forms

from communities.core.forms import GovukDateField, GovukForm

from .models import AuditEvent


class AuditSearchForm(GovukForm):
    actor = forms.CharField(label="Who (email contains)", required=False, max_length=254)
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *AuditEvent.Action.choices])
    object_type = forms.CharField(label="Record type (for example people.Person)", required=False, max_length=100)
    object_id = forms.CharField(label="Record id", required=False, max_length=64)
    date_from = GovukDateField(label="From", noun="The ‘from’ date", required=False, help_text="For example, 1 12 2026")
    date_to = GovukDateField(label="To", noun="The ‘to’ date", required=False, help_text="For example, 7 12 2026")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned
