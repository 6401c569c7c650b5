"""Does an emergency plan's cover last 48 hours? Each contact says how soon they can be there after a call and how
long they can stay; together, from the moment the first can arrive, there must be no gap in the next 48 hours.

48 hours: the cover carers' emergency schemes ask for (Essex and Hounslow carers' emergency plans, shared design note
references.md (b)). A council changes it with ``SUPPORT_EMERGENCY_COVER_HOURS``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

DEFAULT_COVER_HOURS = 48


def required_hours() -> int:
    return int(getattr(settings, "SUPPORT_EMERGENCY_COVER_HOURS", DEFAULT_COVER_HOURS))


@dataclass(frozen=True)
class Cover:
    required: int
    first_arrival: int | None  # hours after the call; None with no contacts
    covered_hours: int  # hours covered without a gap, from the first arrival
    gaps: tuple[tuple[int, int], ...]  # (from hour, to hour) after the call with nobody there, within the window

    @property
    def enough(self) -> bool:
        return self.first_arrival is not None and not self.gaps

    @property
    def missing(self) -> list[str]:
        """What is missing, in plain English (empty when the cover is enough)."""
        if self.first_arrival is None:
            return [f"No emergency contacts yet: add up to three people whose time together covers {self.required} "
                    "hours"]
        end = self.first_arrival + self.required
        said = []
        for start, stop in self.gaps:
            if stop == end:
                said.append(f"Nobody is there from hour {start} after the call: {stop - start} more hours are needed "
                            f"to cover {self.required} hours (to hour {end})")
            else:
                said.append(f"Nobody is there from hour {start} to hour {stop} after the call ({stop - start} hours)")
        return said


def cover(windows: list[tuple[int, int]], required: int | None = None) -> Cover:
    """``windows``: (arrives within hours, arrives + stays hours) per contact."""
    required = required_hours() if required is None else required
    windows = sorted((start, stop) for start, stop in windows if stop > start)
    if not windows:
        return Cover(required=required, first_arrival=None, covered_hours=0, gaps=())
    first = windows[0][0]
    end = first + required
    cursor, gaps, covered = first, [], None
    for start, stop in windows:
        if start >= end:
            break
        if start > cursor:
            gaps.append((cursor, start))
            covered = covered if covered is not None else cursor - first
        cursor = max(cursor, min(stop, end))
    if cursor < end:
        gaps.append((cursor, end))
        covered = covered if covered is not None else cursor - first
    return Cover(required=required, first_arrival=first, covered_hours=required if covered is None else covered,
                 gaps=tuple(gaps))
