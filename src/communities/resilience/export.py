"""Call lists for responders as CSV or PDF: every row in call order, each file marked with who took it, when, and
that it ends with the incident. Each export is audited with the people it named."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import timezone

from communities.audit.services import Action, record
from communities.core.csvsafe import safe_cell
from communities.core.pdf import html_to_pdf

from .models import Incident

STYLESHEET = Path(__file__).resolve().parent / "static" / "resilience" / "export.css"
COLUMNS = ("Order", "Name", "Phone", "Address", "Postcode", "Needs", "Language", "Who to call", "Their phone",
           "Notes", "Responder", "Outcome")
EXPORT_LIMIT = 50_000
PDF_LIMIT = 2_000  # a printed list longer than this is no use on paper, and takes minutes to lay out


def watermark(user, incident: Incident, when=None) -> str:
    when = timezone.localtime(when or timezone.now())
    kind = "EXERCISE – " if incident.exercise else ""
    return (f"{kind}OFFICIAL-SENSITIVE. Taken by {user.full_name or user.email} ({user.email}) on "
            f"{when:%-d %B %Y at %H:%M}. For the incident “{incident.name}” only: destroy it when the incident "
            f"closes. Do not copy or pass on.")


def rows(calls, limit: int = EXPORT_LIMIT) -> list[dict]:
    found = []
    for call in calls.select_related("entry__person", "responder")[:limit]:
        entry = call.entry
        found.append({
            "Order": call.position, "Name": str(entry.person), "Phone": entry.phone, "Address": entry.address_line,
            "Postcode": entry.postcode, "Needs": "; ".join(entry.need_labels), "Language": entry.language,
            "Who to call": " ".join(p for p in (entry.contact_name, f"({entry.contact_relationship})"
                                                if entry.contact_relationship else "") if p),
            "Their phone": entry.contact_phone, "Notes": entry.notes,
            "Responder": str(call.responder) if call.responder else "", "Outcome": call.get_outcome_display(),
            "_person": str(entry.person_id),
        })
    return found


def _audit(user, incident, found, kind, request, mark):
    record(actor=user, action=Action.EXPORT, obj=incident, request=request,
           fields={"format": kind, "rows": len(found), "watermark": mark,
                   "shown": [row["_person"] for row in found]})


def as_csv(user, incident: Incident, calls, request=None) -> bytes:
    found, mark = rows(calls), watermark(user, incident)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([mark])
    writer.writerow(COLUMNS)
    for row in found:
        writer.writerow([safe_cell(row[c]) for c in COLUMNS])
    writer.writerow([mark])
    _audit(user, incident, found, "csv", request, mark)
    return out.getvalue().encode("utf-8-sig")


def as_pdf(user, incident: Incident, calls, request=None) -> bytes:
    found, mark = rows(calls, PDF_LIMIT), watermark(user, incident)
    html = render_to_string("resilience/export_pdf.html", {"incident": incident, "columns": COLUMNS, "limit": PDF_LIMIT,
                                                           "rows": [[row[c] for c in COLUMNS] for row in found],
                                                           "watermark": mark})
    pdf = html_to_pdf(html, STYLESHEET)
    _audit(user, incident, found, "pdf", request, mark)
    return pdf
