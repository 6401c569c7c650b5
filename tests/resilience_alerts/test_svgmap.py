"""The shared SVG map of shipped boundaries (places.svgmap), used by the risk map."""

from __future__ import annotations

import re

from communities.places.svgmap import BACKGROUND, MapArea, council_map, shapes


def test_every_shipped_lsoa_and_ward_boundary_is_drawn_with_its_name():
    lsoas, wards = shapes("lsoa21", "E06000004"), shapes("wards", "E06000004")
    assert len(lsoas) == 124 and len(wards) == 27
    assert all(re.fullmatch(r"E0[15]\d{6}", s.code) and s.name for s in lsoas + wards)
    svg = council_map({}, layer="wards", title="Wards", council_code="E06000004")
    assert svg.count("<path ") == 27 and "Billingham Central" in svg


def test_areas_get_their_fill_link_and_escaped_label_others_stay_grey():
    code = shapes("lsoa21", "E06000004")[0].code
    svg = council_map({code: MapArea(fill="#d4351c", label='<script>x</script> "risk"', href="/a?b=1&c=2")},
                      title="Risk <map>", council_code="E06000004")
    assert 'fill="#d4351c"' in svg and svg.count(f'fill="{BACKGROUND}"') == 123
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "Risk &lt;map&gt;" in svg
    assert '<a href="/a?b=1&amp;c=2">' in svg
    assert 'role="group"' in svg and "<title id=\"map-title\">" in svg  # links inside: not an image
    assert 'role="img"' in council_map({code: MapArea(fill="#fff")}, title="Plain", council_code="E06000004")


def test_a_council_without_boundaries_gets_no_map():
    assert council_map({}, title="None", council_code="E09999999") == ""
