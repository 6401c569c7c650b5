"""Issue #12: pages and downloads that may hold personal data carry ``Cache-Control: no-store`` (no copy in the
browser's cache or a shared proxy after sign-out); public Find help pages and the public API keep their own caching."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


@pytest.mark.parametrize("persona, url", [
    ("officer", "/"),
    ("officer", "/people/"),
    ("admin", "/audit/"),
    ("officer", "/money/"),
    ("analyst", "/insight/"),
    ("editor", "/directory/"),
    ("admin", "/organisations/members/"),
])
def test_signed_in_pages_are_not_stored(client_for, persona, url):
    response = client_for(persona).get(url)
    assert response.status_code in (200, 302), (url, response.status_code)
    assert _no_store(response), (url, response.get("Cache-Control"))


@pytest.mark.parametrize("persona, url, kind", [
    ("admin", "/audit/export.csv", "text/csv"),
    ("editor", "/directory/export.csv", "text/csv"),
])
def test_downloads_are_not_stored(client_for, persona, url, kind):
    response = client_for(persona).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith(kind)
    _body(response)
    assert _no_store(response)
    assert response["Pragma"] == "no-cache"


def test_a_private_page_asked_for_without_signing_in_is_not_stored():
    response = Client().get("/people/")
    assert response.status_code == 302 and _no_store(response)


def test_public_pages_and_the_api_keep_their_caching():
    visitor = Client()
    for url in ("/", "/find-help/", "/privacy/"):
        response = visitor.get(url)
        assert response.status_code == 200 and not _no_store(response), url
    api = visitor.get(reverse("directory_api:services"))
    assert api.status_code == 200 and api["Cache-Control"].startswith("public, max-age=")


def test_signed_in_members_get_no_store_on_find_help_but_the_api_stays_public(client_for):
    client = client_for("officer")
    assert _no_store(client.get("/find-help/"))
    api = client.get(reverse("directory_api:services"))
    assert api["Cache-Control"].startswith("public, max-age=") and not _no_store(api)
