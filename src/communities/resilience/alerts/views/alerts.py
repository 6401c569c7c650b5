"""Alerts: the list, one alert (what it means here: incident, cohorts, warm or cool spaces), importing a CAP file,
entering one by hand, and playing the demo's heat alert."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from communities.core.access import requires
from communities.core.forms import add_service_errors
from communities.organisations.scoping import get_visible_or_404, visible

from .. import alert_types, cohorts, services
from ..forms import AlertByHandForm, CapUploadForm
from ..models import WeatherAlert
from ..playback import play_heat_alert
from ..spaces import spaces_for


@requires("resilience_alerts.view_alerts")
def alert_list(request):
    alerts = visible(WeatherAlert, request.user).select_related("incident")
    in_force = [a for a in alerts if a.in_force]
    earlier = [a for a in alerts if not a.in_force][:50]
    return render(request, "resilience_alerts/list.html", {
        "in_force": in_force, "earlier": earlier, "demo_mode": settings.DEMO_MODE,
        "seasons": [(alert_types.hazard_label(h), alert_types.season(h).describe()) for h in alert_types.HAZARDS],
    })


@requires("resilience_alerts.view_alerts")
def alert_detail(request, alert_id):
    alerts = visible(WeatherAlert, request.user).select_related("incident", "replaced_by", "recorded_by")
    alert = get_visible_or_404(alerts, request.user, request=request, pk=alert_id)
    return render(request, "resilience_alerts/detail.html", {
        "alert": alert, "level_label": alert_types.level_label(alert.level),
        "hazard_label": alert_types.hazard_label(alert.hazard), "season": alert_types.season(alert.hazard).describe(),
        "cohorts": cohorts.for_hazard(alert.hazard), "opens_incident": alert_types.opens_incident(alert.level),
        "spaces": spaces_for(alert.hazard, alert.lsoa_codes) if alert.covers_council else [],
        "replaces": visible(WeatherAlert, request.user).filter(replaced_by=alert),
    })


def _done(request, outcome):
    messages.success(request, outcome.message)
    return redirect("resilience_alerts:detail", alert_id=outcome.alert.pk)


@requires("resilience_alerts.record_alert")
def import_alert(request):
    form = CapUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            return _done(request, services.import_cap(actor=request.user, data=form.cleaned_data["file"].read(),
                                                      request=request))
        except ValidationError as exc:
            form.add_error("file", exc.messages)
    return render(request, "resilience_alerts/import.html", {"form": form})


def _start_of(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@requires("resilience_alerts.record_alert")
def enter_alert(request):
    form = AlertByHandForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.record_by_hand(
                actor=request.user, hazard=data["hazard"], level=data["level"], area_codes=data["area_codes"],
                onset=_start_of(data["starts_on"]),
                expires=_start_of(data["ends_on"] + timedelta(days=1)) if data["ends_on"] else None,
                headline=data["headline"], description=data["description"], request=request)
            return _done(request, outcome)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and "expires" in exc.error_dict:
                exc = ValidationError({"ends_on": exc.error_dict["expires"]})
            add_service_errors(form, exc)
    return render(request, "resilience_alerts/enter.html", {"form": form, "title": "Enter a weather-health alert"})


@requires("resilience_alerts.record_alert")
@require_POST
def play_demo_alert(request):
    if not settings.DEMO_MODE:
        raise Http404
    return _done(request, play_heat_alert(actor=request.user, request=request))
