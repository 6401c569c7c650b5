"""Merging two records of the same person (council officers and administrators): choose, confirm, merge."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.organisations.scoping import get_visible_or_404

from ..duplicates import find_possible_duplicates
from ..forms import MergeChoiceForm, MergeConfirmForm
from ..merge import MergeError, links_to, merge_people
from ..models import Person


def _visible_duplicates(person: Person, user):
    found = find_possible_duplicates(first_name=person.first_name, last_name=person.last_name,
                                     date_of_birth=person.date_of_birth, postcode=person.postcode, user=user,
                                     exclude=person)
    return [d for d in found if d.visible]


@requires("people.merge_person")
@require_http_methods(["GET", "POST"])
def merge_choose(request, person_id):
    """Records the user may see that look like the same person; the one chosen merges into this one."""
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    candidates = _visible_duplicates(person, request.user)
    form = MergeChoiceForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        return redirect("people:merge_confirm", person_id=person.pk, duplicate_id=form.cleaned_data["duplicate"])
    return render(request, "people/merge_choose.html", {"person": person, "form": form, "candidates": candidates})


@requires("people.merge_person")
@require_http_methods(["GET", "POST"])
def merge_confirm(request, person_id, duplicate_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    duplicate = get_visible_or_404(Person, request.user, request=request, pk=duplicate_id)
    form = MergeConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merge_people(actor=request.user, survivor=person, duplicate=duplicate, request=request,
                         reason=form.cleaned_data["reason"])
        except MergeError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"The records have been merged. Everything linked to the other record is now "
                                      f"on {person}'s.")
            return redirect("people:detail", person_id=person.pk)
    return render(request, "people/merge_confirm.html", {
        "person": person, "duplicate": duplicate, "form": form, "links": links_to(duplicate),
    })
