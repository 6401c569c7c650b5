"""Possible duplicates of a record about to be made: name similarity plus date of birth or postcode.

The search looks at every record, including those the worker's organisation cannot see, because a second record is
worse for the resident than a question to another organisation. What it shows is limited by scope: a record the
worker may see is shown and linked; for one they may not, only the names of the organisations that hold it
(supporting the person now) are shown, and that disclosure is audited in the worker's and the holders' trails.

The similarity is difflib's ratio on lower-case, accent-free names (Python standard library); the thresholds below were
chosen on the council's finding (one letter different, a surname with and without a hyphen) and are not a standard.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher

from django.db import transaction
from django.db.models import Q

from communities.audit.services import Action, record
from communities.organisations.models import Organisation

from .models import Involvement, Person, postcode_parts

#: Full names at least this similar count as the same name.
NAME_THRESHOLD = 0.85
#: With date of birth AND postcode both the same, a looser name still counts (a changed surname, a short form).
LOOSE_NAME_THRESHOLD = 0.6
CANDIDATE_LIMIT = 500


def _plain(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    letters = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join("".join(c if c.isalnum() else " " for c in letters).split())


def name_similarity(first_a: str, last_a: str, first_b: str, last_b: str) -> float:
    """0 to 1; names given the other way round ("Demoby Alex") count as the same."""
    a, b = _plain(f"{first_a} {last_a}"), _plain(f"{first_b} {last_b}")
    swapped = " ".join(sorted(a.split())), " ".join(sorted(b.split()))
    return max(SequenceMatcher(None, a, b).ratio(), SequenceMatcher(None, *swapped).ratio())


@dataclass
class PossibleDuplicate:
    person: Person
    similarity: float
    same_date_of_birth: bool
    same_postcode: bool
    visible: bool
    held_by: list[str] = field(default_factory=list)  # for records the user cannot see: who holds them

    @property
    def reasons(self) -> str:
        parts = ["a similar name"]
        if self.same_date_of_birth:
            parts.append("the same date of birth")
        if self.same_postcode:
            parts.append("the same postcode")
        return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def find_possible_duplicates(*, first_name: str, last_name: str, date_of_birth: date | None, postcode: str,
                             user, exclude=None) -> list[PossibleDuplicate]:
    compact, _ = postcode_parts(postcode)
    clauses = Q()
    if date_of_birth:
        clauses |= Q(date_of_birth=date_of_birth)
    if compact:
        clauses |= Q(postcode_normalised=compact)
    if not clauses:
        return []
    candidates = Person.objects.current().filter(clauses)
    if exclude is not None:
        candidates = candidates.exclude(pk=exclude.pk)
    found = []
    for person in candidates[:CANDIDATE_LIMIT]:
        same_dob = bool(date_of_birth) and person.date_of_birth == date_of_birth
        same_postcode = bool(compact) and person.postcode_normalised == compact
        similarity = name_similarity(first_name, last_name, person.first_name, person.last_name)
        strong = similarity >= NAME_THRESHOLD and (same_dob or (same_postcode and not (date_of_birth and
                                                                                       person.date_of_birth)))
        loose = same_dob and same_postcode and similarity >= LOOSE_NAME_THRESHOLD
        if strong or loose:
            found.append(PossibleDuplicate(person, similarity, same_dob, same_postcode, visible=False))
    if not found:
        return []
    visible_ids = set(Person.objects.visible_to(user).filter(pk__in=[d.person.pk for d in found])
                      .values_list("pk", flat=True))
    for duplicate in found:
        duplicate.visible = duplicate.person.pk in visible_ids
        if not duplicate.visible:
            duplicate.held_by = holders(duplicate.person)
    found.sort(key=lambda d: (not d.visible, -d.similarity))
    return found


def holders(person: Person) -> list[str]:
    """Names of the organisations supporting the person now (what a worker without access is told)."""
    open_involvements = Involvement.objects.filter(person=person, ended_on__isnull=True).values("organisation_id")
    return list(Organisation.objects.filter(pk__in=open_involvements).order_by("name").values_list("name", flat=True))


def record_duplicates_shown(*, actor, duplicates: list[PossibleDuplicate], request=None) -> None:
    """Audit that the actor was told of possible matches, in their trail and in each holder's trail."""
    with transaction.atomic():
        for duplicate in duplicates:
            fields = {"what": "possible duplicate shown before adding a record",
                      "shown_as": "the record" if duplicate.visible else "the organisations holding it",
                      "held_by": duplicate.held_by, "similarity": round(duplicate.similarity, 2)}
            record(actor=actor, action=Action.VIEW, obj=duplicate.person, fields=fields, request=request)
            if duplicate.visible:
                continue
            acting_for = getattr(actor, "current_organisation", None)
            for organisation in Organisation.objects.filter(name__in=duplicate.held_by).exclude(
                pk=getattr(acting_for, "pk", None)
            ):
                record(actor=actor, organisation=organisation, action=Action.VIEW, obj=duplicate.person,
                       fields=fields, request=request)
