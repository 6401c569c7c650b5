"""What the Find help templates show about a service, worked out once here (templates stay plain markup)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils import timezone

from .models import Service
from .services.opening_times import describe_schedule
from .services.staleness import cutoff


def checked_text(assured: date | None, today: date | None = None) -> str:
    if assured is None:
        return "Not checked yet"
    days = ((today or timezone.localdate()) - assured).days
    if days <= 0:
        return "Checked today"
    if days < 14:
        return f"Checked {days} day{'s' if days != 1 else ''} ago"
    if days < 60:
        return f"Checked {days // 7} weeks ago"
    months = days // 30
    return f"Checked {months} month{'s' if months != 1 else ''} ago"


@dataclass
class ServiceSummary:
    """Worked out once per result: templates read some of these twice (``{% if summary.times %}`` then the list)."""

    service: Service
    miles: float | None = None

    @cached_property
    def times(self) -> list[str]:
        return [t for t in (describe_schedule(s) for s in self.service.schedules.all()) if t]

    @cached_property
    def checked(self) -> str:
        return checked_text(self.service.assured_date)

    @cached_property
    def is_stale(self) -> bool:
        return self.service.assured_date is None or self.service.assured_date < cutoff()

    @cached_property
    def distance(self) -> str:
        if self.miles is None:
            return ""
        return f"{self.miles:.1f} miles away" if self.miles >= 0.1 else "Less than 0.1 miles away"

    @cached_property
    def categories(self) -> list[str]:
        return [a.taxonomy_term.name for a in self.service.attributes.all() if a.taxonomy_term.parent_id]

    @cached_property
    def places(self):
        return [sal.location for sal in self.service.service_at_locations.all()]

    @cached_property
    def cost(self) -> str:
        if self.service.is_free:
            return "Free"
        parts = [self.service.fees_description] + [
            f"{c.option}: £{c.amount:.2f}" if c.amount is not None else c.option
            for c in self.service.cost_options.all() if c.option or c.amount is not None
        ]
        # A listing's cost details are usually also its one cost option (the editors' form and imports write both,
        # ORUK feeds often repeat them): say each thing once.
        said, kept = set(), []
        for part in (" ".join(p.split()) for p in parts if p):
            if part and part.casefold() not in said:
                said.add(part.casefold())
                kept.append(part)
        return "; ".join(kept) or "Ask the service"

    @cached_property
    def ages(self) -> str:
        low, high = self.service.minimum_age, self.service.maximum_age
        if low is None and high is None:
            return "All ages"
        if high is None:
            return f"{low} and over"
        if low is None:
            return f"Up to {high}"
        return f"{low} to {high}"
