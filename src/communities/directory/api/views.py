"""ORUK 3.0 endpoints. Each validates its parameters (400 naming the parameter), queries, pages and serialises."""

from __future__ import annotations

import math
import uuid
from decimal import Decimal
from functools import wraps

import orjson
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from ..models import DirectoryOrganisation, Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from ..services.public_cache import API, client_max_age, public_answer
from ..services.search import Filters, search_service_at_locations, search_services
from . import params, serializers
from .openapi import build_openapi

METRES_PER_MILE = 1609.344
# The profile URI the ORUK validator's own passing mock returns (OpenReferralUK/oruk-validator, V3.0-UK-Default).
PROFILE = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "86400",
}


def _error(status: int, message: str, parameter: str | None = None) -> JsonResponse:
    body = {"status": status, "error": message}
    if parameter:
        body["parameter"] = parameter
    return JsonResponse(body, status=status)


def api_view(view):
    """GET (and CORS preflight) only; CORS open to any origin; parameter errors → 400; missing → 404 as JSON.

    Successful answers are public data, kept in the shared cache until a listing changes (services/public_cache.py;
    the rate limit is applied before that, in directory.middleware); clients may keep them for a minute at most."""
    marked = public_answer(API)(view)

    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        else:
            try:
                response = marked(request, *args, **kwargs)
            except params.ParamError as exc:
                response = _error(400, str(exc), exc.parameter)
            except Http404:
                response = _error(404, "Not found")
        return _with_cors(response)

    return wrapped


def _with_cors(response):
    for key, value in CORS_HEADERS.items():
        response[key] = value
    if response.status_code == 200:
        response["Cache-Control"] = f"public, max-age={client_max_age()}"
    return response


def too_many_requests() -> JsonResponse:
    response = _with_cors(_error(429, "Too many requests from your address: wait a minute and try again"))
    response["Retry-After"] = "60"
    return response


def _default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _dumps(data) -> bytes:
    """orjson: UTF-8 as is, several times faster than the json module for a page of full records."""
    return orjson.dumps(data, default=_default)


def _json(data) -> HttpResponse:
    return HttpResponse(_dumps(data), content_type="application/json")


def _page(request, queryset, serialise, *, page_fields: bool = True):
    query = request.GET
    fmt = params.output_format(query)
    if fmt == "ndjson":
        def lines():
            for obj in queryset.iterator(chunk_size=500):
                yield _dumps(serialise(obj)) + b"\n"
        return StreamingHttpResponse(lines(), content_type="application/x-ndjson")
    page, per_page = params.page_params(query)
    start = (page - 1) * per_page
    if hasattr(queryset, "expect"):  # search.Ranked: the page's ids with the count, in one query
        queryset.expect(start, start + per_page)
    total = queryset.count()
    total_pages = math.ceil(total / per_page)
    items = list(queryset[start : start + per_page]) if start < total else []
    body = {}
    if page_fields:
        body = {
            "total_items": total, "total_pages": total_pages, "page_number": page, "size": len(items),
            "first_page": page == 1, "last_page": page >= total_pages, "empty": len(items) == 0,
        }
    body["contents"] = [serialise(obj) for obj in items]
    return _json(body)


