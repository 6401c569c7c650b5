from django import forms

from communities.core.forms import GovukDateField, GovukForm, GovukModelForm
from communities.places.forms import clean_postcode_value

from .models import (
    AssignmentKind,
    Channel,
    ConsentPurpose,
    Household,
    HowGiven,
    LawfulBasis,
    Person,
    ReviewOutcome,
    SpecialCategoryCondition,
)
from .models.hub import need_choices

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
    # Set once the possible duplicates have been shown; then a reason for a new record is needed.
    duplicates_checked = forms.BooleanField(required=False, widget=forms.HiddenInput)
    new_record_reason = forms.CharField(
        label="Why do you still need a new record?", required=False, max_length=500, widget=forms.Textarea,
        help_text="For example: the organisation holding the other record confirmed it is a different person. "
        "This is recorded.",
    )

    def __init__(self, *args, duplicates_shown: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not duplicates_shown:
            del self.fields["new_record_reason"]


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
    q = forms.CharField(label="Search by name, postcode or postcode district", required=False, max_length=100,
                        help_text="For example, Smith, TS18 3FA or TS18")


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


class HouseholdForm(GovukModelForm):
    class Meta:
        model = Household
        fields = ["address_line", "postcode", "tenure"]
        labels = {"address_line": "Address (house number and street)", "postcode": "Postcode",
                  "tenure": "Do they own or rent their home?"}
        widgets = {"tenure": forms.RadioSelect}

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data.get("postcode", ""), required=False)


class HouseholdMemberForm(GovukForm):
    member = forms.TypedChoiceField(label="Who else lives here?", coerce=str, empty_value=None,
                                    error_messages={"required": "Select who lives here",
                                                    "invalid_choice": "Select who lives here"})

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "Choose someone")] + [
            (str(p.pk), f"{p} ({p.postcode or 'no postcode'})") for p in candidates
        ]


YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not asked")]


class ContactPreferencesForm(GovukForm):
    preferred_channels = forms.MultipleChoiceField(
        label="How do they prefer to be contacted?", choices=Channel.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
    )
    best_times = forms.CharField(label="Best times to contact them", required=False, max_length=200,
                                 help_text="For example: weekday mornings, not after 6pm")
    ok_to_leave_message = forms.ChoiceField(label="Is it all right to leave a message?", choices=YES_NO_UNKNOWN,
                                            required=False, widget=forms.RadioSelect)
    do_not_contact_by = forms.MultipleChoiceField(
        label="Do not contact them by", choices=Channel.choices, required=False,
        widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.",
    )

    def clean_ok_to_leave_message(self):
        return {"yes": True, "no": False}.get(self.cleaned_data.get("ok_to_leave_message") or "")


class CommunicationNeedForm(GovukForm):
    need = forms.ChoiceField(label="Communication or information need", error_messages={
        "required": "Select a communication need", "invalid_choice": "Select a communication need from the list"})
    language = forms.CharField(label="Language (for an interpreter)", required=False, max_length=100,
                               help_text="For example: Polish, Urdu")
    detail = forms.CharField(label="Anything else to know", required=False, max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].choices = [("", "Choose a need")] + need_choices()


class ConsentForm(GovukForm):
    purpose = forms.ChoiceField(label="What is it for?", choices=ConsentPurpose.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Select what the consent is for"})
    purpose_detail = forms.CharField(label="More about the purpose", required=False, max_length=500,
                                     help_text="For example: which service they agreed to be referred to")
    lawful_basis = forms.ChoiceField(label="Lawful basis (UK GDPR Article 6)", choices=LawfulBasis.choices,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Select the lawful basis"})
    special_category_condition = forms.ChoiceField(
        label="Condition for health or other special category information (UK GDPR Article 9)", required=False,
        choices=[("", "None: no special category information")] + SpecialCategoryCondition.choices,
    )
    how_given = forms.ChoiceField(label="How was it given?", choices=HowGiven.choices, widget=forms.RadioSelect,
                                  error_messages={"required": "Select how it was given"})
    given_on = GovukDateField(label="When was it given?", noun="The date it was given",
                              help_text="For example, 7 12 2026")
    given_by_name = forms.CharField(
        label="If someone else agreed for them: their name and relationship", required=False, max_length=200,
        help_text="Leave blank if the person agreed themselves.",
    )
    expires_on = GovukDateField(label="When does it end? (optional)", noun="The date it ends", required=False,
                                help_text="For example, 7 12 2027")


class WithdrawConsentForm(GovukForm):
    note = forms.CharField(label="What did they say, and how?", widget=forms.Textarea, max_length=2000,
                           error_messages={"required": "Enter how the consent was withdrawn"})


class MergeChoiceForm(GovukForm):
    duplicate = forms.ChoiceField(label="Which record is the same person?", widget=forms.RadioSelect,
                                  error_messages={"required": "Select the record to merge into this one"})

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duplicate"].choices = [
            (str(d.person.pk), f"{d.person}, born {d.person.date_of_birth or 'unknown'}, "
                               f"{d.person.postcode or 'no postcode'}") for d in candidates
        ]


class MergeConfirmForm(GovukForm):
    reason = forms.CharField(label="Why are these records the same person?", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Enter why these records are the same person"})
