"""Every model that holds personal data is registered (export, retention, anonymisation) or declared not personal;
the schedule behind it is data with a source and a date per row, and a council can override it."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

from communities.dataprotection import registry, schedule

from .conftest import write_schedule

PERSONAL_LOOKING = re.compile(
    r"(^|_)(name|email|phone|telephone|mobile|date_of_birth|dob|address|postcode|postal_code|notes?|message|reason)"
    r"(_|$)"
)


def _personal_looking(model) -> list[str]:
    names = []
    for field in model._meta.concrete_fields:
        related = field.related_model if field.is_relation else None
        points_at_person = related is not None and related._meta.label == "people.Person"
        if PERSONAL_LOOKING.search(field.name) or points_at_person:
            names.append(field.name)
    return names


def unregistered() -> list[str]:
    known = {r.model_label for r in registry.registrations()} | set(registry.declared_not_personal())
    return [
        f"{model._meta.label} ({', '.join(_personal_looking(model))})"
        for model in apps.get_models()
        if model.__module__.startswith("communities.") and _personal_looking(model) and model._meta.label not in known
    ]


def test_every_model_with_personal_looking_fields_is_registered_or_declared():
    missing = unregistered()
    assert missing == [], ("Register these in the app's privacy.py (communities.dataprotection.registry.register) "
                           "or declare them with not_personal(model, reason):\n" + "\n".join(missing))


def test_the_check_catches_a_model_nobody_registered(monkeypatch):
    monkeypatch.delitem(registry._REGISTRY, "money.SavedCheck")
    monkeypatch.delitem(registry._NOT_PERSONAL, "directory.Contact")
    assert unregistered() == ["directory.Contact (name, email)", "money.SavedCheck (person)"]


def test_registrations_name_real_fields_and_scheduled_record_types():
    for reg in registry.registrations():
        names = {f.name for f in reg.model._meta.get_fields()}
        assert set(reg.export_fields) <= names, reg.model_label
        assert set(reg.anonymise) <= names, reg.model_label
        assert reg.schedule.key == reg.record_type
        if reg.subject:
            reg.model._default_manager.filter(**{reg.subject: None})  # the path resolves (FieldError if not)


def test_every_schedule_row_has_a_source_a_date_and_a_lawful_basis():
    for kind in schedule.record_types().values():
        assert kind.source and isinstance(kind.source_date, date)
        assert kind.lawful_basis in schedule.LAWFUL_BASES and kind.lawful_basis_detail
    case = schedule.record_type("resident_record")
    assert case.retain == {"years": 6} and "Derbyshire" in case.source and not case.erasure_allowed


def test_people_and_their_related_rows_are_registered_including_assignments():
    labels = {r.model_label for r in registry.about_people()}
    assert {"people.Person", "people.Household", "people.Involvement", "people.BreakGlassGrant",
            "people.Assignment", "money.SavedCheck", "money.Outcome", "money.HouseholdMoney",
            "dataprotection.SubjectRequest"} <= labels


def test_a_council_overrides_a_row(tmp_path, settings):
    write_schedule(tmp_path, settings, "resident_record:\n  retain: {years: 8}\n  lawful_basis: consent\n"
                   "  source: Blackpool Council adult services retention schedule (8 years after care ends)\n"
                   "  source_date: 2025-01-01\n")
    kind = schedule.record_type("resident_record")
    assert kind.retain == {"years": 8} and kind.erasure_allowed and kind.source.startswith("Blackpool")
    assert kind.description.startswith("A resident's record")  # keys not overridden are kept


@pytest.mark.parametrize("text, message", [
    ("resident_record:\n  lawful_basis: because\n", "lawful_basis 'because'"),
    ("resident_record:\n  retain: 6\n", "retain must be"),
    ("resident_record:\n  source: ''\n", "has no source"),
    ("new_kind:\n  description: x\n", "new_kind"),
])
def test_a_bad_override_names_what_is_wrong(tmp_path, settings, text, message):
    write_schedule(tmp_path, settings, text)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        schedule.record_types()


def test_cutoff_counts_calendar_years_and_months():
    kind = schedule.record_type("resident_record")
    assert kind.cutoff(date(2026, 12, 7)) == date(2020, 12, 7)
    assert kind.cutoff(date(2028, 2, 29)) == date(2022, 2, 28)
    assert schedule.record_type("staff_account").cutoff(date(2026, 12, 7)) is None
