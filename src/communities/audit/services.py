"""The one audit service. Writes call :func:`record` inside the same transaction as the change (Zulip's shape)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time

from django.db import models, transaction
from django.utils import timezone

from communities.core.csvsafe import safe_row

from .models import AuditEvent

Action = AuditEvent.Action
SENSITIVE_FIELDS = frozenset({"password", "token", "token_hash", "secret"})


def _client_ip(request) -> str | None:
    """The client's address by the same rule as sign-in lockouts (``TRUSTED_PROXY_COUNT``)."""
    if request is None:
        return None
    from communities.accounts.client_address import client_ip

    return client_ip(request)


def _plain(value):
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def _clean(fields: dict | None) -> dict:
    """JSON-safe values; secrets never reach the audit trail."""
    if not fields:
        return {}
    return {key: "(hidden)" if key in SENSITIVE_FIELDS else _plain(value) for key, value in fields.items()}


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    organisation=None,
    fields: dict | None = None,
    reason: str = "",
    request=None,
) -> AuditEvent:
    """Write one audit event. ``actor`` may be None only for system jobs, which must say who they are in reason."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
    if not object_type:
        raise ValueError("An audit event needs the type of object it is about.")
    if actor is None and not reason:
        raise ValueError("A system audit event must give a reason naming the job that acted.")
    if organisation is None and actor is not None:
        organisation = getattr(actor, "current_organisation", None)
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=actor.email if actor is not None else "system",
        organisation=organisation,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_label=str(obj)[:200] if obj is not None else "",
        fields=_clean(fields),
        reason=reason,
        request_id=getattr(request, "request_id", "") if request is not None else "",
        ip_address=_client_ip(request),
    )


def stored_snapshot(instance: models.Model) -> dict | None:
    """The :func:`snapshot` of ``instance``'s row as the database holds it now; None for an object not saved yet."""
    if instance.pk is None:
        return None
    existing = type(instance)._default_manager.filter(pk=instance.pk).first()
    return snapshot(existing) if existing is not None else None


def record_saved(*, actor, obj: models.Model, before: dict | None, organisation=None, new_fields: dict | None = None,
                 reason: str = "", request=None) -> AuditEvent:
    """Audit a save: CREATE with ``new_fields`` (default: the whole row) when ``before`` is None (the object was
    new), else UPDATE with the fields that changed since ``before`` (:func:`stored_snapshot` before the save)."""
    if before is None:
        return record(actor=actor, organisation=organisation, action=Action.CREATE, obj=obj, reason=reason,
                      fields=snapshot(obj) if new_fields is None else new_fields, request=request)
    return record(actor=actor, organisation=organisation, action=Action.UPDATE, obj=obj, reason=reason,
                  fields=changed_fields(obj, before), request=request)


def changed_fields(instance: models.Model, before: dict) -> dict:
    """Fields whose values differ from ``before`` (a dict from :func:`snapshot`), as {name: [old, new]}."""
    after = snapshot(instance)
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def snapshot(instance: models.Model) -> dict:
    data = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        data[field.name] = value if isinstance(value, str | int | float | bool) or value is None else str(value)
    return data


def events_visible_to(user):
    return AuditEvent.objects.visible_to(user)


def recent_exports(user, since) -> int:
    return AuditEvent.objects.filter(
        actor=user, action=Action.EXPORT, object_type="audit.AuditEvent", occurred_at__gte=since
    ).count()


#: Functions ``object_id -> ids`` naming other ids one record's history is also filed under: searching for a person
#: kept after a merge also finds the events about the record merged into it (people registers one).
OBJECT_ID_ALIASES: list = []


