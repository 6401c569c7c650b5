"""Two coordinators give trips to the same driver at the same moment, from the same version of the plan: one change
is saved, the other is told to reload, and the driver's run holds exactly what the winner saved (PostgreSQL: real
concurrent transactions; SQLite serialises writers, so the race needs the server database)."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from communities.core import jobs
from communities.transport.planning import services
from communities.transport.planning.models import DayPlan, RunStop

pytestmark = [
    # serialized_rollback: the flush after it skips post_migrate, so the conftest restore finds empty tables
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif("connection.vendor != 'postgresql'", reason="needs concurrent writers (PostgreSQL)"),
]


def test_two_coordinators_cannot_both_change_the_plan_from_the_same_version(scheme):
    assert connection.vendor == "postgresql"
    plan = services.start_planning(actor=scheme.coordinator, organisation=scheme.organisation, day=scheme.day)
    jobs.run(plan.job_id)
    plan.refresh_from_db()
    sam, ria = scheme.drivers
    target = sam if RunStop.objects.filter(run__driver=sam).count() <= RunStop.objects.filter(run__driver=ria).count() \
        else ria
    movable = [t for t in scheme.trips if RunStop.objects.get(trip=t, kind="pickup").run.driver != target][:2]
    assert len(movable) == 2, "the fixture's plan should give both drivers trips"
    seen, barrier, outcomes = plan.version, threading.Barrier(2), {}

    def coordinator(trip):
        try:
            barrier.wait()
            services.move_trip(actor=scheme.coordinator, plan=DayPlan.objects.get(pk=plan.pk), trip=trip,
                               driver=target, version=seen)
            outcomes[trip.pk] = "saved"
        except ValidationError as exc:
            outcomes[trip.pk] = " ".join(exc.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=coordinator, args=(t,)) for t in movable]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(v == "saved" for v in outcomes.values()) == [False, True], outcomes
    loser = next(pk for pk, v in outcomes.items() if v != "saved")
    assert "Someone else changed this plan" in outcomes[loser]
    winner = next(pk for pk, v in outcomes.items() if v == "saved")
    assert RunStop.objects.get(trip_id=winner, kind="pickup").run.driver == target
    assert RunStop.objects.get(trip_id=loser, kind="pickup").run.driver != target
    assert DayPlan.objects.get(pk=plan.pk).version == seen + 1
