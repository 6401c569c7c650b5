"""Forms of the daily plan pages: choose a day, change one trip (driver, lock), and the plan's version."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from communities.core.forms import GovukForm

DAYS_AHEAD = 14


class DayForm(GovukForm):
    day = forms.TypedChoiceField(label="Which day do you want to plan?", coerce=str,
                                 help_text="Planning takes about a minute. You can publish the plan when you are happy "
                                           "with it.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        days = [today + timedelta(days=n) for n in range(DAYS_AHEAD)]
        self.fields["day"].choices = [(d.isoformat(), f"{d:%A} {d.day} {d:%B %Y}") for d in days]
        self.fields["day"].initial = days[1].isoformat()


class VersionForm(GovukForm):
    """The plan version the coordinator saw: a change is refused if someone else changed the plan since."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class TripChangeForm(VersionForm):
    driver = forms.TypedChoiceField(label="Driver", coerce=str,
                                    help_text="The trip goes to the best place in this driver's run; no one else's "
                                              "trips move.")
    locked = forms.BooleanField(label="Keep this trip with this driver when the day is planned again", required=False)

    def __init__(self, *args, drivers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["driver"].choices = [("", "Choose a driver")] + [(str(d.pk), d.name) for d in drivers]


class LateBookingForm(VersionForm):
    trip = forms.UUIDField(widget=forms.HiddenInput)
