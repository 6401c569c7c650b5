"""Bugs a newcomer found in the directory: categories lost on edit, share links at a fixed host, costs printed twice."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from communities.directory.models import Attribute, CostOption
from communities.directory.presenters import ServiceSummary
from communities.directory.services.document import document_for
from communities.directory.services.taxonomy import term_id

from .factories import make_service

pytestmark = pytest.mark.django_db


class _FormReader(HTMLParser):
    """What a browser would send for the POST form that has a field called ``wanted``: checked boxes and radios,
    text, textareas and selected options."""

    def __init__(self, wanted: str):
        super().__init__()
        self.wanted = wanted
        self._all: list[tuple[list, dict]] = []
        self.fields: list[tuple[str, str]] = []
        self.kinds: dict[str, set[str]] = {}
        self._textarea = None
        self._select = None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and a.get("method") == "post":
            self._in_form = True
            self.fields, self.kinds = [], {}
            self._all.append((self.fields, self.kinds))
        if not self._in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            self.kinds.setdefault(name, set()).add(kind)
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            else:
                self.fields.append((name, a.get("value", "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form = False


def _browser_form(html: str, wanted: str = "description") -> _FormReader:
    reader = _FormReader(wanted)
    reader.feed(html)
    reader.fields, reader.kinds = next((f, k) for f, k in reader._all if wanted in k or
                                       any(name == wanted for name, _ in f))
    return reader


def _as_post(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in fields:
        data.setdefault(name, []).append(value)
    return data


def test_editing_a_listing_keeps_every_category(client_for, partner):
    service = make_service("Three Category Hub", platform_organisation=partner, category="food-pantry")
    for code in ("warm-spaces", "debt-advice"):
        Attribute.objects.create(taxonomy_term_id=term_id(code), service=service, link_type="category")
    wanted = sorted(str(term_id(c)) for c in ("food-pantry", "warm-spaces", "debt-advice"))
    assert document_for(service)["categories"] == wanted

    editor = client_for("editor")
    page = editor.get(f"/directory/services/{service.pk}/change/").content.decode()
    form = _browser_form(page)
    assert form.kinds["categories"] == {"checkbox"}, "several categories need checkboxes, not radios"
    assert '<div class="govuk-checkboxes' in page
    data = _as_post(form.fields)
    assert sorted(data["categories"]) == wanted
    data["description"] = ["Now with a warm room and debt advice on Fridays."]
    response = editor.post(f"/directory/services/{service.pk}/change/", data)
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.description.startswith("Now with a warm room")
    assert document_for(service)["categories"] == wanted


def _share_url(html: str) -> str:
    return re.search(r'<span class="app-share-url">([^<]+)</span>', html).group(1)


@pytest.mark.parametrize("host", ["findhelp.stockton.example", "directory.partner.example:8443"])
def test_share_and_print_links_use_the_sites_own_address(client, settings, host):
    settings.ALLOWED_HOSTS = ["findhelp.stockton.example", "directory.partner.example"]
    service = make_service("Share Me Pantry")
    page = client.get(f"/find-help/services/{service.pk}/", HTTP_HOST=host).content.decode()
    assert _share_url(page) == f"http://{host}/find-help/services/{service.pk}/"
    client.post("/find-help/my-list/add/", {"service_id": str(service.pk)}, HTTP_HOST=host)
    listing = client.get("/find-help/my-list/", HTTP_HOST=host).content.decode()
    assert _share_url(listing) == f"http://{host}/find-help/list/?ids={service.pk}"
    assert f'href="http://{host}/find-help/list/?ids={service.pk}"' in listing
    assert "127.0.0.1:8000" not in page + listing


def test_share_link_behind_a_proxy_that_ends_https(client, settings):
    settings.ALLOWED_HOSTS = ["findhelp.stockton.example"]
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    service = make_service("Proxied Pantry")
    page = client.get(f"/find-help/services/{service.pk}/", HTTP_HOST="findhelp.stockton.example",
                      HTTP_X_FORWARDED_PROTO="https").content.decode()
    assert _share_url(page) == f"https://findhelp.stockton.example/find-help/services/{service.pk}/"


def test_two_hosts_sharing_one_cache_each_get_their_own_links(client, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    service = make_service("Cached Pantry")
    first = client.get(f"/find-help/services/{service.pk}/", HTTP_HOST="a.example").content.decode()
    second = client.get(f"/find-help/services/{service.pk}/", HTTP_HOST="b.example").content.decode()
    assert _share_url(first).startswith("http://a.example/")
    assert _share_url(second).startswith("http://b.example/")


def test_cost_described_once_when_the_option_repeats_the_description():
    service = make_service("Membership Pantry", free=False)
    service.fees_description = "£3.50 a week membership"
    service.save()
    service.cost_options.all().delete()
    CostOption.objects.create(service=service, option="£3.50 a week membership", amount=None, currency="GBP")
    assert ServiceSummary(service).cost == "£3.50 a week membership"


def test_cost_page_shows_it_once(client):
    service = make_service("Membership Pantry", free=False)
    service.fees_description = "£3.50 a week membership"
    service.save()
    service.cost_options.all().delete()
    CostOption.objects.create(service=service, option="£3.50 a week membership ", amount=None, currency="GBP")
    html = client.get(f"/find-help/services/{service.pk}/").content.decode()
    assert html.count("£3.50 a week membership") == 1
    results = client.get("/find-help/", {"q": "membership pantry"}).content.decode()
    assert results.count("£3.50 a week membership") == 1


def test_cost_with_an_amount_and_a_different_description_keeps_both():
    service = make_service("Meal Club", free=False)  # factory: "Weekly membership" at £3.50
    service.fees_description = "Concessions available"
    service.save()
    assert ServiceSummary(service).cost == "Concessions available; Weekly membership: £3.50"
