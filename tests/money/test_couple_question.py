"""Ask, don't assume (issue #19, item 3): the check asks whether a couple are married or civil partners or living
together, and whether they claim Marriage Allowance; the results page states each assumption that changes an amount.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from communities.money import checks as session_checks
from communities.money.adapter import assumptions, build_household
from communities.money.forms import initial_from

from .conftest import check_post

pytestmark = pytest.mark.django_db

COUPLE = [
    {"age": 35, "earnings": "1666.67", "hours_per_week": "37.5"},
    {"relationship": "partner", "age": 35},
    {"relationship": "child", "age": 4},
    {"relationship": "child", "age": 7},
]
HOME = {"tenure": "social_rent_council", "rent": "450", "rent_period": "month", "council_tax_band": "A",
        "council_tax_per_year": "1800"}


def post(client, members, **household):
    return client.post(reverse("money:check_new"), check_post(members, **{**HOME, **household}))


def saved(response) -> dict:
    assert response.status_code == 302, response.content.decode()[:3000]
    check_id = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    return session_checks.as_check(session_checks.CheckDraft.objects.get(pk=check_id))


def test_the_form_asks_about_marriage_and_marriage_allowance(client_for):
    page = client_for("officer").get(reverse("money:check_new")).content.decode()
    assert "If they have a partner: are they married or in a civil partnership?" in page
    assert 'name="couple_status"' in page and 'value="cohabiting"' in page
    assert "does one of them transfer Marriage Allowance to the other?" in page


def test_a_couple_must_answer(client_for):
    response = post(client_for("officer"), COUPLE)
    assert response.status_code == 200
    assert "Select whether the couple are married or in a civil partnership, or living together" in (
        response.content.decode())


def test_married_couples_say_whether_they_claim_marriage_allowance(client_for):
    response = post(client_for("officer"), COUPLE, couple_status="married")
    assert response.status_code == 200
    assert "Select whether one of them transfers Marriage Allowance to the other" in response.content.decode()


def test_a_cohabiting_couple_cannot_claim_marriage_allowance(client_for):
    response = post(client_for("officer"), COUPLE, couple_status="cohabiting", marriage_allowance="yes")
    assert response.status_code == 200
    assert "Only married couples and civil partners can claim Marriage Allowance" in response.content.decode()


def test_a_single_person_is_not_asked(client_for, engine):
    check = saved(post(client_for("officer"), [{"age": 40}]))
    assert "couple_status" not in check["answers"]
    assert not any("married" in text for text in check["result"]["assumptions"])


def test_cohabiting_couple_gets_the_hand_worked_universal_credit_and_the_page_says_so(client_for, engine):
    client = client_for("officer")
    response = post(client, COUPLE, couple_status="cohabiting")
    check = saved(response)
    assert check["answers"]["couple_status"] == "cohabiting" and check["answers"]["marriage_allowance"] is False
    household = build_household(check["answers"])
    assert household.married is False and household.marriage_allowance is False
    uc = {b["key"]: b for b in check["result"]["benefits"]}["universal_credit"]["entitled_per_year"]
    # Earnings £1,666.67 x 12 = £20,000.04 a year; rent £450 a month: as the oracle's cohabiting couple (£12,821.46),
    # give or take the 4p of earnings (tax 20 %, NI 8 %, taper 55 %: 0.04 x 0.72 x 0.55 = 1.6p).
    assert uc == pytest.approx(12821.46, abs=0.02)
    page = client.get(response["Location"]).content.decode()
    assert "What the check assumed" in page
    assert "You told us the couple live together without being married" in page


def test_married_couple_claiming_marriage_allowance(client_for, engine):
    check = saved(post(client_for("officer"), COUPLE, couple_status="married", marriage_allowance="yes"))
    uc = {b["key"]: b for b in check["result"]["benefits"]}["universal_credit"]["entitled_per_year"]
    assert uc == pytest.approx(12682.86, abs=0.02)  # £138.60 less: 55 % of the £252 tax saving
    assert any("claim Marriage Allowance" in text for text in check["result"]["assumptions"])


def test_answers_round_trip_to_the_form():
    household, _ = initial_from({"members": [], "couple_status": "married", "marriage_allowance": False})
    assert household["couple_status"] == "married" and household["marriage_allowance"] == "no"


def test_blank_answers_that_change_amounts_are_stated(client_for, engine):
    client = client_for("officer")
    members = [{"age": 35, "earnings": "1000"}, {"relationship": "partner", "age": 35}]
    response = post(client, members, couple_status="married", marriage_allowance="no", council_tax_per_year="")
    saved(response)
    page = client.get(response["Location"]).content.decode()
    for text in (
        "Person 1&#x27;s hours of work were left blank, so we counted 0 hours a week",
        "Savings were left blank or £0, so we counted no savings",
        "The council tax bill was left blank, so Council Tax Reduction is £0",
        "No benefits were entered as received now",
        "do not claim Marriage Allowance",
        "treated person 1&#x27;s earnings as wages from a job",
    ):
        assert text in page, text


def test_answers_saved_before_the_question_say_what_was_assumed():
    answers = {"year": 2025, "tenure": "private_rent", "members": [{"relationship": "you", "age": 40},
                                                                   {"relationship": "partner", "age": 38}]}
    household = build_household(answers)
    assert household.married is None and household.marriage_allowance is None
    said = assumptions(answers, household)
    assert said[0].startswith("This check did not ask whether the couple are married, so we assumed they are married")
