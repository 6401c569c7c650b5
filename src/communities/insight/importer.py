"""CSV import of indicator definitions and values: every error names its line and field; all or nothing.

Definitions (one row per indicator): code, name, key_move, measure, multiplier, polarity, and optionally unit,
definition, numerator_definition, denominator_definition, source, frequency, geography_levels, decimals, synthetic,
sort_order, target (in the indicator's units: NHS Making Data Count assurance), and fingertips_id,
fingertips_sex, fingertips_age (the OHID Fingertips indicator ID, and the Sex and Age of its rows, that a
Fingertips data download is matched on: see ``fingertips.py``).

Values (one row per indicator, area and period): indicator_code, area_type, area_code, period, year, and
optionally area_name, numerator, denominator, value, lower95, upper95, sd. Proportions and rates need the numerator
and denominator (the confidence interval is computed); DSRs and scores need the value (limits optional); means
need the value, sd and denominator (the count). Re-importing a row for the same indicator, area and period
updates it.
"""

from __future__ import annotations

import csv
import io
import math
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction

from communities.audit.services import Action, record
from communities.core.uploads import ErrorReport, Limits, UploadRefused, check_rows

from .compute import compute_intervals
from .forms import MAX_UPLOAD_BYTES
from .models import AreaType, Indicator, IndicatorValue, KeyMove, Measure, Polarity

#: Rows: Stockton-on-Tees has 124 LSOAs (2021) and 27 wards (2023) (places/data/E06000004): values for 60 indicators
#: at every level over 20 periods are about 190,000 rows. Size: the upload form's 10 MB. Set December 2026.
LIMITS = Limits(max_bytes=MAX_UPLOAD_BYTES, max_rows=200_000)
DEFINITION_REQUIRED = ["code", "name", "key_move", "measure", "multiplier", "polarity"]
DEFINITION_OPTIONAL = [
    "unit", "definition", "numerator_definition", "denominator_definition", "source", "frequency",
    "geography_levels", "decimals", "synthetic", "sort_order", "target", "fingertips_id",
    "fingertips_sex", "fingertips_age",
]
VALUE_REQUIRED = ["indicator_code", "area_type", "area_code", "period", "year"]
VALUE_OPTIONAL = ["area_name", "numerator", "denominator", "value", "lower95", "upper95", "sd"]


class ImportError_(Exception):  # noqa: N801 - not the builtin ImportError
    """``errors``: the first problems in full ("Line 5: …"), then one line per kind of the rest (core.uploads)."""

    def __init__(self, errors: list[str] | ErrorReport):
        errors = ErrorReport.of(errors)
        self.report = errors
        self.errors = errors.lines()
        super().__init__("; ".join(self.errors))


@dataclass
class ImportResult:
    kind: str
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return f"{self.created} created and {self.updated} updated"


def _reader(text: str, required: list[str], optional: list[str], *, also_known=None, missing_what: str = "column(s)",
            unknown_hint: str = "") -> tuple[csv.DictReader, ErrorReport]:
    """A reader over ``text`` (limits checked first) and the header's problems. ``also_known(name)`` accepts columns
    beyond the optional list (Fingertips' "Compared to …" columns)."""
    try:
        check_rows(text, LIMITS)  # before any row is checked
    except UploadRefused as exc:
        raise ImportError_([str(exc)]) from exc
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    headers = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = headers
    missing = [h for h in required if h not in headers]
    unknown = [h for h in headers if h not in required and h not in optional and not (also_known and also_known(h))]
    problems = ErrorReport()
    if missing:
        problems.append(f"Line 1: the header is missing the {missing_what} {', '.join(missing)}")
    if unknown:
        problems.append(f"Line 1: unknown column(s) {', '.join(unknown)}{unknown_hint}")
    return reader, problems


def _number(errors, line, row, name, *, required=False, minimum=None, integer=False):
    text = (row.get(name) or "").strip().replace(",", "")
    if not text:
        if required:
            errors.append(f"Line {line}: {name} is required")
        return None
    try:
        value = int(text) if integer else float(text)
    except ValueError:
        errors.append(f"Line {line}: {name} must be a {'whole ' if integer else ''}number, not {text[:30]!r}")
        return None
    if not integer and (math.isnan(value) or math.isinf(value)):
        errors.append(f"Line {line}: {name} must be a finite number")
        return None
    if minimum is not None and value < minimum:
        errors.append(f"Line {line}: {name} must be at least {minimum}")
        return None
    return value


