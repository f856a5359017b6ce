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


def open_form(page, action):
    """Opens the form behind the button `action` (a `details` disclosure whose summary names the action) unless it
    is open already (a refused form is shown again open). Returns the disclosure."""
    summary = page.locator(f"details.form-disclosure > summary:text-is('{action}')").first
    disclosure = summary.locator("xpath=..")
    if disclosure.get_attribute("open") is None:
        summary.click()
    return disclosure


def referred_to_kista(page, purpose="Planering av insatser mot arbete med Jobbtorg.",
                      reason="Arbetslös sedan länge, behöver stöd mot arbete.", person_id=None):
    """As the social secretary, logged in: a registered person (a new one unless `person_id`) with a case, a
    försörjningshinder, a consent covering every kind of information and a referral to Jobbtorg Kista.
    Returns (person_id, full name, last name)."""
    import re

    from test_assessment_flow import register
    from test_case_flow import notice

    if person_id is None:
        person_id = register(page).rstrip("/").split("/")[-1]
    page.goto(f"/persons/{person_id}")
    name = page.locator("h1").inner_text().strip()
    page.goto(f"/persons/{person_id}/case")
    if page.locator("#case-disclosure").count():  # no case yet (intake may have registered it)
        open_form(page, "Registrera aktualisering")
        page.get_by_role("button", name="Registrera aktualisering").click()
        assert "Aktualiseringen är registrerad." in notice(page)
    open_form(page, "Registrera försörjningshinder")
    page.get_by_role("combobox", name="Försörjningshinder").select_option(label="Arbetslös – ingen ersättning")
    page.get_by_role("button", name="Registrera försörjningshinder").click()
    assert "Försörjningshindret är registrerat." in notice(page)
    page.get_by_role("link", name="Dokumentera samtycke").click()
    page.get_by_label("Uppgifterna får lämnas till").select_option(label="Arbetsmarknadsnämnden (alla Jobbtorg)")
    scopes = page.get_by_role("group", name="Vilka uppgifter får lämnas?")
    assert scopes.get_by_role("checkbox", name="Gemensam behovsbedömning").count() == 1
    for box in scopes.get_by_role("checkbox").all():
        box.check()
    page.get_by_label("Syfte", exact=True).fill(purpose)
    page.get_by_role("radio", name="Skriftligt").check()
    page.get_by_role("button", name="Dokumentera samtycket").click()
    assert "Samtycket är dokumenterat." in notice(page)
    page.get_by_role("link", name="Remittera till Jobbtorg").click()
    page.get_by_role("combobox", name="Jobbtorg", exact=True).select_option(label="Jobbtorg Kista")
    page.get_by_label("Skäl till remissen").fill(reason)
    kista_session = page.locator("#session option").filter(has_text=re.compile(r"^Jobbtorg Kista ")).first
    page.get_by_label("Gruppinformation: tillfälle").select_option(value=kista_session.get_attribute("value"))
    page.get_by_role("button", name="Skicka remissen").click()
    assert "Remissen är skickad till Jobbtorg." in notice(page)
    return person_id, name, name.split()[-1]


def accept_referral(page, last_name):
    """As the coach, logged in: accepts the person's referral from the unit's referral list."""
    import re

    from test_case_flow import notice

    page.get_by_role("link", name="Remisser", exact=True).click()
    page.get_by_role("link", name=re.compile(re.escape(last_name))).click()
    page.get_by_role("button", name="Anta remissen och skriv in personen").click()
    assert "Remissen är antagen och personen inskriven." in notice(page)


def enrolled_at_kista(page, person_id=None, before_accepting=None, **referral):
    """The shared setup of the flows across the committees: the social secretary gives the person (a new one unless
    `person_id`) a case, a försörjningshinder, a consent covering everything and a referral to Jobbtorg Kista;
    `before_accepting(page, person_id)` runs next, still as her; then the coach accepts. Ends logged out.
    Returns (person_id, full name, last name)."""
    from test_case_flow import logout

    login(page, "socialsekreterare", axe=False)
    person_id, name, last_name = referred_to_kista(page, person_id=person_id, **referral)
    if before_accepting is not None:
        before_accepting(page, person_id)
    logout(page)
    login(page, "coach", axe=False)
    accept_referral(page, last_name)
    logout(page)
    return person_id, name, last_name
