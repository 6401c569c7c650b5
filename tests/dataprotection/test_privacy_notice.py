"""The public privacy notice says what the service now does: copies with who viewed, erasure refusals with the basis,
and the retention schedule in force (a council's overrides included)."""

from __future__ import annotations

import pytest

from .conftest import write_schedule

pytestmark = pytest.mark.django_db


def test_notice_lists_the_schedule_and_the_rights(client, tmp_path, settings):
    page = client.get("/privacy/").content.decode()
    assert "who has looked at or changed your record" in page and "Article 17(3)(b)" in page
    assert "6 years after the last organisation&#x27;s involvement ends (case closure)" in page
    write_schedule(tmp_path, settings, "resident_record:\n  retain: {years: 8}\n")
    assert "8 years after the last organisation" in client.get("/privacy/").content.decode()
