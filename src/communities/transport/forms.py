"""Forms of the Volunteer Driver Service. Each only reads the input; the services decide and explain refusals."""

from __future__ import annotations

from django import forms

from communities.core.forms import GovukDateField, GovukForm, time_field
from communities.people.models import HowGiven, LawfulBasis

from .models import CancelledBy, ComplianceKind, ExceptionKind, Purpose, Status


class PassengerForm(GovukForm):
    no_suitable_public_transport = forms.BooleanField(label="There is no suitable public transport for them",
                                                      required=False)
    mobility_needs = forms.BooleanField(label="They have mobility needs", required=False)
    mobility_detail = forms.CharField(label="What the driver needs to know about their mobility", max_length=300,
                                      required=False)
    wheelchair_user = forms.BooleanField(label="They travel in their wheelchair", required=False)
    escort_needed = forms.BooleanField(label="They travel with a carer or escort", required=False)
    eligibility_note = forms.CharField(label="Notes on eligibility", required=False, max_length=2000,
                                       widget=forms.Textarea(attrs={"rows": 2}))
    home_address = forms.CharField(label="Home address", max_length=300, help_text="House and street")
    home_postcode = forms.CharField(label="Home postcode", max_length=10,
                                    widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))
    lawful_basis = forms.ChoiceField(label="Lawful basis", choices=LawfulBasis.choices, initial=LawfulBasis.CONSENT,
                                     required=False, help_text="Only if no consent for transport is recorded yet")
    how_given = forms.ChoiceField(label="How did they agree to the scheme holding their details?",
                                  choices=[("", "Consent already recorded"), *HowGiven.choices], required=False)

    ELIGIBILITY = ("no_suitable_public_transport", "mobility_needs", "mobility_detail", "wheelchair_user",
                   "escort_needed", "eligibility_note")

    def eligibility(self) -> dict:
        return {key: self.cleaned_data[key] for key in self.ELIGIBILITY}

    def consent(self) -> dict | None:
        if not self.cleaned_data["how_given"]:
            return None
        return {"lawful_basis": self.cleaned_data["lawful_basis"] or LawfulBasis.CONSENT,
                "how_given": self.cleaned_data["how_given"]}


class AddressForm(GovukForm):
    label = forms.CharField(label="Name of the place", max_length=60, help_text="Like: the surgery, the lunch club")
    address = forms.CharField(label="Address", max_length=300)
    postcode = forms.CharField(label="Postcode", max_length=10,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}))


class BookingForm(GovukForm):
    service_date = GovukDateField(label="Date of the journey", noun="The date of the journey")
    purpose = forms.ChoiceField(label="What is the journey for?", choices=Purpose.choices, widget=forms.RadioSelect)
    purpose_detail = forms.CharField(label="Where or what, in a few words", max_length=200, required=False)
    pickup = forms.ChoiceField(label="Pick up from")
    dropoff = forms.ChoiceField(label="Take to")
    earliest_pickup = time_field("Earliest pickup time")
    latest_pickup = time_field("Latest pickup time")
    appointment_at = time_field("Must arrive by", required=False, help_text="For an appointment; 24-hour clock")
    return_earliest = time_field("Return: earliest pickup", required=False,
                                 help_text="Leave empty for a single journey")
    return_latest = time_field("Return: latest pickup", required=False)
    escort_count = forms.IntegerField(label="Escorts travelling with them", min_value=0, max_value=3, initial=0,
                                      widget=forms.TextInput(attrs={"class": "govuk-input--width-2",
                                                                    "inputmode": "numeric"}))
    notes = forms.CharField(label="Notes for the driver", max_length=300, required=False,
                            help_text="Door code, which entrance. Not health details.")
    every_week = forms.BooleanField(label="Book this journey every week on the same day", required=False)
    ends_on = GovukDateField(label="Last week (for a weekly booking)", noun="The last week", required=False)

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a place")] + [(str(a.pk), f"{a.label}: {a.address}, {a.postcode}")
                                              for a in addresses]
        self.fields["pickup"].choices = choices
        self.fields["dropoff"].choices = choices


class SkipWeekForm(GovukForm):
    on = GovukDateField(label="Which week's journey does not happen?", noun="The date")
    reason = forms.CharField(label="Why", max_length=200, required=False)


class OutcomeForm(GovukForm):
    seen_status = forms.CharField(widget=forms.HiddenInput)
    outcome = forms.ChoiceField(label="What happened?", widget=forms.RadioSelect, choices=[
        (Status.COMPLETED, "Done: the passenger travelled"), (Status.NO_SHOW, "The passenger was not there"),
        (Status.CANCELLED_LATE, "Cancelled on the day"), (Status.CANCELLED, "Cancelled in good time")])
    cancelled_by = forms.ChoiceField(label="Who cancelled?", choices=[("", "Not cancelled"), *CancelledBy.choices],
                                     required=False)
    miles_driven = forms.DecimalField(label="Miles driven for this trip", max_digits=6, decimal_places=1,
                                      required=False, help_text="From your home and back, for your mileage claim")
    volunteer_minutes = forms.IntegerField(label="Minutes the trip took you", required=False, min_value=0,
                                           max_value=720)
    note = forms.CharField(label="Anything the coordinator should know", max_length=300, required=False)


