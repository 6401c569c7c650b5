"""Activities beside Find help's results: the directory's search page shows the nearest few activities matching the
same words, day, postcode, age and cost, and links to the full activities search with the same question."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template

from ..forms import filters_from
from ..search import find_activities

register = template.Library()
SHOWN = 3


@register.inclusion_tag("activities/_find_help.html")
def activities_beside(form) -> dict:
    if not (form.is_bound and form.is_valid()):
        return {"results": []}
    data = form.cleaned_data
    results = find_activities(filters_from(words=data.get("q", ""), day=data.get("day", ""),
                                           place=getattr(form, "place", None), age=data.get("age"),
                                           free=data.get("free")))
    query = {k: v for k, v in (("q", data.get("q")), ("postcode", data.get("postcode")), ("day", data.get("day")),
                                ("age", data.get("age")), ("free", "on" if data.get("free") else "")) if v not in
             (None, "")}
    return {"results": results[:SHOWN], "total": len(results), "query": urlencode(query)}
