"""Directory editors: CSV export (audited, formula injection neutralised) and CSV import (all or nothing)."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from communities.audit.services import Action, record
from communities.core.access import requires
from communities.core.csvsafe import csv_download

from ..forms import ImportForm
from ..importers import ImportFailed
from ..importers.csv_format import COLUMNS
from ..importers.csv_format import __doc__ as CSV_FORMAT_DOC
from ..importers.csv_import import import_csv, limits
from ..importers.export import csv_rows
from ..models import Service


@requires("directory.import_export")
def export_csv(request):
    services = Service.objects.all()
    record(actor=request.user, action=Action.EXPORT, object_type="directory.Service",
           fields={"rows": services.count()}, request=request)
    return csv_download(f"directory-{timezone.localdate():%Y-%m-%d}.csv", csv_rows(services), stream=True)


@requires("directory.import_export")
@require_http_methods(["GET", "POST"])
def import_csv_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    problems = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "The file must be saved as CSV UTF-8")
        else:
            try:
                result = import_csv(text, where=upload.name, actor=request.user, request=request)
            except ImportFailed as exc:
                problems = exc.report
                form.add_error("file", f"Nothing was imported: the file has {problems.summary()}, listed below")
            else:
                messages.success(request, f"Imported {upload.name}: {result}.")
                return redirect("directory:editor_home")
    return render(request, "directory/editor/import.html", {
        "form": form, "problems": problems, "columns": COLUMNS, "format_doc": CSV_FORMAT_DOC, "limits": limits(),
    })
