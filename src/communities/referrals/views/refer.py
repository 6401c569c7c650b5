"""Making a referral in three clicks: from a Find help listing ("Refer someone" → the person → Send) or from a
person's page ("Refer" → the service → Send). The last page is one form, prefilled, with one button."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from communities.core.access import requires
from communities.organisations.scoping import get_visible_or_404, visible
from communities.people.models import Person
from communities.people.services import record_people_shown

from .. import queries, services
from ..forms import NEW_CONSENT, ReferralForm, SearchForm
from ..safeguarding import safeguarding_contacts


def _referable_or_404(service_id):
    service = queries.referable_services().filter(pk=service_id).first()
    if service is None:
        raise Http404("This service does not take referrals through Communities")
    return service


@requires("referrals.make_referral")
def choose_person(request, service_id):
    service = _referable_or_404(service_id)
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    if search:
        page = Paginator(visible(Person, request.user).search(search), 20).get_page(request.GET.get("page"))
        people = list(page)
    else:
        page, people = None, queries.recent_people(request.user)
    record_people_shown(actor=request.user, people=people, request=request, search=search,
                        where="referral: choose who to refer", page=page.number if page else 1)
    return render(request, "referrals/choose_person.html",
                  {"service": service, "form": form, "people": people, "page": page, "search": search})


@requires("referrals.make_referral")
def choose_service(request, person_id):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    form = SearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(queries.referable_services(search), 20).get_page(request.GET.get("page"))
    organisations = list(queries.referable_organisations(request.organisation, search)[:10]) if search else []
    return render(request, "referrals/choose_service.html",
                  {"person": person, "form": form, "page": page, "search": search, "organisations": organisations})


def _content(data) -> services.Content:
    concern = {"yes": True, "no": False}.get(data.get("safeguarding_concern"))
    return services.Content(
        what_matters=data.get("what_matters", ""), needs=data.get("needs", ""),
        support_requested=data.get("support_requested", ""), safeguarding_concern=concern,
        safeguarding_detail=data.get("safeguarding_detail", ""), shared_phone=data.get("shared_phone", ""),
        shared_email=data.get("shared_email", ""), contact_notes=data.get("contact_notes", ""),
    )


def _send(request, form, *, person, service, organisation, consents):
    data = form.cleaned_data
    common = {"actor": request.user, "organisation": request.organisation, "person": person, "service": service,
              "to_organisation": organisation, "content": _content(data), "token": data["token"],
              "request": request}
    if data["consent"] == NEW_CONSENT:
        return services.refer_with_consent_now(how_given=data["how_given"], **common)
    consent = next((c for c in consents if str(c.pk) == data["consent"]), None)
    return services.make_referral(consent=consent, **common)


@requires("referrals.make_referral")
@require_http_methods(["GET", "POST"])
def confirm(request, service_id, person_id):
    return _confirm(request, person_id, service=_referable_or_404(service_id))


@requires("referrals.make_referral")
@require_http_methods(["GET", "POST"])
def confirm_organisation(request, organisation_id, person_id):
    organisation = queries.referable_organisations(request.organisation).filter(pk=organisation_id).first()
    if organisation is None:
        raise Http404("No such organisation takes referrals here")
    return _confirm(request, person_id, organisation=organisation)


def _confirm(request, person_id, *, service=None, organisation=None):
    person = get_visible_or_404(Person, request.user, request=request, pk=person_id)
    consents = list(queries.referral_consents(person, request.user))
    initial = {"token": ReferralForm.new_token(), "shared_phone": person.phone, "shared_email": person.email,
               "consent": str(consents[0].pk) if len(consents) == 1 else None}
    form = ReferralForm(request.POST if request.method == "POST" else None, initial=initial, consents=consents)
    if request.method == "POST" and form.is_valid():
        try:
            referral, created = _send(request, form, person=person, service=service, organisation=organisation,
                                      consents=consents)
        except services.ReferralError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, str(exc))
        else:
            if created:
                messages.success(request, f"Referral {referral.reference} sent to {referral.service_name}. "
                                          f"You will be told when it changes.")
            return redirect("referrals:detail", referral_id=referral.pk)
    return render(request, "referrals/confirm.html", {
        "form": form, "service": service, "person": person, "has_consent": bool(consents),
        "safeguarding": safeguarding_contacts(),
        "target_org": services.receiving_organisation(service) if service is not None else organisation,
        "target_name": service.name if service is not None else organisation.name,
    })
