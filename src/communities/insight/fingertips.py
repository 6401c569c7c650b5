"""Import of the CSV that OHID Fingertips produces: its "Export table as CSV file" data download and its API
``https://fingertips.phe.org.uk/api/all_data/csv/by_indicator_id?indicator_ids=…&child_area_type_id=…&
parent_area_type_id=…``. Format documented in docs/fingertips-import.md (header as written by Fingertips'
``CsvBuilderIndicatorDataHeaderWriter``, github.com/ukhsa-collaboration/fingertips-open, read December 2026).

What is loaded (decided for issue #19, item 5):

* Rows for England (E92000001), the North East region (E12000001), the council (``settings.COUNCIL_CODE``), its
  wards and its LSOAs. Rows for other areas are counted and skipped, so a whole-England download loads in one step.
* Rows with a ``Category Type`` (breakdowns such as deprivation deciles of England) are counted and skipped.
* Values and 95% limits are stored **as published** (not recomputed); ``Count`` is the numerator and
  ``Denominator`` the denominator. A blank value (suppressed) is stored as no value.
* Matching: each (Indicator ID, Sex, Age) goes to our indicator with that ``fingertips_id`` whose
  ``fingertips_sex``/``fingertips_age`` equal the row's (or are blank, meaning "any one"). If none exists it is
  created (code ``fingertips-<id>[-<sex>-<age>]``, the name from the file, key move "Healthy lives", measure
  "score": limits as published, polarity "no judgement") for the analyst to complete in the definitions CSV.
* Real values replace synthetic ones: an indicator marked synthetic that receives Fingertips values loses its
  synthetic values and the mark, in the same transaction.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from communities.audit.services import Action, record
from communities.core.uploads import ErrorReport
from communities.places.models import LSOA, Ward

from .importer import ImportError_, ImportResult, _audit, _number, save_values
from .importer import _reader as importer_reader
from .models import AreaType, Indicator, IndicatorValue, KeyMove, Measure, Polarity

ENGLAND, NORTH_EAST = "E92000001", "E12000001"
REQUIRED = [
    "Indicator ID", "Indicator Name", "Area Code", "Area Name", "Sex", "Age", "Category Type", "Time period",
    "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit", "Count", "Denominator", "Time period Sortable",
]
OPTIONAL = [
    "Parent Code", "Parent Name", "Area Type", "Category", "Lower CI 99.8 limit", "Upper CI 99.8 limit",
    "Value note", "Recent Trend", "New data", "Compared to goal", "Time period range",
]
#: "Compared to England value or percentiles", "Compared to Region value or percentiles", "Compared to percentiles":
#: Fingertips' own RAG comparisons. We recompute comparisons with our method, so these are read past.
COMPARED = re.compile(r"^Compared to (.+ value or percentiles|percentiles)$")


def is_fingertips(text: str) -> bool:
    """True when the first line is a Fingertips data header (its first column is "Indicator ID")."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return first.startswith("Indicator ID,") or first.startswith('"Indicator ID",')


@dataclass
class FingertipsResult(ImportResult):
    indicators_created: list[str] = field(default_factory=list)
    other_areas: int = 0
    categories: int = 0

    @property
    def summary(self) -> str:
        parts = [f"{self.created} values created and {self.updated} updated"]
        if self.indicators_created:
            parts.append(f"new indicators {', '.join(self.indicators_created)} (complete their definitions)")
        if self.other_areas:
            parts.append(f"{self.other_areas} rows for other areas skipped")
        if self.categories:
            parts.append(f"{self.categories} rows broken down by category skipped")
        return "; ".join(parts)


@dataclass
class _Row:
    line: int
    key: tuple[int, str, str]  # Indicator ID, Sex, Age
    name: str
    value: IndicatorValue


def _reader(text: str) -> tuple[csv.DictReader, ErrorReport]:
    return importer_reader(text, REQUIRED, OPTIONAL, also_known=COMPARED.match, missing_what="Fingertips column(s)",
                           unknown_hint=": is this a Fingertips data download?")


def _area_types() -> dict[str, str]:
    council = settings.COUNCIL_CODE
    types = {ENGLAND: AreaType.ENGLAND, NORTH_EAST: AreaType.REGION, council: AreaType.BOROUGH}
    types.update(dict.fromkeys(Ward.objects.filter(council_id=council).values_list("code", flat=True), AreaType.WARD))
    types.update(dict.fromkeys(LSOA.objects.filter(council_id=council).values_list("code", flat=True), AreaType.LSOA))
    return types


