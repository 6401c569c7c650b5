"""Community action: groups, their events (a session of a role, so sign-ups pass the same requirement gate), the
risk assessment file, outcomes; residents' ideas and the co-production log."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath

from django.db import transaction
from django.utils import timezone

from communities.core.uploads import size_words

from ..models import CommunityEvent, CommunityGroup, Idea, IdeaLogEntry, IdeaStage, Role
from .common import Action, Errors, audit, refuse, require_organiser
from .opportunities import add_sessions

RISK_ASSESSMENT_MAX_BYTES = 5 * 1024 * 1024
RISK_ASSESSMENT_TYPES = {".pdf": b"%PDF-", ".docx": b"PK\x03\x04", ".odt": b"PK\x03\x04", ".xlsx": b"PK\x03\x04"}
MAX_BAGS, MAX_AREA_M2 = 10_000, 10_000_000


def create_event(*, actor, group: CommunityGroup, role: Role, kind: str, starts_at: datetime, ends_at: datetime,
                 meeting_point: str, kit: str = "", places: int | None = None, request=None) -> CommunityEvent:
    require_organiser(actor, group.organisation)
    if role.activity.organisation_id != group.organisation_id:
        refuse("role", "Choose one of your organisation's roles")
    if not (meeting_point or "").strip():
        refuse("meeting_point", "Say where volunteers meet")
    with transaction.atomic():
        (session,) = add_sessions(actor=actor, role=role, starts_at=starts_at, ends_at=ends_at, places=places,
                                  request=request)
        event = CommunityEvent.objects.create(group=group, session=session, kind=kind,
                                              meeting_point=meeting_point.strip()[:300], kit=(kit or "").strip())
        audit(actor=actor, action=Action.CREATE, obj=event, organisation=group.organisation, request=request,
              fields={"kind": kind, "starts_at": starts_at.isoformat()})
    return event


def check_risk_assessment(upload) -> None:
    """Bounded: at most 5 MB, a PDF or an office document whose first bytes match its name."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in RISK_ASSESSMENT_TYPES:
        refuse("risk_assessment", "The risk assessment must be a PDF, Word (.docx), OpenDocument (.odt) or Excel "
                                  "(.xlsx) file")
    if upload.size > RISK_ASSESSMENT_MAX_BYTES:
        refuse("risk_assessment", f"The risk assessment must be {size_words(RISK_ASSESSMENT_MAX_BYTES)} or smaller "
                                  f"(this file is {size_words(upload.size)})")
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(RISK_ASSESSMENT_TYPES[suffix]):
        refuse("risk_assessment", f"The file is not really a {suffix} file")


def attach_risk_assessment(*, actor, event: CommunityEvent, upload, request=None) -> CommunityEvent:
    require_organiser(actor, event.group.organisation)
    check_risk_assessment(upload)
    name = PurePath(upload.name).name[:200]
    with transaction.atomic():
        event.risk_assessment.save(f"{event.pk}{PurePath(name).suffix.lower()}", upload, save=False)
        event.risk_assessment_name = name
        event.save(update_fields=["risk_assessment", "risk_assessment_name"])
        audit(actor=actor, action=Action.UPDATE, obj=event, organisation=event.group.organisation,
              request=request, fields={"risk_assessment": name, "bytes": upload.size})
    return event


def record_outcomes(*, actor, event: CommunityEvent, bags_collected=None, area_covered_m2=None,
                    volunteers_attended=None, outcome_note: str = "", request=None) -> CommunityEvent:
    require_organiser(actor, event.group.organisation)
    errors = Errors()
    if event.session.starts_at > timezone.now():
        errors.add("__all__", "Record outcomes after the event has started")
    for field, value, most in (("bags_collected", bags_collected, MAX_BAGS),
                               ("area_covered_m2", area_covered_m2, MAX_AREA_M2),
                               ("volunteers_attended", volunteers_attended, 10_000)):
        if value is not None and not 0 <= value <= most:
            errors.add(field, f"Enter a number from 0 to {most:,}")
    errors.raise_if_any()
    with transaction.atomic():
        event.bags_collected, event.area_covered_m2 = bags_collected, area_covered_m2
        event.volunteers_attended, event.outcome_note = volunteers_attended, (outcome_note or "").strip()
        event.outcomes_recorded_by, event.outcomes_recorded_at = actor, timezone.now()
        event.save()
        audit(actor=actor, action=Action.UPDATE, obj=event, organisation=event.group.organisation, request=request,
              fields={"bags_collected": bags_collected, "area_covered_m2": area_covered_m2,
                      "volunteers_attended": volunteers_attended})
    return event


def propose_idea(*, actor, title: str, description: str, ward=None, request=None) -> Idea:
    errors = Errors()
    if not (title or "").strip():
        errors.add("title", "Give your idea a short title")
    elif len(title) > 200:
        errors.add("title", "Use 200 characters or fewer")
    if not (description or "").strip():
        errors.add("description", "Describe your idea")
    elif len(description) > 5000:
        errors.add("description", "Use 5000 characters or fewer")
    errors.raise_if_any()
    with transaction.atomic():
        idea = Idea.objects.create(title=title.strip(), description=description.strip(), ward=ward,
                                   proposed_by=actor)
        IdeaLogEntry.objects.create(idea=idea, stage=IdeaStage.PROPOSED, note=idea.description, by=actor,
                                    by_description="Resident who proposed it")
        audit(actor=actor, action=Action.CREATE, obj=idea, request=request, fields={"title": idea.title})
    return idea


def log_idea_step(*, actor, idea: Idea, stage: str, note: str, by_description: str, request=None) -> IdeaLogEntry:
    """Discussed or decided: who (in words, e.g. 'residents' meeting at the library') and what."""
    errors = Errors()
    if stage not in (IdeaStage.DISCUSSED, IdeaStage.DECIDED):
        errors.add("stage", "Choose discussed or decided")
    if not (note or "").strip():
        errors.add("note", "Say what was discussed or decided")
    if not (by_description or "").strip():
        errors.add("by_description", "Say who took part or decided")
    if idea.stage == IdeaStage.DECIDED:
        errors.add("__all__", "This idea has already been decided")
    errors.raise_if_any()
    organisation = getattr(actor, "current_organisation", None)
    with transaction.atomic():
        entry = IdeaLogEntry.objects.create(idea=idea, stage=stage, note=note.strip(), by=actor,
                                            by_description=by_description.strip()[:200])
        idea.stage = stage
        if stage == IdeaStage.DECIDED:
            idea.decision, idea.organisation = note.strip(), organisation
        idea.save()
        audit(actor=actor, action=Action.UPDATE, obj=idea, organisation=organisation, request=request,
              fields={"stage": stage})
    return entry


def create_group(*, actor, organisation, name: str, description: str = "", ward=None,
                 request=None) -> CommunityGroup:
    require_organiser(actor, organisation)
    if not (name or "").strip():
        refuse("name", "Enter the group's name")
    with transaction.atomic():
        group = CommunityGroup.objects.create(organisation=organisation, name=name.strip()[:200],
                                              description=(description or "").strip(), ward=ward)
        audit(actor=actor, action=Action.CREATE, obj=group, organisation=organisation, request=request,
              fields={"name": group.name})
    return group
