"""Every support page about a person, plan or carer: the worker of an unrelated organisation gets 404 (as if it did
not exist), volunteers and drivers get 403 even when assigned to the person, and the owning organisation's staff
reach it. The URL walk in tests/test_url_access.py accepts 404 from anyone; this says who must get it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.test_url_access import _url, kwarg_names, project_patterns

pytestmark = pytest.mark.django_db
KWARGS = {"person_id", "plan_id", "link_id"}


def support_pages():
    return [(name, p) for name, p in project_patterns()
            if name.startswith("support:") and KWARGS & set(kwarg_names(p))]


def test_outsiders_see_nothing_volunteers_nothing_owners_everything(client_for, council, partner, other_org,
                                                                    personas):
    ctx = {"council": council, "partner": partner, "other_org": other_org, "personas": personas}
    pages = support_pages()
    assert len(pages) >= 18
    problems = []
    for name, pattern in pages:
        url = _url(name, pattern, ctx)
        for persona, expected in (("outsider", {404, 405}), ("volunteer", {403}), ("volunteer_assigned", {403}),
                                  ("driver_assigned", {403}), ("councillor", {403}), ("officer", {200, 405})):
            status = client_for(persona).get(url).status_code
            if status not in expected:
                problems.append(f"{name}: {persona} got {status}, expected {sorted(expected)}")
    assert problems == [], "\n".join(problems)


def test_outsider_finds_nobody_in_lists(client_for, personas, partner):
    body = client_for("outsider").get(reverse("support:my_reviews")).content.decode()
    assert "Overdue (0)" in body and "Due soon (0)" in body
