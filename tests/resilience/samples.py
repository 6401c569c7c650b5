"""URL samples for the emergencies room (imported by tests/url_samples.py): an entry on the register for the sample
person (registered by the council), an open incident of the council with that entry on its call list, a follow-up,
and a data holder."""

from __future__ import annotations

from datetime import timedelta


def _entry(ctx):
    from django.utils import timezone

    from communities.people.models import Consent, Person
    from communities.places.models import Postcode
    from communities.resilience.models import RegisterEntry

    from ..url_samples import _person

    person = Person.objects.get(pk=_person(ctx))
    planner = ctx["personas"]["planner"]
    consent = Consent.objects.create(
        person=person, purpose="emergency_register", lawful_basis="consent", how_given="verbal_in_person",
        given_at=timezone.now(), organisation=ctx["council"], recorded_by=planner,
        expires_on=timezone.localdate() + timedelta(days=365))
    place = Postcode.objects.select_related("lsoa").order_by("postcode").first()
    return RegisterEntry.objects.create(person=person, organisation=ctx["council"], consent=consent,
                                        needs=["mobility"], tier=2, postcode=place.postcode, lsoa=place.lsoa,
                                        registered_by=planner)


def _call(ctx):
    from communities.resilience.models import Call, Incident

    entry = _entry(ctx)
    incident = Incident.objects.create(
        name="Sample incident", organisation=ctx["council"], area={"lsoa_codes": [entry.lsoa_id]},
        area_description="Sample", lsoa_codes=[entry.lsoa_id], declared_by=ctx["personas"]["planner"])
    return Call.objects.create(incident=incident, entry=entry, position=1, tier=2)


def _follow_up(ctx) -> int:
    from communities.resilience.models import FollowUp

    call = _call(ctx)
    return FollowUp.objects.create(call=call, description="Sample help", created_by=ctx["personas"]["planner"]).pk


def _holder(ctx) -> int:
    from django.utils import timezone

    from communities.resilience.models import DataHolder

    return DataHolder.objects.create(name="Sample holder", kind="gp", holds="Sample", protocol="Sample",
                                     trigger="Sample", contact_name="Sample", reviewed_on=timezone.localdate()).pk


SAMPLES = {
    "entry_id": lambda ctx: str(_entry(ctx).pk),
    "incident_id": lambda ctx: str(_call(ctx).incident_id),
    "call_id": lambda ctx: _call(ctx).pk,
    "follow_up_id": _follow_up,
    "holder_id": _holder,
}
