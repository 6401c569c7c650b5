"""The people list's pages: counted up to a cap, so a broad search (a whole postcode district) stays fast.

Nobody pages through thousands of residents: past ``MAX_COUNTED`` matches the page says "more than 1,000" and asks
for a narrower search, and PostgreSQL can stop probing once it has found that many (``benchmarks/people_search.py``).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

MAX_COUNTED = 1000
PER_PAGE = 25


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        return self.object_list[:MAX_COUNTED + 1].count()

    @property
    def max_counted(self) -> int:
        return MAX_COUNTED

    @property
    def capped(self) -> bool:
        return self.count > MAX_COUNTED


def search_page(people, number):
    """One page of ``people`` (already scoped and searched), 25 a page."""
    return CappedPaginator(people, PER_PAGE).get_page(number)
