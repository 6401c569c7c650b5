from django import forms

from communities.places.forms import clean_postcode_value

from .models import Person


class PersonForm(forms.ModelForm):
    date_of_birth = forms.DateField(
        label="Date of birth", required=False, help_text="For example, 1950-03-27 (year-month-day)"
    )

    class Meta:
        model = Person
        fields = [
            "first_name", "last_name", "date_of_birth", "postcode", "phone", "email",
            "has_disability", "is_carer", "lives_alone", "notes",
        ]
        labels = {
            "first_name": "First name",
            "last_name": "Last name",
            "has_disability": "Has a disability or long-term condition",
            "is_carer": "Looks after someone (unpaid carer)", "lives_alone": "Lives alone",
        }

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data.get("postcode", ""), required=False)


class NewPersonForm(PersonForm):
    involvement_reason = forms.CharField(
        label="Why is your organisation supporting this person?", max_length=200,
        help_text="For example: referral for befriending. "
        "This is recorded as the reason your organisation can see the record.",
    )


class BreakGlassForm(forms.Form):
    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = forms.DateField(label="Date of birth", help_text="For example, 1950-03-27 (year-month-day)")
    reason = forms.CharField(
        label="Why do you need to see this record now?", widget=forms.Textarea,
        help_text="Administrators review every emergency access. Give enough detail for them to understand it.",
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search by name or postcode", required=False, max_length=100)
