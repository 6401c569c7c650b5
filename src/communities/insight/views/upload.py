"""Analysts upload indicator definitions or values as CSV (all or nothing, line-numbered errors)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires

from .. import fingertips, importer
from ..forms import UploadForm


@requires("insight.import_indicators")
@require_http_methods(["GET", "POST"])
def upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    import_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["file"]
        run = importer.import_values if form.cleaned_data["kind"] == "values" else importer.import_definitions
        if fingertips.is_fingertips(text):  # a Fingertips data download is recognised by its header, whatever the kind
            run = fingertips.import_fingertips
        try:
            result = run(text, actor=request.user)
        except importer.ImportError_ as exc:
            import_errors = exc.errors
        else:
            messages.success(request, f"Imported the {result.kind}: {result.summary}. Nothing else was changed.")
            return redirect("insight:overview")
    return render(request, "insight/upload.html", {
        "form": form, "import_errors": import_errors, "limits": importer.LIMITS,
        "value_columns": importer.VALUE_REQUIRED + importer.VALUE_OPTIONAL,
        "definition_columns": importer.DEFINITION_REQUIRED + importer.DEFINITION_OPTIONAL,
        "fingertips_columns": fingertips.REQUIRED,
    })