def search(
    queryset,
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
):
    if actor:
        queryset = queryset.filter(actor_label__icontains=actor)
    if action:
        queryset = queryset.filter(action=action)
    if object_type:
        queryset = queryset.filter(object_type__icontains=object_type)
    if object_id:
        ids = {object_id}
        for aliases in OBJECT_ID_ALIASES:
            ids.update(aliases(object_id))
        queryset = queryset.filter(object_id__in=ids)
    tz = timezone.get_current_timezone()
    if date_from:
        queryset = queryset.filter(occurred_at__gte=datetime.combine(date_from, time.min, tzinfo=tz))
    if date_to:
        queryset = queryset.filter(occurred_at__lte=datetime.combine(date_to, time.max, tzinfo=tz))
    return queryset.select_related("organisation")


CSV_HEADER = [
    "occurred_at", "actor", "organisation", "action", "object_type", "object_id", "object",
    "fields", "reason", "request_id", "ip_address",
]


def csv_rows(events: Iterable[AuditEvent]) -> Iterator[list[str]]:
    yield CSV_HEADER
    for e in events.iterator(chunk_size=2000) if hasattr(events, "iterator") else events:
        yield safe_row([
            e.occurred_at.isoformat(), e.actor_label, e.organisation.name if e.organisation else "",
            e.action, e.object_type, e.object_id, e.object_label,
            "; ".join(f"{k}={v}" for k, v in e.fields.items()), e.reason, e.request_id, e.ip_address or "",
        ])


# Pseudonymisation when retention ends: the one sanctioned change to stored events (see AuditEventQuerySet).
PSEUDONYMISED = "(pseudonymised)"
# Events whose fields hold only counts written by data-protection jobs: nothing personal to replace.
COUNT_ONLY_ACTIONS = frozenset({Action.ERASE, Action.ANONYMISE, Action.PSEUDONYMISE})
PSEUDONYMISE_BATCH = 500


def _pseudonym_key() -> bytes:
    from django.conf import settings

    key = getattr(settings, "AUDIT_PSEUDONYM_KEY", "") or settings.SECRET_KEY
    return hashlib.sha256(b"communities-audit-pseudonym:" + key.encode()).digest()


def pseudonym(value, key: bytes) -> object:
    """A keyed hash of one value: the same value gives the same pseudonym (so patterns stay visible) but cannot be
    read back without the key; empty values stay empty and already-hidden secrets stay hidden."""
    if value in (None, "", [], {}, "(hidden)") or (isinstance(value, str) and value.startswith("pseudonym:")):
        return value
    if isinstance(value, list):
        return [pseudonym(v, key) for v in value]
    text = json.dumps(value, sort_keys=True, default=str)
    return "pseudonym:" + hmac.new(key, text.encode(), hashlib.sha256).hexdigest()[:16]


def _pseudonymised(event: AuditEvent, key: bytes) -> dict:
    return {
        "fields": {name: pseudonym(value, key) for name, value in event.fields.items()},
        "object_label": PSEUDONYMISED if event.object_label else "",
        "reason": PSEUDONYMISED if event.reason else "",
    }


def pseudonymise_events(events, *, reason: str, dry_run: bool = False) -> int:
    """Replace the personal values (changed fields, record label, reason) of ``events`` not yet pseudonymised, in
    batches of 500, each batch in its own transaction with a PSEUDONYMISE event giving the count (and no values).
    Running it again changes nothing: pseudonymised events are stamped and skipped."""
    pending = events.filter(pseudonymised_at__isnull=True).exclude(action__in=COUNT_ONLY_ACTIONS)
    pks = list(pending.order_by("pk").values_list("pk", flat=True))
    if dry_run:
        return len(pks)
    key, done = _pseudonym_key(), 0
    for start in range(0, len(pks), PSEUDONYMISE_BATCH):
        batch = AuditEvent.objects.filter(pk__in=pks[start:start + PSEUDONYMISE_BATCH])
        with transaction.atomic():
            rows = {event.pk: _pseudonymised(event, key) for event in batch.select_for_update()}
            changed = AuditEvent.objects.all()._pseudonymise_rows(rows)
            if changed:
                record(actor=None, action=Action.PSEUDONYMISE, object_type="audit.AuditEvent",
                       fields={"count": changed}, reason=reason)
        done += changed
    return done
