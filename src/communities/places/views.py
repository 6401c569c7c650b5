from django.shortcuts import render

from communities.core.access import requires

from . import services
from .forms import PostcodeForm


def postcode_lookup(request):
    form = PostcodeForm(request.GET or None)
    location = None
    if form.is_bound and form.is_valid():
        try:
            location = services.locate(form.cleaned_data["postcode"])
        except services.PlaceNotFound as exc:
            form.add_error("postcode", str(exc))
    return render(request, "places/postcode_lookup.html", {"form": form, "location": location})


@requires("places.view_places")
def index(request):
    return render(
        request, "places/index.html", {"council": services.current_council(), "wards": services.ward_summaries()}
    )


@requires("places.view_places")
def ward(request, ward_code: str):
    ward = services.get_ward_or_404(ward_code)
    return render(request, "places/ward.html", {"ward": ward, "lsoas": ward.lsoas.order_by("imd2025_rank")})
