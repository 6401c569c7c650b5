"""The pure adapter to the scheduling core: blockers as capacity, windows, the checker's messages, late insertion."""

from communities.scheduling import check_solution
from communities.transport.planning.explain import Names, check_run
from communities.transport.planning.instance import DriverShift, TripNeed, build_instance, minutes
from communities.transport.planning.solving import insert_late, plan_slice, sequences

HOME_A = (54.5700, -1.3200)
HOME_B = (54.5600, -1.3000)
HOSPITAL = (54.5510, -1.2150)  # James Cook University Hospital, Middlesbrough
CLUB = (54.5650, -1.3180)


def trip(tid, pickup, dropoff, earliest, latest, appointment=None, **kw):
    return TripNeed(tid, pickup, dropoff, minutes(earliest), minutes(latest),
                    minutes(appointment) if appointment else None, **kw)


def shifts(seats=3, wheelchair=0):
    return [DriverShift("a", 0, HOME_A, minutes("08:00"), minutes("17:00"), seats, wheelchair),
            DriverShift("b", 0, HOME_B, minutes("08:00"), minutes("17:00"), seats, wheelchair)]


NAMES = Names({"14": "Trip 14", "15": "Trip 15"}, {"14": "12 High Street", "15": "3 Mill Lane"},
              {"14": "James Cook Hospital", "15": "the lunch club"})


def test_blocked_driver_never_gets_the_trip_and_windows_hold():
    trips = [trip("14", HOME_A, HOSPITAL, "09:00", "09:30", "10:30"), trip("15", HOME_A, CLUB, "09:00", "09:30")]
    inst = build_instance(trips, shifts(), blocked={"14": {"a"}, "15": {"b"}})
    sol = plan_slice(inst.problem, None, seconds=1.0, workers=1)
    assert check_solution(inst.problem, sol).feasible and not sol.unserved
    plan = sequences(sol)
    assert [t for t, k in plan["b/0"] if k == "pickup"] == ["14"]
    assert [t for t, k in plan["a/0"] if k == "pickup"] == ["15"]
    hospital = next(v for rt in sol.routes for v in rt.visits if v.request_id == "14" and v.kind == "dropoff")
    assert hospital.start <= minutes("10:30")


def test_lock_to_a_driver_is_a_block_on_everyone_else_and_both_blocked_is_unserved():
    trips = [trip("14", HOME_A, HOSPITAL, "09:00", "09:30", "10:30")]
    inst = build_instance(trips, shifts(), blocked={"14": {"a", "b"}})
    sol = plan_slice(inst.problem, None, seconds=0.5, workers=1)
    assert list(sol.unserved) == ["14"] and str(sol.unserved["14"]) == "no_vehicle_can_serve"


def test_moving_a_trip_by_hand_names_the_late_appointment():
    trips = [trip("14", HOME_A, HOSPITAL, "10:20", "10:25", "10:30")]
    inst = build_instance(trips, shifts())
    messages = check_run(inst, "b/0", [("14", "pickup"), ("14", "dropoff")], NAMES, "Sam")
    assert len(messages) == 1
    assert messages[0].startswith("Trip 14 would arrive at James Cook Hospital at 10:")
    assert messages[0].endswith("after its 10:30 appointment")


def test_messages_for_blocked_driver_capacity_and_wheelchair():
    trips = [trip("14", HOME_A, HOSPITAL, "09:00", "09:30", "10:30", escorts=1),
             trip("15", HOME_A, CLUB, "09:00", "09:30", wheelchair=True)]
    inst = build_instance(trips, shifts(seats=2), blocked={"14": {"a"}})
    run = [("14", "pickup"), ("15", "pickup"), ("15", "dropoff"), ("14", "dropoff")]
    messages = check_run(inst, "a/0", run, NAMES, "Sam")
    assert "Trip 14 cannot go to Sam: a compliance check or a lock to another driver blocks it" in messages
    assert any("Sam's car would carry 3 passengers and escorts after picking up Trip 15" in m for m in messages)
    assert any(m.startswith("Trip 15 needs a wheelchair space; Sam's car has 0") for m in messages)
    assert check_run(inst, "b/0", [("14", "pickup"), ("14", "dropoff")], NAMES, "Sam") == []


def test_end_of_availability_is_named():
    trips = [trip("14", HOME_A, HOSPITAL, "16:40", "16:50")]
    inst = build_instance(trips, shifts())
    messages = check_run(inst, "a/0", [("14", "pickup"), ("14", "dropoff")], NAMES, "Sam")
    assert messages and messages[-1].startswith("Sam would get home at 17:")
    assert messages[-1].endswith("after their availability ends at 17:00")


def test_late_insertion_keeps_every_other_trip_on_its_driver_and_order():
    trips = [trip(str(i), HOME_A if i % 2 else HOME_B, HOSPITAL if i % 3 else CLUB, f"{9 + i // 2:02d}:00",
                  f"{9 + i // 2:02d}:30") for i in range(8)]
    late = trip("late", HOME_B, CLUB, "13:00", "13:30")
    before = plan_slice(build_instance(trips, shifts()).problem, None, seconds=1.0, workers=1)
    inst = build_instance([*trips, late], shifts())
    after, vehicle = insert_late(inst.problem, sequences(before), "late")
    assert vehicle is not None and check_solution(inst.problem, after).feasible
    old, new = sequences(before), sequences(after)
    for vid, stops in new.items():
        assert [s for s in stops if s[0] != "late"] == old.get(vid, [])
