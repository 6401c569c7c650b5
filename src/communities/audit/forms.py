from django import forms

from .models import AuditEvent


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label="Who (email contains)", required=False, max_length=254)
    action = forms.ChoiceField(label="Action", required=False, choices=[("", "Any action"), *AuditEvent.Action.choices])
    object_type = forms.CharField(label="Record type (for example people.Person)", required=False, max_length=100)
    object_id = forms.CharField(label="Record id", required=False, max_length=64)
    date_from = forms.DateField(label="From (YYYY-MM-DD)", required=False)
    date_to = forms.DateField(label="To (YYYY-MM-DD)", required=False)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The ‘to’ date must be the same as or after the ‘from’ date")
        return cleaned
