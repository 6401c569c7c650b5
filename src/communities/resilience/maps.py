"""The incident's area on the council's LSOA map (``places.svgmap``): LSOAs wholly in the area dark, those the
area touches in part lighter, the rest grey."""

from __future__ import annotations

from communities.places.svgmap import MapArea, council_map

from .areas import Area
from .models import Incident

WHOLE = "#1d70b8"  # GOV.UK blue
PART = "#85b4dd"  # lighter blue


def incident_map(incident: Incident):
    area = Area.from_dict(incident.area)
    whole = area.whole_lsoa_codes()
    areas = {code: MapArea(fill=WHOLE if code in whole else PART,
                           label=f"{code}: {'in the area' if code in whole else 'partly in the area'}")
             for code in incident.lsoa_codes}
    return council_map(areas, title=f"Map of the area of {incident.name}",
                       description=f"{len(whole)} LSOAs wholly and {len(areas) - len(whole)} partly in the area: "
                                   f"{incident.area_description}")
