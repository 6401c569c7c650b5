"""Does a volunteer meet a role's requirements on a given day? The one place that answers, used by every sign-up
and application (services) and by the listing that shows only roles a volunteer qualifies for.

A check counts only when an organiser verified it, it is clear, and it is in date on the day (``issued_on`` ≤ day ≤
``expires_on``; no ``expires_on`` means the organisation set no renewal date). DBS levels rank basic < standard <
enhanced; barred-list checks are part of an enhanced check, so a role asking for the adults' barred list needs an
enhanced check with the adults' (or both) barred lists.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .models.volunteers import CheckKind, Volunteer, VolunteerCheck

DBS_RANK = {"basic": 1, "standard": 2, "enhanced": 3}
DBS_LEVEL_NAMES = {"basic": "a basic", "standard": "a standard", "enhanced": "an enhanced"}
# Which DBS level and barred lists each kind of check gives.
DBS_CHECKS: dict[str, tuple[str, frozenset[str]]] = {
    CheckKind.DBS_BASIC: ("basic", frozenset()),
    CheckKind.DBS_STANDARD: ("standard", frozenset()),
    CheckKind.DBS_ENHANCED: ("enhanced", frozenset()),
    CheckKind.DBS_ENHANCED_BARRED_ADULTS: ("enhanced", frozenset({"adults"})),
    CheckKind.DBS_ENHANCED_BARRED_CHILDREN: ("enhanced", frozenset({"children"})),
    CheckKind.DBS_ENHANCED_BARRED_BOTH: ("enhanced", frozenset({"adults", "children"})),
}
BARRED_LISTS = {"": frozenset(), "adults": frozenset({"adults"}), "children": frozenset({"children"}),
                "both": frozenset({"adults", "children"})}
BARRED_LIST_NAMES = {"adults": "the adults' barred list", "children": "the children's barred list",
                     "both": "the adults' and children's barred lists"}


@dataclass(frozen=True)
class Requirements:
    """What a role asks of a volunteer.

    dbs_level: "" (none), "basic", "standard" or "enhanced".
    barred_list: "" (none), "adults", "children" or "both" (needs an enhanced check that includes those lists).
    training: course names the volunteer must hold in-date training records for (matched ignoring case).
    needs_driving_licence: a verified, in-date driving licence check.
    minimum_age: in whole years on the day (0: none).
    """

    dbs_level: str = ""
    barred_list: str = ""
    training: tuple[str, ...] = field(default_factory=tuple)
    needs_driving_licence: bool = False
    minimum_age: int = 0

    @classmethod
    def of(cls, role) -> Requirements:
        return cls(dbs_level=role.dbs_level or "", barred_list=role.barred_list or "",
                   training=tuple(role.training or ()), needs_driving_licence=role.needs_driving_licence,
                   minimum_age=role.minimum_age or 0)

    @property
    def needs_dbs(self) -> bool:
        return bool(self.dbs_level or self.barred_list)

    def describe(self) -> list[str]:
        """The requirements in words, for the role's page."""
        words = []
        if self.needs_dbs:
            level = "enhanced" if self.barred_list else self.dbs_level
            text = f"{DBS_LEVEL_NAMES[level].capitalize()} DBS check"
            words.append(text + (f" including {BARRED_LIST_NAMES[self.barred_list]}" if self.barred_list else ""))
        words += [f"Training: {course}" for course in self.training]
        if self.needs_driving_licence:
            words.append("A full driving licence")
        if self.minimum_age:
            words.append(f"Aged {self.minimum_age} or over")
        return words


def unmet_requirements(volunteer: Volunteer, requirements: Requirements, on_date: date,
                       checks: Iterable[VolunteerCheck] | None = None) -> list[str]:
    """Plain-English reasons the volunteer does not meet ``requirements`` on ``on_date``; empty when they qualify.

    ``requirements`` is a :class:`Requirements` (``role.requirements`` gives one). ``checks`` may be passed when
    they are already loaded (listing many roles for one volunteer); otherwise they are read.
    """
    valid = [c for c in (volunteer.checks.all() if checks is None else checks) if c.is_valid_on(on_date)]
    reasons = _age_reasons(volunteer, requirements, on_date)
    if requirements.needs_dbs and not _has_dbs(valid, requirements):
        reasons.append(_dbs_reason(requirements))
    held = {c.detail.strip().lower() for c in valid if c.kind == CheckKind.TRAINING}
    reasons += [f"You need in-date training in {course}." for course in requirements.training
                if course.strip().lower() not in held]
    if requirements.needs_driving_licence and not any(c.kind == CheckKind.DRIVING_LICENCE for c in valid):
        reasons.append("You need a driving licence checked by the organisation.")
    return reasons


def _age_reasons(volunteer: Volunteer, requirements: Requirements, on_date: date) -> list[str]:
    if not requirements.minimum_age:
        return []
    age = volunteer.age_on(on_date)
    if age is None:
        return [f"This role is for people aged {requirements.minimum_age} or over; add your date of birth."]
    if age < requirements.minimum_age:
        return [f"This role is for people aged {requirements.minimum_age} or over."]
    return []


def _has_dbs(valid: list[VolunteerCheck], requirements: Requirements) -> bool:
    needed_rank = DBS_RANK["enhanced"] if requirements.barred_list else DBS_RANK.get(requirements.dbs_level, 0)
    needed_lists = BARRED_LISTS[requirements.barred_list]
    for check in valid:
        if check.kind in DBS_CHECKS:
            level, lists = DBS_CHECKS[check.kind]
            if DBS_RANK[level] >= needed_rank and needed_lists <= lists:
                return True
    return False


def _dbs_reason(requirements: Requirements) -> str:
    if requirements.barred_list:
        return (f"You need an in-date enhanced DBS check including {BARRED_LIST_NAMES[requirements.barred_list]}, "
                "verified by the organisation.")
    return (f"You need {DBS_LEVEL_NAMES[requirements.dbs_level]} DBS check (or higher), in date and verified by "
            "the organisation.")
