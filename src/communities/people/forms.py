from django import forms

from communities.core.forms import GovukDateField, GovukForm, GovukModelForm
from communities.places.forms import clean_postcode_value

from .models import AssignmentKind, Person, ReviewOutcome

DATE_OF_BIRTH_HINT = "For example, 27 3 1950"


class PersonForm(GovukModelForm):
    date_of_birth = GovukDateField(label="Date of birth", required=False, in_past=True, help_text=DATE_OF_BIRTH_HINT)

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
        error_messages = {
            "first_name": {"required": "Enter the person’s first name"},
            "last_name": {"required": "Enter the person’s last name"},
        }

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data.get("postcode", ""), required=False)


class NewPersonForm(PersonForm):
    involvement_reason = forms.CharField(
        label="Why is your organisation supporting this person?", max_length=200,
        help_text="For example: referral for befriending. "
        "This is recorded as the reason your organisation can see the record.",
        error_messages={"required": "Enter why your organisation is supporting this person"},
    )


class BreakGlassForm(GovukForm):
    last_name = forms.CharField(label="Last name", max_length=100,
                                error_messages={"required": "Enter the person’s last name"})
    date_of_birth = GovukDateField(label="Date of birth", in_past=True, help_text=DATE_OF_BIRTH_HINT)
    reason = forms.CharField(
        label="Why do you need to see this record now?", widget=forms.Textarea,
        help_text="Administrators review every emergency access. Give enough detail for them to understand it.",
        error_messages={"required": "Enter why you need to see this record now"},
    )


class SearchForm(GovukForm):
    q = forms.CharField(label="Search by name or postcode", required=False, max_length=100)


class AssignmentForm(GovukForm):
    """Match a volunteer or driver of the organisation with a person, until a given day (inclusive)."""

    assignee = forms.TypedChoiceField(
        label="Volunteer or driver", coerce=int, empty_value=None,
        error_messages={"required": "Select a volunteer or driver", "invalid_choice": "Select a volunteer or driver"},
    )
    kind = forms.ChoiceField(label="What for", choices=AssignmentKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Select what the assignment is for"})
    reason = forms.CharField(
        label="What will they do?", max_length=200,
        help_text="For example: weekly befriending call. They will see this.",
        error_messages={"required": "Enter what the volunteer or driver will do"},
    )
    until = GovukDateField(label="Until when?", noun="The last day", not_before_today=True,
                           help_text="They can see the person's name, phone number and postcode until the end of this "
                           "day. For example, 27 3 2027")

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].choices = [("", "Choose someone")] + [
            (user.pk, f"{user.full_name or user.email} ({role})") for user, role in members
        ]


class ReviewForm(GovukForm):
    outcome = forms.ChoiceField(
        label="Was this emergency access appropriate?", choices=ReviewOutcome.choices, widget=forms.RadioSelect,
        error_messages={"required": "Select whether the access was appropriate"},
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea, max_length=2000,
        help_text="What you checked and, if it was not appropriate, what you have done about it.",
        error_messages={"required": "Enter a note about your review"},
    )
