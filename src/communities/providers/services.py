"""Action functions for provider quality: each writes the change and its audit row in one transaction."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from communities.audit.services import Action, record, record_saved, snapshot, stored_snapshot

from . import cqc
from .models import CLOSED_STATUSES, CqcImport, Provider, ProviderKind, QualityConcern, QualityVisit, RagChange


def default_local_authority() -> str:
    """The council's name as the ONS (and the CQC) spell it, from the loaded geography (settings.COUNCIL_CODE)."""
    from communities.places.models import Council

    council = Council.objects.filter(code=settings.COUNCIL_CODE).first()
    return council.name if council else ""


class ProviderError(Exception):
    """A change cannot be made; the message says why and is safe to show."""


def save_provider(*, actor, provider: Provider, request=None) -> Provider:
    """Create or change a provider's own details (name, kind, address, CQC ids)."""
    with transaction.atomic():
        before = stored_snapshot(provider)
        if provider.pk is None:
            provider.commissioner = actor.current_organisation
        provider.save()
        record_saved(actor=actor, obj=provider, before=before, request=request)
    return provider


def change_rag(*, actor, provider: Provider, status: str, reason: str, request=None) -> RagChange:
    """A new RAG status for ``provider``, as a row with who, when and why; the provider keeps the latest."""
    reason = reason.strip()
    if not reason:
        raise ProviderError("Enter why the RAG status is changing")
    with transaction.atomic():
        provider = Provider.objects.select_for_update().get(pk=provider.pk)
        if provider.rag_status == status:
            raise ProviderError(f"The RAG status is already {provider.get_rag_status_display().lower()}")
        change = RagChange.objects.create(provider=provider, status=status, previous=provider.rag_status,
                                          reason=reason, changed_by=actor)
        provider.rag_status = status
        provider.save(update_fields=["rag_status", "updated_at"])
        record(actor=actor, action=Action.UPDATE, obj=provider, reason=reason,
               fields={"rag_status": [change.previous, status], "rag_change": change.pk}, request=request)
    return change


def record_concern(*, actor, provider: Provider, data: dict, request=None) -> QualityConcern:
    with transaction.atomic():
        concern = QualityConcern(provider=provider, recorded_by=actor, **data)
        if concern.status in CLOSED_STATUSES and concern.closed_on is None:
            concern.closed_on = timezone.localdate()
        concern.save()
        record(actor=actor, action=Action.CREATE, obj=concern, fields=snapshot(concern), request=request)
    return concern


def update_concern(*, actor, concern: QualityConcern, data: dict, request=None) -> QualityConcern:
    """Change a concern's status, severity or actions. Closing it dates it; reopening clears the date."""
    with transaction.atomic():
        before = snapshot(QualityConcern.objects.select_for_update().get(pk=concern.pk))
        for name, value in data.items():
            setattr(concern, name, value)
        if concern.status in CLOSED_STATUSES and concern.closed_on is None:
            concern.closed_on = timezone.localdate()
        elif concern.status not in CLOSED_STATUSES:
            concern.closed_on = None
        concern.save()
        record_saved(actor=actor, obj=concern, before=before, request=request)
    return concern


def record_visit(*, actor, provider: Provider, data: dict, request=None) -> QualityVisit:
    with transaction.atomic():
        visit = QualityVisit.objects.create(provider=provider, recorded_by=actor, **data)
        record(actor=actor, action=Action.CREATE, obj=visit, fields=snapshot(visit), request=request)
    return visit


# CQC import -----------------------------------------------------------------------------------------------------

# CQC "Service types" wording (care directory) -> our kind, first match wins.
_KIND_WORDS = [
    ("nursing homes", ProviderKind.CARE_HOME_NURSING),
    ("residential homes", ProviderKind.CARE_HOME),
    ("homecare", ProviderKind.HOME_CARE),
    ("supported living", ProviderKind.SUPPORTED_LIVING),
    ("extra care", ProviderKind.EXTRA_CARE),
]
SOCIAL_CARE_LOCATION_TYPE = "Social Care Org"  # latest ratings' "Location Type" for adult social care services


def kind_of(location: cqc.CqcLocation) -> str:
    words = location.service_types.lower()
    for word, kind in _KIND_WORDS:
        if word in words:
            return kind
    if location.care_home:
        return ProviderKind.CARE_HOME
    return ProviderKind.OTHER


def _is_social_care(location: cqc.CqcLocation) -> bool:
    return bool(location.care_home) or kind_of(location) != ProviderKind.OTHER or (
        SOCIAL_CARE_LOCATION_TYPE.lower() in location.service_types.lower())


