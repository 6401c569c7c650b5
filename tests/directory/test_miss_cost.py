"""What made a cache miss cheaper (ADR 0012, "Misses"), checked for unchanged behaviour: the results list rendered in
one pass, the schedules' stored day list, sub-categories kept per revision."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from communities.directory.models import Attribute, Schedule, Service, TaxonomyTerm
from communities.directory.services.taxonomy import DEFAULT_TAXONOMY_ID, term_id

from .factories import make_service

pytestmark = pytest.mark.django_db
LONG = " ".join(f"word{n}" for n in range(1, 51))


def _page(client, **query) -> str:
    response = client.get("/find-help/", query)
    assert response.status_code == 200
    return response.content.decode()


def test_each_result_shows_what_a_resident_needs_with_listing_text_escaped(client):
    closed = make_service("Fish & <b>Chips</b> Club", description=LONG, alert="Shut <i>over</i> Christmas",
                          status="temporarily closed", free=False)
    page = _page(client, q="club")
    assert "Fish &amp; &lt;b&gt;Chips&lt;/b&gt; Club</a></h3>" in page
    assert f'href="/find-help/services/{closed.pk}/"' in page
    assert '<strong class="govuk-tag govuk-tag--red">Temporarily closed</strong>' in page
    assert "govuk-tag--green" not in page  # not free
    assert "<strong>Notice:</strong> Shut &lt;i&gt;over&lt;/i&gt; Christmas" in page
    assert "word40 …</p>" in page and "word41" not in page  # 40 words, as the template's truncatewords did
    assert "<strong>When:</strong> Saturday, 10am to midday</p>" in page
    assert ("<strong>Cost:</strong> Weekly membership: £3.50 · <strong>Ages:</strong> All ages · Not checked yet</p>"
            in page)
    assert 'name="csrfmiddlewaretoken" value="' in page
    assert f'<input type="hidden" name="service_id" value="{closed.pk}">' in page
    assert '<input type="hidden" name="next" value="/find-help/?q=club">' in page
    assert 'Save to my list<span class="govuk-visually-hidden">: Fish &amp; &lt;b&gt;Chips' in page


def test_a_saved_service_is_marked_in_the_results_instead_of_its_save_button(client):
    saved, other = make_service("Saved Pantry"), make_service("Other Pantry")
    client.post("/find-help/my-list/add/", {"service_id": str(saved.pk)})
    page = _page(client, q="pantry")
    assert page.count('Saved to <a class="govuk-link" href="/find-help/my-list/">your list</a>') == 1
    assert f'name="service_id" value="{other.pk}"' in page and f'name="service_id" value="{saved.pk}"' not in page


def test_the_stored_day_list_follows_byday_whichever_way_a_schedule_is_written(client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: date(2026, 12, 1))  # next Saturday: 5 December
    single = make_service("Single Save", days=" sa, 1su")
    assert Schedule.objects.get(service=single).day_list == ",SA,1SU,"
    bulk = make_service("Bulk Written", days="")
    Schedule.objects.bulk_create([Schedule(service=bulk, freq="MONTHLY", byday="1sa")])
    moved = make_service("Moved By Update", days="MO")
    Schedule.objects.filter(service=moved).update(byday="TU,SA")
    assert set(Schedule.objects.filter(service__in=[bulk, moved]).values_list("day_list", flat=True)) == {
        ",1SA,", ",TU,SA,"}
    names = [c["name"] for c in client.get("/api/directory/services", {"day": "SA"}).json()["contents"]]
    assert sorted(names) == ["Bulk Written", "Moved By Update", "Single Save"]


def test_a_new_sub_category_is_searched_at_once_and_costs_no_query(client, settings, django_assert_num_queries):
    settings.DIRECTORY_CACHE_SECONDS = 0
    service = make_service("Pop-up Pantry", category="")
    child = TaxonomyTerm.objects.create(taxonomy_id=DEFAULT_TAXONOMY_ID, name="Pop-up pantries", description="x",
                                        parent_id=term_id("food"))
    Attribute.objects.create(taxonomy_term=child, service=service, link_type="category")
    query = {"taxonomy_term_id": str(term_id("food"))}
    assert [c["name"] for c in client.get("/api/directory/services", query).json()["contents"]] == ["Pop-up Pantry"]
    # The revision (read each time in tests), the count, the page's ids, the records: no query for sub-categories.
    with django_assert_num_queries(4):
        client.get("/api/directory/services", {**query, "page": 1})
    assert Service.objects.count() == 1


def test_a_page_and_its_count_from_one_query_give_the_same_pages(client, settings, django_assert_num_queries):
    settings.DIRECTORY_CACHE_SECONDS = 0
    for n in range(5):
        make_service(f"Pantry {n}", description="Food for families." if n % 2 else "Pantry shelves.")
    every = client.get("/api/directory/services", {"search": "pantry", "per_page": 10}).json()
    assert every["total_items"] == 5
    pages = [client.get("/api/directory/services", {"search": "pantry", "per_page": 2, "page": n}).json()
             for n in (1, 2, 3, 4)]
    assert [p["total_items"] for p in pages] == [5, 5, 5, 5] and pages[3]["contents"] == []
    assert [c["id"] for p in pages for c in p["contents"]] == [c["id"] for c in every["contents"]]
    # The revision (twice: read each time in tests), the page's ids with the count, the page's records.
    with django_assert_num_queries(4):
        client.get("/api/directory/services", {"search": "pantry", "per_page": 2, "page": 2})
    # Find help's last page (Paginator slices to the count) and a page number past the end (the last page).
    settings.DIRECTORY_CACHE_SECONDS = 0
    for page in ("1", "3", "99", "x"):
        html = _page(client, q="pantry", page=page)
        assert "5 results for ‘pantry’" in html
