"""Reading CAP 1.2: the synthetic samples, every refusal naming the element and line, no entity expansion."""

from __future__ import annotations

from datetime import date

import pytest

from communities.resilience.alerts import alert_types
from communities.resilience.alerts.cap import MAX_BYTES, CapError, parse_alert

from .conftest import AMBER, MALFORMED, YELLOW, sample


def test_the_amber_heat_sample_is_read_in_full():
    alert = parse_alert(sample(AMBER))
    assert (alert.identifier, alert.status, alert.msg_type, alert.scope) == (
        "SYNTHETIC-HHA-2026-07-14-NE-AMBER", "Actual", "Alert", "Public")
    info = alert.infos[0]
    assert (info.event, info.severity, info.urgency, info.certainty, info.language) == (
        "Heat-Health Alert", "Severe", "Expected", "Likely", "en-GB")
    assert info.onset.isoformat() == "2026-07-15T09:00:00+01:00" and info.expires.day == 18
    assert info.areas[0].description == "North East"
    assert info.areas[0].geocodes == (("ONS_region_code", "E12000001"),)
    assert alert_types.classify(alert)[1:] == ("heat", "amber")


def test_the_yellow_cold_sample_names_type_and_level_in_its_event():
    alert = parse_alert(sample(YELLOW))
    assert alert_types.classify(alert)[1:] == ("cold", "yellow")
    assert len(alert.infos[0].areas) == 2


def test_the_malformed_sample_is_refused_with_its_line():
    with pytest.raises(CapError, match=r"line 13, column \d+: not well-formed XML"):
        parse_alert(sample(MALFORMED))


@pytest.mark.parametrize(("old", "new", "message"), [
    ("<status>Actual</status>", "<status>Live</status>", r"line 8: <status> is 'Live'; CAP 1\.2 allows Actual"),
    ("<sent>2026-07-14T09:00:00+01:00</sent>", "<sent>14/07/2026</sent>", r"line 7: <sent> is '14/07/2026'"),
    ("<sent>2026-07-14T09:00:00+01:00</sent>", "<sent>2026-02-30T09:00:00+01:00</sent>", r"not a real date"),
    ("<identifier>SYNTHETIC-HHA-2026-07-14-NE-AMBER</identifier>", "", r"line 4: <alert> has no <identifier>"),
    ("<urgency>Expected</urgency>", "<urgency>Soon</urgency>", r"line 18: <urgency> is 'Soon'"),
    ("<category>Health</category>\n    <category>Met</category>", "", r"<info> needs at least one <category>"),
    ("<msgType>Alert</msgType>", "<msgType>Update</msgType>", r"an Update must name the alert it replaces"),
    ('xmlns="urn:oasis:names:tc:emergency:cap:1.2"', 'xmlns="urn:oasis:names:tc:emergency:cap:1.1"',
     r"line 4: <alert> is not in the CAP 1\.2 namespace"),
    ("<value>amber</value>", "<value>purple</value>", None),
])
def test_bad_fields_are_named_with_their_line(old, new, message):
    data = sample(AMBER).decode().replace(old, new).encode()
    if message is None:  # the colour is then looked for in event and headline ("Amber heat-health alert")
        assert alert_types.classify(parse_alert(data))[2] == "amber"
        return
    with pytest.raises(CapError, match=message):
        parse_alert(data)


def test_an_alert_without_any_level_says_how_to_give_one():
    data = sample(AMBER).decode().replace("<value>amber</value>", "<value>?</value>").replace(
        "<headline>Amber heat-health alert", "<headline>Heat-health alert").encode()
    with pytest.raises(CapError, match="no alert level: add <parameter>"):
        alert_types.classify(parse_alert(data))


def test_entities_and_dtds_are_refused_not_expanded():
    bomb = (b'<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
            b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>&b;</identifier></alert>')
    with pytest.raises(CapError, match="DTD or entities"):
        parse_alert(bomb)
    external = (b'<?xml version="1.0"?><!DOCTYPE alert SYSTEM "http://example.org/x.dtd">'
                b'<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"/>')
    with pytest.raises(CapError, match="DTD or entities"):
        parse_alert(external)


def test_size_and_emptiness_are_bounded():
    with pytest.raises(CapError, match="at most"):
        parse_alert(b" " * (MAX_BYTES + 1))
    with pytest.raises(CapError, match="empty"):
        parse_alert(b"  ")


def test_polygons_and_circles_are_checked():
    area = ("<areaDesc>North East</areaDesc>", "<areaDesc>Box</areaDesc><polygon>54.5,-1.4 54.6,-1.4 54.6,-1.2 "
            "54.5,-1.4</polygon><circle>54.57,-1.32 5</circle>")
    alert = parse_alert(sample(AMBER).decode().replace(*area).encode())
    assert alert.infos[0].areas[0].circles == ((54.57, -1.32, 5.0),)
    open_ring = sample(AMBER).decode().replace(*area).replace("54.5,-1.4</polygon>", "54.5,-1.3</polygon>")
    with pytest.raises(CapError, match="<polygon> needs at least 4 points"):
        parse_alert(open_ring.encode())


@pytest.mark.parametrize(("hazard", "day", "expected"), [
    ("heat", date(2026, 6, 1), True), ("heat", date(2026, 9, 30), True), ("heat", date(2026, 10, 1), False),
    ("cold", date(2026, 11, 1), True), ("cold", date(2027, 3, 31), True), ("cold", date(2027, 1, 15), True),
    ("cold", date(2026, 4, 1), False), ("heat", date(2026, 5, 31), False),
])
def test_core_seasons_from_the_data_file(hazard, day, expected):
    assert alert_types.in_season(hazard, day) is expected
