"""A roll-call for a group session, with the keyboard only, at 1280 px and at 320 px.

The coach opens "Pass och upprop" from the intervention catalogue, adds a session of "Matchning mot lediga jobb" for
today and opens its roll-call: everyone at Jobbtorg Kista with a running participation in it (the demo data has
several). With the keyboard only (Tab, Space, Enter; no mouse click) the coach marks each person present and saves.
The roll-call then lists everyone as recorded.
Every page is checked with axe.
"""
import re
from datetime import date

import pytest

from conftest import assert_no_axe_violations, login
from test_case_flow import logout, notice


def focused(page):
    return page.evaluate(
        """() => { const e = document.activeElement; return e ? {tag: e.tagName, type: e.type || "", name: e.name || "",
        checked: !!e.checked, text: (e.innerText || e.value || "").trim()} : null }""")


@pytest.mark.parametrize("width", [1280, 320])
def test_roll_call_for_a_session_with_the_keyboard(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "coach", axe=False)
    page.get_by_role("link", name="Insatser").first.click()
    page.get_by_role("link", name="Pass och upprop för era gruppinsatser").click()
    assert "Pass och upprop" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    group = f"Testgrupp {width} {date.today().isoformat()} {re.sub('[^0-9]', '', str(id(page)))[-5:]}"
    form = page.locator("form[action='/group-sessions']")
    form.get_by_label("Insats").select_option(label="Matchning mot lediga jobb")
    form.get_by_label("Sluttid").fill("08:00")
    form.get_by_label("Grupp").fill(group)
    form.get_by_role("button", name="Lägg till passet").click()
    assert "Sluttiden ska vara efter starttiden." in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    form.get_by_label("Sluttid").fill("12:00")
    form.get_by_role("button", name="Lägg till passet").click()
    assert "Passet är tillagt." in notice(page)
    row = page.locator("tbody tr").filter(has_text=group).first
    row.get_by_role("link").click()
    assert re.search(r"/group-sessions/[0-9a-f-]{36}$", page.url)
    assert "Upprop – Matchning mot lediga jobb, " + group in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    people = page.locator("form.roll-call fieldset")
    count = people.count()
    assert count >= 1, "the demo data has people with a running participation in Matchning"

    # Keyboard only: Tab into each person's group, Space marks "Närvarande", Enter on "Spara närvaron".
    page.locator("body").focus()
    marked = 0
    for _ in range(40 + 6 * count):
        page.keyboard.press("Tab")
        f = focused(page)
        if f and f["type"] == "radio" and f["name"].startswith("status-") and not f["checked"]:
            page.keyboard.press("Space")
            assert focused(page)["checked"]
            marked += 1
        if f and f["tag"] == "BUTTON" and f["text"] == "Spara närvaron":
            break
    assert marked == count, f"marked {marked} of {count} with the keyboard"
    assert focused(page)["text"] == "Spara närvaron"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert f"Närvaron är sparad för {count} deltagare." in notice(page)
    assert page.locator("form.roll-call").count() == 0
    recorded = page.get_by_role("table", name="Redan registrerade eller utan inskrivning").inner_text()
    assert recorded.count("Registrerad: Närvarande") >= count
    assert_no_axe_violations(page)
    logout(page)
