"""Sign-in through a real OpenID Connect provider on loopback (oidc-provider-mock 0.3.4, RS256), started by
scripts/test together with a Samsyn configured for it (SAMSYN_OIDC_BASE_URL, SAMSYN_OIDC_PROVIDER_URL).

A staff member signs on (the account was linked with `samsyn user link coach --subject coach-sub`); the person
signs in with e-legitimation (the provider's user carries the personnummer claim of the demo's aspirant) and lands
on the own page; a cancelled sign-in is told so in Swedish. Every Samsyn page is checked with axe, also at 390 px.
"""
import json
import os
import sqlite3
import urllib.request

import pytest

from conftest import assert_no_axe_violations

OIDC_BASE_URL = os.environ.get("SAMSYN_OIDC_BASE_URL", "")
PROVIDER_URL = os.environ.get("SAMSYN_OIDC_PROVIDER_URL", "")
OIDC_DB = os.environ.get("SAMSYN_OIDC_DATABASE", "")
PNR_CLAIM = "https://id.oidc.se/claim/personalIdentityNumber"
LOA3 = "http://id.elegnamnden.se/loa/1.0/loa3"

pytestmark = pytest.mark.skipif(not OIDC_BASE_URL or not PROVIDER_URL, reason="scripts/test starts the provider and its Samsyn")


@pytest.fixture()
def oidc_page(browser):
    context = browser.new_context(base_url=OIDC_BASE_URL, locale="sv-SE")
    pg = context.new_page()
    yield pg
    context.close()


def put_user(sub, claims):
    """Sets the provider's user `sub` with these claims (they go into the ID token whatever the scope)."""
    body = json.dumps(claims).encode()
    req = urllib.request.Request(f"{PROVIDER_URL}/users/{sub}", data=body, method="PUT", headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req) as r:
        assert r.status in (200, 204)


def authorize_at_provider(page, sub):
    page.wait_for_url(f"{PROVIDER_URL}/oauth2/authorize**")
    page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name="Authorize").click()


def test_staff_member_signs_on_through_the_provider(oidc_page):
    page = oidc_page
    page.goto("/login")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Logga in med stadens inloggning").click()
    authorize_at_provider(page, "coach-sub")
    page.wait_for_url(f"{OIDC_BASE_URL}/")
    assert page.get_by_role("heading", name="Start").is_visible()
    assert "coach" in page.content().lower() or "Coach" in page.content()
    assert_no_axe_violations(page)
    # Logging out ends the session here and sends the browser to the provider's logout (RP-initiated logout).
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url(f"{PROVIDER_URL}/oauth2/end_session**")
    page.goto("/")
    assert "/login" in page.url


def test_an_unlinked_staff_identity_is_refused_in_swedish(oidc_page):
    page = oidc_page
    page.goto("/login")
    page.get_by_role("link", name="Logga in med stadens inloggning").click()
    authorize_at_provider(page, "nobody-linked")
    page.wait_for_url(f"{OIDC_BASE_URL}/login/oidc/staff/callback**")
    assert page.get_by_role("alert").inner_text().startswith("Din inloggning är inte kopplad till något aktivt konto i Samsyn.")
    assert_no_axe_violations(page)


def test_the_person_signs_in_with_e_legitimation_and_reaches_the_own_page(oidc_page):
    assert OIDC_DB, "SAMSYN_OIDC_DATABASE names the SQLite file of the Samsyn under test"
    with sqlite3.connect(OIDC_DB) as db:
        (number,) = db.execute("SELECT p.identity_number FROM users u JOIN persons p ON p.id = u.person_id WHERE u.username = 'aspirant'").fetchone()
    put_user("person-sub", {PNR_CLAIM: number, "acr": LOA3})
    page = oidc_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/login")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    authorize_at_provider(page, "person-sub")
    page.wait_for_url(f"{OIDC_BASE_URL}/own**")
    assert_no_axe_violations(page)


def test_a_cancelled_sign_in_is_told_so(oidc_page):
    page = oidc_page
    page.goto("/login")
    page.get_by_role("link", name="Logga in med e-legitimation").click()
    page.wait_for_url(f"{PROVIDER_URL}/oauth2/authorize**")
    page.get_by_role("button", name="Deny").click()
    page.wait_for_url(f"{OIDC_BASE_URL}/login/oidc/citizen/callback**")
    assert page.get_by_role("alert").inner_text() == "Inloggningen avbröts. Du är inte inloggad."
    assert_no_axe_violations(page)
