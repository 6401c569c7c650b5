"""Each app registers its personal-data models here, in its own ``privacy.py``, once for every duty.

A registration says, for one model:

- how to find a resident's rows (``subject``: the ORM path from the model to ``people.Person``; "" for the person
  itself; ``None`` when rows are not about a resident of the people room, such as a public report's email address),
  and which fields a subject access export shows;
- which record type of the retention schedule (data/schedule.yaml) it belongs to: period, source, lawful basis;
- which rows have reached the end of their retention (``expired(cutoff)``: a queryset), and how to anonymise them
  (constant replacement values per field, so that anonymising twice changes nothing) or whether to delete them;
- the order in which erasure and anonymisation visit it (dependent rows before the rows they hang off).

A model with fields that look personal must be registered or declared not personal with :func:`not_personal`;
``tests/dataprotection/test_registry.py`` fails otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models

from . import schedule


@dataclass(frozen=True)
class Registration:
    model_label: str
    record_type: str
    subject: str | None
    export_fields: tuple[str, ...]
    anonymise: Mapping[str, object] = field(default_factory=dict)
    expired: Callable[[object], models.QuerySet] | None = None
    erase: str = "anonymise"  # or "delete"
    order: int = 100
    describe: str = ""

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def schedule(self) -> schedule.RecordType:
        return schedule.record_type(self.record_type)

    @property
    def title(self) -> str:
        return self.describe or str(self.model._meta.verbose_name_plural).capitalize()

    def rows_for(self, person) -> models.QuerySet:
        """This model's rows about ``person``; empty when the model is not found through a person."""
        manager = self.model._default_manager
        if self.subject is None:
            return manager.none()
        lookup = {self.subject: person.pk} if self.subject else {"pk": person.pk}
        return manager.filter(**lookup).distinct()

    def anonymised(self) -> models.Q:
        """Rows that already carry every replacement value (so the retention job leaves them alone)."""
        return models.Q(**dict(self.anonymise))

    def pending(self, cutoff) -> models.QuerySet:
        """Rows past retention that the job still has to anonymise or delete."""
        if self.expired is None or cutoff is None:
            return self.model._default_manager.none()
        rows = self.expired(cutoff)
        if self.schedule.then == "anonymise" and self.anonymise:
            rows = rows.exclude(self.anonymised())
        return rows


_REGISTRY: dict[str, Registration] = {}
_NOT_PERSONAL: dict[str, str] = {}


def register(model_label: str, **options) -> Registration:
    if model_label in _REGISTRY or model_label in _NOT_PERSONAL:
        raise ValueError(f"{model_label} is already registered with the data-protection registry")
    if options.get("erase", "anonymise") not in ("anonymise", "delete"):
        raise ValueError(f"{model_label}: erase must be 'anonymise' or 'delete'")
    registration = Registration(model_label=model_label, **options)
    _REGISTRY[model_label] = registration
    return registration


def not_personal(model_label: str, reason: str) -> None:
    """Declare that a model whose field names look personal holds no personal data about residents, and why."""
    if len(reason.strip()) < 10:
        raise ValueError(f"{model_label}: say why it holds no personal data")
    if model_label in _REGISTRY:
        raise ValueError(f"{model_label} is registered as personal data")
    _NOT_PERSONAL[model_label] = reason


def registrations() -> list[Registration]:
    """Every registration in the order erasure and anonymisation visit them."""
    return sorted(_REGISTRY.values(), key=lambda r: (r.order, r.model_label))


def registration(model_label: str) -> Registration | None:
    return _REGISTRY.get(model_label)


def declared_not_personal() -> dict[str, str]:
    return dict(_NOT_PERSONAL)


def about_people() -> list[Registration]:
    return [r for r in registrations() if r.subject is not None]
