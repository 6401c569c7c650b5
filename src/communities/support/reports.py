"""Figures for commissioners: no names, only counts."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from .models import EmergencyPlan


def carers_with_current_plan(organisation=None, ward=None, *, on: date | None = None) -> int:
    """How many carers have an emergency (contingency) plan in force on ``on`` (default today): not withdrawn, the
    caring link not ended, the plan's review date not passed. NHS England counts carers with a contingency plan
    (shared design note references.md (b)).

    ``organisation``: plans held by that organisation (default: all). ``ward``: a ``places.Ward`` or its code; a carer
    is in the ward of their household's LSOA, or else of their postcode.
    """
    plans = EmergencyPlan.objects.current(on)
    if organisation is not None:
        plans = plans.filter(link__organisation=organisation)
    if ward is not None:
        code = getattr(ward, "code", ward)
        from communities.places.models import Postcode

        postcodes = Postcode.objects.filter(ward__code=code).values("postcode")
        plans = plans.filter(Q(link__carer__household__lsoa__ward__code=code)
                             | Q(link__carer__household__lsoa__isnull=True, link__carer__postcode__in=postcodes))
    return plans.values("link__carer").distinct().count()
