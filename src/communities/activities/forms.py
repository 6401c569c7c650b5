"""The public activities search (rendered with the govuk_forms tags)."""

from __future__ import annotations

from django import forms

from communities.core.forms import GovukForm
from communities.places.geo import PostcodeError

from .openactive import DAY_NAMES
from .search import DAYS, ActivityFilters

DAY_CHOICES = [("", "Any day")] + list(zip(DAYS, DAY_NAMES, strict=True))


class ActivitySearchForm(GovukForm):
    q = forms.CharField(label="Activity", required=False, max_length=100,
                        help_text="For example, swimming, walking football or chair-based exercise")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10,
                               help_text="To show the nearest first, for example TS18 1AA")
    day = forms.ChoiceField(label="Day", required=False, choices=DAY_CHOICES)
    age = forms.IntegerField(label="Age of the person taking part (optional)", required=False, min_value=0,
                             max_value=120)
    free = forms.BooleanField(label="Only show free activities", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = None

    def clean_postcode(self):
        value = self.cleaned_data.get("postcode", "").strip()
        if not value:
            return ""
        from communities.places.services import PlaceNotFound, locate

        try:
            self.place = locate(value)
        except (PostcodeError, PlaceNotFound) as exc:
            raise forms.ValidationError(str(exc)) from exc
        return self.place.postcode

    def filters(self) -> ActivityFilters:
        data = self.cleaned_data
        return filters_from(words=data.get("q", ""), day=data.get("day", ""), place=self.place,
                            age=data.get("age"), free=data.get("free", False))


def filters_from(*, words: str, day: str, place, age, free: bool) -> ActivityFilters:
    """Find help's own search (same words, day, postcode, age and free) asked of activities too."""
    return ActivityFilters(words=words or "", day=day or "", age=age, free_only=bool(free),
                           latitude=place.latitude if place else None, longitude=place.longitude if place else None)