def _uuid_or_404(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as exc:
        raise Http404 from exc


@api_view
def root(request):
    return _json(
        {
            "version": "HSDS-UK-3.0",
            "profile": PROFILE,
            "openapi_url": request.build_absolute_uri(reverse("directory_api:openapi")),
        }
    )


@api_view
def openapi(request):
    return _json(build_openapi(request.build_absolute_uri(reverse("directory_api:root")).rstrip("/")))


def _filters(query, *, with_place: bool) -> Filters:
    f = Filters(
        search=params.text(query, "search"),
        taxonomy_term_ids=params.uuid_list(query, "taxonomy_term_id"),
        taxonomy_id=params.uuid_param(query, "taxonomy_id"),
        organization_id=params.uuid_param(query, "organization_id"),
        modified_after=params.moment(query, "modified_after"),
        age=params.integer(query, "age", maximum=150),
        minimum_age=params.integer(query, "minimum_age", maximum=150),
        maximum_age=params.integer(query, "maximum_age", maximum=150),
        day=params.day(query),
        start_time=params.clock(query, "start_time"),
        end_time=params.clock(query, "end_time"),
        free_only=params.boolean(query, "free"),
    )
    if with_place:
        place = params.place(query, "postcode")
        proximity = params.number(query, "proximity", minimum=0, maximum=200_000)
        if proximity is not None and place is None:
            raise params.ParamError("proximity", "proximity needs a postcode to measure from")
        if place is not None:
            f.latitude, f.longitude, f.place = place.latitude, place.longitude, place
            f.within_miles = proximity / METRES_PER_MILE if proximity is not None else None
    return f


@api_view
def services(request):
    query = request.GET
    f = _filters(query, with_place=True)
    minimal, full = params.boolean(query, "minimal"), params.boolean(query, "full")
    queryset = search_services(f, Service.objects.listed().select_related("organization"))
    if minimal:
        return _page(request, queryset.select_related(None).only("id", "name", "status", "last_modified"), lambda s: {
            "id": str(s.id), "name": s.name, "status": s.status,
            "last_modified": serializers._when(s.last_modified)})
    if full:
        queryset = queryset.prefetch_related(*serializers.SERVICE_FULL)
    return _page(request, queryset, lambda s: serializers.service(s, full=full))


@api_view
def service(request, service_id):
    svc = (
        Service.objects.listed().select_related("organization").prefetch_related(*serializers.SERVICE_FULL)
        .filter(pk=_uuid_or_404(service_id)).first()
    )
    if svc is None:
        raise Http404
    return _json(serializers.service(svc, full=True))


@api_view
def service_at_locations(request):
    query = request.GET
    f = _filters(query, with_place=True)
    full = params.boolean(query, "full")
    queryset = search_service_at_locations(f).select_related("location", "service", "service__organization")
    queryset = queryset.prefetch_related(*(serializers.SAL_FULL if full else serializers.SAL_LOCATION))
    return _page(request, queryset, lambda sal: serializers.service_at_location(sal, full=full))


@api_view
def service_at_location(request, sal_id):
    sal = (
        ServiceAtLocation.objects.filter(service__in=Service.objects.listed(), pk=_uuid_or_404(sal_id))
        .select_related("location", "service", "service__organization").prefetch_related(*serializers.SAL_FULL)
        .first()
    )
    if sal is None:
        raise Http404
    return _json(serializers.service_at_location(sal, full=True))


def _organisation_services(org, *, full_service: bool):
    queryset = Service.objects.listed().filter(organization=org).select_related("organization")
    if full_service:
        queryset = queryset.prefetch_related(*serializers.SERVICE_FULL)
    return [serializers.service(s, full=full_service, with_organization=False) for s in queryset]


@api_view
def organizations(request):
    query = request.GET
    search = params.text(query, "search")
    full, full_service = params.boolean(query, "full"), params.boolean(query, "full_service")
    queryset = DirectoryOrganisation.objects.order_by("name", "id")
    for word in search.split()[:8]:
        queryset = queryset.filter(name__icontains=word) | queryset.filter(description__icontains=word)
    if full or full_service:
        queryset = queryset.prefetch_related(*serializers.ORG_FULL)

    def serialise(org):
        services_out = _organisation_services(org, full_service=full_service) if full_service else None
        return serializers.organization(org, full=full or full_service, services=services_out)

    return _page(request, queryset, serialise)


@api_view
def organization(request, organization_id):
    full_service = params.boolean(request.GET, "full_service")
    org = DirectoryOrganisation.objects.prefetch_related(*serializers.ORG_FULL).filter(
        pk=_uuid_or_404(organization_id)
    ).first()
    if org is None:
        raise Http404
    return _json(serializers.organization(
        org, full=True, services=_organisation_services(org, full_service=full_service)))


@api_view
def taxonomies(request):
    search = params.text(request.GET, "search")
    queryset = Taxonomy.objects.order_by("name", "id")
    for word in search.split()[:8]:
        queryset = queryset.filter(name__icontains=word) | queryset.filter(description__icontains=word)
    return _page(request, queryset, serializers.taxonomy)


@api_view
def taxonomy(request, taxonomy_id):
    tax = Taxonomy.objects.filter(pk=_uuid_or_404(taxonomy_id)).first()
    if tax is None:
        raise Http404
    return _json(serializers.taxonomy(tax))


@api_view
def taxonomy_terms(request):
    query = request.GET
    search = params.text(query, "search")
    taxonomy_id = params.uuid_param(query, "taxonomy_id")
    parent_id = params.uuid_param(query, "parent_id")
    top_only = params.boolean(query, "top_only")
    queryset = TaxonomyTerm.objects.select_related("taxonomy").order_by("taxonomy__name", "name", "id")
    for word in search.split()[:8]:
        queryset = queryset.filter(name__icontains=word) | queryset.filter(description__icontains=word)
    if taxonomy_id:
        queryset = queryset.filter(taxonomy_id=taxonomy_id)
    if parent_id:
        queryset = queryset.filter(parent_id=parent_id)
    if top_only:
        queryset = queryset.filter(parent__isnull=True)
    return _page(request, queryset, serializers.taxonomy_term)


@api_view
def taxonomy_term(request, term_id):
    term = TaxonomyTerm.objects.select_related("taxonomy").filter(pk=_uuid_or_404(term_id)).first()
    if term is None:
        raise Http404
    return _json(serializers.taxonomy_term(term))

