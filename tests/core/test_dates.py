"""Issue 19: the GOV.UK date input (day, month, year) shared by every room, with the design system's messages."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django import forms
from django.template import Context, Template
from django.utils import timezone

from communities.core.forms import GovukDateField, GovukForm


class BirthForm(GovukForm):
    born = GovukDateField(label="Date of birth", in_past=True)


def errors_for(day="", month="", year=""):
    form = BirthForm(data={"born_day": day, "born_month": month, "born_year": year})
    return form.errors.get("born", []) if not form.is_valid() else form.cleaned_data["born"]


@pytest.mark.parametrize(("parts", "message"), [
    (("", "", ""), "Enter date of birth"),
    (("27", "", "1950"), "Date of birth must include a month"),
    (("", "", "1950"), "Date of birth must include a day and a month"),
    (("31", "2", "1950"), "Date of birth must be a real date"),
    (("aa", "3", "1950"), "Date of birth must be a real date"),
    (("27", "3", "50"), "Year must include 4 numbers"),
])
def test_the_design_systems_messages(parts, message):
    assert errors_for(*parts) == [message]


def test_a_date_in_the_future_is_refused_where_it_must_be_past():
    tomorrow = timezone.localdate() + timedelta(days=1)
    parts = (str(tomorrow.day), str(tomorrow.month), str(tomorrow.year))
    assert errors_for(*parts) == ["Date of birth must be in the past"]
    assert errors_for("27", "3", "1950") == date(1950, 3, 27)


def test_an_iso_date_in_a_link_is_still_read():
    assert BirthForm(data={"born": "1950-03-27"}).is_valid()
    assert BirthForm(data={"born": "1950-13-27"}).errors["born"] == ["Date of birth must be a real date"]


def test_govuk_field_renders_three_boxes_and_the_summary_links_to_the_day():
    form = BirthForm(data={"born_day": "", "born_month": "3", "born_year": "1950"})
    form.is_valid()
    html = Template("{% load govuk_forms %}{% govuk_error_summary form %}{% govuk_field form.born %}").render(
        Context({"form": form}))
    names = re.findall(r'<input[^>]*name="(born_[a-z]+)"[^>]*inputmode="numeric"', html)
    assert names == ["born_day", "born_month", "born_year"]
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Date of birth</legend>' in html
    assert 'href="#id_born_0"' in html and 'id="id_born_0"' in html
    assert "must include a day" in html
    assert 'type="date"' not in html and not isinstance(form.fields["born"], forms.DateField)
