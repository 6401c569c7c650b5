"""Changes to neighbourhood profiles' data, each with its audit row in one transaction."""

from __future__ import annotations

from django.db import transaction

from communities.audit.services import record

from .models import Neighbourhood


def save_neighbourhood(form, *, user, request=None) -> Neighbourhood:
    with transaction.atomic():
        hood = form.save(commit=False)
        hood.created_by = user
        hood.save()
        form.save_m2m()
        record(actor=user, action="create", obj=hood, request=request,
               fields={"name": hood.name, "lsoas": sorted(lsoa.code for lsoa in hood.lsoas.all()),
                       "public": hood.public})
    return hood
