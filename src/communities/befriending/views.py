"""Befriending pages: coordinators' cases (matching with reasons, first meeting, measures, check-ins, ending), the
befriender's own match, and the impact figures."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from communities.core.access import requires
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.services import record_people_shown

from . import services
from .forms import BefrienderForm, CheckInForm, EndForm, MatchForm, MeasureForm, MeetingForm, NeedsForm
from .impact import impact_for
from .matching import rank
from .models import BefriendingCase, Stage
from .models.cases import OPEN_STAGES


def _case(request, befriending_case_id):
    return get_visible_or_404(services.case_rows(), request.user, request=request, pk=befriending_case_id)


def _service_error(form, exc: services.BefriendingError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@requires("befriending.manage_cases")
def cases(request):
    found = list(visible(BefriendingCase, request.user).select_related("person", "befriender__volunteer")
                 .prefetch_related("checkins").order_by("referred_on"))
    record_people_shown(actor=request.user, people=[c.person for c in found], where="befriending cases")
    groups = [(label, [c for c in found if c.stage == stage]) for stage, label in Stage.choices]
    return render(request, "befriending/cases.html", {"groups": groups})


@requires("befriending.manage_cases")
def case(request, befriending_case_id):
    found = _case(request, befriending_case_id)
    ranking = rank(found) if found.stage == Stage.REFERRED else None
    return render(request, "befriending/case.html", {
        "case": found, "ranking": ranking, "measures": found.measures.all(),
        "checkins": found.checkins.all(), "checkin_form": CheckInForm(), "is_open": found.stage in OPEN_STAGES,
    })


def _form_page(request, form, title: str, case, submit: str = "Save"):
    return render(request, "befriending/form.html", {"form": form, "title": title, "case": case, "submit": submit})


@requires("befriending.manage_cases")
@require_http_methods(["GET", "POST"])
def needs(request, befriending_case_id):
    found = _case(request, befriending_case_id)
    initial = {"interests": ", ".join(found.interests), "languages": ", ".join(found.languages),
               "communication": found.communication, "agreed_notes": found.agreed_notes,
               "preferred_slots": [f"{d}:{p}" for d, p in found.preferred_slots]}
    form = NeedsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_needs(actor=request.user, case=found, request=request, **form.values())
        return redirect("befriending:case", befriending_case_id=found.pk)
    return _form_page(request, form, "What matters for the match", found)


@requires("befriending.manage_cases")
@require_POST
def match(request, befriending_case_id):
    found = _case(request, befriending_case_id)
    form = MatchForm(request.POST)
    ranking = rank(found) if found.stage == Stage.REFERRED else None
    chosen = None
    if form.is_valid() and ranking:
        chosen = next((s for s in ranking.suggestions if s.befriender.pk == form.cleaned_data["befriender"]), None)
    if chosen is None:
        form.add_error(None, "Choose one of the befrienders suggested")
    else:
        try:
            services.confirm_match(actor=request.user, case=found, befriender=chosen.befriender,
                                   reasons=chosen.reasons, request=request)
            return redirect("befriending:case", befriending_case_id=found.pk)
        except services.BefriendingError as exc:
            _service_error(form, exc)
    return render(request, "befriending/case.html", {"case": found, "ranking": ranking, "match_form": form,
                                                     "measures": found.measures.all(), "is_open": True,
                                                     "checkins": found.checkins.all()}, status=400)


def _action_page(request, befriending_case_id, form_class, title: str, action, submit: str = "Save"):
    found = _case(request, befriending_case_id)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            action(found, form)
            return redirect("befriending:case", befriending_case_id=found.pk)
        except services.BefriendingError as exc:
            _service_error(form, exc)
    return _form_page(request, form, title, found, submit)


@requires("befriending.manage_cases")
@require_http_methods(["GET", "POST"])
def meeting(request, befriending_case_id):
    return _action_page(request, befriending_case_id, MeetingForm, "Record the first meeting", lambda case, form: (
        services.record_first_meeting(actor=request.user, case=case, met_on=form.cleaned_data["met_on"],
                                      request=request)))


@requires("befriending.manage_cases")
@require_http_methods(["GET", "POST"])
def measure(request, befriending_case_id):
    return _action_page(request, befriending_case_id, MeasureForm, "Record loneliness answers", lambda case, form: (
        services.record_measure(actor=request.user, case=case, point=form.cleaned_data["point"],
                                taken_on=form.cleaned_data["taken_on"], direct=form.cleaned_data["direct"],
                                ucla=form.ucla(), request=request)))


@requires("befriending.manage_cases")
@require_http_methods(["GET", "POST"])
def checkin(request, befriending_case_id):
    return _action_page(request, befriending_case_id, CheckInForm, "Record a check-in", lambda case, form: (
        services.record_checkin(actor=request.user, case=case, outcome=form.cleaned_data["outcome"],
                                note=form.cleaned_data["note"], request=request)))


@requires("befriending.manage_cases")
@require_http_methods(["GET", "POST"])
def end(request, befriending_case_id):
    return _action_page(request, befriending_case_id, EndForm, "End the befriending", lambda case, form: (
        services.end_case(actor=request.user, case=case, reason=form.cleaned_data["reason"], request=request)),
        submit="End the befriending")


@requires("befriending.manage_cases")
@require_http_methods(["GET", "POST"])
def befrienders(request):
    """The organisation's befrienders (with how many people each befriends) and adding one."""
    organisation = request.user.current_organisation
    form = BefrienderForm(request.POST or None, candidates=services.befriender_candidates(organisation))
    if request.method == "POST" and form.is_valid():
        try:
            services.add_befriender(actor=request.user, organisation=organisation, request=request, **form.values())
            return redirect("befriending:befrienders")
        except services.BefriendingError as exc:
            _service_error(form, exc)
    return render(request, "befriending/befrienders.html",
                  {"form": form, "befrienders": services.befrienders_of(request.user)})


@requires("befriending.view_my_matches")
def my_matches(request):
    """The befriender's own matches: name, contact and the agreed notes only, while the match lasts."""
    return render(request, "befriending/my_matches.html",
                  {"matches": services.matches_shown_to(request.user, request=request)})


@requires("befriending.view_impact")
def impact(request):
    """Counts and medians only. Those who manage befriending see their organisation's; council roles the borough's."""
    scope, figures = impact_for(request.user)
    return render(request, "befriending/impact.html", {"figures": figures, "scope": scope})
