"""The emergency register: the list (review dates, lapsed entries), registering a resident with a worker, one entry,
its yearly review and taking someone off."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from communities.core.access import has_perm, requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.models import Person
from communities.people.services import record_people_shown

from ..forms import EntryForm, PersonSearchForm, RemoveForm
from ..models import RegisterEntry
from ..services.register import register_resident, remove_entry, review_entry

LISTS = {
    "current": "On the register",
    "due": "Review due within 30 days",
    "lapsed": "Consent lapsed or withdrawn",
}


def _listed(request, show: str):
    entries = visible(RegisterEntry, request.user).select_related("person", "consent")
    today = timezone.localdate()
    if show == "lapsed":
        return entries.lapsed(today).order_by("consent__expires_on")
    current = entries.current(today)
    if show == "due":
        horizon = today + timedelta(days=settings.RESILIENCE_REMINDER_DAYS)
        return current.filter(consent__expires_on__lte=horizon).order_by("consent__expires_on")
    return current.order_by("tier", "person__last_name", "person__first_name")


@requires("resilience.register_resident")
def entries(request):
    show = "due" if request.GET.get("due") else request.GET.get("show", "current")
    show = show if show in LISTS else "current"
    page = Paginator(_listed(request, show), 50).get_page(request.GET.get("page"))
    record_people_shown(actor=request.user, people=[e.person for e in page], request=request, page=page.number,
                        where=f"emergency register: {LISTS[show]}")
    return render(request, "resilience/register.html", {
        "page": page, "show": show, "lists": LISTS, "query": f"show={show}",
        "can_run": has_perm(request.user, "resilience.run_incident"),
    })


@requires("resilience.register_resident")
def choose_person(request):
    form = PersonSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(visible(Person, request.user).search(search), 20).get_page(request.GET.get("page")) \
        if search else None
    people = list(page) if page else []
    record_people_shown(actor=request.user, people=people, request=request, search=search,
                        where="emergency register: choose who to register", page=page.number if page else 1)
    return render(request, "resilience/choose_person.html",
                  {"form": form, "people": people, "page": page, "search": search,
                   "query": f"q={search}" if search else ""})


def _save(request, form, action):
    try:
        return action(form)
    except ValidationError as exc:
        add_service_errors(form, exc)
        return None


@requires("resilience.register_resident")
def add(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    form = EntryForm(request.POST or None, initial={"postcode": person.postcode, "phone": person.phone})
    if request.method == "POST" and form.is_valid():
        entry = _save(request, form, lambda f: register_resident(
            actor=request.user, person=person, needs=f.cleaned_data["needs"], details=f.details(),
            postcode=f.cleaned_data["postcode"], how_given=f.cleaned_data["how_given"],
            given_by_name=f.cleaned_data["given_by_name"], request=request))
        if entry:
            messages.success(request, f"{person} is on the emergency register until "
                                      f"{entry.consent.expires_on:%-d %B %Y}")
            return redirect("resilience:entry", entry.pk)
    return render(request, "resilience/entry_form.html", {
        "form": form, "person": person, "title": f"Put {person} on the emergency register",
        "intro": "Ask them whether they agree to be contacted and helped in an emergency, and to their needs being "
                 "shared with the council's responders and volunteers. Their agreement lasts 12 months; we ask "
                 "again before it ends.",
        "back": "resilience:choose_person",
    })


@requires("resilience.register_resident")
def entry(request, entry_id):
    entries_seen = visible(RegisterEntry, request.user).select_related("person", "consent", "organisation")
    found = get_visible_or_404(entries_seen, request.user, request=request, pk=entry_id)
    calls = found.calls.select_related("incident").order_by("-incident__declared_at")[:10]
    return render(request, "resilience/entry.html", {
        "entry": found, "current": found.removed_at is None and found.consent.is_current(), "calls": calls})


@requires("resilience.register_resident")
def review(request, entry_id):
    found = get_visible_or_404(visible(RegisterEntry, request.user).select_related("person", "consent"), request.user,
                               request=request, audit=False, pk=entry_id)
    initial = {"needs": found.needs, "postcode": found.postcode,
               **{k: getattr(found, k) for k in ("language", "notes", "address_line", "phone", "contact_name",
                                                 "contact_relationship", "contact_phone")}}
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, lambda f: review_entry(
            actor=request.user, entry=found, needs=f.cleaned_data["needs"], details=f.details(),
            postcode=f.cleaned_data["postcode"], how_given=f.cleaned_data["how_given"],
            given_by_name=f.cleaned_data["given_by_name"], request=request))
        if done:
            messages.success(request, f"Reviewed: {found.person} stays on the register until "
                                      f"{done.consent.expires_on:%-d %B %Y}")
            return redirect("resilience:entry", found.pk)
    return render(request, "resilience/entry_form.html", {
        "form": form, "person": found.person, "title": f"Review {found.person}'s emergency register entry",
        "intro": "Check with them that they still want to be on the register and that their needs and contacts "
                 "are right. Their agreement then lasts another 12 months.", "entry": found,
    })


@requires("resilience.register_resident")
def remove(request, entry_id):
    found = get_visible_or_404(visible(RegisterEntry, request.user).select_related("person", "consent"), request.user,
                               request=request, audit=False, pk=entry_id)
    form = RemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _save(request, form, lambda f: remove_entry(
            actor=request.user, entry=found, reason=f.cleaned_data["reason"], request=request)):
        messages.success(request, f"{found.person} is off the emergency register")
        return redirect("resilience:register")
    return render(request, "resilience/remove.html", {"form": form, "entry": found,
                                                      "title": f"Take {found.person} off the emergency register"})
