"""What a profile is made of: figures that each carry period, geography, source, licence and denominator."""

from __future__ import annotations

from dataclasses import dataclass, field

OGL = "Open Government Licence v3.0"
NOT_COMPARED = ""


@dataclass(frozen=True)
class Figure:
    label: str
    value: str  # as printed: a number, "fewer than 5" or "suppressed"
    period: str
    geography: str
    source: str
    licence: str
    denominator: str
    lower: str = ""
    upper: str = ""
    borough: str = NOT_COMPARED  # comparison with the borough, in words
    england: str = NOT_COMPARED
    note: str = ""
    suppressed: bool = False

    def row(self, section: str, boundaries: str) -> list[str]:
        return [section, self.label, self.value, self.lower, self.upper, self.borough, self.england, self.period,
                self.geography, boundaries, self.source, self.licence, self.denominator, self.note]


CSV_HEADER = ["Section", "Figure", "Value", "Lower 95% limit", "Upper 95% limit", "Compared with the borough",
              "Compared with England", "Period", "Geography", "Boundaries", "Source", "Licence", "Denominator",
              "Note"]


@dataclass
class Section:
    title: str
    figures: list[Figure] = field(default_factory=list)
    note: str = ""
    partner_only: bool = False


@dataclass(frozen=True)
class NearbyService:
    service_id: str
    name: str
    organisation: str
    miles: float


@dataclass
class Profile:
    area: object  # areas.Area
    sections: list[Section]
    services: list[NearbyService]
    synthetic_crime: bool
    threshold: int

    def csv_rows(self):
        yield CSV_HEADER
        for section in self.sections:
            for figure in section.figures:
                yield figure.row(section.title, self.area.boundaries)
