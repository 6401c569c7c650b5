"""Real-browser fixtures: a live Django server, headless Chromium (Debian's, driven by Playwright) and axe-core.

Chromium must be at ``/usr/bin/chromium`` (or ``$COMMUNITIES_CHROMIUM``); if it is not, every browser test FAILS
and says to run ``scripts/ensure_chromium.sh``, so CI can never pass by skipping them.

Playwright's sync API marks an asyncio event loop as running in the thread that drives it, which makes Django
refuse database calls there (SynchronousOnlyOperation) and would leak into every later test in the session. So
the browser lives in a thread of its own: tests hand it a function of a page (``browse(steps)``), and the main
thread stays free for the database (personas, sessions, pytest-django's set-up and flush).

The live server needs transactional database access, and pytest-django empties every table after each
transactional test. So the browser tests use ``serialized_rollback`` (each starts from the database as the
migrations left it, data migrations such as the directory's taxonomy included), the ``geography`` fixture loads the
Stockton geography again, and after the last browser test in a run the hook in tests/conftest.py puts both
back, so the tests that follow see the database as the session set it up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from ..conftest import load_geography

CHROMIUM = Path(os.environ.get("COMMUNITIES_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# WCAG 2.0, 2.1 and 2.2 at levels A and AA, and axe's best practices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def _read_axe() -> str:
    from axe_playwright_python.base import AXE_FILE_PATH  # the PyPI package ships axe-core's axe.min.js

    return AXE_FILE_PATH.read_text(encoding="utf-8")


AXE_SCRIPT = _read_axe()
AXE_VERSION = AXE_SCRIPT[: AXE_SCRIPT.index("\n")].removeprefix("/*! axe ").strip()


class BrowserThread:
    """Sync Playwright and one headless Chromium, confined to a single worker thread."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="playwright")
        self._playwright = None
        self.browser = None

    def call(self, fn: Callable, *args: Any, **kwargs: Any) -> Any:
        return self._executor.submit(fn, *args, **kwargs).result()

    def start(self) -> None:
        def launch() -> None:
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            # Playwright gives every launch a fresh, temporary user-data directory (and refuses --user-data-dir).
            self.browser = self._playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )

        self.call(launch)

    def stop(self) -> None:
        def close() -> None:
            if self.browser is not None:
                self.browser.close()
            if self._playwright is not None:
                self._playwright.stop()

        try:
            self.call(close)
        finally:
            self._executor.shutdown()


@pytest.fixture(scope="session")
def browser_thread() -> Iterator[BrowserThread]:
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: run scripts/ensure_chromium.sh (it installs Debian's "
            "chromium and chromium-driver), then run the browser tests again.",
            pytrace=False,
        )
    thread = BrowserThread()
    try:
        thread.start()
        yield thread
    finally:
        thread.stop()


# Every browser test module marks itself with this (a live server needs committed data).
BROWSER_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def geography(transactional_db) -> None:
    """The Stockton geography (tests/conftest.py loads it once, but each transactional test's flush empties it;
    tests/conftest.py's teardown hook puts it and the data migrations' rows back after the last one in a row)."""
    load_geography()


@pytest.fixture
def site(live_server, transactional_db) -> str:
    return live_server.url


def session_cookie(user, url: str) -> dict:
    """A signed-in session for ``user`` (as after password and second factor), as a Playwright cookie."""
    client = Client()
    client.force_login(user, backend="allauth.account.auth_backends.AuthenticationBackend")
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


@pytest.fixture
def browse(browser_thread, site) -> Callable:
    """``browse(steps, user=None, **context_options)`` runs ``steps(page)`` in a fresh browser context (signed in as
    ``user`` if given) on the browser's thread, and returns what it returns. Assertions in ``steps`` fail the test."""

    def run(steps: Callable, user=None, **context_options: Any) -> Any:
        cookies = [session_cookie(user, site)] if user is not None else []

        def in_browser() -> Any:
            context = browser_thread.browser.new_context(base_url=site, **context_options)
            try:
                context.set_default_timeout(10_000)
                # axe-core is in every page from the start (faster than sending it for each check); like any
                # Playwright init script it runs outside the page's Content Security Policy.
                context.add_init_script(script=AXE_SCRIPT)
                if cookies:
                    context.add_cookies(cookies)
                return steps(context.new_page())
            finally:
                context.close()

        return browser_thread.call(in_browser)

    return run


def format_violations(url: str, violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = "; ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
        lines.append(
            f"{url}\n  [{violation.get('impact') or 'no impact'}] {violation['id']}: {violation['help']}\n"
            f"    at: {targets}\n    see: {violation['helpUrl']}"
        )
    return "\n".join(lines)


def axe_violations(page, within: str | None = None) -> list[dict]:
    """Inject axe-core (through the DevTools protocol, so the page's CSP does not apply) and run the AXE_TAGS rules
    on the whole document, or only within the elements that the CSS selector ``within`` matches."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT)
    return page.evaluate(
        "([tags, within]) => axe.run(within ? {include: [[within]]} : document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']}).then(results => results.violations)",
        [AXE_TAGS, within],
    )


def assert_accessible(page) -> None:
    """Fail with every axe-core violation on the page as it stands: rule id, impact, target selectors, help URL."""
    violations = axe_violations(page)
    assert not violations, f"axe-core {AXE_VERSION} found accessibility violations:\n" + format_violations(
        page.url, violations
    )
