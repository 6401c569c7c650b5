"""Imports and exports: CSV (all or nothing, line and field named, re-import updates) and ORUK feeds over HTTP."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from communities.audit.models import AuditEvent
from communities.directory.importers import ImportFailed
from communities.directory.importers.csv_format import COLUMNS
from communities.directory.importers.csv_import import import_csv
from communities.directory.importers.oruk import import_feed
from communities.directory.models import DirectoryOrganisation, Location, Schedule, Service, ServiceAtLocation

from . import oruk
from .factories import make_service

pytestmark = pytest.mark.django_db


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: row.get(k, "") for k in COLUMNS})
    return out.getvalue()


GOOD = [
    {"organisation_name": "Hardwick Helpers", "name": "Hardwick Pantry", "email": "pantry@example.org",
     "categories": "food-pantry;for-families", "opening_times": "Saturday 10:00-12:00; Wednesday 13:00-15:00",
     "address_1": "2 Hardwick Road", "city": "Stockton-on-Tees", "postal_code": "ts18 1au", "is_free": "yes",
     "assured_date": "2026-10-01"},
    {"organisation_name": "Hardwick Helpers", "name": "Hardwick Walking Group",
     "categories": "Leisure and physical activity", "minimum_age": "16"},
]


def test_csv_import_and_reimport_updates_without_duplicates():
    result = import_csv(_csv(GOOD), where="hardwick.csv")
    assert (result.created, result.updated) == (2, 0)
    pantry = Service.objects.get(name="Hardwick Pantry")
    assert pantry.is_free and str(pantry.assured_date) == "2026-10-01"
    assert sorted(pantry.schedules.values_list("byday", flat=True)) == ["SA", "WE"]
    location = pantry.service_at_locations.get().location
    assert location.latitude is not None  # from the postcode
    assert DirectoryOrganisation.objects.filter(name="Hardwick Helpers").count() == 1
    changed = copy.deepcopy(GOOD)
    changed[0]["description"] = "Now open to all"
    result = import_csv(_csv(changed), where="hardwick.csv")
    assert (result.created, result.updated) == (0, 2)
    assert Service.objects.count() == 2 and Schedule.objects.filter(service=pantry).count() == 2
    assert Service.objects.get(pk=pantry.pk).description == "Now open to all"
    assert AuditEvent.objects.filter(object_type="directory.Import").count() == 2


def test_csv_with_bad_rows_writes_nothing_and_names_line_and_field():
    rows = copy.deepcopy(GOOD) + [
        {"organisation_name": "X", "name": "Bad Email", "email": "not-an-email"},
        {"organisation_name": "X", "name": "Bad Category", "categories": "space-travel"},
        {"organisation_name": "", "name": "No Organisation"},
        {"organisation_name": "X", "name": "Bad Times", "opening_times": "Saturday 12:00-10:00"},
    ]
    with pytest.raises(ImportFailed) as caught:
        import_csv(_csv(rows), where="bad.csv")
    problems = [(p.where, p.record, p.field) for p in caught.value.problems]
    assert problems == [("bad.csv", "line 4", "email"), ("bad.csv", "line 5", "categories"),
                        ("bad.csv", "line 6", "organisation_name"), ("bad.csv", "line 7", "opening_times")]
    assert "bad.csv, line 4, field 'email'" in str(caught.value)
    assert Service.objects.count() == 0 and DirectoryOrganisation.objects.count() == 0


def test_csv_unknown_columns_are_refused():
    with pytest.raises(ImportFailed) as caught:
        import_csv("organisation_name,name,colour\nA,B,red\n", where="odd.csv")
    assert caught.value.problems[0].field == "colour"


def test_csv_import_page_and_command(client_for, tmp_path):
    editor = client_for("editor")
    bad = SimpleUploadedFile("upload.csv", _csv([{"organisation_name": "X", "name": "Y", "url": "javascript:x"}])
                             .encode())
    html = editor.post("/directory/import/", {"file": bad}).content.decode()
    assert "Nothing was imported" in html and "line 2" in html and "url" in html
    good = SimpleUploadedFile("upload.csv", _csv(GOOD).encode())
    assert editor.post("/directory/import/", {"file": good}).status_code == 302
    assert Service.objects.count() == 2
    assert client_for("worker").get("/directory/import/").status_code == 403
    path = tmp_path / "bad.csv"
    path.write_text(_csv([{"organisation_name": "X", "name": "Y", "maximum_age": "old"}]))
    with pytest.raises(CommandError, match="bad.csv, line 2, field 'maximum_age'"):
        call_command("directory_import_csv", str(path))
    path.write_text(_csv(GOOD))
    out = StringIO()
    call_command("directory_import_csv", str(path), stdout=out)
    assert "0 services created, 2 updated" in out.getvalue()


def test_export_neutralises_formula_injection_and_round_trips(client_for):
    make_service('=HYPERLINK("http://evil.example","Click")', description="+SUM(A1)", category="food-pantry")
    response = client_for("editor").get("/directory/export.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    row = next(r for r in csv.DictReader(io.StringIO(text)) if "HYPERLINK" in r["name"])
    assert row["name"].startswith("'=") and row["description"] == "'+SUM(A1)"
    assert row["categories"] == "food-pantry" and row["opening_times"] == "Saturday 10:00-12:00"
    assert AuditEvent.objects.filter(action="export", object_type="directory.Service").exists()
    assert client_for("worker").get("/directory/export.csv").status_code == 403
    # An export can be imported again: it updates the same listing.
    result = import_csv(text, where="export.csv")
    assert (result.created, result.updated) == (0, 1)


# --- ORUK feeds over HTTP -------------------------------------------------------------------------------------------

def _feed_services() -> list[dict]:
    """Two full services built from the ORUK validator's passing mock (real ORUK 3.0 shapes); the second has every
    id replaced (except its organisation's) so the two records share nothing but the organisation."""
    base = oruk.mock("V3.0-UK-Default", "/services/{id}")
    keep = {base["organization"]["id"], base.get("organization_id")}
    text = json.dumps(base)
    for old in set(re.findall(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", text)) - keep:
        text = text.replace(old, str(uuid.uuid5(uuid.NAMESPACE_URL, old)))
    second = json.loads(text)
    second["name"] = "Second Feed Service"
    return [copy.deepcopy(base), second]


class _Feed:
    def __init__(self, services):
        self.services = services
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                parts = urlsplit(self.path)
                query = parse_qs(parts.query)
                if parts.path == "/services":
                    page, per_page = int(query.get("page", ["1"])[0]), 1
                    items = feed.services[(page - 1) * per_page: page * per_page]
                    body = {"total_items": len(feed.services), "total_pages": len(feed.services),
                            "page_number": page, "size": len(items), "first_page": page == 1,
                            "last_page": page >= len(feed.services), "empty": not items,
                            "contents": [{"id": s["id"], "name": s.get("name"), "status": s["status"]} for s in items]}
                elif parts.path.startswith("/services/"):
                    body = next((s for s in feed.services if s["id"] == parts.path.rsplit("/", 1)[1]), None)
                    if body is None:
                        self.send_response(404)
                        self.end_headers()
                        return
                else:
                    self.send_response(404)
                    self.end_headers()
                    return
                data = json.dumps(body).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def test_oruk_feed_import_pages_and_reimport_updates():
    services = _feed_services()
    with _Feed(services) as feed:
        result = import_feed(feed.url)
        assert (result.created, result.updated) == (2, 0)
        imported = Service.objects.get(pk=services[0]["id"])
        assert imported.name == services[0]["name"] and imported.schedules.count() == len(services[0]["schedules"])
        assert ServiceAtLocation.objects.count() == 2
        counts = {m.__name__: m.objects.count() for m in (Service, Schedule, ServiceAtLocation, DirectoryOrganisation)}
        services[0]["name"] = "Renamed In Feed"
        result = import_feed(feed.url)
        assert (result.created, result.updated) == (0, 2)
        assert {m.__name__: m.objects.count() for m in (Service, Schedule, ServiceAtLocation,
                                                        DirectoryOrganisation)} == counts
        assert Service.objects.get(pk=services[0]["id"]).name == "Renamed In Feed"
        out = StringIO()
        call_command("directory_import_oruk", feed.url, stdout=out)
        assert "0 services created, 2 updated" in out.getvalue()


def test_oruk_feed_with_a_bad_record_writes_nothing_and_names_it():
    services = _feed_services()
    del services[1]["name"]
    services[0]["email"] = "not an email"
    with _Feed(services) as feed, pytest.raises(ImportFailed) as caught:
        import_feed(feed.url)
    found = {(p.record.split(" (")[1].rstrip(")") if " (" in p.record else p.record, p.field)
             for p in caught.value.problems}
    assert ("page 1, record 1", "email") in found and ("page 2, record 1", "name") in found
    assert Service.objects.count() == 0


def test_oruk_feed_that_cannot_be_reached_is_reported():
    with pytest.raises(ImportFailed, match="could not be read"):
        import_feed("http://127.0.0.1:9/")
    with pytest.raises(ImportFailed, match="must start http"):
        import_feed("file:///etc/passwd")


def test_oruk_file_export_validates_and_can_be_served_back(tmp_path):
    make_service("Exported Pantry")
    make_service("Closed Pantry", status="defunct")
    path = tmp_path / "feed.ndjson"
    call_command("directory_export_oruk", str(path), stdout=StringIO())
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    assert [s["name"] for s in lines] == ["Exported Pantry"]
    assert oruk.errors("/services/{id}", lines[0]) == []


# --- Issue #12: bounded reports, limits before parsing, web addresses, nested ids that collide ----------------------

def test_csv_with_twenty_thousand_bad_rows_names_a_hundred_and_counts_the_rest(client_for):
    rows = [{"organisation_name": "X", "name": f"Service {i}", "email": f"bad-{i}"} for i in range(20_000)]
    with pytest.raises(ImportFailed) as caught:
        import_csv(_csv(rows), where="bad.csv")
    assert len(caught.value.problems) == 100 and caught.value.report.total == 20_000
    assert caught.value.problems[0].record == "line 2" and caught.value.problems[-1].record == "line 101"
    message = str(caught.value)
    assert "20,000 problem(s)" in message
    assert "and 19,900 more rows with 'email is not a valid email address'" in message
    assert len(message) < 20_000
    upload = SimpleUploadedFile("bad.csv", _csv(rows).encode())
    response = client_for("editor").post("/directory/import/", {"file": upload})
    page = response.content.decode()
    assert "20,000 problems" in page and "and 19,900 more rows with" in page
    assert len(response.content) < 100_000
    assert Service.objects.count() == 0


def test_csv_over_the_row_limit_is_refused_before_any_row_is_checked(monkeypatch, client_for):
    from communities.directory.importers import csv_import

    monkeypatch.setattr(csv_import, "MAX_ROWS", 10)
    monkeypatch.setattr(csv_import, "_check_row", lambda *a: pytest.fail("a row was checked"))
    with pytest.raises(ImportFailed, match="files may have at most 10 rows"):
        import_csv(_csv(GOOD * 6), where="big.csv")
    page = client_for("editor").get("/directory/import/").content.decode()
    assert "at most 5 MB and 10 rows" in page


def test_oruk_feed_with_non_web_links_is_refused_naming_each_field():
    services = _feed_services()
    services[0]["url"] = "javascript:alert(document.cookie)"
    services[0]["organization"]["website"] = " JavaScript:alert(1)"
    services[1]["service_at_locations"][0]["location"]["accessibility"][0]["url"] = "data:text/html,<script>x</script>"
    services[1]["schedules"][0]["schedule_link"] = "vbscript:msgbox"
    with _Feed(services) as feed, pytest.raises(ImportFailed) as caught:
        import_feed(feed.url)
    found = {(p.record.rsplit("(", 1)[-1].rstrip(")"), p.field) for p in caught.value.problems
             if "http:// or https://" in p.message}
    assert found == {("page 1, record 1", "url"), ("page 1, record 1", "organization.website"),
                     ("page 2, record 1", "service_at_locations.0.location.accessibility.0.url"),
                     ("page 2, record 1", "schedules.0.schedule_link")}
    assert Service.objects.count() == 0 and DirectoryOrganisation.objects.count() == 0


def test_directory_editor_form_refuses_links_that_are_not_web_addresses():
    from communities.directory.forms import ServiceEditForm

    base = {"name": "Pantry", "description": "Food", "status": "active"}
    for url in ("javascript:alert(1)", "JAVASCRIPT://alert(1)", "data:text/html,x", "ftp://example.org/file"):
        form = ServiceEditForm(data={**base, "url": url})
        assert not form.is_valid() and "url" in form.errors, url
    form = ServiceEditForm(data={**base, "url": "www.example.org"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["url"] == "https://www.example.org"


def test_oruk_nested_ids_that_belong_to_another_listing_are_named_and_nothing_is_written():
    other = make_service("Council Pantry")
    other_location = other.service_at_locations.get().location
    other_schedule = other.schedules.get()
    services = _feed_services()
    services[0]["service_at_locations"][0]["location"]["id"] = str(other_location.pk)
    services[1]["schedules"][0]["id"] = str(other_schedule.pk)
    services[1]["contacts"][0]["id"] = services[0]["contacts"][0]["id"]  # two services share one contact id
    before = {m.__name__: m.objects.count() for m in (Service, Schedule, ServiceAtLocation, DirectoryOrganisation)}
    with _Feed(services) as feed, pytest.raises(ImportFailed) as caught:
        import_feed(feed.url)
    messages = {(p.field, p.message) for p in caught.value.problems}
    assert ("service_at_locations.0.location.id",
            f"location id '{other_location.pk}' already belongs to another organisation's listing "
            f"('{other.organization.name}')") in messages
    assert ("schedules.0.id",
            f"schedule id '{other_schedule.pk}' already belongs to another listing (service 'Council Pantry')"
            ) in messages
    assert any(field == "contacts.0.id" and "also used by page 1, record 1" in message
               for field, message in messages)
    assert {m.__name__: m.objects.count() for m in (Service, Schedule, ServiceAtLocation,
                                                    DirectoryOrganisation)} == before
    assert Location.objects.get(pk=other_location.pk).organization == other.organization


def test_oruk_reimport_of_the_same_feed_is_not_a_collision():
    services = _feed_services()
    shared = services[0]["service_at_locations"][0]["location"]
    services[1]["service_at_locations"][0]["location"] = copy.deepcopy(shared)
    with _Feed(services) as feed:
        import_feed(feed.url)
        result = import_feed(feed.url)  # the same nested ids, under the same owners: updated, not refused
    assert (result.created, result.updated) == (0, 2)
    assert Location.objects.count() == 1