class TurnAwayForm(GovukForm):
    reason = forms.CharField(label="Why can the scheme not do this trip?", max_length=300,
                             help_text="Say what was offered instead: another day, another service")


class DriverForm(GovukForm):
    user = forms.ChoiceField(label="Volunteer", help_text="Members with the volunteer driver role")
    home_postcode = forms.CharField(label="Home postcode", max_length=10, help_text="Where their trips start")
    phone = forms.CharField(label="Phone", max_length=30, required=False)

    def __init__(self, *args, users=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [("", "Choose a volunteer")] + [(str(u.pk), str(u)) for u in users]


class VehicleForm(GovukForm):
    registration = forms.CharField(label="Registration", max_length=10)
    description = forms.CharField(label="Make, model and colour", max_length=100, required=False)
    seats = forms.IntegerField(label="Passenger seats", min_value=1, max_value=16)
    wheelchair_spaces = forms.IntegerField(label="Wheelchair spaces", min_value=0, max_value=4, initial=0)
    first_registered = GovukDateField(label="Date of first registration", noun="The date of first registration",
                                      help_text="From the V5C. An MOT is needed from the third anniversary.")
    owner = forms.ChoiceField(label="Whose car is it?", required=False)

    def __init__(self, *args, drivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].choices = [("", "The scheme's own vehicle")] + [(str(d.pk), d.name) for d in drivers]


class AvailabilityForm(GovukForm):
    slots = forms.CharField(
        label="When are they free each week?", widget=forms.Textarea(attrs={"rows": 7}), required=False,
        help_text="One line each: day, start and end, like 'Tuesday 09:00-13:00'. Empty: no regular times.")


class ExceptionForm(GovukForm):
    kind = forms.ChoiceField(label="What kind of change?", choices=ExceptionKind.choices, widget=forms.RadioSelect)
    first_day = GovukDateField(label="First day", noun="The first day")
    last_day = GovukDateField(label="Last day", noun="The last day")
    starts = time_field("From", required=False, help_text="Leave empty for whole days")
    ends = time_field("Until", required=False, help_text="Leave empty for whole days")
    reason = forms.CharField(label="Reason", max_length=200, required=False)


class ComplianceForm(GovukForm):
    kind = forms.ChoiceField(label="Which check?", choices=ComplianceKind.choices, widget=forms.RadioSelect)
    checked_on = GovukDateField(label="Date checked", noun="The date checked")
    expires_on = GovukDateField(label="Expiry or renewal date", noun="The expiry date", required=False,
                                help_text="Empty: the scheme's renewal period for this check applies")
    reference = forms.CharField(label="Certificate number or policy reference", max_length=60, required=False)
    share_code_made_on = GovukDateField(label="DVLA check: date the driver made the share code",
                                        noun="The date of the share code", required=False)
    vehicle = forms.ChoiceField(label="MOT: which vehicle?", required=False)

    def __init__(self, *args, vehicles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vehicle"].choices = [("", "Not a vehicle check")] + [(str(v.pk), str(v)) for v in vehicles]


class ClaimForm(GovukForm):
    trips = forms.MultipleChoiceField(label="Trips to claim for", widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Choose at least one trip to claim for"})

    def __init__(self, *args, trips=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["trips"].choices = [
            (str(t.pk), f"{t.service_date:%d %b %Y} {t.reference}: {t.miles_driven} miles") for t in trips]


class DecisionForm(GovukForm):
    approve = forms.ChoiceField(label="Decision", widget=forms.RadioSelect,
                                choices=[("yes", "Approve for payment"), ("no", "Do not approve")])
    note = forms.CharField(label="Note to the driver", max_length=300, required=False)


class RateForm(GovukForm):
    applies_from = GovukDateField(label="Applies from", noun="The date the rates apply from")
    car_pence_per_mile = forms.DecimalField(label="Cars and vans, pence per mile (first band)", max_digits=5,
                                            decimal_places=2)
    car_pence_after_band = forms.DecimalField(label="Cars and vans, pence per mile after the band", max_digits=5,
                                              decimal_places=2)
    band_miles = forms.IntegerField(label="Miles in the first band, per tax year", initial=10000)
    passenger_pence_per_mile = forms.DecimalField(label="Passenger payment, pence per passenger per mile",
                                                  max_digits=5, decimal_places=2)
    source = forms.CharField(label="Source", max_length=300, help_text="The HMRC page or announcement")
    source_url = forms.URLField(label="Web address of the source", required=False, assume_scheme="https")
    source_read_on = GovukDateField(label="Date you read the source", noun="The date you read the source")


class DayForm(GovukForm):
    day = GovukDateField(label="Day", noun="The day", required=False)


class NewPassengerForm(PassengerForm):
    """A caller with no record yet: their name, date of birth and phone as well."""

    first_name = forms.CharField(label="First name", max_length=100)
    last_name = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", noun="Date of birth", required=False, in_past=True)
    phone = forms.CharField(label="Phone", max_length=30, required=False, help_text="For the driver on the day")

    field_order = ["first_name", "last_name", "date_of_birth", "phone"]
