"""Activities pages: the public search and an activity's page, and the feeds' status for council staff."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires

from .forms import ActivitySearchForm
from .models import Feed
from .search import (
    ActivityFilters,
    ActivityResult,
    ages_text,
    describe_session,
    find_activities,
    listed_activity,
    price_text,
    upcoming_sessions,
)


@require_http_methods(["GET", "HEAD"])
def search(request):
    """Everything coming up, nearest first once a postcode is given; the filters as Find help's."""
    form = ActivitySearchForm(request.GET or None)
    results = None
    if not form.is_bound:
        results = find_activities(ActivityFilters())
    elif form.is_valid():
        results = find_activities(form.filters())
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "activities/search.html", {
        "form": form, "page": Paginator(results, 20).get_page(request.GET.get("page")) if results is not None else None,
        "query_string": query.urlencode(),
    })


@require_http_methods(["GET", "HEAD"])
def activity(request, activity_id: int):
    found = listed_activity(activity_id)
    if found is None:
        raise Http404
    sessions = upcoming_sessions(found)
    return render(request, "activities/activity.html", {
        "activity": found, "result": ActivityResult(found, None), "times": [describe_session(s) for s in sessions],
        "price": price_text(found), "ages": ages_text(found),
    })


@requires("activities.view_feeds")
def feeds(request):
    rows = [(feed, feed.runs.first()) for feed in Feed.objects.all()]
    return render(request, "activities/feeds.html", {"rows": rows})
