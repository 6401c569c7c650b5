from django import forms

from communities.core.forms import GovukDateField, GovukForm, GovukModelForm
from communities.core.uploads import UploadRefused, read_csv_upload
from communities.places.forms import clean_postcode_value

from . import cqc
from .models import ConcernStatus, Provider, QualityConcern, QualityVisit, Rag

DATE_HINT = "For example, 27 3 2026"


class SearchForm(GovukForm):
    q = forms.CharField(label="Search by name, postcode or CQC location ID", required=False, max_length=100)
    rag = forms.ChoiceField(label="RAG status", required=False, choices=[("", "Any"), *Rag.choices])


class ProviderForm(GovukModelForm):
    class Meta:
        model = Provider
        fields = ["name", "kind", "address", "postcode", "commissioned", "cqc_location_id", "cqc_provider_id"]
        labels = {"name": "Name of the service", "kind": "Kind of service",
                  "commissioned": "The council commissions care from this service"}
        help_texts = {"cqc_location_id": "For example, 1-123456789. Find it on the service's page on cqc.org.uk. "
                      "A CQC import then keeps its rating up to date."}

    def __init__(self, *args, commissioner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.commissioner = commissioner

    def clean_postcode(self):
        return clean_postcode_value(self.cleaned_data.get("postcode", ""), required=False)

    def clean_cqc_location_id(self):
        """One record per CQC location in a council's list (the import matches on it first)."""
        value = self.cleaned_data.get("cqc_location_id", "").strip()
        if value and self.commissioner is not None:
            others = Provider.objects.filter(commissioner=self.commissioner, cqc_location_id=value)
            other = others.exclude(pk=self.instance.pk).first() if self.instance.pk else others.first()
            if other is not None:
                raise forms.ValidationError(f"{other} already has CQC location ID {value}")
        return value

    def clean_cqc_provider_id(self):
        return self.cleaned_data.get("cqc_provider_id", "").strip()


class RagForm(GovukForm):
    status = forms.ChoiceField(label="New RAG status", choices=Rag.choices, widget=forms.RadioSelect)
    reason = forms.CharField(label="Why is it changing?", widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                             error_messages={"required": "Enter why the RAG status is changing"})


class ConcernForm(GovukModelForm):
    raised_on = GovukDateField(label="Date raised", in_past=True, help_text=DATE_HINT)

    class Meta:
        model = QualityConcern
        fields = ["raised_on", "raised_by_kind", "raised_by_name", "category", "severity", "summary",
                  "safeguarding_referral", "actions", "status"]
        widgets = {"raised_by_kind": forms.RadioSelect, "severity": forms.RadioSelect, "status": forms.RadioSelect}
        labels = {"raised_by_name": "Their name (optional)", "category": "What it is about"}
        error_messages = {"summary": {"required": "Enter what the concern is"},
                          "category": {"required": "Select what the concern is about"},
                          "raised_by_kind": {"required": "Select who raised the concern"},
                          "severity": {"required": "Select how severe the concern is"}}
        help_texts = {"raised_by_name": "Leave blank if they asked not to be named.",
                      "summary": "Name only the people you need to. Everyone who can see this provider's record can "
                      "read it."}


class ConcernUpdateForm(GovukModelForm):
    class Meta:
        model = QualityConcern
        fields = ["status", "severity", "safeguarding_referral", "actions"]
        widgets = {"status": forms.RadioSelect, "severity": forms.RadioSelect}


class VisitForm(GovukModelForm):
    visited_on = GovukDateField(label="Date of the visit", in_past=True, help_text=DATE_HINT)

    class Meta:
        model = QualityVisit
        fields = ["visited_on", "kind", "visited_by", "findings", "recommended_rag"]
        widgets = {"kind": forms.RadioSelect}
        error_messages = {"findings": {"required": "Enter what the visit found"},
                          "visited_by": {"required": "Enter who visited"}}
        labels = {"recommended_rag": "RAG status the findings suggest (optional)"}
        help_texts = {"recommended_rag": "This does not change the provider's RAG status: change it on the "
                      "provider's page, with the reason."}


class CqcUploadForm(GovukForm):
    file = forms.FileField(label="CQC CSV file", help_text=f"UTF-8 CSV, {cqc.LIMITS.describe()}")
    local_authority = forms.CharField(
        label="Local authority", max_length=100,
        help_text="Rows for other local authorities are skipped, exactly as the CQC spells it: for example, "
        "Stockton-on-Tees")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            return read_csv_upload(upload, cqc.LIMITS)
        except UploadRefused as exc:
            raise forms.ValidationError(str(exc)) from exc


__all__ = ["ConcernForm", "ConcernStatus", "ConcernUpdateForm", "CqcUploadForm", "ProviderForm", "RagForm",
           "SearchForm", "VisitForm"]
