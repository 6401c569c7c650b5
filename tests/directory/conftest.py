import pytest
from django.core.cache import cache

from communities.core import notify


@pytest.fixture(autouse=True)
def _clean_outbox_and_cache():
    notify.outbox.clear()
    cache.clear()  # the API's per-process response cache must not carry one test's data into the next
    yield
    notify.outbox.clear()
    cache.clear()
