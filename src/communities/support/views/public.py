"""The page an emergency contact opens from their message: no sign-in, a signed one-time link, first names only
(nothing about the home, the key safe or health), and a limit on tries per address so links cannot be guessed."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from communities.core.forms import add_service_errors
from communities.core.ratelimit import over_limit

from ..forms import ContactAnswerForm
from ..services import emergency

#: Requests a client address may make to these pages per minute (good or bad links alike); the setting
#: SUPPORT_CONTACT_RATE_PER_MINUTE (docs/environment-variables.md) changes it.
DEFAULT_RATE_PER_MINUTE = 20


def _throttled(request) -> bool:
    """Counted in the shared cache, so every server process counts towards the one limit (``core.ratelimit``)."""
    limit = getattr(settings, "SUPPORT_CONTACT_RATE_PER_MINUTE", DEFAULT_RATE_PER_MINUTE)
    return over_limit(request, scope="support-contact", limit=limit)


@never_cache
@require_http_methods(["GET", "POST"])
def contact_response(request, token):
    if _throttled(request):
        return render(request, "support/contact_response.html", {"state": "throttled"}, status=429)
    response = emergency.response_for_token(token)
    if response is None:
        return render(request, "support/contact_response.html", {"state": "invalid"}, status=404)
    link = response.activation.plan.link
    context = {"carer": link.carer.first_name, "cared_for": link.cared_for.first_name,
               "organisation": link.organisation, "response": response}
    if response.answered_at is not None or response.activation.ended_at is not None:
        return render(request, "support/contact_response.html", {**context, "state": "used"})
    form = ContactAnswerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            emergency.answer_by_link(response=response, answer=form.cleaned_data["answer"],
                                     note=form.cleaned_data["note"], request=request)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return render(request, "support/contact_response.html", {**context, "state": "thanks",
                                                                      "answer": form.cleaned_data["answer"]})
    return render(request, "support/contact_response.html", {**context, "state": "ask", "form": form})
