"""Merging a duplicate record into the one kept: every link moves, both audit histories stay findable.

Links are found from ``Person._meta`` (every foreign key and one-to-one field pointing at a person, including the
hidden ``related_name="+"`` ones), so a room added later is covered without changing this module. A link that would
break a unique rule is handled by its room's conflict handler (``register_conflict``); the defaults: a second open
involvement of the same organisation is closed today and kept as history; a second one-to-one row (contact
preferences) gives way to the kept record's, its values written into the merge's audit event. Any other conflict
stops the merge and nothing is written.

The duplicate stays as a tombstone (``merged_into``) so old links, audit events and subject access answers about its
id still lead somewhere; :func:`record_ids` gives every id a person's history is filed under.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from communities.audit.services import Action, record, snapshot

from .models import Involvement, Person

FILLED_FIELDS = ("date_of_birth", "postcode", "phone", "email", "household")
OR_FIELDS = ("has_disability", "is_carer", "lives_alone")


class MergeError(Exception):
    """The merge cannot be made; the message says why and is safe to show. Nothing was written."""


#: model label -> handler(row, field_name, survivor) that resolves a unique-rule conflict and moves the row
ConflictHandler = Callable[[models.Model, str, Person], str]
_conflict_handlers: dict[str, ConflictHandler] = {}


def register_conflict(model_label: str, handler: ConflictHandler) -> None:
    _conflict_handlers[model_label] = handler


def _close_involvement(row: Involvement, field_name: str, survivor: Person) -> str:
    """Both records were supported by the same organisation: the kept record's stays open, this one closes."""
    row.ended_on = row.ended_on or timezone.localdate()
    row.person = survivor
    row.save(update_fields=["ended_on", "person"])
    return "closed (the kept record already has this organisation's open involvement)"


register_conflict("people.Involvement", _close_involvement)


@dataclass(frozen=True)
class Link:
    model: type[models.Model]
    field_name: str
    one_to_one: bool

    @property
    def label(self) -> str:
        return f"{self.model._meta.label}.{self.field_name}"

    @property
    def description(self) -> str:
        return str(self.model._meta.verbose_name_plural).capitalize()

    def rows(self, person: Person):
        return self.model._base_manager.filter(**{self.field_name: person})


def person_links() -> list[Link]:
    """Every field in every installed room that points at a person (found, not listed)."""
    links = []
    for rel in Person._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            links.append(Link(rel.related_model, rel.field.name, rel.one_to_one))
    return sorted(links, key=lambda link: link.label)


def links_to(person: Person) -> list[tuple[Link, int]]:
    """(link, number of rows) for every kind of record linked to ``person``, for the confirmation page."""
    counted = [(link, link.rows(person).count()) for link in person_links()]
    return [(link, count) for link, count in counted if count]


def record_ids(person: Person) -> list[str]:
    """The person's id and the ids of every record merged into it (at any depth): their history is filed under all."""
    ids, frontier = [str(person.pk)], [person.pk]
    while frontier:
        frontier = list(Person.objects.filter(merged_into__in=frontier).values_list("pk", flat=True))
        ids.extend(str(pk) for pk in frontier)
    return ids


def merged_into(person_id):
    """The id of the record a merged record now lives in, or None (not merged, or no such record)."""
    return Person.objects.filter(pk=person_id).values_list("merged_into_id", flat=True).first()


def audit_aliases(object_id: str) -> list[str]:
    """For audit search: the ids of records merged into the person ``object_id`` (none if it is not a person)."""
    try:
        person = Person.objects.filter(pk=uuid.UUID(object_id)).first()
    except ValueError:
        return []
    return record_ids(person)[1:] if person is not None else []


def _move(link: Link, duplicate: Person, survivor: Person) -> dict:
    moved, notes = 0, {}
    for row in list(link.rows(duplicate)):
        try:
            with transaction.atomic():
                link.model._base_manager.filter(pk=row.pk).update(**{link.field_name: survivor})
            moved += 1
            continue
        except IntegrityError:
            pass
        handler = _conflict_handlers.get(link.model._meta.label)
        if handler is not None:
            notes[str(row.pk)] = handler(row, link.field_name, survivor)
            moved += 1
        elif link.one_to_one:
            notes[str(row.pk)] = {"kept the other record's; this one's values were": snapshot(row)}
            row.delete()
        else:
            raise MergeError(f"{link.description} cannot be moved without breaking a rule of that record. "
                             f"Ask an administrator to resolve it first.")
    return {"moved": moved, **({"conflicts": notes} if notes else {})}


def _fill_blanks(survivor: Person, duplicate: Person) -> dict:
    filled = {}
    for name in FILLED_FIELDS:
        attname = survivor._meta.get_field(name).attname
        if not getattr(survivor, attname) and getattr(duplicate, attname):
            filled[name] = [None, str(getattr(duplicate, attname))]
            setattr(survivor, attname, getattr(duplicate, attname))
    for name in OR_FIELDS:
        if getattr(duplicate, name) and not getattr(survivor, name):
            filled[name] = [False, True]
            setattr(survivor, name, True)
    if duplicate.notes.strip():
        survivor.notes = f"{survivor.notes}\n\nFrom the merged record:\n{duplicate.notes}".strip()
        filled["notes"] = "added the merged record's notes"
    return filled


def merge_people(*, actor, survivor: Person, duplicate: Person, reason: str, request=None) -> Person:
    """Move everything linked to ``duplicate`` onto ``survivor``, fill the survivor's blanks, keep a tombstone."""
    reason = reason.strip()
    if survivor.pk == duplicate.pk:
        raise MergeError("Choose two different records")
    if not reason:
        raise MergeError("Enter why these records are the same person")
    with transaction.atomic():
        survivor = Person.objects.select_for_update().get(pk=survivor.pk)
        duplicate = Person.objects.select_for_update().get(pk=duplicate.pk)
        if duplicate.merged_into_id or survivor.merged_into_id:
            raise MergeError("One of these records has already been merged")
        before = snapshot(duplicate)
        moved = {}
        for link in person_links():
            if link.model is Person and link.field_name == "merged_into":
                continue  # earlier tombstones: repointed below, after the checks
            result = _move(link, duplicate, survivor)
            if result["moved"] or "conflicts" in result:
                moved[link.label] = result
        tombstones = Person.objects.filter(merged_into=duplicate).update(merged_into=survivor)
        filled = _fill_blanks(survivor, duplicate)
        survivor.save()
        duplicate.merged_into, duplicate.merged_at, duplicate.merged_by = survivor, timezone.now(), actor
        duplicate.save(update_fields=["merged_into", "merged_at", "merged_by"])
        fields = {"merged": str(duplicate.pk), "kept": str(survivor.pk), "moved": moved, "filled": filled,
                  "earlier_merges_repointed": tombstones}
        record(actor=actor, action=Action.UPDATE, obj=survivor, reason=reason, request=request, fields=fields)
        record(actor=actor, action=Action.UPDATE, obj=duplicate, reason=reason, request=request,
               fields={**fields, "merged_into": [None, str(survivor.pk)], "record_before": before})
    return survivor
