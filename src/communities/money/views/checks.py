"""Advisers' pages: run a check (for a person on record or anonymously), results, action plan, what if, save."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.forms import SearchForm
from communities.people.models import Person
from communities.people.services import record_people_shown
from communities.places.forms import PostcodeForm

from .. import checks, plan, services
from ..adapter import (
    PEOPLE_TENURES,
    RELATIONSHIPS,
    prewarm_engine_in_background,
    run_check,
    tax_year_for,
    tax_year_label,
)
from ..forms import CheckForm, MemberFormSet, WhatIfForm, answers_from, initial_from
from ..models import DRAFT_DAYS, HouseholdMoney, SavedCheck


@requires("money.run_check")
def index(request):
    form = SearchForm(request.GET or None)
    people = None
    if form.is_valid() and form.cleaned_data["q"]:
        people = Paginator(visible(Person, request.user).search(form.cleaned_data["q"]), 20).get_page(
            request.GET.get("page")
        )
        record_people_shown(actor=request.user, people=people, request=request, page=people.number,
                            search=form.cleaned_data["q"], where="benefits check search")
    return render(request, "money/index.html", {"form": form, "people": people, "draft_days": DRAFT_DAYS})


def _field_error(form, members, message: str) -> None:
    """Attach a core validation message (``members[1].age: ...``) to the right field."""
    target, _, text = message.partition(": ")
    if target.startswith("members[") and "]." in target:
        index = int(target[len("members["):target.index("]")])
        name = target.split("].", 1)[1]
        member_form = members.forms[index] if index < len(members.forms) else None
        if member_form is not None and name in member_form.fields:
            member_form.add_error(name, text)
            return
    if target in form.fields:
        form.add_error(target, text)
    else:
        form.add_error(None, message)


def _person_initial(request, person) -> tuple[dict, list[dict], int | None]:
    household = person.household
    initial = {"year": tax_year_for(time_today())}
    members = [{"relationship": "you", "age": person.age, "disabled": person.has_disability,
                "carer": person.is_carer}]
    decile = None
    if household is not None:
        initial["tenure"] = PEOPLE_TENURES.get(household.tenure, "private_rent")
        if household.council_tax_band:
            initial["council_tax_band"] = household.council_tax_band
        decile = household.lsoa.imd2025_decile if household.lsoa_id else None
        money = visible(HouseholdMoney, request.user).filter(household=household).first()
        if money is not None:
            from ..forms import RECEIVING

            initial.update(rent=money.rent_per_week or None, rent_period="week", savings=money.savings or None,
                           epc_band=money.epc_band)
            for name, (key, _, periods) in RECEIVING.items():
                amount = money.current_benefits.get(key)
                if amount:
                    initial[name] = round(float(amount) / periods, 2)
        others = visible(Person, request.user).filter(household=household).exclude(pk=person.pk)[:5]
        partner_found = False
        for other in others:
            if other.age is None:
                continue
            if other.age < 16:
                relationship = "child"
            elif not partner_found and person.age is not None and abs(other.age - person.age) <= 15:
                relationship, partner_found = "partner", True
            else:
                relationship = "other_adult"
            members.append({"relationship": relationship, "age": other.age, "disabled": other.has_disability,
                            "carer": other.is_carer})
    return initial, members, decile


def time_today():
    from django.utils import timezone

    return timezone.localdate()


def _check_form(request, *, person=None):
    source = request.GET.get("from")
    decile = None
    if source:
        answers = checks.load(request, source)["answers"]
        initial, member_initial = initial_from(answers)
        decile = answers.get("imd_decile")
    elif person is not None:
        initial, member_initial, decile = _person_initial(request, person)
    else:
        initial, member_initial = {"year": tax_year_for(time_today())}, [{"relationship": "you"}]
    if person is not None and decile is None:
        _, _, decile = _person_initial(request, person)
    if request.method == "GET":
        prewarm_engine_in_background()
    form = CheckForm(request.POST or None, initial=initial)
    members = MemberFormSet(request.POST or None, initial=member_initial, prefix="members")
    if request.method == "POST" and form.is_valid() and members.is_valid():
        try:
            answers = answers_from(form, members)
        except ValueError as exc:
            _field_error(form, members, str(exc))
        else:
            answers["imd_decile"] = decile
            result = run_check(answers)
            check_id = checks.store(request, answers=answers, result=result, person=person)
            return redirect("money:check_result", check_id=check_id)
    return render(request, "money/check_form.html", {
        "form": form, "members": members, "person": person, "relationships": RELATIONSHIPS,
        "error_items": _error_items(form, members) if request.method == "POST" else [],
    })


def _error_items(form, members) -> list[dict]:
    """One GOV.UK error summary for the household form and every person's form."""
    items = []
    for bound in (form, *members.forms):
        for name, errors in bound.errors.items():
            href = f"#{bound[name].auto_id}" if name in bound.fields else "#main-content"
            prefix = ""
            if bound is not form:
                prefix = f"Person {members.forms.index(bound) + 1}: "
            items += [{"href": href, "text": prefix + e} for e in errors]
    items += [{"href": "#main-content", "text": e} for e in members.non_form_errors()]
    return items


@requires("money.run_check")
@require_http_methods(["GET", "POST"])
def check_new(request):
    return _check_form(request)


