"""The shared cache of public answers: hits cost no queries, any change shows at once, personal pages are not
shared, and every visitor still gets a CSRF token of their own."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from communities.directory.models import PublicRevision
from communities.directory.services import public_cache
from communities.directory.services.document import apply_document, document_for
from communities.directory.services.taxonomy import term_id
from communities.settings.env import env_cache

from .factories import THORNABY, TOWN_CENTRE, make_service

pytestmark = pytest.mark.django_db
SEARCH = {"category": str(term_id("food")), "postcode": "TS18 1AU", "day": "SA"}
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def pantry(db):
    make_service("Thornaby Food Share", at=THORNABY, days="SA")
    return make_service("Roseworth Community Pantry", at=TOWN_CENTRE, days="SA")


def test_a_repeated_search_is_served_from_the_cache_with_a_token_per_visitor(pantry, django_assert_max_num_queries):
    first = Client(enforce_csrf_checks=True).get("/find-help/", SEARCH)
    visitor = Client(enforce_csrf_checks=True)
    with django_assert_max_num_queries(1):  # the revision only
        second = visitor.get("/find-help/", SEARCH)
    assert second.status_code == 200 and "Roseworth Community Pantry" in second.content.decode()
    tokens = [TOKEN.findall(r.content.decode()) for r in (first, second)]
    assert tokens[0] and len(tokens[0]) == len(tokens[1]) and tokens[0][0] != tokens[1][0]
    assert "\x00" not in second.content.decode()
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    # the token in the cached page works for this visitor: saving to their list passes the CSRF check
    saved = visitor.post("/find-help/my-list/add/", {"service_id": str(pantry.pk), "next": "/find-help/",
                                                     "csrfmiddlewaretoken": tokens[1][0]})
    assert saved.status_code == 302


def test_a_visitor_with_a_saved_list_sees_it_marked_not_the_shared_page(pantry):
    visitor = Client()
    visitor.get("/find-help/", SEARCH)  # cached for everyone without a session
    visitor.post("/find-help/my-list/add/", {"service_id": str(pantry.pk), "next": "/find-help/"})
    assert "Saved to" in visitor.get("/find-help/", SEARCH).content.decode()
    assert "Saved to" not in Client().get("/find-help/", SEARCH).content.decode()


def test_signed_in_members_get_their_own_page(pantry, client_for):
    Client().get("/find-help/", SEARCH)
    page = client_for("officer").get("/find-help/", SEARCH).content.decode()
    assert "Sign out" in page


@pytest.mark.parametrize("change", ["rename", "opening times", "close", "delete"])
def test_any_change_to_a_listing_shows_at_once(pantry, change):
    Client().get("/find-help/", SEARCH)
    Client().get(f"/find-help/services/{pantry.pk}/")
    if change == "rename":
        pantry.name = "Roseworth Pantry and Cafe"
        pantry.save()
    elif change == "opening times":  # written with bulk_create, which sends no signals
        doc = document_for(pantry)
        doc["opening_times"] = "Monday 10:00-12:00"
        apply_document(pantry, doc)
    elif change == "close":
        pantry.status = "inactive"
        pantry.save()
    else:
        pantry.delete()
    page = Client().get("/find-help/", SEARCH).content.decode()
    assert ("Roseworth Community Pantry" in page) is False
    if change == "rename":
        assert "Roseworth Pantry and Cafe" in page
        assert "Roseworth Pantry and Cafe" in Client().get(f"/find-help/services/{pantry.pk}/").content.decode()


def test_only_successful_answers_are_kept(pantry):
    assert Client().get("/api/directory/services?page=0").status_code == 400
    assert Client().get("/find-help/services/00000000-0000-0000-0000-000000000000/").status_code == 404
    make_service("Another Pantry", at=TOWN_CENTRE, days="SA")
    assert Client().get("/api/directory/services?page=1").status_code == 200


def test_caching_can_be_turned_off(pantry, settings):
    settings.DIRECTORY_CACHE_SECONDS = 0
    Client().get("/find-help/", SEARCH)
    with CaptureQueriesContext(connection) as queries:
        Client().get("/find-help/", SEARCH)
    assert len(queries) >= 3


def test_the_revision_is_read_at_most_once_per_interval_but_own_changes_show_at_once(
        pantry, settings, django_assert_num_queries):
    settings.DIRECTORY_REVISION_CHECK_SECONDS = 60
    token = public_cache.revision()
    with django_assert_num_queries(0):
        assert public_cache.revision() == token
    pantry.name = "Renamed"
    pantry.save()
    assert public_cache.revision() != token
    assert PublicRevision.objects.get().token == public_cache.revision()


def test_cache_url_forms(monkeypatch, tmp_path):
    monkeypatch.delenv("CACHE_URL", raising=False)
    assert env_cache("CACHE_URL", tmp_path)["LOCATION"] == str(tmp_path)
    monkeypatch.setenv("CACHE_URL", "file:///srv/cache")
    assert env_cache("CACHE_URL", tmp_path)["LOCATION"] == "/srv/cache"
    monkeypatch.setenv("CACHE_URL", "locmem://")
    assert env_cache("CACHE_URL", tmp_path)["BACKEND"].endswith("LocMemCache")
    monkeypatch.setenv("CACHE_URL", "redis://127.0.0.1:6379/1")
    assert env_cache("CACHE_URL", tmp_path)["BACKEND"].endswith("RedisCache")
    for bad in ("file://relative/folder", "memcached://x"):
        monkeypatch.setenv("CACHE_URL", bad)
        with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
            env_cache("CACHE_URL", tmp_path)


def test_a_kept_answer_carries_the_same_security_and_cors_headers(pantry):
    for path in ("/find-help/?q=pantry", f"/api/directory/services/{pantry.pk}"):
        first, again = Client().get(path), Client().get(path)
        for header in ("Content-Security-Policy", "X-Frame-Options", "Content-Type", "X-Content-Type-Options"):
            assert again[header] == first[header], (path, header)
        assert again["X-Request-ID"] != first["X-Request-ID"]
    api = Client().get(f"/api/directory/services/{pantry.pk}")
    assert api["Access-Control-Allow-Origin"] == "*" and "max-age=60" in api["Cache-Control"]


def test_the_rate_limit_counts_kept_answers_too(pantry, settings):
    settings.DIRECTORY_API_RATE_PER_MINUTE = 3
    statuses = [Client().get("/api/directory/taxonomies").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
