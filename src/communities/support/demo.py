"""Demo borough (settings.DEMO_EXTENSIONS): support plans with reviews and ONS4 scores, some reviews overdue; carers
with assessments, breaks and emergency plans, one plan in action with its contacts answering. Everything goes
through the room's services (consents first), so the audit trail and timelines look as they would in use.

Dates run back from the day the demo is made. Services refuse review dates in the past, so the overdue plans are
made as if time had passed: their next review date is moved back afterwards (synthetic data only). Phone numbers
are in Ofcom's range for drama (01632 960000 to 960999), which is never given to real lines.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.people.models import ConsentPurpose, HowGiven, Involvement, LawfulBasis, Person
from communities.people.services import record_consent

from .models import SupportPlan, WrittenBy
from .services import carers, emergency, plans

# (what matters to me, goals with (action, who, who name))
PLANS = [
    ("Since my hip operation I don't get out. I miss the market on a Saturday and a natter with people.",
     [("Get to the Saturday market again", "Try the community transport to the market", "person", ""),
      ("Feel less on my own", "Introduce to the Tuesday lunch club", "organisation", "Stockton Lunch Club")]),
    ("I want to stay in my own home. My money is a worry and the letters frighten me.",
     [("Understand my money and bills", "Benefits check and help with the letters", "worker", ""),
      ("Keep the house warm this winter", "Apply for the warm home discount", "family", "Daughter, Karen")]),
    ("Being a good grandad. I want to be well enough to take the little ones to the park.",
     [("Walk to the park and back", "Join the walking group on Thursdays", "person", ""),
      ("Sleep better", "Talk to the GP about my tablets", "person", "")]),
    ("I'd like to feel useful again. I used to volunteer at the church before my stroke.",
     [("Do some volunteering", "Meet the volunteer coordinator", "organisation", "Thornaby Community Hub")]),
]
# Realistic ONS4 answers (0-10) and loneliness answers (1 often/always ... 5 never), first review then second.
SCORES = [
    [{"life_satisfaction": 4, "worthwhile": 5, "happiness": 3, "anxiety": 7}, 1],
    [{"life_satisfaction": 6, "worthwhile": 6, "happiness": 6, "anxiety": 4}, 2],
    [{"life_satisfaction": 5, "worthwhile": 7, "happiness": 5, "anxiety": 6}, 2],
    [{"life_satisfaction": 7, "worthwhile": 7, "happiness": 8, "anxiety": 2}, 4],
]
PROGRESS = ["some", "good", "none", "achieved"]
SYNTHETIC = "synthetic demo"


def _consent(person, purpose, organisation, actor, days_ago: int):
    given = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=days_ago), time(10)))
    return record_consent(person=person, purpose=purpose, lawful_basis=LawfulBasis.CONSENT,
                          how_given=HowGiven.VERBAL_IN_PERSON, given_at=given, organisation=organisation, by=actor,
                          purpose_detail=SYNTHETIC)


def _people(organisation, count: int, skip: int = 0) -> list[Person]:
    involved = (Involvement.objects.filter(organisation=organisation, ended_on__isnull=True)
                .order_by("person__last_name", "person__first_name", "person_id").values_list("person", flat=True))
    ids = list(involved[skip:skip + count])
    return sorted(Person.objects.filter(pk__in=ids), key=lambda p: ids.index(p.pk))


def _make_plans(organisation, actor, people: list[Person]) -> None:
    today = timezone.localdate()
    for index, person in enumerate(people):
        what_matters, goals = PLANS[index % len(PLANS)]
        _consent(person, ConsentPurpose.SUPPORT_PLAN, organisation, actor, 200)
        started = today - timedelta(days=180 - 10 * index)
        plan = plans.create_plan(actor=actor, organisation=organisation, person=person, what_matters=what_matters,
                                 written_by=WrittenBy.WORKER if index % 2 else WrittenBy.PERSON,
                                 next_review_on=today + timedelta(days=1), started_on=started)
        made = [plans.add_goal(actor=actor, plan=plan, description=goal,
                               action={"description": action, "who": who, "who_name": name,
                                       "by_when": today + timedelta(days=30 + 7 * n)})
                for n, (goal, action, who, name) in enumerate(goals)]
        reviews = 1 + index % 2
        for number in range(reviews):
            ons4, lonely = SCORES[(index + number) % len(SCORES)]
            plans.record_review(
                actor=actor, plan=plan, reviewed_on=started + timedelta(days=50 * (number + 1)),
                what_changes="Keep going with the actions; add the lunch club (synthetic demo review).",
                next_review_on=today + timedelta(days=5 + 9 * index),
                progress={g.pk: (PROGRESS[(index + number + n) % len(PROGRESS)], "") for n, g in enumerate(made)},
                answers={"ons4": ons4, "ons_loneliness": {"how_often_lonely": lonely}},
            )
        if index % 3 == 0:  # overdue: as if the review date had passed without a review
            SupportPlan.objects.filter(pk=plan.pk).update(next_review_on=today - timedelta(days=3 + index))


def _make_carers(organisation, actor, people: list[Person], contacts: list[Person]) -> None:
    today = timezone.localdate()
    for person in contacts:
        _consent(person, ConsentPurpose.CARER_CONTACT, organisation, actor, 60)
        if not person.phone:
            person.phone = f"01632 960{int(person.pk.hex[:6], 16) % 1000:03d}"
            person.save(update_fields=["phone"])
    pairs = [(people[i], people[i + 1]) for i in range(0, len(people) - 1, 2)]
    for number, (carer, cared_for) in enumerate(pairs):
        link = carers.link_carer(actor=actor, organisation=organisation, carer=carer, cared_for=cared_for,
                                 relationship=["wife", "son", "daughter"][number % 3],
                                 started_on=today - timedelta(days=400 + 30 * number))
        carers.record_assessment(actor=actor, link=link, assessed_on=today - timedelta(days=90),
                                 assessor=f"{actor.full_name}, {organisation}",
                                 needs_found="Little sleep; no break in the week; worried about what happens if "
                                             "they are ill (synthetic demo).",
                                 outcome="eligible" if number % 2 == 0 else "not_eligible",
                                 next_review_on=today + timedelta(days=270))
        carers.record_support(actor=actor, link=link, kind="break", description="Four hours' sitting service a week",
                              provided_by=str(organisation), starts_on=today - timedelta(days=60))
        plan = carers.save_emergency_plan(actor=actor, link=link, key_safe_code=f"{1000 + 37 * number}", data={
            "needs": "Dementia; needs help to wash, dress and eat; can become distressed at night.",
            "medication": "Donepezil 10 mg at night (blister pack in the kitchen drawer).",
            "gp": "Synthetic Road Surgery, 01632 960123",
            "access_to_home": "Key safe by the back door; neighbour at number 12 also has a key.",
            "tasks": "Breakfast 8am, lunch 12:30, tea 5pm; day centre on Wednesdays.",
            "pets": "One cat (Smudge), fed twice a day." if number % 2 else "",
            "next_review_on": today + timedelta(days=120),
        })
        for n, person in enumerate(contacts[3 * number:3 * number + 3]):
            carers.add_contact(actor=actor, plan=plan, person=person, relationship=["brother", "neighbour",
                                                                                    "friend"][n],
                               arrives_within_hours=[1, 4, 20][n], stays_for_hours=[20, 24, 30][n])
        if number == 0:
            _activate(actor, plan)


def _activate(actor, plan) -> None:
    activation = emergency.activate(actor=actor, plan=plan,
                                    reason="The carer was taken into hospital this morning (synthetic demo).")
    responses = list(activation.responses.order_by("contact__arrives_within_hours"))
    emergency.answer_by_link(response=responses[0], answer="coming", note="On my way, there by lunchtime")
    if len(responses) > 1:
        emergency.answer_by_worker(actor=actor, response=responses[1], answer="cannot",
                                   note="Away until Friday; rang back (synthetic demo)")


def add_demo_support(context) -> None:
    partner = context.partners[0]
    actor = User.objects.get(email=demo_email("worker"))
    actor.current_organisation = partner
    people = _people(partner, 20, skip=5)  # the first five have volunteer and driver assignments (people.demo)
    if len(people) < 20:
        return
    _make_plans(partner, actor, people[:8])
    _make_carers(partner, actor, people[8:14], people[14:20] + people[:3])
