"""Read-only questions the referral pages ask: whom to refer (recently seen people), where (services that take
referrals), and each receiving service's figures. Every personal-data query starts from a ``visible_to`` scope."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from communities.audit.models import AuditEvent
from communities.directory.models import Service
from communities.organisations.models import Organisation
from communities.people.models import Consent, ConsentPurpose, Person

from .models import AWAITING_RESPONSE, Referral, Status

RECENT_PEOPLE = 8


def recent_people(user, limit: int = RECENT_PEOPLE) -> list[Person]:
    """People whose record this user opened most recently and may still see, newest first."""
    ids: list[str] = []
    opened = (AuditEvent.objects.filter(actor=user, action=AuditEvent.Action.VIEW, object_type="people.Person")
              .exclude(object_id="").order_by("-occurred_at").values_list("object_id", flat=True)[:200])
    for object_id in opened:
        if object_id not in ids:
            ids.append(object_id)
        if len(ids) == limit * 2:
            break
    found = {str(p.pk): p for p in Person.objects.visible_to(user).filter(pk__in=ids)}
    return [found[i] for i in ids if i in found][:limit]


def referable_services(text: str = ""):
    """Listed services whose organisation answers referrals on the platform, optionally matching ``text``."""
    services = (Service.objects.listed().filter(organization__platform_organisation__is_active=True)
                .select_related("organization__platform_organisation"))
    for word in text.split():
        services = services.filter(Q(name__icontains=word) | Q(organization__name__icontains=word)
                                   | Q(description__icontains=word))
    return services


def referable_organisations(own, text: str = ""):
    """Active organisations on the platform, other than the referrer's own, to refer to directly (a team rather than
    a listed service), optionally matching ``text``."""
    organisations = Organisation.objects.filter(is_active=True).exclude(pk=getattr(own, "pk", None))
    for word in text.split():
        organisations = organisations.filter(name__icontains=word)
    return organisations.order_by("name")


def referral_consents(person: Person, user):
    """The person's current consents to referral that this user may see."""
    return Consent.objects.visible_to(user).filter(person=person, purpose=ConsentPurpose.REFERRAL).current()


@dataclass
class ServiceFigures:
    name: str
    service_id: str | None
    new: int = 0
    seen: int = 0
    overdue: int = 0
    accepted: int = 0
    completed: int = 0
    declined: int = 0
    target_days: int | None = None
    extra: dict = field(default_factory=dict)


def figures_by_service(received) -> list[ServiceFigures]:
    """New, overdue, accepted, completed per receiving service (or team, for referrals made to an organisation)."""
    now = timezone.now()
    rows = (received.values("service_id", "service_name").annotate(
        new=Count("pk", filter=Q(status=Status.NEW)),
        seen=Count("pk", filter=Q(status=Status.SEEN)),
        overdue=Count("pk", filter=Q(status__in=AWAITING_RESPONSE, respond_by__lt=now)),
        accepted=Count("pk", filter=Q(status=Status.ACCEPTED)),
        completed=Count("pk", filter=Q(status=Status.COMPLETED)),
        declined=Count("pk", filter=Q(status=Status.DECLINED)),
    ).order_by("service_name"))
    from .models import ResponseTarget

    targets = dict(ResponseTarget.objects.filter(service_id__in=[r["service_id"] for r in rows if r["service_id"]])
                   .values_list("service_id", "days"))
    return [ServiceFigures(name=r["service_name"], service_id=str(r["service_id"]) if r["service_id"] else None,
                           new=r["new"], seen=r["seen"], overdue=r["overdue"], accepted=r["accepted"],
                           completed=r["completed"], declined=r["declined"], target_days=targets.get(r["service_id"]))
            for r in rows]


def own_services(organisation):
    """The directory services an organisation answers referrals for (to set their response targets)."""
    return Service.objects.filter(organization__platform_organisation=organisation).order_by("name")


def with_people(referrals):
    return referrals.select_related("person", "from_organisation", "to_organisation", "referred_by")


def list_of(referrals, limit: int = 50) -> list[Referral]:
    return list(with_people(referrals)[:limit])