def _name_key(name: str) -> str:
    """Names compared without case, punctuation or spacing ("St. Mary's" = "St Marys")."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


class _Matcher:
    """Local providers of one commissioner, looked up by CQC location id, CQC provider id and name + postcode."""

    def __init__(self, commissioner):
        self.providers = list(Provider.objects.filter(commissioner=commissioner))
        self.claimed: set[int] = set()

    def match(self, location: cqc.CqcLocation) -> tuple[str, list[Provider]]:
        """(how, [provider]) when one matches, how being "location id", "provider id and postcode" or "name and
        postcode"; ("ambiguous", candidates) when several do; ("new", []) when none."""
        by_location = [p for p in self.providers if p.cqc_location_id == location.location_id]
        if by_location:
            return "location id", by_location
        free = [p for p in self.providers if not p.cqc_location_id and p.pk not in self.claimed]
        # A CQC provider (a company or charity) runs many locations: its id points at one of ours only at the same
        # postcode.
        by_provider = [p for p in free if p.cqc_provider_id and p.cqc_provider_id == location.provider_id
                       and p.postcode == location.postcode]
        if by_provider:
            return ("provider id and postcode", by_provider) if len(by_provider) == 1 else ("ambiguous", by_provider)
        key = _name_key(location.name)
        by_name = [p for p in free if p.postcode == location.postcode and _name_key(p.name) == key]
        if len(by_name) == 1:
            return "name and postcode", by_name
        return ("ambiguous", by_name) if by_name else ("new", [])


def _apply(provider: Provider, location: cqc.CqcLocation, now) -> None:
    provider.cqc_location_id = location.location_id
    provider.cqc_provider_id = location.provider_id
    provider.cqc_provider_name = location.provider_name
    provider.cqc_url = location.url[:200] if location.url.startswith(("http://", "https://")) else provider.cqc_url
    if location.rating:
        provider.cqc_rating, provider.cqc_rating_published = location.rating, location.published
        provider.cqc_ratings = location.ratings
    provider.cqc_imported_at = now


def import_cqc(*, actor, commissioner, text: str, file_name: str, local_authority: str, request=None) -> CqcImport:
    """Read a CQC file (all or nothing: :class:`cqc.CqcFileError` lists the problems), then, in one transaction,
    match each location in ``local_authority`` to the commissioner's providers (CQC location id, then CQC provider
    id at the same postcode, then name and postcode), update the matched, add the new social care services as not
    commissioned, and leave the ambiguous alone, listing them in the import's report."""
    parsed = cqc.read(text)
    now = timezone.now()
    report: dict = {"matched": [], "new": [], "ambiguous": [], "rating_changes": [], "skipped": {}}
    wanted = local_authority.strip().lower()
    with transaction.atomic():
        matcher = _Matcher(commissioner)
        for location in parsed.locations:
            if location.local_authority.strip().lower() != wanted:
                _skip(report, f"in another local authority than {local_authority}")
                continue
            how, candidates = matcher.match(location)
            row = {"line": location.line, "location_id": location.location_id, "name": location.name,
                   "postcode": location.postcode}
            if how == "ambiguous":
                report["ambiguous"].append({**row, "candidates": [str(p) for p in candidates]})
                continue
            if how == "new" and not _is_social_care(location):
                _skip(report, "not an adult social care service (and not one of ours)")
                continue
            provider = candidates[0] if candidates else Provider(
                commissioner=commissioner, name=location.name[:200], postcode=location.postcode,
                address=location.address[:300], kind=kind_of(location), commissioned=False)
            before = stored_snapshot(provider)
            old_rating = provider.cqc_rating
            _apply(provider, location, now)
            provider.save()
            matcher.claimed.add(provider.pk)
            if before is None:
                matcher.providers.append(provider)
            record_saved(actor=actor, obj=provider, before=before, organisation=commissioner, request=request,
                         reason=f"CQC import ({file_name})")
            report["new" if before is None else "matched"].append({**row, "provider": provider.pk, "how": how})
            if before is not None and location.rating and old_rating != location.rating:
                report["rating_changes"].append({**row, "provider": provider.pk, "from": old_rating,
                                                 "to": location.rating})
        run = CqcImport.objects.create(
            commissioner=commissioner, uploaded_by=actor, file_name=file_name[:200], file_format=parsed.format,
            local_authority=local_authority, rows=parsed.rows, matched=len(report["matched"]),
            created=len(report["new"]), ambiguous=len(report["ambiguous"]),
            skipped=sum(report["skipped"].values()), report={**report, "produced_on": parsed.produced_on},
        )
        record(actor=actor, action=Action.CREATE, obj=run, organisation=commissioner, request=request,
               reason=f"CQC import ({file_name})" if actor is None else "",
               fields={"file": file_name, "format": parsed.format, "rows": parsed.rows, "matched": run.matched,
                       "new": run.created, "ambiguous": run.ambiguous, "skipped": run.skipped})
    return run


def _skip(report: dict, why: str) -> None:
    report["skipped"][why] = report["skipped"].get(why, 0) + 1