@requires("money.run_check")
@require_http_methods(["GET", "POST"])
def check_person(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    return _check_form(request, person=person)


def _context(check: dict) -> dict:
    result = check["result"]
    return {
        "check": check,
        "result": result,
        "answers": check["answers"],
        "year_label": tax_year_label(result["year"]),
        "amounts": [b for b in result["benefits"] if b["kind"] == "amount"],
        "pointers": [b for b in result["benefits"] if b["kind"] == "pointer"],
        "relationships": RELATIONSHIPS,
    }


@requires("money.run_check")
def check_result(request, check_id):
    check = checks.load(request, check_id)
    return render(request, "money/check_result.html", _context(check))


@requires("money.run_check")
def check_plan(request, check_id):
    draft = checks.get(request, check_id)
    check = checks.as_check(draft)
    postcode_form = PostcodeForm(request.GET if "postcode" in request.GET else None)
    postcode = plan.household_postcode(draft.person)  # the person is visible: the draft's scope requires it
    if postcode_form.is_bound:
        postcode = postcode_form.cleaned_data["postcode"] if postcode_form.is_valid() else ""
    near, not_found = plan.place_for(postcode)
    if not_found:
        postcode_form = PostcodeForm({"postcode": postcode})
        postcode_form.is_valid()
        postcode_form.add_error("postcode", not_found)
    context = _context(check)
    local_help = plan.local_help(check["result"], check["answers"], near)
    context.update(steps=plan.to_claim(check["result"]), find_help_url=plan.find_help_url(), local_help=local_help,
                   has_local_services=any(need["services"] for need in local_help), near=near,
                   postcode_form=postcode_form)
    return render(request, "money/check_plan.html", context)


def scenario_answers(answers: dict, data: dict) -> list[tuple[str, dict]]:
    """The what-if scenarios asked for, as (title, answers)."""
    scenarios = []
    hours = float(data.get("work_hours") or 0)
    if hours > 0:
        wage = float(data.get("work_wage") or 0)
        index = data.get("work_member") or 0
        varied = copy.deepcopy(answers)
        member = varied["members"][index]
        member["earnings_per_year"] = round(float(member.get("earnings_per_year", 0)) + hours * wage * 52, 2)
        member["hours_per_week"] = float(member.get("hours_per_week", 0)) + hours
        scenarios.append((f"Person {index + 1} works {hours:g} hours a week at £{wage:,.2f} an hour", varied))
    if data.get("partner_age") is not None:
        varied = copy.deepcopy(answers)
        earnings = float(data.get("partner_earnings") or 0) * 12
        varied["members"].append({"relationship": "partner", "age": data["partner_age"],
                                  "earnings_per_year": round(earnings, 2), "hours_per_week": 30.0 if earnings else 0.0})
        scenarios.append((f"A partner aged {data['partner_age']} moves in", varied))
    return scenarios


def side_by_side(columns: list[tuple[str, dict]]) -> list[dict]:
    """Rows of (label, amount per month in each column) for benefits with an amount in any column."""
    rows = []
    keys = [b["key"] for b in columns[0][1]["benefits"] if b["kind"] == "amount"]
    for key in keys:
        values = []
        for _, result in columns:
            b = next(x for x in result["benefits"] if x["key"] == key)
            values.append(b["per_month"])
        if any(values):
            label = next(b["label"] for b in columns[0][1]["benefits"] if b["key"] == key)
            rows.append({"label": label, "values": values})
    return rows


@requires("money.run_check")
@require_http_methods(["GET", "POST"])
def check_whatif(request, check_id):
    check = checks.load(request, check_id)
    answers = check["answers"]
    has_partner = any(m["relationship"] == "partner" for m in answers["members"])
    form = WhatIfForm(request.POST or None, members=answers["members"], has_partner=has_partner,
                      year=int(answers["year"]))
    comparison = None
    if request.method == "POST" and form.is_valid():
        columns = [("Now", check["result"])]
        try:
            for title, varied in scenario_answers(answers, form.cleaned_data):
                columns.append((title, run_check(varied)))
        except ValueError as exc:
            form.add_error(None, str(exc).partition(": ")[2] or str(exc))
        else:
            earnings = [c[1]["earnings_per_year"] / 12 for c in columns]
            benefits = [c[1]["total_entitled_per_year"] / 12 for c in columns]
            comparison = {
                "titles": [c[0] for c in columns],
                "rows": side_by_side(columns),
                "benefits": [round(x, 2) for x in benefits],
                "earnings": [round(x, 2) for x in earnings],
                "total": [round(a + b, 2) for a, b in zip(earnings, benefits, strict=True)],
                "seconds": [c[1]["seconds"] for c in columns[1:]],
            }
    context = _context(check)
    context.update(form=form, comparison=comparison)
    return render(request, "money/check_whatif.html", context)


@requires("money.run_check")
@require_POST
def check_save(request, check_id):
    check = checks.load(request, check_id)
    if not check.get("person_id"):
        raise Http404("This check is not for a person on record")
    person = get_visible_or_404(Person, request.user, request=request, pk=check["person_id"])
    saved = services.save_check(actor=request.user, person=person, check=check, request=request)
    messages.success(request, f"The check has been saved to {person}'s record.")
    if saved.disability_recorded:
        messages.info(request, f"{person}'s record now says they have a disability or long-term condition, "
                               "as the check's answers did.")
    return redirect("money:saved_check", saved_id=saved.pk)


@requires("money.run_check")
def recent_checks(request):
    """The adviser's unsaved checks in their current organisation (kept for 30 days after the last change)."""
    drafts = list(checks.recent(request.user))
    record_people_shown(actor=request.user, people=[d.person for d in drafts if d.person_id], request=request,
                        where="recent benefits checks")
    return render(request, "money/recent_checks.html", {"drafts": drafts, "days": DRAFT_DAYS})


@requires("money.run_check")
@require_POST
def check_delete(request, check_id):
    checks.delete(request, check_id)
    messages.success(request, "The unsaved check has been deleted.")
    return redirect("money:recent_checks")


@requires("money.run_check")
def person_checks(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    saved = visible(SavedCheck, request.user).filter(person=person).prefetch_related("outcomes")
    return render(request, "money/person.html", {"person": person, "saved": saved})
