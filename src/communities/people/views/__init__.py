"""People: list and search (audited), view (audited; volunteers and drivers see only what their assignment needs),
add, change, assignments of volunteers and drivers, break-glass access and its review."""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import has_perm, requires
from communities.organisations.scoping import get_visible_or_404, visible

from .. import services
from ..duplicates import find_possible_duplicates, record_duplicates_shown
from ..forms import AssignmentForm, BreakGlassForm, NewPersonForm, PersonForm, ReviewForm, SearchForm
from ..merge import merged_into
from ..models import Assignment, BreakGlassReview, Person
from ..search import search_page
from ..timeline import timeline_for
from .hub import hub_context


@requires("people.view_person")
def person_list(request):
    form = SearchForm(request.GET or None)
    people = visible(Person, request.user)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    if search:
        people = people.search(search)
    page = search_page(people, request.GET.get("page"))
    services.record_people_shown(actor=request.user, people=page, request=request, page=page.number, search=search)
    full_record = has_perm(request.user, "people.view_full_record")
    return render(request, "people/list.html", {
        "form": form, "page": page, "full_record": full_record,
        "query": urlencode({"q": search}) if search else "",
    })


@requires("people.view_person")
def person_detail(request, person_id):
    person = _visible_or_follow_merge(request, person_id)
    if not isinstance(person, Person):
        return person
    assignments = visible(Assignment, request.user).active().filter(person=person).select_related("user")
    history = timeline_for(person, request.user)
    if not has_perm(request.user, "people.view_full_record"):
        # Volunteers and drivers: only what the task needs (name, phone, postcode and their own assignment).
        return render(request, "people/detail_assigned.html",
                      {"person": person, "assignments": assignments, "timeline": history})
    return render(request, "people/detail.html", {
        "person": person, "assignments": assignments, "timeline": history, **hub_context(request, person),
    })


def _visible_or_follow_merge(request, person_id):
    """The person, or a redirect to the record a merged one now lives in (only if the user may see that one)."""
    try:
        return get_visible_or_404(Person, request.user, request=request, pk=person_id)
    except Http404:
        kept_id = merged_into(person_id)
        if kept_id is None or not visible(Person, request.user).filter(pk=kept_id).exists():
            raise
        messages.info(request, "That record was merged into this one.")
        return redirect("people:detail", person_id=kept_id)


@requires("people.assign_person")
@require_http_methods(["GET", "POST"])
def assignment_add(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    members = services.assignable_members(request.organisation)
    form = AssignmentForm(request.POST if request.method == "POST" else None, members=members)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assignee = next(user for user, _ in members if user.pk == data["assignee"])
        try:
            services.assign_person(
                actor=request.user, organisation=request.organisation, person=person, assignee=assignee,
                kind=data["kind"], reason=data["reason"], ends_at=services.end_of_day(data["until"]), request=request,
            )
        except services.AssignmentError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"{assignee} can now see {person}'s name, phone number and postcode.")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/assignment_form.html", {"form": form, "person": person})


@requires("people.assign_person")
@require_http_methods(["POST"])
def assignment_end(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, audit=False, pk=person_id)
    try:
        assignment_id = uuid.UUID(request.POST.get("assignment", ""))
    except ValueError as exc:
        raise Http404 from exc
    assignment = get_visible_or_404(Assignment, request.user, person=person, pk=assignment_id)
    try:
        services.end_assignment(actor=request.user, assignment=assignment, request=request)
    except services.AssignmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"The assignment has ended: {assignment.user} can no longer see this record.")
    return redirect("people:detail", person_id=person.pk)


@requires("people.add_person")
@require_http_methods(["GET", "POST"])
def person_add(request):
    """Add a record, after showing possible duplicates (including ones held by other organisations, by name only)."""
    checked = request.method == "POST" and request.POST.get("duplicates_checked") in ("True", "true", "on", "1")
    form = NewPersonForm(request.POST or None, duplicates_shown=checked)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        duplicates = find_possible_duplicates(
            first_name=data["first_name"], last_name=data["last_name"], date_of_birth=data["date_of_birth"],
            postcode=data["postcode"], user=request.user,
        )
        if duplicates and not checked:
            record_duplicates_shown(actor=request.user, duplicates=duplicates, request=request)
            form = NewPersonForm(request.POST.copy(), duplicates_shown=True)
            form.data["duplicates_checked"] = "True"
            return render(request, "people/form.html", {"form": form, "title": "Add a person",
                                                        "duplicates": duplicates})
        fields = {k: v for k, v in data.items()
                  if k not in ("involvement_reason", "duplicates_checked", "new_record_reason")}
        try:
            person = services.create_person(
                actor=request.user, organisation=request.organisation, data=fields,
                involvement_reason=data["involvement_reason"], request=request,
                possible_duplicates=duplicates, new_record_reason=data.get("new_record_reason", ""),
            )
        except ValidationError as exc:
            form.add_error("new_record_reason" if "new_record_reason" in form.fields else None, exc.messages[0])
        else:
            messages.success(request, f"{person} has been added.")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/form.html", {"form": form, "title": "Add a person", "duplicates": duplicates})


@requires("people.change_person")
@require_http_methods(["GET", "POST"])
def person_edit(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        services.update_person(actor=request.user, person=person, data=form.cleaned_data, request=request)
        messages.success(request, "The record has been updated.")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/form.html", {"form": form, "title": f"Change {person}", "person": person})


@requires("people.break_glass")
@require_http_methods(["GET", "POST"])
def break_glass(request):
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.break_glass(actor=request.user, request=request, **form.cleaned_data)
        except services.BreakGlassError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Emergency access granted for 24 hours. This has been recorded.")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/break_glass.html", {"form": form})


@requires("audit.review_break_glass")
def break_glass_reviews(request):
    reviews = visible(BreakGlassReview, request.user).select_related(
        "grant__person", "grant__user", "grant__organisation", "reviewed_by"
    )
    waiting, reviewed = list(reviews.waiting()), list(reviews.exclude(outcome="")[:50])
    services.record_people_shown(
        actor=request.user, people=[r.grant.person for r in waiting + reviewed], request=request,
        where="emergency access reviews",
    )
    return render(request, "people/reviews.html", {"waiting": waiting, "reviewed": reviewed})


@requires("audit.review_break_glass")
@require_http_methods(["GET", "POST"])
def break_glass_review(request, review_id):
    review = get_visible_or_404(BreakGlassReview, request.user, request=request, pk=review_id)
    form = ReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_break_glass(actor=request.user, review=review, request=request, **form.cleaned_data)
        except services.ReviewError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Your review has been recorded.")
            return redirect("people:break_glass_reviews")
    own = review.grant.user_id == request.user.pk
    return render(request, "people/review.html", {"review": review, "form": form, "own": own})