def _choice(errors, line, row, name, choices, *, required=True):
    text = (row.get(name) or "").strip()
    if not text and not required:
        return ""
    if text not in choices.values:
        errors.append(f"Line {line}: {name} must be one of {', '.join(choices.values)}, not {text[:30]!r}")
    return text


def import_definitions(text: str, *, actor=None, reason: str = "") -> ImportResult:
    reader, errors = _reader(text, DEFINITION_REQUIRED, DEFINITION_OPTIONAL)
    if errors:
        raise ImportError_(errors)
    parsed: dict[str, dict] = {}
    fingertips_ids: dict[tuple, str] = {}
    for line, row in enumerate(reader, start=2):
        code = (row.get("code") or "").strip()
        if not code:
            errors.append(f"Line {line}: code is required")
        elif not all(c.isalnum() or c in "-_" for c in code) or len(code) > 60:
            errors.append(f"Line {line}: code may use only letters, numbers, hyphens and underscores (60 at most)")
        elif code in parsed:
            errors.append(f"Line {line}: code {code!r} appears twice in the file")
        name = (row.get("name") or "").strip()
        if not name:
            errors.append(f"Line {line}: name is required")
        data = {
            "name": name[:200],
            "key_move": _choice(errors, line, row, "key_move", KeyMove),
            "measure": _choice(errors, line, row, "measure", Measure),
            "polarity": _choice(errors, line, row, "polarity", Polarity),
            "multiplier": _number(errors, line, row, "multiplier", required=True, minimum=1),
        }
        levels = (row.get("geography_levels") or "borough").strip()
        bad = [lvl for lvl in levels.split(",") if lvl.strip() and lvl.strip() not in AreaType.values]
        if bad:
            errors.append(f"Line {line}: geography_levels has unknown level(s) {', '.join(bad)}")
        data["geography_levels"] = levels
        decimals = _number(errors, line, row, "decimals", minimum=0, integer=True)
        data["decimals"] = 1 if decimals is None else min(decimals, 4)
        order = _number(errors, line, row, "sort_order", minimum=0, integer=True)
        data["sort_order"] = order or 0
        data["target"] = _number(errors, line, row, "target")
        data["fingertips_id"] = ft_id = _number(errors, line, row, "fingertips_id", minimum=1, integer=True)
        for name_ in ("fingertips_sex", "fingertips_age"):
            data[name_] = (row.get(name_) or "").strip()[:40]
        if ft_id is not None:
            key = (ft_id, data["fingertips_sex"], data["fingertips_age"])
            other = fingertips_ids.setdefault(key, code)
            held = Indicator.objects.filter(fingertips_id=ft_id, fingertips_sex=key[1], fingertips_age=key[2]).exclude(
                code=code).values_list("code", flat=True)
            if other != code or held:
                holder = other if other != code else held[0]
                errors.append(
                    f"Line {line}: fingertips_id {ft_id} (with this sex and age) is already given to {holder}")
        data["synthetic"] = (row.get("synthetic") or "").strip().lower() in {"1", "true", "yes", "y"}
        for name_ in ("unit", "definition", "numerator_definition", "denominator_definition", "source", "frequency"):
            text_ = (row.get(name_) or "").strip()
            if text_:
                data[name_] = text_
        if code:
            parsed[code] = data
    if errors:
        raise ImportError_(errors)
    result = ImportResult("definitions")
    with transaction.atomic():
        for code, data in parsed.items():
            _, created = Indicator.objects.update_or_create(code=code, defaults=data)
            result.created += created
            result.updated += not created
        _audit(actor, "insight.Indicator", result, reason)
    return result


