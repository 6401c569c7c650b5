"""What the assessment pages show for each group: the characteristic and its source, the evidence snapshot's figures
(or the explicit gap), the officer's consideration with its PSED aims, and the group's actions and engagement."""

from __future__ import annotations

from dataclasses import dataclass, field

from .characteristics import Aim, Characteristic, aims, characteristics
from .models import Action, Assessment, Consideration


@dataclass
class Group:
    characteristic: Characteristic
    consideration: Consideration | None
    figures: list[dict]
    gap: str
    aims: list[tuple[Aim, str]]
    actions: list[Action] = field(default_factory=list)
    engagement: int = 0

    @property
    def code(self) -> str:
        return self.characteristic.code


def groups(assessment: Assessment, *, actions=None, engagement=None) -> list[Group]:
    considerations = {c.characteristic: c for c in assessment.considerations.all()}
    snapshot = (assessment.evidence or {}).get("groups", {})
    actions = list(assessment.actions.all()) if actions is None else actions
    engagement = list(assessment.engagement.all()) if engagement is None else engagement
    all_aims = aims()
    shown = []
    for c in characteristics():
        consideration = considerations.get(c.code)
        entry = snapshot.get(c.code, {"figures": [], "gap": c.needed})
        shown.append(Group(
            characteristic=c, consideration=consideration, figures=entry["figures"], gap=entry["gap"],
            aims=[(a, consideration.aim_text(a.code) if consideration else "") for a in all_aims if a.code in c.aims],
            actions=[a for a in actions if a.characteristic == c.code],
            engagement=sum(1 for e in engagement if e.characteristic == c.code),
        ))
    return shown


def group(assessment: Assessment, code: str) -> Group | None:
    return next((g for g in groups(assessment) if g.code == code), None)


def engagement_summary(assessment: Assessment) -> list[dict]:
    """For the public: how many times people were asked, by each method, and between which dates (no names)."""
    rows: dict[str, dict] = {}
    for entry in assessment.engagement.all():
        row = rows.setdefault(entry.method, {"method": entry.get_method_display(), "times": 0,
                                             "first": entry.held_on, "last": entry.held_on})
        row["times"] += 1
        row["first"], row["last"] = min(row["first"], entry.held_on), max(row["last"], entry.held_on)
    return list(rows.values())
