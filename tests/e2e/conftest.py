"""Browser tests against a running Samsyn (started by scripts/test).

Environment: SAMSYN_BASE_URL, SAMSYN_DEMO_PASSWORD. Chromium is Debian's, driven by Playwright;
every page visited is checked with axe (WCAG 2.1 A/AA rules) and must have zero violations.
"""
import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("SAMSYN_BASE_URL", "http://127.0.0.1:8080")
DEMO_PASSWORD = os.environ.get("SAMSYN_DEMO_PASSWORD", "")
CHROMIUM = os.environ.get("SAMSYN_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(base_url=BASE_URL, locale="sv-SE", java_script_enabled=True)
    pg = context.new_page()
    yield pg
    context.close()


_axe = Axe()


def assert_no_axe_violations(page):
    """Runs axe on the current page; fails with the rule ids and the offending nodes."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]}})
    if results.violations_count != 0:
        details = []
        for v in results.response.get("violations", []):
            targets = [", ".join(n.get("target", [])) for n in v.get("nodes", [])][:5]
            details.append(f"{v['id']} ({v.get('impact')}): {v.get('help')} -> {targets}")
        pytest.fail(f"axe found {results.violations_count} violation(s) on {page.url}:\n" + "\n".join(details))


def login(page, username, password=None, axe=True):
    page.goto("/login")
    if axe:
        assert_no_axe_violations(page)
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password if password is not None else DEMO_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
