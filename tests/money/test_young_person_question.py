"""The check form asks whether a 16-19-year-old is in education or training (issue #19, item 0).

A qualifying young person is a dependant of the family (UC Regs 2013 reg. 5; Child Benefit (General) Regs 2006
reg. 3): before, the form could only add them as another adult, so a couple with a 17-year-old at college lost the
child element and Child Benefit.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.money import checks as session_checks

from .conftest import check_post

pytestmark = pytest.mark.django_db

FAMILY = [
    {"age": 45},
    {"relationship": "partner", "age": 43},
    {"relationship": "child", "age": 17, "in_education": True},
]


def test_the_form_asks_about_education_for_each_other_person(client_for):
    page = client_for("officer").get(reverse("money:check_new")).content.decode()
    assert "Aged 16 to 19 and in full-time education or training" in page
    assert 'name="members-1-in_education"' in page
    assert 'name="members-0-in_education"' not in page  # the person being helped is an adult


def test_young_person_in_education_counts_as_the_familys_child(client_for, engine):
    client = client_for("officer")
    data = check_post(FAMILY, tenure="social_rent_council", rent="500", rent_period="month", council_tax_band="A",
                      council_tax_per_year="1300", couple_status="married", marriage_allowance="no")
    response = client.post(reverse("money:check_new"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    check_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    check = session_checks.as_check(session_checks.CheckDraft.objects.get(pk=check_id))
    assert check["answers"]["members"][2]["in_education"] is True
    benefits = {b["key"]: b for b in check["result"]["benefits"]}
    # Couple 25+ £628.10 and the young person's first-child element £339.00 a month (2025/26), rent £500 a month.
    assert benefits["universal_credit"]["entitled_per_year"] == pytest.approx((628.10 + 339.00 + 500) * 12, abs=0.01)
    assert benefits["child_benefit"]["entitled_per_year"] == pytest.approx(26.05 * 52, abs=0.01)
    assert check["result"]["other_benefit_units"] == []


@pytest.mark.parametrize(
    ("member", "message"),
    [
        ({"relationship": "child", "age": 17}, "unless they are 16 to 19 and in full-time education or training"),
        ({"relationship": "child", "age": 12, "in_education": True}, "Only tick this for a young person aged 16 to 19"),
        ({"relationship": "other_adult", "age": 18, "in_education": True}, "who lives with the family as their child"),
    ],
)
def test_inconsistent_answers_are_explained(client_for, member, message):
    response = client_for("officer").post(reverse("money:check_new"), check_post([{"age": 40}, member]))
    assert response.status_code == 200
    assert message in response.content.decode()
