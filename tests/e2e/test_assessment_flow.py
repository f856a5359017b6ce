"""The initial assessment across units: intake fills part 1 by phone, the district opens part 3 and finds
what intake already asked pre-filled and marked, so nobody asks it again."""
import random
import re

import pytest

from conftest import assert_no_axe_violations, login
from test_staff_flow import synthetic_personnummer


def register(page):
    suffix = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
    # A number the demo already registered in this committee is refused ("already has a file"): try another.
    for _ in range(8):
        page.goto("/persons/new")
        page.get_by_label("Personnummer eller samordningsnummer").fill(synthetic_personnummer())
        page.get_by_label("Förnamn").fill("Bedömd")
        page.get_by_label("Efternamn").fill(f"Testsson{suffix}".capitalize())
        page.get_by_role("button", name="Registrera").click()
        if re.search(r"/persons/[0-9a-f-]{36}", page.url):
            return page.url.split("?")[0]
    pytest.fail("could not register a synthetic person: " + page.locator("main").inner_text()[:300])


def next_area(page):
    page.get_by_role("button", name="Spara och gå till nästa område").click()


def test_part_one_by_intake_prefills_part_three_for_the_district(page):
    login(page, "mottagning")
    person_url = register(page)
    page.get_by_role("link", name="Bedömningar och det som redan är känt").click()
    assert page.url.endswith("/assessments")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Starta Del 1 – Mottagning per telefon").click()

    # Area 1 of 6, keyboard-fast native controls, the conversation guide on demand.
    assert "Område 1 av 6" in page.locator("#progress").inner_text()
    assert_no_axe_violations(page)
    page.get_by_text("Samtalsstöd för området").click()
    assert page.get_by_text("Vad hoppas du att vi kan hjälpa dig med?").is_visible()
    page.get_by_label("Vad gör att du hör av dig till oss nu?").fill("Har blivit av med jobbet och pengarna tar slut.")
    page.get_by_role("radio", name="Arbetssökande").check()
    next_area(page)

    # Area 2: branching shows the shared-custody question only once there are children.
    assert "Område 2 av 6" in page.locator("#progress").inner_text()
    shared = page.get_by_text("Bor något av barnen hos dig bara delvis")
    assert not shared.is_visible()
    page.get_by_label("Hur många vuxna bor i hushållet").fill("1")
    page.get_by_label("Hur många barn under 18 år bor hos dig").fill("2")
    page.get_by_label("Hur många barn under 18 år bor hos dig").blur()
    shared.wait_for(state="visible")
    # The draft is saved as the person types: nothing is lost if the tab closes now.
    page.locator("#autosave-status").filter(has_text="Utkastet sparades").wait_for()
    assert_no_axe_violations(page)
    next_area(page)

    assert "Område 3 av 6" in page.locator("#progress").inner_text()
    page.get_by_role("radio", name="Hyr i andra hand").check()
    next_area(page)
    page.get_by_role("checkbox", name="Ingen inkomst").check()
    next_area(page)
    page.get_by_role("radio", name="Nej").check()
    next_area(page)

    # The sensitive question offers "Vill inte svara".
    assert "Område 6 av 6" in page.locator("#progress").inner_text()
    page.get_by_role("checkbox", name="Inget akut").check()
    page.get_by_role("radio", name="Vill inte svara").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Spara och granska").click()

    assert "Granska och slutför" in page.locator("h1").inner_text()
    assert "Hyr i andra hand" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Slutför delen").click()
    assert "Delen är slutförd och låst" in page.locator(".notice").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Logga ut").click()

    # The district's social secretary opens part 3 at the new visit.
    login(page, "socialsekreterare", axe=False)
    page.goto(person_url + "/assessments")
    known = page.locator("main").inner_text()
    assert "Det som redan är känt" in known and "Hyr i andra hand" in known
    page.get_by_role("button", name="Starta Del 3 – Nybesök på ekonomiskt bistånd").click()
    assert "Område 1 av 11" in page.locator("#progress").inner_text()
    occupation = page.get_by_role("radio", name="Arbetssökande")
    assert occupation.is_checked()
    assert "Förifyllt från Initial bedömning, Del 1 – Mottagning per telefon" in page.locator("main").inner_text()
    assert page.get_by_role("checkbox", name="Ingen inkomst").is_checked()
    assert_no_axe_violations(page)

    # Jump to the home situation: the children count is pre-filled, so the follow-up is already shown.
    page.get_by_role("button", name="Hemsituationen och barnens behov").click()
    assert page.get_by_label("Hur många barn under 18 år bor hos dig").input_value() == "2"
    assert page.get_by_text("Har något av barnen behov som påverkar din vardag").is_visible()
    assert_no_axe_violations(page)


def test_a_part_works_without_javascript(browser):
    """Branching, drafts and errors with scripts off: the server decides what is shown."""
    from conftest import BASE_URL

    context = browser.new_context(base_url=BASE_URL, locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    try:
        login(page, "mottagning", axe=False)
        register(page)
        page.get_by_role("link", name="Bedömningar och det som redan är känt").click()
        page.get_by_role("button", name="Starta Del 1 – Mottagning per telefon").click()
        page.get_by_role("button", name="Hushåll och barn").click()
        assert "Område 2 av 6" in page.locator("#progress").inner_text()
        shared = page.get_by_text("Bor något av barnen hos dig bara delvis")
        assert not shared.is_visible()
        page.get_by_label("Hur många vuxna bor i hushållet").fill("2")
        page.get_by_label("Hur många barn under 18 år bor hos dig").fill("1")
        next_area(page)
        # The answer showed a new question in the same area: stay, with a notice, answers kept.
        assert "Område 2 av 6" in page.locator("#progress").inner_text()
        assert "Fler frågor visas" in page.locator(".notice").inner_text()
        assert shared.is_visible()
        assert page.get_by_label("Hur många barn under 18 år bor hos dig").input_value() == "1"
        # A wrong number: a Swedish message at the question, nothing lost.
        page.get_by_label("Hur många vuxna bor i hushållet").fill("många")
        next_area(page)
        assert "Ange ett tal" in page.locator(".field-error").first.inner_text()
        assert page.get_by_label("Hur många vuxna bor i hushållet").input_value() == "många"
        # (axe runs as a script in the page, so the accessibility checks are in the test above.)
    finally:
        context.close()