def import_values(text: str, *, actor=None, reason: str = "") -> ImportResult:
    reader, errors = _reader(text, VALUE_REQUIRED, VALUE_OPTIONAL)
    if errors:
        raise ImportError_(errors)
    indicators = {i.code: i for i in Indicator.objects.all()}
    rows: dict[tuple, IndicatorValue] = {}
    for line, row in enumerate(reader, start=2):
        code = (row.get("indicator_code") or "").strip()
        indicator = indicators.get(code)
        if indicator is None:
            errors.append(f"Line {line}: indicator_code {code[:60]!r} is not a known indicator")
        area_type = _choice(errors, line, row, "area_type", AreaType)
        area_code = (row.get("area_code") or "").strip()
        if not area_code or len(area_code) > 20:
            errors.append(f"Line {line}: area_code is required (20 characters at most)")
        period = (row.get("period") or "").strip()
        if not period or len(period) > 20:
            errors.append(f"Line {line}: period is required (20 characters at most)")
        year = _number(errors, line, row, "year", required=True, minimum=1900, integer=True)
        if year is not None and year > 2200:
            errors.append(f"Line {line}: year must be a calendar year such as 2024")
        numerator = _number(errors, line, row, "numerator", minimum=0)
        denominator = _number(errors, line, row, "denominator", minimum=0)
        value = _number(errors, line, row, "value")
        lower = _number(errors, line, row, "lower95")
        upper = _number(errors, line, row, "upper95")
        sd = _number(errors, line, row, "sd", minimum=0)
        if indicator is not None:
            m = indicator.measure
            if m in (Measure.PROPORTION, Measure.RATE) and value is None:
                if numerator is None:
                    errors.append(f"Line {line}: numerator is required for a {m} (or give the value)")
                if denominator is None:
                    errors.append(f"Line {line}: denominator is required for a {m} (or give the value)")
            if denominator is not None and denominator <= 0 and m in (Measure.PROPORTION, Measure.RATE):
                errors.append(f"Line {line}: denominator must be greater than 0")
            if m == Measure.PROPORTION and None not in (numerator, denominator) and numerator > denominator:
                errors.append(f"Line {line}: numerator must not be more than the denominator for a proportion")
            if m == Measure.COUNT and numerator is None and value is None:
                errors.append(f"Line {line}: numerator (the count) is required")
            if m in (Measure.DSR, Measure.SCORE, Measure.MEAN) and value is None:
                errors.append(f"Line {line}: value is required for a {m}")
            if None not in (lower, upper) and lower > upper:
                errors.append(f"Line {line}: lower95 must not be more than upper95")
        key = (code, area_type, area_code, period)
        if key in rows:
            errors.append(f"Line {line}: this indicator, area and period appear twice in the file")
        if indicator is not None:
            rows[key] = IndicatorValue(
                indicator=indicator, area_type=area_type, area_code=area_code,
                area_name=(row.get("area_name") or "").strip()[:120], period=period, year=year or 0,
                numerator=numerator, denominator=denominator, sd=sd, value=value, lower=lower, upper=upper,
            )
    if errors:
        raise ImportError_(errors)
    result = ImportResult("values")
    with transaction.atomic():
        save_values(list(rows.values()), result)
        _audit(actor, "insight.IndicatorValue", result, reason)
    return result


def save_values(
    values: list[IndicatorValue], result: ImportResult | None = None, *, compute: bool = True
) -> ImportResult:
    """Compute intervals (unless ``compute`` is False: values and limits as published) and create or update the
    rows (matched on indicator, area and period)."""
    result = result or ImportResult("values")
    by_indicator: dict[int, list[IndicatorValue]] = defaultdict(list)
    for v in values:
        by_indicator[v.indicator.pk].append(v)
    fields = ["area_name", "year", "numerator", "denominator", "sd", "value", "lower", "upper", "ci_method"]
    for rows in by_indicator.values():
        indicator = rows[0].indicator
        if compute:
            compute_intervals(indicator, rows)
        existing = {
            (v.area_type, v.area_code, v.period): v
            for v in IndicatorValue.objects.filter(indicator=indicator)
        }
        new, changed = [], []
        for row in rows:
            old = existing.get((row.area_type, row.area_code, row.period))
            if old is None:
                new.append(row)
            else:
                for f in fields:
                    setattr(old, f, getattr(row, f))
                changed.append(old)
        IndicatorValue.objects.bulk_create(new, batch_size=2000)
        IndicatorValue.objects.bulk_update(changed, fields, batch_size=2000)
        result.created += len(new)
        result.updated += len(changed)
    return result


def _audit(actor, object_type: str, result: ImportResult, reason: str) -> None:
    record(
        actor=actor, action=Action.CREATE if not result.updated else Action.UPDATE, object_type=object_type,
        fields={"created": result.created, "updated": result.updated},
        reason=reason or ("" if actor is not None else "import_indicators management command"),
    )


def detect_kind(text: str) -> str:
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    headers = {h.strip() for h in first.split(",")}
    return "values" if "indicator_code" in headers else "definitions"
