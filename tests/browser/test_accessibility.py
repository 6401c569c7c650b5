"""Issue 3: axe-core in real Chromium finds no WCAG 2.2 AA (or best-practice) violation on any public page or on
any page of any role's navigation; the pages work without JavaScript and from the keyboard; no CSP violations.

Each test visits many pages and reports every problem it found at once, so a run shows the whole picture.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from communities.core.access import AUTHENTICATION_URL_NAMES, PUBLIC_URL_NAMES

from ..conftest import PASSWORD, PERSONAS
from ..test_url_access import kwarg_names, project_patterns
from ..url_samples import SAMPLES
from .conftest import AXE_VERSION, BROWSER_DB, axe_violations, format_violations

pytestmark = [pytest.mark.browser, BROWSER_DB]

POSTCODE_IN_AREA = "TS18 1AA"
ALL_PERSONAS = [*PERSONAS, "member_without_role", "platform_admin"]


def public_urls(ctx: dict) -> list[str]:
    """Every public and sign-in URL pattern, with the sample values from tests/url_samples.py for its arguments."""
    urls = []
    for name, pattern in project_patterns():
        if name not in PUBLIC_URL_NAMES and name not in AUTHENTICATION_URL_NAMES:
            continue
        missing = [kwarg for kwarg in kwarg_names(pattern) if kwarg not in SAMPLES]
        if missing:
            pytest.fail(f"URL {name} takes {missing}: add a sample value for it in tests/url_samples.py")
        urls.append(reverse(name, kwargs={kwarg: SAMPLES[kwarg](ctx) for kwarg in kwarg_names(pattern)}))
    return html_pages(sorted(set(urls)))


def html_pages(urls: list[str]) -> list[str]:
    """Leave out what a browser cannot show as a page: POST-only endpoints (405) and non-HTML (health, JSON API)."""
    client = Client()
    pages = []
    for url in urls:
        response = client.get(url)
        if response.status_code != 405 and response.get("Content-Type", "").startswith("text/html"):
            pages.append(url)
    return pages


@pytest.fixture
def url_ctx(council, partner, other_org, personas) -> dict:
    """What the url_samples builders expect (as in tests/test_url_access.py)."""
    return {"council": council, "partner": partner, "other_org": other_org, "personas": personas}


def postcode_in_area() -> str:
    from communities.places.models import Postcode

    postcode = Postcode.objects.filter(postcode=POSTCODE_IN_AREA).first() or Postcode.objects.order_by("pk").first()
    return postcode.postcode


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def check_pages(
    page, urls: list[str], report: list[str], seen: set[str], label: str = "", header_only: frozenset[str] = frozenset()
) -> None:
    """Run axe on each HTML page (once per final URL); add every violation, and every server error, to ``report``.

    Paths in ``header_only`` were checked in full for another persona, so only their header (navigation and
    organisation, which differ by role) is checked again. Skipped: responses that are not HTML, and pages already
    checked under another URL (after a redirect)."""
    for url in urls:
        response = page.goto(url)
        assert response is not None, f"{url}: no response"
        final_url, content_type = page.url, response.headers.get("content-type", "")
        final_path = path_of(final_url)
        where = f"{label}{url}" + (f" (redirected to {final_path})" if final_path != url else "")
        if response.status >= 500:
            report.append(f"{where}: the server answered {response.status}")
            continue
        if not content_type.startswith("text/html") or final_url in seen:
            continue
        seen.add(final_url)
        violations = axe_violations(page, within="header" if final_path in header_only else None)
        if violations:
            report.append(format_violations(where, violations))


CSP_MESSAGE = re.compile(r"Content Security Policy|Refused to (apply|execute|load)", re.IGNORECASE)


def watch_console(page) -> list[str]:
    """From now on, collect the page's CSP violations (as Chromium logs them, and as the page's own
    securitypolicyviolation events) and uncaught script errors into the returned list."""
    problems: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and CSP_MESSAGE.search(message.text):
            problems.append(f"{path_of(page.url)}: console error: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"{path_of(page.url)}: script error: {error}"))
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return problems


def fail_if(report: list[str], what: str) -> None:
    assert not report, f"axe-core {AXE_VERSION} found violations on {what}:\n" + "\n".join(report)


def check_as_personas(browse, personas, visits: dict[str, list[str]], **context_options) -> list[str]:
    """axe over each persona's pages ({persona: [url, ...]}), signed in as that persona, with console errors (in a
    browser context with ``context_options``, such as a phone's viewport, if given)."""
    report: list[str] = []
    for persona, urls in visits.items():

        def steps(page, urls=urls, persona=persona):
            found: list[str] = []
            console = watch_console(page)
            check_pages(page, urls, found, set(), label=f"as {persona}: ")
            return found + [f"as {persona}: {problem}" for problem in console]

        report += browse(steps, user=personas[persona], **context_options)
    return report


