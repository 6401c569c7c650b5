"""Demo borough extension (settings.DEMO_EXTENSIONS): referrals between the demo council and its partners.

About sixty synthetic referrals made over the last four months by the demo council officer and the demo VCSE
worker, each resting on a recorded consent, to services in Find help: some still new, some overdue, some accepted,
declined for a stated reason, withdrawn, or completed with an outcome. Referrals between the council and the demo
VCSE group (both have demo accounts) have gone through every step; referrals to groups without demo accounts wait,
and many of those are overdue, as they would be. Every name and word is synthetic.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from communities.accounts.models import User
from communities.audit.services import Action, record
from communities.demo.logins import demo_email
from communities.people.models import Consent, Involvement

from .codes import SOCIAL_PRESCRIBING_DECLINED
from .models import DeclineReason, OutcomeKind, Referral, Status, StatusChange
from .queries import referable_services

WHAT_MATTERS = [
    "I want to get out of the house more and meet people.",
    "Since my husband died I don't talk to anyone most days.",
    "I'd like help to manage my money so I can stop worrying.",
    "I want to be able to cook proper meals for the kids.",
    "Getting to my hospital appointments without relying on my daughter.",
    "Feeling less anxious when I go out.",
    "Keeping warm this winter without getting into debt.",
    "I want to get fitter so I can play with my grandchildren.",
]
NEEDS = ["Lives alone; low mood", "Debts with the energy supplier", "Recently bereaved", "Caring for a parent",
         "Struggles with stairs", ""]
OFFERED = ["Weekly group place offered", "One-to-one appointment booked", "Home visit arranged",
           "Peer supporter matched"]
# (status, share of referrals between the two demo organisations)
PLAN = [(Status.NEW, 0.12), (Status.SEEN, 0.1), (Status.ACCEPTED, 0.25), (Status.DECLINED, 0.12),
        (Status.COMPLETED, 0.33), (Status.WITHDRAWN, 0.08)]


def _people(ctx, organisation, count):
    ids = (Involvement.objects.filter(organisation=organisation, ended_on__isnull=True)
           .order_by("person__last_name", "person__first_name", "person__date_of_birth", "person__postcode",
                     "person_id").values_list("person_id", flat=True)[:count])  # the same people for a seed
    by_id = {p.pk: p for p in ctx.people}
    return [by_id[i] for i in ids if i in by_id]


def _services(organisation):
    return list(referable_services().filter(organization__platform_organisation=organisation).order_by("name"))


def add_demo_referrals(ctx) -> None:
    rng, now = ctx.rng, timezone.now()
    officer, worker = User.objects.get(email=demo_email("officer")), User.objects.get(email=demo_email("worker"))
    council, vcse = ctx.council_org, ctx.partners[0]
    sides = {council.pk: officer, vcse.pk: worker}
    other_services = [s for p in ctx.partners[1:6] for s in _services(p)[:2]]
    made = 0
    for sender, receiver in ((council, vcse), (vcse, council)):
        targets = _services(receiver) or other_services
        for index, person in enumerate(_people(ctx, sender, 24)):
            to_other = index % 4 == 3 and other_services
            service = other_services[index % len(other_services)] if to_other else targets[index % len(targets)]
            days_ago = int(rng.integers(1, 120))
            if to_other:
                status = Status.NEW if rng.random() < 0.6 else Status.SEEN
            else:
                status = PLAN[int(rng.choice(len(PLAN), p=[share for _, share in PLAN]))][0]
            _make(ctx, person=person, service=service, sender=sender, actor=sides[sender.pk],
                  answerer=sides.get(service.organization.platform_organisation_id), status=status,
                  created=now - timedelta(days=days_ago, hours=int(rng.integers(0, 8))))
            made += 1
    record(actor=None, action=Action.CREATE, object_type="referrals.Referral", organisation=council,
           fields={"referrals": made}, reason="demo_borough management command: referrals (synthetic)")


def _make(ctx, *, person, service, sender, actor, answerer, status, created) -> Referral:
    rng = ctx.rng
    receiver = service.organization.platform_organisation
    consent = Consent.objects.create(
        person=person, purpose="referral", purpose_detail=f"Referral to {service.name}", lawful_basis="consent",
        special_category_condition="explicit_consent", how_given="verbal_in_person", given_at=created,
        organisation=sender, recorded_by=actor,
    )
    respond = created + timedelta(days=settings.REFERRAL_RESPONSE_DAYS)
    referral = Referral.objects.create(
        person=person, service=service, service_name=service.name, to_organisation=receiver,
        from_organisation=sender, referred_by=actor, consent=consent, submission_token=uuid.uuid4(),
        shared_name=str(person), shared_date_of_birth=person.date_of_birth, shared_postcode=person.postcode,
        what_matters=WHAT_MATTERS[int(rng.integers(len(WHAT_MATTERS)))], needs=NEEDS[int(rng.integers(len(NEEDS)))],
        safeguarding_concern=bool(rng.random() < 0.05), created_at=created, respond_by=respond,
    )
    if referral.safeguarding_concern:
        referral.safeguarding_detail = "Synthetic: a neighbour is worried about visitors taking money; adult social " \
                                       "care told."
    _step(referral, "", Status.NEW, actor, sender, created)
    if status == Status.NEW or answerer is None:  # nobody in a group without demo accounts has answered
        referral.save()
        return referral
    seen = created + timedelta(hours=int(rng.integers(2, 72)))
    _step(referral, Status.NEW, Status.SEEN, answerer, receiver, seen)
    referral.status, referral.seen_at = Status.SEEN, seen
    if status in (Status.ACCEPTED, Status.COMPLETED, Status.WITHDRAWN):
        answered = min(seen + timedelta(days=int(rng.integers(0, 8))), timezone.now())
        referral.status, referral.accepted_at, referral.responded_at = Status.ACCEPTED, answered, answered
        referral.support_offered = OFFERED[int(rng.integers(len(OFFERED)))]
        _step(referral, Status.SEEN, Status.ACCEPTED, answerer, receiver, answered)
        Involvement.objects.get_or_create(person=person, organisation=receiver, ended_on__isnull=True,
                                          defaults={"reason": f"Accepted referral {referral.reference}"})
        later = min(answered + timedelta(days=int(rng.integers(7, 40))), timezone.now())
        if status == Status.COMPLETED:
            outcome = OutcomeKind.values[int(rng.choice(4, p=[0.55, 0.25, 0.1, 0.1]))]
            referral.status, referral.outcome, referral.closed_at = Status.COMPLETED, outcome, later
            _step(referral, Status.ACCEPTED, Status.COMPLETED, answerer, receiver, later, "Synthetic outcome note")
        elif status == Status.WITHDRAWN:
            referral.status, referral.closed_at = Status.WITHDRAWN, later
            _step(referral, Status.ACCEPTED, Status.WITHDRAWN, actor, sender, later, "Moved out of the area")
    elif status == Status.DECLINED:
        reason = DeclineReason.values[int(rng.integers(len(DeclineReason.values) - 1))]
        answered = seen + timedelta(days=int(rng.integers(0, 5)))
        referral.status, referral.decline_reason = Status.DECLINED, reason
        referral.responded_at = referral.closed_at = answered
        if reason == DeclineReason.PERSON_DECLINED:
            referral.snomed_code = SOCIAL_PRESCRIBING_DECLINED.code
        _step(referral, Status.SEEN, Status.DECLINED, answerer, receiver, answered)
    referral.save()
    return referral


def _step(referral, from_status, to_status, by, organisation, at, note="") -> None:
    StatusChange.objects.create(referral=referral, from_status=from_status, to_status=to_status, by=by,
                                organisation=organisation, at=at, note=note, notified_at=at)
