from __future__ import annotations

from django import forms
from django.conf import settings

from communities.core.forms.errors import GovukModelForm
from communities.places.models import LSOA

from .models import Neighbourhood


class NeighbourhoodForm(GovukModelForm):
    lsoas = forms.ModelMultipleChoiceField(
        queryset=LSOA.objects.none(), widget=forms.CheckboxSelectMultiple, label="LSOAs in this neighbourhood",
        help_text="Choose at least two 2021 LSOAs.",
    )

    class Meta:
        model = Neighbourhood
        fields = ["name", "description", "lsoas", "public"]
        labels = {"public": "Show this neighbourhood's public profile"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lsoas"].queryset = LSOA.objects.filter(council_id=settings.COUNCIL_CODE).order_by("name")
        self.fields["lsoas"].label_from_instance = lambda lsoa: f"{lsoa.name} ({lsoa.code}), {lsoa.ward.name}"

    def clean_lsoas(self):
        lsoas = self.cleaned_data["lsoas"]
        if len(lsoas) < 2:
            raise forms.ValidationError("Choose at least two LSOAs")
        return lsoas
