"""People: list and search, view (audited), add, change, and break-glass access."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.organisations.scoping import get_visible_or_404, visible

from . import services
from .forms import BreakGlassForm, NewPersonForm, PersonForm, SearchForm
from .models import Person


@requires("people.view_person")
def person_list(request):
    form = SearchForm(request.GET or None)
    people = visible(Person, request.user)
    if form.is_valid() and form.cleaned_data["q"]:
        people = people.search(form.cleaned_data["q"])
    page = Paginator(people, 25).get_page(request.GET.get("page"))
    return render(request, "people/list.html", {"form": form, "page": page})


@requires("people.view_person")
def person_detail(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    return render(request, "people/detail.html", {"person": person})


@requires("people.add_person")
@require_http_methods(["GET", "POST"])
def person_add(request):
    form = NewPersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "involvement_reason"}
        person = services.create_person(
            actor=request.user, organisation=request.organisation, data=data,
            involvement_reason=form.cleaned_data["involvement_reason"], request=request,
        )
        messages.success(request, f"{person} has been added.")
        return redirect("people:detail", person_id=person.pk)
    return render(request, "people/form.html", {"form": form, "title": "Add a person"})


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
