"""Read an alert in OASIS Common Alerting Protocol 1.2 (CAP) XML, safely and strictly (no Django).

CAP 1.2 is specified by OASIS (docs.oasis-open.org/emergency/cap/v1.2/CAP-v1.2-os.html, 2010-07-01). The file is parsed
with defusedxml's SAX reader: no DTD, no entities, nothing fetched from outside. It must be at most ``MAX_BYTES``.
Every problem is a ``CapError`` naming the element and, where the parser knows it, the line.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler, feature_namespaces
from xml.sax.xmlreader import InputSource

import defusedxml.sax
from defusedxml import DefusedXmlException

CAP_NAMESPACE = "urn:oasis:names:tc:emergency:cap:1.2"
MAX_BYTES = 512 * 1024
MAX_ELEMENTS = 20_000
STATUSES = ("Actual", "Exercise", "System", "Test", "Draft")
MESSAGE_TYPES = ("Alert", "Update", "Cancel", "Ack", "Error")
SCOPES = ("Public", "Restricted", "Private")
SEVERITIES = ("Extreme", "Severe", "Moderate", "Minor", "Unknown")
URGENCIES = ("Immediate", "Expected", "Future", "Past", "Unknown")
CERTAINTIES = ("Observed", "Likely", "Possible", "Unlikely", "Unknown")
# CAP 1.2 section 3.3.2: "YYYY-MM-DDThh:mm:ssXzh:zm", the offset required ("-00:00" for UTC, never "Z").
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$")


class CapError(ValueError):
    """The file is not a CAP 1.2 alert we can use; the message says which element and line."""


@dataclass
class Node:
    tag: str
    line: int
    text: str = ""
    children: list[Node] = field(default_factory=list)

    def all(self, tag: str) -> list[Node]:
        return [child for child in self.children if child.tag == tag]

    def first(self, tag: str) -> Node | None:
        found = self.all(tag)
        return found[0] if found else None


@dataclass(frozen=True)
class CapArea:
    description: str
    polygons: tuple[tuple[tuple[float, float], ...], ...] = ()  # each a closed ring of (latitude, longitude)
    circles: tuple[tuple[float, float, float], ...] = ()  # (latitude, longitude, radius in km)
    geocodes: tuple[tuple[str, str], ...] = ()  # (valueName, value)


@dataclass(frozen=True)
class CapInfo:
    event: str
    urgency: str
    severity: str
    certainty: str
    language: str = "en-US"  # CAP 1.2's default when <language> is absent
    headline: str = ""
    description: str = ""
    instruction: str = ""
    web: str = ""
    effective: datetime | None = None
    onset: datetime | None = None
    expires: datetime | None = None
    parameters: tuple[tuple[str, str], ...] = ()
    areas: tuple[CapArea, ...] = ()

    def parameter(self, *names: str) -> str:
        wanted = {name.lower() for name in names}
        return next((value for key, value in self.parameters if key.lower() in wanted), "")


@dataclass(frozen=True)
class CapReference:
    sender: str
    identifier: str
    sent: str


@dataclass(frozen=True)
class CapAlert:
    identifier: str
    sender: str
    sent: datetime
    status: str
    msg_type: str
    scope: str
    references: tuple[CapReference, ...] = ()
    infos: tuple[CapInfo, ...] = ()


class _TreeBuilder(ContentHandler):
    def __init__(self):
        super().__init__()
        self.root: Node | None = None
        self.stack: list[Node] = []
        self.count = 0

    def startElementNS(self, name, qname, attrs):
        namespace, local = name
        line = self._locator.getLineNumber() if self._locator else 0
        if namespace != CAP_NAMESPACE:
            raise CapError(f"line {line}: <{local}> is not in the CAP 1.2 namespace {CAP_NAMESPACE}")
        self.count += 1
        if self.count > MAX_ELEMENTS:
            raise CapError(f"line {line}: more than {MAX_ELEMENTS:,} elements; an alert is never this long")
        node = Node(local, line)
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node
        self.stack.append(node)

    def endElementNS(self, name, qname):
        node = self.stack.pop()
        node.text = node.text.strip()

    def characters(self, content):
        if self.stack:
            self.stack[-1].text += content


def parse_tree(data: bytes) -> Node:
    if len(data) > MAX_BYTES:
        raise CapError(f"the file is {len(data):,} bytes; a CAP alert must be at most {MAX_BYTES:,} bytes")
    if not data.strip():
        raise CapError("the file is empty")
    parser = defusedxml.sax.make_parser()
    parser.setFeature(feature_namespaces, True)
    parser.forbid_dtd = True
    parser.forbid_entities = True
    parser.forbid_external = True
    builder = _TreeBuilder()
    parser.setContentHandler(builder)
    source = InputSource()
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except SAXParseException as exc:
        raise CapError(f"line {exc.getLineNumber()}, column {exc.getColumnNumber()}: not well-formed XML "
                       f"({exc.getMessage()})") from exc
    except DefusedXmlException as exc:
        raise CapError(f"the file declares a DTD or entities, which alerts never need and we refuse ({exc})") from exc
    if builder.root is None or builder.root.tag != "alert":
        raise CapError("the top element must be <alert> in the CAP 1.2 namespace")
    return builder.root


def _text(parent: Node, tag: str, *, required: bool = True, choices: tuple[str, ...] = ()) -> str:
    node = parent.first(tag)
    value = node.text if node is not None else ""
    where = f"line {node.line if node is not None else parent.line}"
    if required and not value:
        raise CapError(f"{where}: <{parent.tag}> has no <{tag}>, which CAP 1.2 requires")
    if value and choices and value not in choices:
        raise CapError(f"{where}: <{tag}> is {value!r}; CAP 1.2 allows {', '.join(choices)}")
    return value


def _datetime(parent: Node, tag: str, *, required: bool = False) -> datetime | None:
    value = _text(parent, tag, required=required)
    if not value:
        return None
    line = parent.first(tag).line
    if not _DATETIME.match(value):
        raise CapError(f"line {line}: <{tag}> is {value!r}; CAP 1.2 wants a date-time with its offset, "
                       f"like 2026-07-14T09:00:00+01:00")
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        raise CapError(f"line {line}: <{tag}> is {value!r}, which is not a real date and time") from exc


def _point(text: str, line: int, tag: str) -> tuple[float, float]:
    try:
        latitude, longitude = (float(part) for part in text.split(","))
    except ValueError as exc:
        raise CapError(f"line {line}: <{tag}> has {text!r}; points are 'latitude,longitude'") from exc
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise CapError(f"line {line}: <{tag}> has {text!r}, which is not a place on Earth")
    return latitude, longitude


def _area(node: Node) -> CapArea:
    polygons = []
    for polygon in node.all("polygon"):
        points = tuple(_point(pair, polygon.line, "polygon") for pair in polygon.text.split())
        if len(points) < 4 or points[0] != points[-1]:
            raise CapError(f"line {polygon.line}: <polygon> needs at least 4 points with the first and last the same")
        polygons.append(points)
    circles = []
    for circle in node.all("circle"):
        centre, _, radius = circle.text.partition(" ")
        try:
            radius_km = float(radius)
        except ValueError as exc:
            message = f"line {circle.line}: <circle> is {circle.text!r}; CAP wants 'latitude,longitude radius-km'"
            raise CapError(message) from exc
        circles.append((*_point(centre, circle.line, "circle"), radius_km))
    geocodes = tuple((_text(g, "valueName"), _text(g, "value")) for g in node.all("geocode"))
    return CapArea(_text(node, "areaDesc"), tuple(polygons), tuple(circles), geocodes)


def _info(node: Node) -> CapInfo:
    if not node.all("category"):
        raise CapError(f"line {node.line}: <info> needs at least one <category>")
    return CapInfo(
        event=_text(node, "event"),
        urgency=_text(node, "urgency", choices=URGENCIES),
        severity=_text(node, "severity", choices=SEVERITIES),
        certainty=_text(node, "certainty", choices=CERTAINTIES),
        language=_text(node, "language", required=False) or "en-US",
        headline=_text(node, "headline", required=False),
        description=_text(node, "description", required=False),
        instruction=_text(node, "instruction", required=False),
        web=_text(node, "web", required=False),
        effective=_datetime(node, "effective"),
        onset=_datetime(node, "onset"),
        expires=_datetime(node, "expires"),
        parameters=tuple((_text(p, "valueName"), _text(p, "value")) for p in node.all("parameter")),
        areas=tuple(_area(area) for area in node.all("area")),
    )


def _references(node: Node) -> tuple[CapReference, ...]:
    text = _text(node, "references", required=False)
    found = []
    for item in text.split():
        parts = item.split(",")
        if len(parts) != 3 or not all(parts):
            line = node.first("references").line
            raise CapError(f"line {line}: <references> entry {item!r} must be 'sender,identifier,sent'")
        found.append(CapReference(*parts))
    return tuple(found)


def parse_alert(data: bytes) -> CapAlert:
    """The CAP alert in ``data``, checked against the CAP 1.2 rules we rely on."""
    root = parse_tree(data)
    msg_type = _text(root, "msgType", choices=MESSAGE_TYPES)
    alert = CapAlert(
        identifier=_text(root, "identifier"),
        sender=_text(root, "sender"),
        sent=_datetime(root, "sent", required=True),
        status=_text(root, "status", choices=STATUSES),
        msg_type=msg_type,
        scope=_text(root, "scope", choices=SCOPES),
        references=_references(root),
        infos=tuple(_info(info) for info in root.all("info")),
    )
    for name, value in (("identifier", alert.identifier), ("sender", alert.sender)):
        if re.search(r"[\s,<&]", value):
            raise CapError(f"line {root.first(name).line}: <{name}> {value!r} must not contain spaces, commas, < or &")
    if msg_type in ("Update", "Cancel") and not alert.references:
        raise CapError(f"line {root.line}: an {msg_type} must name the alert it replaces in <references>")
    if msg_type != "Cancel" and not alert.infos:
        raise CapError(f"line {root.line}: <alert> needs an <info> block saying what the alert is")
    return alert
