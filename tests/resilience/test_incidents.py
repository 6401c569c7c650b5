"""Incidents: areas by ward, LSOA, postcode and radius; call order; lapsed consent dropping out; responders; the
volunteer's view ending with the incident; outcomes, follow-ups, progress, the report and exercises."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from communities.core import notify
from communities.organisations.models import Membership
from communities.people.models import Assignment, Consent, Person
from communities.resilience.areas import Area
from communities.resilience.models import Call, CallOutcome, ContactAttempt, Incident, RegisterEntry
from communities.resilience.progress import progress, report
from communities.resilience.services import close_incident, declare_incident
from communities.resilience.services.calls import add_responder, record_contact, share_out_calls

from ..support.conftest import acting


def declare(planner, area, cohorts=(), exercise=False):
    return declare_incident(actor=planner, name="Amber heat alert", area=area, cohorts=list(cohorts),
                            exercise=exercise)


def names(incident):
    return [c.entry.person.first_name for c in incident.calls.order_by("position").select_related("entry__person")]


def test_ward_area_orders_by_cohort_then_tier(planner, entries, geography):
    ward_a = geography[0]
    incident = declare(planner, Area(ward_codes=(ward_a,)))
    assert names(incident) == ["Vera", "Alan", "Nora"]  # tier 1, tier 2, no needs; Ellie lives in another ward
    cohort = declare(planner, Area(ward_codes=(ward_a,)), cohorts=["lives_alone"])
    assert names(cohort)[0] == "Alan" and cohort.calls.get(position=1).in_cohort
    assert incident.lsoa_codes and ward_a in incident.ward_codes and "wards" in incident.area_description


def test_lsoa_postcode_and_radius_areas(planner, entries):
    vera = entries["ventilator"]
    assert names(declare(planner, Area(lsoa_codes=(vera.lsoa_id,))))[0] == "Vera"
    by_postcode = declare(planner, Area(postcodes=(vera.postcode.replace(" ", "").lower(),)))
    assert sorted(names(by_postcode)) == ["Nora", "Vera"]  # both live at the first postcode
    tiny = declare(planner, Area(centre_latitude=vera.latitude, centre_longitude=vera.longitude, radius_km=0.01))
    assert sorted(names(tiny)) == ["Nora", "Vera"]
    everyone = declare(planner, Area(centre_latitude=vera.latitude, centre_longitude=vera.longitude, radius_km=40))
    assert len(names(everyone)) == 4


def test_a_bad_area_names_each_field(planner, entries):
    with pytest.raises(ValidationError) as caught:
        declare_incident(actor=planner, name="", area=Area(ward_codes=("E05999999",), postcodes=("nonsense",),
                                                           radius_km=3), cohorts=["unicorns"])
    assert set(caught.value.message_dict) == {"name", "ward_codes", "postcodes", "radius_km", "cohorts"}
    with pytest.raises(ValidationError, match="at least one"):
        declare_incident(actor=planner, name="Empty", area=Area(), cohorts=[])
    assert not Incident.objects.exists()


def test_only_council_incident_runners_may_declare(worker, volunteer, entries, geography):
    for actor in (worker, volunteer):
        with pytest.raises(PermissionDenied):
            declare(actor, Area(ward_codes=(geography[0],)))


def test_lapsed_consent_drops_a_person_from_lists(planner, entries, geography):
    alan = entries["alone"]
    Consent.objects.filter(pk=alan.consent_id).update(expires_on=timezone.localdate() - timedelta(days=1))
    incident = declare(planner, Area(ward_codes=(geography[0],)))
    assert "Alan" not in names(incident)
    # and lapsing during an incident drops them from what responders see
    vera = entries["ventilator"]
    Consent.objects.filter(pk=vera.consent_id).update(withdrawn_at=timezone.now())
    assert not incident.calls.on_current_register().filter(entry=vera).exists()
    assert progress(incident).total == 1


def _responder(planner, incident, user, organisation):
    membership = Membership.objects.get(user=user, organisation=organisation)
    return add_responder(actor=planner, incident=incident, membership=membership)


def test_volunteer_sees_only_their_calls_and_only_while_open(planner, volunteer, personas, partner, council,
                                                             entries, geography, settings,
                                                             django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKEND = "memory"
    incident = declare(planner, Area(ward_codes=(geography[0],)))
    officer = acting(personas["officer"], council)
    _responder(planner, incident, volunteer, partner)
    _responder(planner, incident, officer, council)
    with django_capture_on_commit_callbacks(execute=True):
        given = share_out_calls(actor=planner, incident=incident)
    assert given == {"volunteer@example.org": 2, "officer@example.org": 1}  # in turn, in call order
    mine = Call.objects.visible_to(volunteer)
    assert mine.count() == 2 and all(c.responder == volunteer for c in mine)
    assert {c.assignment.kind for c in mine} == {"emergency_call"}
    # the assignment lets the volunteer see those people (name, phone, postcode), nobody else
    visible_people = set(Person.objects.visible_to(volunteer))
    assert visible_people == {c.entry.person for c in mine}
    assert {m.to for m in notify.outbox} == {"volunteer@example.org", "officer@example.org"}
    close_incident(actor=planner, incident=incident)
    assert not Call.objects.visible_to(volunteer).exists()
    assert not Person.objects.visible_to(volunteer).exists()
    assert not Assignment.objects.active().filter(user=volunteer).exists()
    with pytest.raises(ValidationError, match="already closed"):
        close_incident(actor=planner, incident=incident)


def test_outcomes_follow_ups_progress_and_report(planner, personas, council, entries, geography):
    incident = declare(planner, Area(ward_codes=(geography[0],)), exercise=True)
    officer = acting(personas["officer"], council)
    _responder(planner, incident, officer, council)
    share_out_calls(actor=planner, incident=incident)
    first, second, third = incident.calls.order_by("position")
    record_contact(actor=officer, call=first, outcome=CallOutcome.NEEDS_HELP, help_needed="Fridge has failed")
    record_contact(actor=officer, call=second, outcome=CallOutcome.NOT_REACHED)
    record_contact(actor=officer, call=second, outcome=CallOutcome.REACHED_FINE)
    with pytest.raises(ValidationError) as caught:
        record_contact(actor=officer, call=third, outcome=CallOutcome.NEEDS_HELP)
    assert "help_needed" in caught.value.message_dict
    now = progress(incident)
    assert (now.total, now.attempted, now.needs_help, now.reached_fine, now.not_yet_tried) == (3, 2, 1, 1, 1)
    second.refresh_from_db()
    assert second.attempts == 2 and ContactAttempt.objects.filter(call=second).count() == 2
    after = report(incident)
    assert after.calls == 3 and after.attempted_within_target == 2 and after.follow_ups == 1
    assert after.time_to_first_contact is not None and after.time_to_first_contact < timedelta(minutes=5)
    assert ("Uses medical equipment that needs electricity", 1) in after.needs_of_those_needing_help


def test_an_exercise_sends_nothing(planner, personas, council, entries, geography, settings,
                                   django_capture_on_commit_callbacks):
    settings.NOTIFY_BACKEND = "memory"
    incident = declare(planner, Area(ward_codes=(geography[0],)), exercise=True)
    _responder(planner, incident, acting(personas["officer"], council), council)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        share_out_calls(actor=planner, incident=incident)
    assert callbacks == []
    close_incident(actor=planner, incident=incident)
    assert notify.outbox == []


def test_a_responder_cannot_log_someone_elses_call(planner, volunteer, personas, partner, council, entries,
                                                   geography):
    incident = declare(planner, Area(ward_codes=(geography[0],)))
    _responder(planner, incident, volunteer, partner)
    officer = acting(personas["officer"], council)
    _responder(planner, incident, officer, council)
    share_out_calls(actor=planner, incident=incident)
    theirs = incident.calls.get(responder=officer)
    with pytest.raises(PermissionDenied):
        record_contact(actor=volunteer, call=theirs, outcome=CallOutcome.REACHED_FINE)
    assert RegisterEntry.objects.count() == 4
