"""Opening times as people write them ("Monday to Friday 09:00-17:00", "First Saturday 10:00-12:00") ↔ HSDS schedules.

Weekly sessions become ``freq=WEEKLY, byday=MO,TU``; monthly ones ``freq=MONTHLY, byday=1SA`` (RFC 5545 BYDAY with an
ordinal, as HSDS 3.0 uses it). Times are 24-hour ``HH:MM``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time

DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_NAME_TO_CODE = {name.lower(): code for name, code in zip(DAY_NAMES, DAYS, strict=True)}
_NAME_TO_CODE.update({name.lower()[:3]: code for name, code in zip(DAY_NAMES, DAYS, strict=True)})
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": -1}
ORDINAL_NAMES = {1: "First", 2: "Second", 3: "Third", 4: "Fourth", -1: "Last"}

_LINE = re.compile(
    r"^(?:(?P<ordinal>first|second|third|fourth|last|1st|2nd|3rd|4th)\s+)?"
    r"(?P<days>[a-z ,]+?)\s+(?P<opens>\d{1,2}[:.]\d{2})\s*(?:-|–|to)\s*(?P<closes>\d{1,2}[:.]\d{2})"
    r"(?:\s*\((?P<notes>[^)]*)\))?$",
    re.IGNORECASE,
)


class OpeningTimesError(ValueError):
    def __init__(self, line_number: int, message: str):
        self.line_number = line_number
        super().__init__(f"Line {line_number}: {message}")


@dataclass(frozen=True)
class Session:
    freq: str
    byday: str
    opens_at: time
    closes_at: time
    notes: str = ""


def _day(word: str, line_number: int) -> str:
    key = word.strip().lower().rstrip("s") if word.strip().lower().endswith("days") else word.strip().lower()
    if key not in _NAME_TO_CODE:
        raise OpeningTimesError(line_number, f"'{word.strip()}' is not a day of the week")
    return _NAME_TO_CODE[key]


def _time(text: str, line_number: int) -> time:
    hours, minutes = (int(part) for part in re.split(r"[:.]", text))
    if hours > 23 or minutes > 59:
        raise OpeningTimesError(line_number, f"{text} is not a time on the 24-hour clock")
    return time(hours, minutes)


def _days(spec: str, line_number: int) -> list[str]:
    spec = spec.strip()
    if " to " in spec.lower():
        start, end = re.split(r"\s+to\s+", spec, maxsplit=1, flags=re.IGNORECASE)
        first, last = DAYS.index(_day(start, line_number)), DAYS.index(_day(end, line_number))
        if last < first:
            raise OpeningTimesError(line_number, "a range of days must run forwards, for example Monday to Friday")
        return DAYS[first : last + 1]
    words = [w for w in re.split(r"\s*(?:,|\band\b)\s*", spec) if w.strip()]
    if not words:
        raise OpeningTimesError(line_number, "give the day or days")
    return [_day(w, line_number) for w in words]


def parse(text: str) -> list[Session]:
    sessions = []
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            raise OpeningTimesError(
                number, "write a day and times like 'Saturday 10:00-12:00' or 'Monday to Friday 09:00-17:00'"
            )
        days = _days(match["days"], number)
        opens, closes = _time(match["opens"], number), _time(match["closes"], number)
        if closes <= opens:
            raise OpeningTimesError(number, "the closing time must be after the opening time")
        notes = (match["notes"] or "").strip()
        if match["ordinal"]:
            ordinal = ORDINALS[match["ordinal"].lower()]
            byday = ",".join(f"{ordinal}{d}" for d in days)
            sessions.append(Session("MONTHLY", byday, opens, closes, notes))
        else:
            sessions.append(Session("WEEKLY", ",".join(days), opens, closes, notes))
    return sessions


def _describe_days(byday: str, freq: str) -> str | None:
    parts = [p.strip().upper() for p in byday.split(",") if p.strip()]
    names = []
    ordinal_name = ""
    for part in parts:
        match = re.fullmatch(r"([+-]?\d)?(MO|TU|WE|TH|FR|SA|SU)", part)
        if not match:
            return None
        if match[1]:
            ordinal = int(match[1])
            if ordinal not in ORDINAL_NAMES:
                return None
            ordinal_name = ORDINAL_NAMES[ordinal]
        names.append(match[2])
    if not names:
        return None
    indexes = [DAYS.index(n) for n in names]
    if len(indexes) >= 3 and indexes == list(range(indexes[0], indexes[-1] + 1)):
        text = f"{DAY_NAMES[indexes[0]]} to {DAY_NAMES[indexes[-1]]}"
    else:
        text = ", ".join(DAY_NAMES[i] for i in indexes)
    if freq == "MONTHLY" and ordinal_name:
        return f"{ordinal_name} {text}"
    return text


def format_schedule(schedule) -> str:
    """One line in the editor's notation, or '' when a schedule cannot be written that way (it is then kept)."""
    if not schedule.opens_at or not schedule.closes_at or schedule.freq not in ("WEEKLY", "MONTHLY"):
        return ""
    days = _describe_days(schedule.byday or "", schedule.freq)
    if days is None:
        return ""
    line = f"{days} {schedule.opens_at:%H:%M}-{schedule.closes_at:%H:%M}"
    if schedule.notes:
        line += f" ({schedule.notes})"
    return line


def _clock(value: time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    return f"{hour}{suffix}" if value.minute == 0 else f"{hour}:{value.minute:02d}{suffix}"


def describe_schedule(schedule) -> str:
    """For residents: 'Saturday, 10am to midday' or the schedule's own description."""
    days = _describe_days(schedule.byday or "", schedule.freq) if schedule.byday else None
    if days and schedule.opens_at and schedule.closes_at:
        if schedule.freq == "MONTHLY":
            days = f"{days} of the month"
        return f"{days}, {_clock(schedule.opens_at)} to {_clock(schedule.closes_at)}"
    return schedule.description or ""
