import pytest

from communities.core import notify


@pytest.fixture(autouse=True)
def _clean_outbox():
    notify.outbox.clear()
    yield
    notify.outbox.clear()
