"""The journal: a social secretary writes a note on a person's file, signs it, tries to change it afterwards (from
a form read before it was signed: refused, nothing saved), corrects it with a new note and prints the journal —
at 1280 px and at 320 px, with zero axe violations on every page."""
import re
from datetime import date

import pytest

from conftest import assert_no_axe_violations, login
from test_assessment_flow import register


def main_text(page):
    return page.locator("main").inner_text()


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width} px: {scroll} px wide"


@pytest.mark.parametrize("width", [1280, 320])
def test_write_sign_refuse_change_correct_and_print(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "socialsekreterare")
    person_url = register(page)
    page.get_by_role("link", name="Journal: anteckningar om kontakter och händelser").click()
    assert page.url.endswith("/journal")
    assert "Det finns inga journalanteckningar att visa." in main_text(page)
    assert_no_axe_violations(page)
    no_sideways_scroll(page)

    # Bad input: no text, a date in the future. Refused with the errors listed, nothing saved.
    page.get_by_role("radio", name="Telefon").check()
    page.locator("#eventDate").fill("2099-01-01")
    page.get_by_role("button", name="Spara utkast").click()
    summary = page.locator(".error-summary")
    assert "kan inte ligga i framtiden" in summary.inner_text()
    assert "Skriv anteckningen" in summary.inner_text()
    assert "Det finns inga journalanteckningar att visa." in main_text(page)
    assert_no_axe_violations(page)

    # A draft.
    today = date.today().isoformat()
    page.locator("#eventDate").fill(today)
    page.get_by_role("radio", name="Telefon").check()
    page.locator("#text").fill("Personen ringde om ansökan.\nVi bokade ett besök.")
    page.get_by_role("button", name="Spara utkast").click()
    assert "Utkastet sparades" in page.locator(".notice").inner_text()
    assert "– utkast" in main_text(page)
    assert_no_axe_violations(page)
    no_sideways_scroll(page)

    # The draft's form, opened now and sent after the note is signed in another tab.
    page.get_by_role("link", name=re.compile(r"^Ändra utkastet")).click()
    assert_no_axe_violations(page)
    other = page.context.new_page()
    other.goto(person_url + "/journal")
    other.get_by_role("button", name=re.compile(r"^Signera")).click()
    assert "Anteckningen signerades" in other.locator(".notice").inner_text()
    other.close()

    page.locator("#text").fill("Ändrad i efterhand")
    page.get_by_role("button", name="Spara utkastet").click()
    assert "Anteckningen är signerad och kan inte ändras" in page.locator(".error-summary").inner_text()
    assert "Personen ringde om ansökan." in main_text(page)
    assert_no_axe_violations(page)
    no_sideways_scroll(page)

    # The correction: a new note that points to the old one.
    page.get_by_role("link", name="Skriv en rättelse av anteckningen").click()
    assert page.locator("h1").inner_text().startswith(f"Rättelse av anteckning {today}")
    assert_no_axe_violations(page)
    page.locator("#text").fill("Besöket bokades till nästa vecka, inte i dag.")
    page.get_by_role("button", name="Spara och signera").click()
    assert "Anteckningen signerades" in page.locator(".notice").inner_text()
    text = main_text(page)
    assert "Anteckningen är rättad." in text
    assert f"Rättelse av anteckning {today}" in text
    assert "Ändrad i efterhand" not in text
    assert_no_axe_violations(page)
    no_sideways_scroll(page)

    # The printable journal.
    page.get_by_role("link", name="Skriv ut journalen").click()
    assert page.get_by_role("button", name="Skriv ut").is_visible()
    text = main_text(page)
    assert "Personen ringde om ansökan." in text and "Besöket bokades till nästa vecka" in text
    assert_no_axe_violations(page)
    no_sideways_scroll(page)
