"""Provider quality pages: the list, a provider (RAG history, concerns, visits, CQC rating), recording concerns,
visits and RAG changes, and the CQC open data upload. Council officers and administrators of the council only."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import has_perm, requires
from communities.organisations.scoping import get_visible_or_404, visible

from . import cqc, services
from .forms import ConcernForm, ConcernUpdateForm, CqcUploadForm, ProviderForm, RagForm, SearchForm, VisitForm
from .models import CLOSED_STATUSES, SEVERITY_ORDER, CqcImport, Provider, QualityConcern, QualityVisit


@requires("providers.view_provider")
def provider_list(request):
    form = SearchForm(request.GET or None)
    providers = visible(Provider, request.user).annotate(
        open_concerns=Count("concerns", filter=~Q(concerns__status__in=CLOSED_STATUSES)),
    ).order_by("name", "postcode", "pk")
    if form.is_valid():
        providers = providers.search(form.cleaned_data["q"])
        if form.cleaned_data["rag"]:
            providers = providers.filter(rag_status=form.cleaned_data["rag"])
    page = Paginator(providers, 50).get_page(request.GET.get("page"))
    return render(request, "providers/list.html", {"form": form, "page": page})


@requires("providers.view_provider")
def concern_list(request):
    """Open concerns across all the council's providers, most severe first (closed ones with ?show=all)."""
    show_all = request.GET.get("show") == "all"
    concerns = visible(QualityConcern, request.user).select_related("provider")
    if not show_all:
        concerns = concerns.open()
    concerns = concerns.order_by(SEVERITY_ORDER, "-raised_on", "-pk")
    page = Paginator(concerns, 50).get_page(request.GET.get("page"))
    return render(request, "providers/concerns.html", {"page": page, "show_all": show_all})


@requires("providers.view_provider")
def provider_detail(request, provider_id):
    provider = get_visible_or_404(Provider, request.user, request=request, pk=provider_id)
    return render(request, "providers/detail.html", {
        "provider": provider,
        "rag_changes": provider.rag_changes.select_related("changed_by"),
        "concerns": visible(QualityConcern, request.user).filter(provider=provider),
        "visits": visible(QualityVisit, request.user).filter(provider=provider).select_related("recorded_by"),
        "can_change": has_perm(request.user, "providers.change_provider"),
    })


@requires("providers.change_provider")
@require_http_methods(["GET", "POST"])
def provider_add(request):
    form = ProviderForm(request.POST or None, commissioner=request.user.current_organisation)
    if request.method == "POST" and form.is_valid():
        provider = services.save_provider(actor=request.user, provider=form.instance, request=request)
        messages.success(request, f"Added {provider.name}")
        return redirect("providers:detail", provider_id=provider.pk)
    return render(request, "providers/form.html", {"form": form, "title": "Add a provider"})


@requires("providers.change_provider")
@require_http_methods(["GET", "POST"])
def provider_edit(request, provider_id):
    provider = get_visible_or_404(Provider, request.user, request=request, pk=provider_id)
    form = ProviderForm(request.POST or None, instance=provider, commissioner=provider.commissioner)
    if request.method == "POST" and form.is_valid():
        services.save_provider(actor=request.user, provider=form.instance, request=request)
        messages.success(request, "Saved the changes")
        return redirect("providers:detail", provider_id=provider.pk)
    return render(request, "providers/form.html", {"form": form, "provider": provider,
                                                   "title": f"Change {provider.name}"})


@requires("providers.change_provider")
@require_http_methods(["GET", "POST"])
def rag_change(request, provider_id):
    provider = get_visible_or_404(Provider, request.user, request=request, pk=provider_id)
    form = RagForm(request.POST or None, initial={"status": provider.rag_status})
    if request.method == "POST" and form.is_valid():
        try:
            services.change_rag(actor=request.user, provider=provider, request=request, **form.cleaned_data)
        except services.ProviderError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "Changed the RAG status")
            return redirect("providers:detail", provider_id=provider.pk)
    return render(request, "providers/rag_form.html", {"form": form, "provider": provider})


@requires("providers.change_provider")
@require_http_methods(["GET", "POST"])
def concern_add(request, provider_id):
    provider = get_visible_or_404(Provider, request.user, request=request, pk=provider_id)
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        concern = services.record_concern(actor=request.user, provider=provider, data=form.cleaned_data,
                                          request=request)
        messages.success(request, "Recorded the concern")
        return redirect("providers:concern", concern_id=concern.pk)
    return render(request, "providers/concern_form.html", {"form": form, "provider": provider})


@requires("providers.view_provider")
@require_http_methods(["GET", "POST"])
def concern_detail(request, concern_id):
    concern = get_visible_or_404(QualityConcern, request.user, request=request, pk=concern_id)
    can_change = has_perm(request.user, "providers.change_provider")
    if request.method == "POST" and not can_change:
        return HttpResponseForbidden()
    form = ConcernUpdateForm(request.POST or None, instance=concern) if can_change else None
    if request.method == "POST" and form.is_valid():
        services.update_concern(actor=request.user, concern=concern, data=form.cleaned_data, request=request)
        messages.success(request, "Saved the changes to the concern")
        return redirect("providers:concern", concern_id=concern.pk)
    return render(request, "providers/concern.html", {"concern": concern, "form": form})


@requires("providers.change_provider")
@require_http_methods(["GET", "POST"])
def visit_add(request, provider_id):
    provider = get_visible_or_404(Provider, request.user, request=request, pk=provider_id)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_visit(actor=request.user, provider=provider, data=form.cleaned_data, request=request)
        messages.success(request, "Recorded the visit")
        return redirect("providers:detail", provider_id=provider.pk)
    return render(request, "providers/visit_form.html", {"form": form, "provider": provider})


@requires("providers.import_cqc")
@require_http_methods(["GET", "POST"])
def cqc_upload(request):
    form = CqcUploadForm(request.POST or None, request.FILES or None,
                         initial={"local_authority": services.default_local_authority()})
    import_errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            run = services.import_cqc(
                actor=request.user, commissioner=request.user.current_organisation, text=form.cleaned_data["file"],
                file_name=request.FILES["file"].name, local_authority=form.cleaned_data["local_authority"],
                request=request)
        except cqc.CqcFileError as exc:
            import_errors = exc.errors
        else:
            return redirect("providers:cqc_import", import_id=run.pk)
    return render(request, "providers/cqc_upload.html", {
        "form": form, "import_errors": import_errors, "limits": cqc.LIMITS,
        "directory_columns": cqc.DIRECTORY_REQUIRED, "ratings_columns": cqc.RATINGS_REQUIRED,
        "imports": visible(CqcImport, request.user)[:10],
    })


@requires("providers.import_cqc")
def cqc_import(request, import_id):
    run = get_visible_or_404(CqcImport, request.user, request=request, pk=import_id)
    return render(request, "providers/cqc_import.html", {"run": run, "format_name": cqc.FORMAT_NAMES.get(
        run.file_format, run.file_format)})
