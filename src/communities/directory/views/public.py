"""Find help: public pages (no sign-in). Search, a service's page, a saved list kept in the session, reports."""

from __future__ import annotations

import uuid

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ..forms import FeedbackForm, FindHelpForm
from ..models import Service, ServiceAtLocation
from ..presenters import ServiceSummary
from ..services import text_search, workflow
from ..services.public_cache import PAGE, public_answer
from ..services.search import Filters, nearest_miles, search_services

SESSION_LIST = "findhelp_list"
MAX_LIST = 50
PER_PAGE = 20
# What a result in the list shows (templatetags/findhelp_results.py, ServiceSummary) and where it is (nearest_miles).
SUMMARY_PREFETCH = ["schedules", "cost_options", Prefetch(
    "service_at_locations", queryset=ServiceAtLocation.objects.select_related("location"))]
PUBLIC_PREFETCH = [
    "schedules", "cost_options", "attributes__taxonomy_term", "phones",
    "service_at_locations__location__addresses", "service_at_locations__location__accessibility",
]


def _listed_or_404(service_id) -> Service:
    service = (
        Service.objects.listed().select_related("organization").prefetch_related(*PUBLIC_PREFETCH)
        .filter(pk=service_id).first()
    )
    if service is None:
        raise Http404
    return service


def _saved(request) -> list[str]:
    return list(request.session.get(SESSION_LIST, []))


@require_http_methods(["GET", "HEAD"])
@public_answer(PAGE)
def search(request):
    form = FindHelpForm(request.GET or None)
    summaries, page, searched = [], None, False
    filters = Filters()
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        searched = True
        filters = Filters(
            search=data["q"], taxonomy_term_ids=[uuid.UUID(data["category"])] if data["category"] else [],
            day=data["day"], start_time=data["time"], end_time=None, age=data["age"], free_only=data["free"],
        )
        if data["time"]:
            # "Open at 10:30": a session that has opened by then and not yet closed.
            from datetime import datetime, timedelta

            filters.end_time = (datetime.combine(datetime.min, data["time"]) + timedelta(minutes=1)).time()
        if form.place:
            filters.latitude, filters.longitude = form.place.latitude, form.place.longitude
            filters.place = form.place
        queryset = search_services(filters, Service.objects.listed().select_related("organization"))
        if hasattr(queryset, "expect"):  # search.Ranked: the page's ids with the count, in one query
            queryset.expect((_page_number(request) - 1) * PER_PAGE, _page_number(request) * PER_PAGE)
        page = Paginator(queryset.prefetch_related(*SUMMARY_PREFETCH), PER_PAGE).get_page(request.GET.get("page"))
        summaries = [ServiceSummary(s, nearest_miles(s, filters)) for s in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "directory/find/search.html", {
        "form": form, "summaries": summaries, "page": page, "searched": searched,
        "saved": set(_saved(request)), "query_string": query.urlencode(), "filters": filters,
        **_did_you_mean(query, filters.search if page is not None and not page.paginator.count else ""),
    })


def _page_number(request) -> int:
    """The page asked for, as Paginator.get_page reads it (anything else is answered by it all the same)."""
    try:
        return max(1, int(request.GET.get("page") or 1))
    except ValueError:
        return 1


def _did_you_mean(query, words: str) -> dict:
    """A search that found nothing, with a word no listing uses, suggests the nearest word that is used ("Did you
    mean foodbank?")."""
    suggestion = text_search.suggestion(words) if words else ""
    if not suggestion:
        return {}
    query = query.copy()
    query["q"] = suggestion
    return {"suggestion": suggestion, "suggestion_query": query.urlencode()}


@require_http_methods(["GET", "HEAD"])
@public_answer(PAGE)
def service(request, service_id):
    svc = _listed_or_404(service_id)
    return render(request, "directory/find/service.html", {
        "summary": ServiceSummary(svc), "service": svc, "saved": str(svc.pk) in _saved(request),
        "share_url": request.build_absolute_uri(request.path),
    })


@require_http_methods(["GET", "POST"])
def report(request, service_id):
    svc = _listed_or_404(service_id)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        workflow.submit_feedback(service=svc, message=form.cleaned_data["message"],
                                 reporter_email=form.cleaned_data["email"], request=request)
        return redirect("findhelp:report_done", service_id=svc.pk)
    return render(request, "directory/find/report.html", {"form": form, "service": svc})


@require_http_methods(["GET", "HEAD"])
def report_done(request, service_id):
    return render(request, "directory/find/report_done.html", {"service": _listed_or_404(service_id)})


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    return target if target.startswith("/") and not target.startswith("//") else fallback


@require_POST
def list_add(request):
    try:
        service_id = str(uuid.UUID(request.POST.get("service_id", "")))
    except ValueError as exc:
        raise Http404 from exc
    _listed_or_404(service_id)
    saved = _saved(request)
    if service_id not in saved and len(saved) < MAX_LIST:
        saved.append(service_id)
        request.session[SESSION_LIST] = saved
    return redirect(_safe_next(request, reverse("findhelp:my_list")))


@require_POST
def list_remove(request):
    service_id = request.POST.get("service_id", "")
    request.session[SESSION_LIST] = [s for s in _saved(request) if s != service_id]
    return redirect(_safe_next(request, reverse("findhelp:my_list")))


def _services_in_order(ids: list[str]) -> list[ServiceSummary]:
    by_id = {
        str(s.pk): s
        for s in Service.objects.listed().filter(pk__in=ids).select_related("organization")
        .prefetch_related(*PUBLIC_PREFETCH)
    }
    return [ServiceSummary(by_id[i]) for i in ids if i in by_id]


@require_http_methods(["GET", "HEAD"])
def my_list(request):
    ids = _saved(request)
    # The site's own address as this request reached it (ALLOWED_HOSTS; the scheme through SECURE_PROXY_SSL_HEADER
    # behind a proxy), not a fixed SITE_ROOT: the same server answers on several names.
    share = request.build_absolute_uri(reverse("findhelp:shared_list") + "?ids=" + ",".join(ids)) if ids else ""
    return render(request, "directory/find/my_list.html", {"summaries": _services_in_order(ids), "share_url": share})


@require_http_methods(["GET", "HEAD"])
def shared_list(request):
    ids = []
    for part in request.GET.get("ids", "").split(",")[:MAX_LIST]:
        try:
            ids.append(str(uuid.UUID(part.strip())))
        except ValueError:
            continue
    return render(request, "directory/find/shared_list.html", {"summaries": _services_in_order(ids)})
