from django import forms

from communities.core.forms import GovukForm

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class UploadForm(GovukForm):
    kind = forms.ChoiceField(
        label="What the file holds",
        choices=[("values", "Indicator values (by area and period)"), ("definitions", "Indicator definitions")],
        widget=forms.RadioSelect, initial="values",
    )
    file = forms.FileField(label="CSV file", help_text="UTF-8 CSV with a header row, 10 MB at most")

    def clean_file(self):
        f = self.cleaned_data["file"]
        if f.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be 10 MB or smaller")
        try:
            return f.read().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise forms.ValidationError("The file must be a CSV saved as UTF-8") from exc


class ReportForm(GovukForm):
    year = forms.IntegerField(min_value=2000, max_value=2100)