def test_every_public_page_is_accessible(browse, geography, url_ctx, personas):
    """Every public and sign-in page; the postcode lookup with a result and with errors; the 404 page; the sign-in
    form with errors; and the second-factor page, reached by signing in through the real form."""
    postcode = postcode_in_area()
    urls = [
        *public_urls(url_ctx),
        f"/places/postcode/?postcode={postcode.replace(' ', '+')}",  # a result
        "/places/postcode/?postcode=not+a+postcode",  # error summary: malformed
        "/places/postcode/?postcode=SW1A+1AA",  # error summary: outside the council's area
        "/no-such-page/",  # the 404 page
    ]
    sign_in = "main form button[type=submit], main form input[type=submit]"

    def steps(page):
        report: list[str] = []
        checked: set[str] = set()
        check_pages(page, urls, report, checked)
        checked = {path_of(url) for url in checked}

        page.goto("/accounts/login/")
        page.locator(sign_in).first.click()
        page.wait_for_load_state()
        assert page.locator(".govuk-error-summary").count() == 1, "an empty sign-in form shows no error summary"
        if violations := axe_violations(page):
            report.append(format_violations("/accounts/login/ (with errors)", violations))

        page.fill("input[name=login]", personas["officer"].email)
        page.fill("input[name=password]", PASSWORD)
        page.locator(sign_in).first.click()
        page.wait_for_load_state()
        assert "/2fa/authenticate/" in page.url, f"signing in did not ask for the second factor: {page.url}"
        assert page.locator("h1").inner_text() == "Enter your security code", "not the project's second-factor page"
        if violations := axe_violations(page):
            report.append(format_violations(f"{path_of(page.url)} (second factor, after the password)", violations))
        return report, checked

    report, checked = browse(steps)
    assert "/accounts/login/" in checked, f"the sign-in page was not checked: {sorted(checked)}"
    assert "/no-such-page/" in checked
    fail_if(report, "public pages")


def _person_for(council):
    from communities.people.models import Involvement, Person

    person = Person.objects.create(first_name="Sample", last_name="Resident")
    Involvement.objects.create(person=person, organisation=council, reason="test")
    return person


def test_each_roles_dashboard_and_navigation_are_accessible(browse, geography, personas, council):
    """Every persona's dashboard, and every page in its navigation (and "Your account"); for the officer also the
    pages behind the lists, a person's record and a ward. The administrator goes first and sees the most, so each
    other page is checked in full once; for the other personas their dashboard is checked in full, and a page
    already checked only in its header, which is what changes with the role. CSP violations and script errors on
    these pages fail the test too."""
    person = _person_for(council)
    report: list[str] = []
    checked_in_full: set[str] = set()
    for persona in ALL_PERSONAS:
        header_only = frozenset(checked_in_full - {"/dashboard/"})

        def steps(page, persona=persona, header_only=header_only):
            found: list[str] = []
            seen: set[str] = set()
            console = watch_console(page)
            check_pages(page, ["/dashboard/"], found, seen, label=f"as {persona}: ")
            assert "/accounts/login/" not in page.url, f"{persona} is not signed in: {page.url}"
            nav = page.locator("header nav a[href]")
            links = [nav.nth(i).get_attribute("href") for i in range(nav.count())]
            extra = []
            if persona == "officer":
                extra = [
                    reverse("people:detail", kwargs={"person_id": person.pk}),
                    reverse("places:ward", kwargs={"ward_code": SAMPLES["ward_code"]({})}),
                ]
            check_pages(page, [*links, *extra], found, seen, label=f"as {persona}: ", header_only=header_only)
            found += [f"as {persona}: {problem}" for problem in console]
            return found, {path_of(url) for url in seen}

        found, seen = browse(steps, user=personas[persona])
        report += found
        checked_in_full |= seen
    assert {"/dashboard/", "/people/", "/places/", "/accounts/2fa/", "/audit/"} <= checked_in_full, checked_in_full
    fail_if(report, "the roles' dashboards and navigation")


def test_pages_work_without_javascript(browse, geography):
    postcode = postcode_in_area()

    def steps(page):
        page.goto("/accounts/login/")
        for selector in ("input[name=login]", "input[name=password]"):
            assert page.locator(selector).is_visible(), f"sign-in without JavaScript: {selector} not shown"
        assert page.locator("main form [type=submit]").first.is_visible()
        assert page.locator("label[for]").count() >= 2

        page.goto("/places/postcode/")
        page.fill("input[name=postcode]", postcode)
        page.get_by_role("button", name="Find").click()
        page.wait_for_load_state()
        assert "postcode=" in page.url
        assert page.locator("h2", has_text=postcode).is_visible(), page.content()
        assert page.locator(".govuk-summary-list").is_visible()

        page.fill("input[name=postcode]", "nonsense")
        page.get_by_role("button", name="Find").click()
        page.wait_for_load_state()
        summary = page.locator(".govuk-error-summary")
        assert summary.is_visible(), "no error summary without JavaScript"
        assert summary.get_by_role("link").first.get_attribute("href") == "#id_postcode"
        assert page.title().startswith("Error:")

    browse(steps, java_script_enabled=False)


def test_skip_link_is_the_first_focusable_element(browse, personas):
    def steps(page):
        for url in ("/", "/accounts/login/", "/dashboard/"):
            response = page.goto(url)
            assert response is not None and response.ok, f"{url}: {response and response.status}"
            page.keyboard.press("Tab")
            focused = page.evaluate("document.activeElement.outerHTML.slice(0, 200)")
            assert page.evaluate("document.activeElement.matches('a.govuk-skip-link[href=\"#main-content\"]')"), (
                f"{page.url}: the first Tab focused {focused}, not the skip link"
            )
            assert page.locator(".govuk-skip-link").is_visible(), "the focused skip link is not visible"
            page.keyboard.press("Enter")
            assert page.evaluate("document.activeElement.id") == "main-content", f"{page.url}: skip link goes nowhere"

    browse(steps, user=personas["officer"])


def test_public_pages_raise_no_csp_violations_or_script_errors(browse, url_ctx):
    urls = [*public_urls(url_ctx), "/places/postcode/?postcode=not+a+postcode", "/no-such-page/"]

    def steps(page):
        problems = watch_console(page)
        for url in urls:
            page.goto(url)
            page.wait_for_load_state("load")
        # GOV.UK Frontend's initAll() did run (from the module script): it marks each component it starts.
        assert page.locator("[data-govuk-skip-link-init]").count() == 1, "GOV.UK Frontend's JavaScript did not run"
        return problems

    problems = browse(steps)
    assert not problems, "Content Security Policy violations or script errors:\n" + "\n".join(problems)