def _parse(reader: csv.DictReader, errors: ErrorReport, result: FingertipsResult) -> list[_Row]:
    areas, council = _area_types(), settings.COUNCIL_CODE
    rows: list[_Row] = []
    seen: dict[tuple, int] = {}
    for line, row in enumerate(reader, start=2):
        if (row.get("Category Type") or "").strip():
            result.categories += 1
            continue
        code = (row.get("Area Code") or "").strip()
        area_type = areas.get(code)
        if area_type is None and code[:3] in ("E05", "E01") and (row.get("Parent Code") or "").strip() == council:
            area_type = AreaType.WARD if code.startswith("E05") else AreaType.LSOA
        if area_type is None:
            result.other_areas += 1
            continue
        ind_text = (row.get("Indicator ID") or "").strip()
        if not ind_text.isdigit():
            errors.append(f"Line {line}: Indicator ID must be a whole number, not {ind_text[:30]!r}")
        period = (row.get("Time period") or "").strip()
        if not period or len(period) > 20:
            errors.append(f"Line {line}: Time period is required (20 characters at most)")
        sortable = (row.get("Time period Sortable") or "").strip()
        if not (sortable.isdigit() and len(sortable) == 8 and 1900 <= int(sortable) // 10000 <= 2200):
            errors.append(f"Line {line}: Time period Sortable must be 8 digits starting with the year, such as "
                          f"20230000, not {sortable[:30]!r}")
        value, lower, upper = (_number(errors, line, row, n) for n in (
            "Value", "Lower CI 95.0 limit", "Upper CI 95.0 limit"))
        count, denominator = _number(errors, line, row, "Count"), _number(errors, line, row, "Denominator")
        if None not in (lower, upper) and lower > upper:
            errors.append(f"Line {line}: Lower CI 95.0 limit must not be more than Upper CI 95.0 limit")
        key = (int(ind_text) if ind_text.isdigit() else 0, (row.get("Sex") or "").strip()[:40],
               (row.get("Age") or "").strip()[:40])
        if (key, code, period) in seen:
            errors.append(f"Line {line}: this indicator, sex, age, area and period are already on line "
                          f"{seen[(key, code, period)]}")
        seen[(key, code, period)] = line
        rows.append(_Row(line, key, (row.get("Indicator Name") or "").strip(), IndicatorValue(
            area_type=area_type, area_code=code, area_name=(row.get("Area Name") or "").strip()[:120],
            period=period, year=int(sortable) // 10000 if sortable.isdigit() else 0, numerator=count,
            denominator=denominator, value=value, lower=lower, upper=upper, ci_method="As published (Fingertips)",
        )))
    return rows


def _match(rows: list[_Row], errors: ErrorReport) -> dict[tuple, Indicator | None]:
    """Our indicator for each (ID, Sex, Age) in the file; None = to be created. One indicator takes one key."""
    keys: dict[tuple, int] = {}
    for r in rows:
        keys.setdefault(r.key, r.line)
    known = list(Indicator.objects.filter(fingertips_id__in={k[0] for k in keys}))
    found: dict[tuple, Indicator | None] = {}
    taken: dict[int, tuple] = {}
    for key, line in keys.items():
        fits = [i for i in known if i.fingertips_id == key[0] and i.fingertips_sex in ("", key[1])
                and i.fingertips_age in ("", key[2])]
        fits.sort(key=lambda i: (i.fingertips_sex == "", i.fingertips_age == ""))  # the most specific first
        ind = fits[0] if fits else None
        if ind is not None and ind.pk in taken:
            sex, age = taken[ind.pk][1:]
            errors.append(f"Line {line}: Sex {key[1]!r} and Age {key[2]!r} of Fingertips indicator {key[0]} would go "
                          f"to {ind.code}, which already takes Sex {sex!r} and Age {age!r}: give {ind.code} a "
                          "fingertips_sex and fingertips_age in the indicator definitions, or remove the other rows")
        elif ind is not None:
            taken[ind.pk] = key
        found[key] = ind
    return found


def _create(key: tuple, name: str, several: bool) -> Indicator:
    ft_id, sex, age = key
    code = f"fingertips-{ft_id}" + (f"-{slugify(sex)}-{slugify(age)}" if several else "")
    label = f"{name} ({sex}, {age})" if several else name
    return Indicator.objects.create(
        code=code[:60], name=(label or f"Fingertips indicator {ft_id}")[:200], key_move=KeyMove.HEALTHY_LIVES,
        measure=Measure.SCORE, multiplier=1, polarity=Polarity.NO_JUDGEMENT, decimals=1,
        source=f"OHID Fingertips, indicator {ft_id}", geography_levels="borough,ward,england,region",
        fingertips_id=ft_id, fingertips_sex=sex if several else "", fingertips_age=age if several else "",
    )


def import_fingertips(text: str, *, actor=None, reason: str = "") -> FingertipsResult:
    """Load a Fingertips data CSV: all or nothing, every problem by line and column."""
    reader, errors = _reader(text)
    if errors:
        raise ImportError_(errors)
    result = FingertipsResult("Fingertips values")
    rows = _parse(reader, errors, result)
    found = _match(rows, errors)
    if errors:
        raise ImportError_(errors)
    if not rows:
        raise ImportError_([f"The file has no rows for England, the North East, {settings.COUNCIL_CODE} or its "
                            "wards and LSOAs (after leaving out breakdowns by category)"])
    ids_with_several = {k[0] for k in found if sum(1 for j in found if j[0] == k[0]) > 1}
    with transaction.atomic():
        for key, ind in list(found.items()):
            if ind is None:
                name = next(r.name for r in rows if r.key == key)
                found[key] = ind = _create(key, name, key[0] in ids_with_several)
                result.indicators_created.append(ind.code)
            elif ind.synthetic:
                IndicatorValue.objects.filter(indicator=ind).delete()
                Indicator.objects.filter(pk=ind.pk).update(synthetic=False)
        for r in rows:
            r.value.indicator = found[r.key]
        save_values([r.value for r in rows], result, compute=False)
        if result.indicators_created:
            record(actor=actor, action=Action.CREATE, object_type="insight.Indicator",
                   fields={"created": len(result.indicators_created), "codes": ", ".join(result.indicators_created)},
                   reason=reason or "Fingertips data import")
        _audit(actor, "insight.IndicatorValue", result, reason or "Fingertips data import")
    return result
