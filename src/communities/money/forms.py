"""Forms: the household check (one page: the household, then each person), what if, outcomes, upload, campaigns."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from communities.benefits.household import (
    AA_LEVELS,
    COUNCIL_TAX_BANDS,
    DLA_CARE_LEVELS,
    PIP_LEVELS,
    TENURES,
)
from communities.core.forms import GovukDateField, GovukForm, GovukModelForm
from communities.core.uploads import UploadRefused

from . import pay, upload
from .adapter import MONTHS_PER_YEAR, RELATIONSHIPS, WEEKS_PER_YEAR, build_household, served_years, tax_year_label
from .campaigns import CAMPAIGN_KINDS
from .models import Campaign, Outcome

TENURE_LABELS = {
    "social_rent_council": "Rents from the council",
    "social_rent_housing_association": "Rents from a housing association",
    "private_rent": "Rents privately",
    "owner_outright": "Owns the home outright",
    "owner_mortgage": "Owns the home with a mortgage",
}
LEVEL_LABELS = {"NONE": "None", "STANDARD": "Standard rate", "ENHANCED": "Enhanced rate", "LOWER": "Lower rate",
                "MIDDLE": "Middle rate", "HIGHER": "Higher rate"}
#: receiving field -> (benefit key, label, periods a year)
RECEIVING = {
    "receiving_universal_credit": ("universal_credit", "Universal Credit, £ a month", MONTHS_PER_YEAR),
    "receiving_pension_credit": ("pension_credit", "Pension Credit, £ a week", WEEKS_PER_YEAR),
    "receiving_housing_benefit": ("housing_benefit", "Housing Benefit, £ a week", WEEKS_PER_YEAR),
    "receiving_council_tax_reduction": ("council_tax_reduction", "Council Tax Reduction, £ a year", 1),
    "receiving_child_benefit": ("child_benefit", "Child Benefit, £ a week", WEEKS_PER_YEAR),
    "receiving_attendance_allowance": ("attendance_allowance", "Attendance Allowance, £ a week", WEEKS_PER_YEAR),
    "receiving_pip": ("pip", "Personal Independence Payment, £ a week", WEEKS_PER_YEAR),
    "receiving_carers_allowance": ("carers_allowance", "Carer's Allowance, £ a week", WEEKS_PER_YEAR),
}
PERIODS = {"week": WEEKS_PER_YEAR, "month": MONTHS_PER_YEAR, "year": 1}
PERIOD_CHOICES = [("week", "Weekly"), ("month", "Monthly"), ("year", "Yearly")]


def pounds(label: str, help_text: str = "", maximum: int = 10_000_000) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, help_text=help_text, required=False, min_value=0, max_value=maximum, decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _levels(levels) -> list[tuple[str, str]]:
    return [(x, LEVEL_LABELS[x]) for x in levels]


class CheckForm(GovukForm):
    year = forms.TypedChoiceField(label="Tax year", coerce=int, widget=forms.RadioSelect)
    tenure = forms.ChoiceField(label="Where do they live?", choices=[(k, TENURE_LABELS[k]) for k in TENURES])
    rent = pounds("Rent", "Leave blank if they own their home. Include service charges they pay to the landlord.")
    rent_period = forms.ChoiceField(label="Rent is paid", choices=PERIOD_CHOICES[:2], initial="month",
                                    widget=forms.RadioSelect)
    council_tax_band = forms.ChoiceField(label="Council tax band", choices=[(b, b) for b in COUNCIL_TAX_BANDS],
                                         initial="B")
    council_tax_per_year = pounds(
        "Council tax bill for the year, £", "After any discount, such as the 25% single person discount. "
        "Council Tax Reduction can only be worked out from the bill.")
    savings = pounds("Savings and investments, £", "Include the household's savings, shares and second properties.")
    epc_band = forms.ChoiceField(
        label="Energy performance (EPC) rating of the home", required=False,
        choices=[("", "Not known")] + [(b, b) for b in "ABCDEFG"],
        help_text="Used for Warm Homes and ECO4 Flex. Find it on the GOV.UK energy certificate register.",
    )
    couple_status = forms.ChoiceField(
        label="If they have a partner: are they married or in a civil partnership?", required=False,
        choices=[("married", "Married or in a civil partnership"), ("cohabiting", "Living together, not married")],
        widget=forms.RadioSelect,
        help_text="Only married couples and civil partners can share Marriage Allowance, which changes their tax "
                  "and so Universal Credit.")
    marriage_allowance = forms.ChoiceField(
        label="If married or civil partners: does one of them transfer Marriage Allowance to the other?",
        required=False, choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect,
        help_text="One partner gives £1,260 of their Personal Allowance to the other, who pays up to £252 a year "
                  "less tax. If you do not know, ask whether their tax code ends in M or N.")
    receiving_universal_credit = pounds(RECEIVING["receiving_universal_credit"][1])
    receiving_pension_credit = pounds(RECEIVING["receiving_pension_credit"][1])
    receiving_housing_benefit = pounds(RECEIVING["receiving_housing_benefit"][1])
    receiving_council_tax_reduction = pounds(RECEIVING["receiving_council_tax_reduction"][1])
    receiving_child_benefit = pounds(RECEIVING["receiving_child_benefit"][1])
    receiving_attendance_allowance = pounds(RECEIVING["receiving_attendance_allowance"][1])
    receiving_pip = pounds(RECEIVING["receiving_pip"][1])
    receiving_carers_allowance = pounds(RECEIVING["receiving_carers_allowance"][1])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, tax_year_label(y)) for y in served_years()]

    def household_fields(self):
        return [self[n] for n in ("tenure", "rent", "rent_period", "council_tax_band", "council_tax_per_year",
                                  "savings", "epc_band")]

    def receiving_fields(self):
        return [self[n] for n in RECEIVING]

    def couple_fields(self):
        return [self["couple_status"], self["marriage_allowance"]]

    def clean(self):
        data = super().clean()
        rented = data.get("tenure") in ("social_rent_council", "social_rent_housing_association", "private_rent")
        if data.get("rent") and not rented:
            self.add_error("rent", "Leave the rent blank for people who own their home")
        return data


class MemberForm(GovukForm):
    relationship = forms.ChoiceField(label="Who is this?", required=False,
                                     choices=[("", "Choose")] + list(RELATIONSHIPS.items()))
    age = forms.IntegerField(label="Age", required=False, min_value=0, max_value=120,
                             widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    in_education = forms.BooleanField(
        label="Aged 16 to 19 and in full-time education or training", required=False,
        help_text="At school or college up to A level or equivalent (not university), or on approved training such "
                  "as a traineeship, begun before 19. They then count as a child: Universal Credit child element and "
                  "Child Benefit, not a separate adult.")
    earnings = pounds("Earnings before tax, £ a month", "From a job or self-employment.")
    hours_per_week = forms.DecimalField(label="Hours worked a week", required=False, min_value=0, max_value=168,
                                        widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    state_pension = pounds("State Pension, £ a week")
    private_pension = pounds("Work or private pensions, £ a month")
    disabled = forms.BooleanField(label="Has a disability or long-term health condition", required=False)
    pip_daily_living = forms.ChoiceField(label="PIP daily living", choices=_levels(PIP_LEVELS), initial="NONE",
                                         required=False)
    pip_mobility = forms.ChoiceField(label="PIP mobility", choices=_levels(PIP_LEVELS), initial="NONE",
                                     required=False)
    attendance_allowance = forms.ChoiceField(label="Attendance Allowance", choices=_levels(AA_LEVELS),
                                             initial="NONE", required=False)
    dla_care = forms.ChoiceField(label="DLA care (children)", choices=_levels(DLA_CARE_LEVELS), initial="NONE",
                                 required=False)
    lcwra = forms.BooleanField(label="Found to have limited capability for work-related activity", required=False)
    carer = forms.BooleanField(label="Cares for someone 35 hours a week or more", required=False)
    pregnant = forms.BooleanField(label="Pregnant", required=False)

    def clean(self):
        data = super().clean()
        filled = [k for k, v in data.items() if v not in (None, "", False, "NONE")]
        if filled and data.get("age") is None:
            self.add_error("age", "Enter the person's age")
        return data


MemberFormSet = forms.formset_factory(MemberForm, extra=6, max_num=6)


def _money(value) -> float:
    return float(value or 0)


def answers_from(form: CheckForm, members) -> dict:
    """Answers (JSON-able, core units: £ a year) from a valid CheckForm and MemberFormSet; raises ValueError."""
    data = form.cleaned_data
    rows = []
    for index, member_form in enumerate(members.forms):
        m = getattr(member_form, "cleaned_data", {}) or {}
        if m.get("age") is None:
            continue
        relationship = "you" if not rows else (m.get("relationship") or "")
        if not relationship:
            raise ValueError(f"members[{index}].relationship: Choose who person {index + 1} is")
        rows.append({
            "relationship": relationship,
            "age": m["age"],
            "earnings_per_year": round(_money(m.get("earnings")) * MONTHS_PER_YEAR, 2),
            "hours_per_week": _money(m.get("hours_per_week")),
            "state_pension_per_year": round(_money(m.get("state_pension")) * WEEKS_PER_YEAR, 2),
            "private_pension_per_year": round(_money(m.get("private_pension")) * MONTHS_PER_YEAR, 2),
            "disabled": bool(m.get("disabled")),
            "pip_daily_living": m.get("pip_daily_living") or "NONE",
            "pip_mobility": m.get("pip_mobility") or "NONE",
            "attendance_allowance": m.get("attendance_allowance") or "NONE",
            "dla_care": m.get("dla_care") or "NONE",
            "lcwra": bool(m.get("lcwra")),
            "carer": bool(m.get("carer")),
            "pregnant": bool(m.get("pregnant")),
            "in_education": bool(m.get("in_education")),
            "index": index,
        })
    if not rows:
        raise ValueError("members[0].age: Enter the age of the person being helped")
    check_relationships(rows)
    couple = couple_answers(data, rows)
    rent = _money(data.get("rent")) * PERIODS[data.get("rent_period") or "month"]
    answers = {
        "year": data["year"],
        "tenure": data["tenure"],
        "rent_per_year": round(rent, 2),
        "rent_amount": _money(data.get("rent")),
        "rent_period": data.get("rent_period") or "month",
        "council_tax_band": data["council_tax_band"],
        "council_tax_per_year": _money(data.get("council_tax_per_year")),
        "savings": _money(data.get("savings")),
        "epc_band": data.get("epc_band") or "",
        "receiving": {
            key: round(_money(data.get(name)) * periods, 2)
            for name, (key, _, periods) in RECEIVING.items()
            if data.get(name)
        },
        "members": rows,
        **couple,
    }
    build_household(answers)  # the core's own validation
    return answers


def couple_answers(data: dict, rows: list[dict]) -> dict:
    """Whether a couple are married and claim Marriage Allowance: asked whenever there is a partner, never assumed."""
    if not any(r["relationship"] == "partner" for r in rows):
        return {}
    status, allowance = data.get("couple_status") or "", data.get("marriage_allowance") or ""
    if not status:
        raise ValueError("couple_status: Select whether the couple are married or in a civil partnership, or living "
                         "together")
    if status == "cohabiting":
        if allowance == "yes":
            raise ValueError("marriage_allowance: Only married couples and civil partners can claim Marriage "
                             "Allowance; select No, or say they are married")
        return {"couple_status": status, "marriage_allowance": False}
    if not allowance:
        raise ValueError("marriage_allowance: Select whether one of them transfers Marriage Allowance to the other")
    return {"couple_status": status, "marriage_allowance": allowance == "yes"}


def check_relationships(rows: list[dict]) -> None:
    partners = [r for r in rows if r["relationship"] == "partner"]
    if len(partners) > 1:
        raise ValueError(f"members[{partners[1]['index']}].relationship: Only one partner can be added")
    for r in rows:
        young = 16 <= r["age"] <= 19
        if r.get("in_education") and not (young and r["relationship"] == "child"):
            raise ValueError(f"members[{r['index']}].in_education: Only tick this for a young person aged 16 to 19 "
                             "who lives with the family as their child")
        if r["relationship"] == "child" and r["age"] >= 16 and not r.get("in_education"):
            raise ValueError(f"members[{r['index']}].age: Add people aged 16 or over as another adult, unless they "
                             "are 16 to 19 and in full-time education or training (then tick that)")
        if r["relationship"] in ("you", "partner", "other_adult") and r["age"] < 16:
            raise ValueError(f"members[{r['index']}].age: An adult must be 16 or over; add younger people as a child")


def initial_from(answers: dict) -> tuple[dict, list[dict]]:
    """Form and formset initial data for answers (to change a check's answers)."""
    household = {
        "year": answers.get("year"),
        "tenure": answers.get("tenure"),
        "rent": answers.get("rent_amount") or None,
        "rent_period": answers.get("rent_period", "month"),
        "council_tax_band": answers.get("council_tax_band", "B"),
        "council_tax_per_year": answers.get("council_tax_per_year") or None,
        "savings": answers.get("savings") or None,
        "epc_band": answers.get("epc_band", ""),
        "couple_status": answers.get("couple_status", ""),
        "marriage_allowance": {True: "yes", False: "no"}.get(answers.get("marriage_allowance"), ""),
    }
    for name, (key, _, periods) in RECEIVING.items():
        amount = (answers.get("receiving") or {}).get(key)
        household[name] = round(amount / periods, 2) if amount else None
    members = []
    for m in answers.get("members", []):
        members.append({
            "relationship": m["relationship"],
            "age": m["age"],
            "earnings": round(m.get("earnings_per_year", 0) / MONTHS_PER_YEAR, 2) or None,
            "hours_per_week": m.get("hours_per_week") or None,
            "state_pension": round(m.get("state_pension_per_year", 0) / WEEKS_PER_YEAR, 2) or None,
            "private_pension": round(m.get("private_pension_per_year", 0) / MONTHS_PER_YEAR, 2) or None,
            **{k: m.get(k) for k in ("disabled", "pip_daily_living", "pip_mobility", "attendance_allowance",
                                     "dla_care", "lcwra", "carer", "pregnant")},
        })
    return household, members


class WhatIfForm(GovukForm):
    work_member = forms.TypedChoiceField(label="Who starts work?", coerce=int, required=False)
    work_hours = forms.DecimalField(label="Hours a week", initial=16, min_value=0, max_value=80, required=False,
                                    widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    work_wage = forms.DecimalField(
        label="Pay, £ an hour", min_value=0, max_value=1000, required=False,
        help_text="",  # the minimum pay in force in the check's tax year (pay.hint), set in __init__
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    partner_age = forms.IntegerField(label="Partner's age", min_value=16, max_value=120, required=False,
                                     widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    partner_earnings = pounds("Partner's earnings before tax, £ a month")

    def __init__(self, *args, members=(), has_partner=False, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_partner = has_partner
        rates = pay.rates_for(year)
        adults = [m for m in members if m["relationship"] != "child"]
        self.fields["work_wage"].initial = rates.for_age(adults[0]["age"] if adults else None)
        self.fields["work_wage"].help_text = pay.hint(year)
        self.fields["work_member"].choices = [
            (i, f"Person {i + 1} (age {m['age']})") for i, m in enumerate(members) if m["relationship"] != "child"
        ]
        if has_partner:
            del self.fields["partner_age"]
            del self.fields["partner_earnings"]

    def clean(self):
        data = super().clean()
        if not data.get("work_hours") and data.get("partner_age") is None:
            raise forms.ValidationError("Enter hours of work, or the age of a partner moving in, or both")
        return data


class OutcomeForm(GovukModelForm):
    status = forms.ChoiceField(label="What happened?", choices=Outcome.Status.choices, widget=forms.RadioSelect)
    amount = pounds("Amount awarded, £", "Leave blank unless the benefit was awarded.")
    amount_period = forms.ChoiceField(label="How often is it paid?", choices=PERIOD_CHOICES, initial="week",
                                      widget=forms.RadioSelect)
    occurred_on = GovukDateField(label="Date of the claim or decision", noun="The date of the claim or decision",
                                 help_text="For example, 25 11 2026")

    class Meta:
        model = Outcome
        fields = ["benefit", "status", "occurred_on"]
        labels = {"benefit": "Benefit or grant"}

    def clean(self):
        data = super().clean()
        if data.get("status") == Outcome.Status.AWARDED and not data.get("amount"):
            self.add_error("amount", "Enter the amount awarded")
        return data

    def amount_per_year(self) -> Decimal | None:
        amount = self.cleaned_data.get("amount")
        if not amount:
            return None
        return (amount * PERIODS[self.cleaned_data["amount_period"]]).quantize(Decimal("0.01"))


class CaseloadUploadForm(GovukForm):
    file = forms.FileField(label="Caseload extract (CSV)", help_text="One row per household, with the columns listed "
                           "below. Nothing is imported if any row has a problem.")
    label = forms.CharField(label="Name for this extract", max_length=100, help_text="For example: November 2026")
    year = forms.TypedChoiceField(label="Tax year to screen for", coerce=int, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, tax_year_label(y)) for y in served_years()]
        self.fields["file"].help_text += f" The file may be {upload.CASELOAD_LIMITS.describe()}."

    def clean_file(self):
        """A file over the size or row limit is refused here, before any row is checked (money/upload.py)."""
        file = self.cleaned_data["file"]
        try:
            self.text = upload.read_limited(file)  # read and decoded once: the view checks this text
        except UploadRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return file


class CampaignForm(GovukModelForm):
    kind = forms.ChoiceField(label="Who to contact", widget=forms.RadioSelect,
                             choices=[(k, v.label) for k, v in CAMPAIGN_KINDS.items()])
    lawful_basis = forms.ChoiceField(label="Lawful basis for using the data (UK GDPR Article 6)",
                                     choices=Campaign.LawfulBasis.choices, widget=forms.RadioSelect)

    class Meta:
        model = Campaign
        fields = ["kind", "name", "lawful_basis", "lawful_basis_detail"]
        labels = {
            "name": "Campaign name",
            "lawful_basis": "Lawful basis for using the data (UK GDPR Article 6)",
            "lawful_basis_detail": "The power or duty relied on, and why contacting these households is fair",
        }
        help_texts = {
            "lawful_basis_detail": "For example: the council's duty to administer Housing Benefit and Council Tax "
            "Reduction, and the general power of competence (Localism Act 2011 s.1); households are told how "
            "their data was used in the letter. Record the DPIA reference.",
        }
        widgets = {"lawful_basis": forms.RadioSelect, "lawful_basis_detail": forms.Textarea}
