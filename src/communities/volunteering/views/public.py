"""Public pages: find an opportunity, a role's page, community action, registering as a volunteer, open data."""

from __future__ import annotations

from decimal import Decimal

from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from communities.core.forms import add_service_errors
from communities.core.ratelimit import over_limit
from communities.places.geo import PostcodeError
from communities.places.services import PlaceNotFound, locate

from .. import feeds, queries
from ..forms import RegisterForm, SearchForm
from ..search import Query, find_roles
from ..services import volunteers as volunteer_services
from .common import volunteer_of

PAGE_SIZE = 20
# New resident accounts per client address per hour (a registration form open to anyone is a spam target).
REGISTRATIONS_PER_HOUR = 10


def opportunities(request):
    form = SearchForm(request.GET or None)
    volunteer = volunteer_of(request.user)
    found, where = None, None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        query = {"on_or_after": data["on_or_after"], "cause": data["cause"], "volunteer": volunteer,
                 "qualified_only": bool(data["qualified_only"] and volunteer)}
        if data["commitment"]:
            query["max_hours_per_month"] = Decimal(data["commitment"])
        if data["postcode"]:
            try:
                where = locate(data["postcode"])
            except (PostcodeError, PlaceNotFound) as exc:
                form.add_error("postcode", str(exc))
            else:
                query.update(latitude=where.latitude, longitude=where.longitude,
                             within_miles=float(data["within"]) if data["within"] else None)
        if not form.errors:
            found = find_roles(Query(**query))
    elif not form.is_bound:
        found = find_roles(Query(volunteer=volunteer))
    page = Paginator(found or [], PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "volunteering/opportunities.html", {
        "form": form, "page": page, "found": found, "where": where, "volunteer": volunteer,
        "querystring": _without_page(request)})


def _without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def role_page(request, vol_role_id):
    role = queries.published_role(vol_role_id)
    if role is None:
        raise Http404
    volunteer = volunteer_of(request.user)
    unmet = None
    application = None
    if volunteer is not None:
        from ..checks import unmet_requirements

        unmet = unmet_requirements(volunteer, role.requirements, timezone.localdate())
        application = role.applications.filter(volunteer=volunteer).first()
    sessions = role.sessions.upcoming(timezone.now())[:20]
    signed_up = set()
    if volunteer is not None:
        signed_up = set(volunteer.signups.filter(cancelled_at__isnull=True, session__in=sessions)
                        .values_list("session_id", flat=True))
    return render(request, "volunteering/role.html", {
        "role": role, "requirements": role.requirements.describe(), "sessions": sessions, "volunteer": volunteer,
        "unmet": unmet, "application": application, "signed_up": signed_up})


def community(request):
    now = timezone.now()
    events = queries.public_events()
    return render(request, "volunteering/community.html", {
        "upcoming": events.filter(session__starts_at__gte=now, session__is_cancelled=False)
                          .order_by("session__starts_at")[:30],
        "recent": events.filter(session__starts_at__lt=now, outcomes_recorded_at__isnull=False)
                        .order_by("-session__starts_at")[:15],
    })


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("volunteering:join")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and over_limit(request, scope="volunteer-register", limit=REGISTRATIONS_PER_HOUR,
                                               window=3600):
        form.add_error(None, "Too many accounts have been made from this connection. Try again in an hour.")
    elif request.method == "POST" and form.is_valid():
        try:
            volunteer = volunteer_services.register_resident(request=request, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            login(request, volunteer.user, backend="allauth.account.auth_backends.AuthenticationBackend")
            return redirect("volunteering:mine")
    return render(request, "volunteering/register.html", {"form": form})


def feed_volunteering(request):
    response = JsonResponse(feeds.volunteering_data(request), json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/ld+json"
    return response


def feed_sessions(request):
    after_timestamp, after_id = request.GET.get("afterTimestamp"), request.GET.get("afterId")
    try:
        timestamp = int(after_timestamp) if after_timestamp not in (None, "") else None
        page = feeds.rpde_page(request, timestamp, after_id or None)
    except (ValueError, ValidationError, OverflowError):
        return JsonResponse({"error": "afterTimestamp must be a whole number and afterId an id from this feed"},
                            status=400)
    return JsonResponse(page)
