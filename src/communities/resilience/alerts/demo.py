"""Demo: last winter's yellow cold-health alert already recorded (no incident), so the alert list has history; the
live amber heat alert is played from the list page's button (``playback``), which opens an incident on the demo
register. Both are the synthetic samples in ``data/samples``, imported like any CAP file."""

from __future__ import annotations

from pathlib import Path

from communities.accounts.models import User
from communities.demo.logins import demo_email
from communities.organisations.services import current_membership_state

from .models import Source
from .services import import_cap

SAMPLES = Path(__file__).resolve().parent / "data" / "samples"


def add_demo_alerts(context) -> None:
    planner = User.objects.filter(email=demo_email("planner")).first()
    if planner is None:
        return
    planner.current_organisation, planner.current_roles = current_membership_state(planner, None)
    import_cap(actor=planner, data=(SAMPLES / "cold_yellow_north.xml").read_bytes(), source=Source.DEMO)
