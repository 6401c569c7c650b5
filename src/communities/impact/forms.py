"""Forms of the impact room. They check the shape of what was typed; the rules (dates in order, an area, mitigation for
a negative impact, who may sign off) live in ``services``, whose errors come back onto the same fields."""

from __future__ import annotations

import re

from django import forms

from communities.core.forms import GovukDateField, GovukForm
from communities.places.models import LSOA, Ward

from .characteristics import Characteristic, aims
from .models import EngagementMethod, Impact, ProposalKind

DATE_HINT = "For example, 27 3 2027"
LSOA_CODE = re.compile(r"E01\d{6}")
MAX_LSOAS = 200


class AssessmentForm(GovukForm):
    title = forms.CharField(label="Proposal", max_length=200, help_text="As the decision paper names it")
    kind = forms.ChoiceField(label="What kind of proposal is it?", choices=ProposalKind.choices,
                             widget=forms.RadioSelect)
    summary = forms.CharField(label="What is proposed, and why?", widget=forms.Textarea, max_length=5000)
    population = forms.CharField(label="Who does it affect?", widget=forms.Textarea, max_length=3000,
                                 help_text="Residents, people who use the service, staff, groups")
    wards = forms.ModelMultipleChoiceField(label="Wards affected", queryset=Ward.objects.all(), required=False,
                                           widget=forms.CheckboxSelectMultiple, help_text="Select all that apply.")
    lsoa_codes = forms.CharField(
        label="Other neighbourhoods (LSOA codes)", required=False, max_length=3000,
        help_text="Only if the proposal affects part of a ward: 2021 LSOA codes separated by commas, such as "
                  "E01012187")
    decision_maker = forms.CharField(label="Who makes the decision?", max_length=200,
                                     help_text="For example, Cabinet or the Director of Community Services")
    decision_on = GovukDateField(label="Decision date", noun="The decision date", help_text=DATE_HINT)
    review_on = GovukDateField(label="When will the assessment be reviewed?", noun="The review date",
                               help_text=DATE_HINT)

    def clean_lsoa_codes(self) -> list[LSOA]:
        codes = [c.strip().upper() for c in re.split(r"[\s,;]+", self.cleaned_data["lsoa_codes"]) if c.strip()]
        if len(codes) > MAX_LSOAS:
            raise forms.ValidationError(f"Enter at most {MAX_LSOAS} LSOA codes, or choose whole wards")
        bad = [c for c in codes if not LSOA_CODE.fullmatch(c)]
        if bad:
            raise forms.ValidationError(f"{', '.join(bad[:5])}: an LSOA code is E01 followed by 6 numbers")
        found = {lsoa.code: lsoa for lsoa in LSOA.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise forms.ValidationError(f"{', '.join(unknown[:5])}: not an LSOA of this council")
        return [found[c] for c in dict.fromkeys(codes)]

    def details(self) -> dict:
        return {k: self.cleaned_data[k] for k in ("title", "kind", "summary", "population", "decision_maker",
                                                  "decision_on", "review_on")}


class ConsiderationForm(GovukForm):
    what_we_know = forms.CharField(label="What do we know?", widget=forms.Textarea, required=False, max_length=5000,
                                   help_text="Your reading of the evidence above and any other evidence you have")
    people_told_us = forms.CharField(
        label="What have people told us?", widget=forms.Textarea, required=False, max_length=5000,
        help_text="A summary of the engagement log for this group. It is published: do not name anyone.")
    impact = forms.ChoiceField(label="What is the impact on this group?", choices=Impact.choices,
                               widget=forms.RadioSelect, required=False)
    impact_detail = forms.CharField(label="What does this mean for the group?", widget=forms.Textarea,
                                    required=False, max_length=5000)
    mitigation = forms.CharField(label="What can we do? (mitigation)", widget=forms.Textarea, required=False,
                                 max_length=5000, help_text="Needed when the impact is negative")

    def __init__(self, *args, characteristic: Characteristic, **kwargs):
        super().__init__(*args, **kwargs)
        for aim in aims():
            if aim.code in characteristic.aims:
                self.fields[f"aim_{aim.code}"] = forms.CharField(
                    label=f"{aim.label}: how does the proposal affect this aim?", widget=forms.Textarea,
                    required=False, max_length=5000, help_text=f"{aim.text} ({aim.source.split(',')[0]})")


class EngagementForm(GovukForm):
    held_on = GovukDateField(label="When?", noun="The date", help_text=DATE_HINT)
    who = forms.CharField(label="Who took part?", max_length=300,
                          help_text="A group and how many, such as 'Older people's forum, 14 members'")
    method = forms.ChoiceField(label="How were they asked?", choices=EngagementMethod.choices,
                               widget=forms.RadioSelect)
    said = forms.CharField(label="What did they say?", widget=forms.Textarea, max_length=10000)
    characteristic = forms.ChoiceField(label="Which group is it mostly about? (optional)", required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["characteristic"].choices = [("", "Several or all")] + list(groups)


class ActionForm(GovukForm):
    description = forms.CharField(label="What will be done?", widget=forms.Textarea, max_length=3000)
    owner = forms.CharField(label="Who owns it?", max_length=200,
                            help_text="A role or team, such as 'Head of Libraries'. It is published.")
    due_on = GovukDateField(label="By when?", noun="The date", help_text=DATE_HINT)
    characteristic = forms.ChoiceField(label="Which group is it for? (optional)", required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["characteristic"].choices = [("", "Several or all")] + list(groups)


class SignOffForm(GovukForm):
    decision = forms.ChoiceField(label="Your decision", widget=forms.RadioSelect, choices=[
        ("approve", "Sign it off"), ("send_back", "Send it back to the author")])
    note = forms.CharField(label="Note", widget=forms.Textarea, required=False, max_length=3000,
                           help_text="Needed when you send it back: what must change")


class ReassessForm(GovukForm):
    decision_on = GovukDateField(label="Decision date of the reassessment", noun="The decision date",
                                 help_text=DATE_HINT)
    review_on = GovukDateField(label="Review date", noun="The review date", help_text=DATE_HINT)
