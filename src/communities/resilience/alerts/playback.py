"""The demo's live heat alert: the shipped synthetic amber heat sample, played now (a fresh identifier and the
alert's times moved so it starts today), imported like any CAP file. Only with DEMO_MODE on."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from django.utils import timezone

from .models import Source

SAMPLE = Path(__file__).resolve().parent / "data" / "samples" / "heat_amber_north_east.xml"
_TIME = re.compile(r"<(sent|effective|onset|expires)>([^<]+)</\1>")
_IDENTIFIER = re.compile(r"<identifier>([^<]+)</identifier>")


def sample_played_at(now: datetime) -> bytes:
    """The sample with its identifier made unique to ``now`` and every time shifted by the same amount, so the
    alert is sent now and keeps its onset and expiry gaps."""
    text = SAMPLE.read_text(encoding="utf-8")
    sent = datetime.fromisoformat(_TIME.search(text).group(2))
    shift = now.replace(microsecond=0) - sent

    def moved(match: re.Match) -> str:
        when = (datetime.fromisoformat(match.group(2)) + shift).astimezone(now.tzinfo)
        return f"<{match.group(1)}>{when.isoformat()}</{match.group(1)}>"

    text = _TIME.sub(moved, text)
    text = _IDENTIFIER.sub(lambda m: f"<identifier>{m.group(1)}-PLAYED-{now:%Y%m%dT%H%M%S}</identifier>", text, 1)
    return text.encode("utf-8")


def play_heat_alert(*, actor, request=None, now: datetime | None = None):
    from .services import import_cap

    now = now or timezone.now()
    return import_cap(actor=actor, data=sample_played_at(now.astimezone(timezone.get_current_timezone())),
                      source=Source.DEMO, request=request)


