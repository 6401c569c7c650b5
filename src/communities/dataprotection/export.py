"""Subject access (UK GDPR Art. 15): everything the registry finds about a person, and who viewed their record.

One builder gives a plain dict; JSON, the readable page and the PDF (WeasyPrint, as the Cabinet report) are three
renderings of it. Every rendering is audited as an export by the view that serves it (:func:`record_export`).
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.audit.services import Action, record
from communities.core.pdf import html_to_pdf

from . import registry

STATIC_CSS = Path(__file__).resolve().parent / "static" / "dataprotection" / "export.css"


def _plain(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    return value


def _row(obj, names: tuple[str, ...]) -> dict:
    row = {}
    for name in names:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if field.is_relation and value is not None:
            value = str(getattr(obj, name))
        elif getattr(field, "choices", None):
            value = getattr(obj, f"get_{name}_display")()
        label = str(getattr(field, "verbose_name", name))
        row[label[:1].upper() + label[1:]] = _plain(value)
    return row


def _sections(person) -> tuple[list[dict], Q]:
    sections, about = [], Q(pk__in=[])
    for reg in registry.about_people():
        rows = list(reg.rows_for(person))
        about |= Q(object_type=reg.model_label, object_id__in=[str(r.pk) for r in rows])
        if not rows:
            continue
        kind = reg.schedule
        sections.append({
            "record_type": reg.record_type, "title": reg.title, "model": reg.model_label,
            "purpose": kind.description, "lawful_basis": kind.lawful_basis_label,
            "lawful_basis_detail": kind.lawful_basis_detail,
            "retention": f"{kind.period} after {kind.after}" if kind.retain else kind.after,
            "rows": [_row(r, reg.export_fields) for r in rows],
        })
    return sections, about


def _who_viewed(person, about: Q) -> list[dict]:
    """Events about any of the person's rows, and every view of them that people.services.views_of finds (their
    record opened, emergency access, list or search pages that showed them)."""
    from communities.people.services import views_of

    events = (AuditEvent.objects.filter(about) | views_of(person)).select_related("organisation").order_by(
        "occurred_at", "id")
    return [{
        "when": _plain(e.occurred_at), "who": e.actor_label,
        "organisation": e.organisation.name if e.organisation else "",
        "action": e.get_action_display(),
        "record": e.object_type if e.object_id else f"{e.object_type} ({e.fields.get('where') or 'a list'})",
    } for e in events]


def build(person, subject_request=None) -> dict:
    sections, about = _sections(person)
    data = {
        "subject": {"id": str(person.pk), "name": str(person)},
        "generated_at": _plain(timezone.now()),
        "records": sections,
        "who_viewed": _who_viewed(person, about),
    }
    if subject_request is not None:
        data["request"] = {
            "reference": subject_request.reference, "organisation": subject_request.organisation.name,
            "received_on": _plain(subject_request.received_on), "due_on": _plain(subject_request.due_on),
        }
    return data


def as_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False)


def render_document(data: dict, *, stylesheet_href: str = "") -> str:
    return render_to_string("dataprotection/export_document.html", {"data": data, "stylesheet_href": stylesheet_href})


def render_pdf(data: dict) -> bytes:
    return html_to_pdf(render_document(data), STATIC_CSS)


def record_export(*, actor, person, subject_request, fmt: str, request=None) -> None:
    record(actor=actor, action=Action.EXPORT, obj=person, request=request,
           reason=f"Subject access request {subject_request.reference}", fields={"format": fmt})
