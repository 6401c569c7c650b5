"""One figure of the evidence snapshot: the value as shown, with its period, geography, source, licence and date.

Figures are plain dicts (they are stored as JSON on the assessment and shown as they were when taken)."""

from __future__ import annotations

from django.utils import timezone

OGL = "Open Government Licence v3.0"
PLATFORM = "Communities records (counts only)"


def figure(label: str, display: str, *, period: str, geography: str, source: str, licence: str = OGL,
           value: float | None = None, lower: float | None = None, upper: float | None = None,
           note: str = "", suppressed: bool = False, synthetic: bool = False) -> dict:
    return {
        "label": label, "display": display, "value": value, "lower": lower, "upper": upper, "period": period,
        "geography": geography, "source": source, "licence": licence, "note": note, "suppressed": suppressed,
        "synthetic": synthetic, "taken_on": timezone.localdate().isoformat(),
    }


def count_figure(label: str, shown, *, period: str, geography: str, source: str, licence: str = PLATFORM,
                 note: str = "") -> dict:
    """A count after suppression: ``shown`` is a :class:`~communities.stats.suppression.SuppressedCount`."""
    return figure(label, shown.label, period=period, geography=geography, source=source, licence=licence,
                  value=shown.value, suppressed=shown.value is None, note=note)


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "no residents"
