"""An acute need from part 1 to "handled", and a bulk reassignment, at 1280 px and at 320 px.

Intake registers a synthetic person and completes part 1 of the initial assessment by phone, answering that the
person needs money for food today. The social secretary finds an "Akut" task at the top of her task list (the
person has no case yet: it is the district's financial-aid unit's, unassigned), filters the list to acute needs,
opens the task, tries to mark it handled without a note (refused, nothing saved) and then with one. The unit manager
ticks two of others' tasks and hands them to herself at once, after a refused try without a worker. Every page is
checked with axe.
"""
import re

import pytest

from conftest import assert_no_axe_violations, login
from test_assessment_flow import next_area, register
from test_case_flow import logout, notice

ACUTE = "Akut behov"


def complete_part_one_with_acute_need(page):
    page.get_by_role("link", name="Bedömningar och det som redan är känt").click()
    page.get_by_role("button", name="Starta Del 1 – Mottagning per telefon").click()
    page.get_by_label("Vad gör att du hör av dig till oss nu?").fill("Pengarna är slut och det finns ingen mat hemma.")
    page.get_by_role("radio", name="Arbetssökande").check()
    next_area(page)
    page.get_by_label("Hur många vuxna bor i hushållet").fill("1")
    page.get_by_label("Hur många barn under 18 år bor hos dig").fill("0")
    next_area(page)
    page.get_by_role("radio", name="Eget förstahandskontrakt").check()
    next_area(page)
    page.get_by_role("checkbox", name="Ingen inkomst").check()
    next_area(page)
    page.get_by_role("radio", name="Nej").check()
    next_area(page)
    assert "Område 6 av 6" in page.locator("#progress").inner_text()
    page.get_by_role("checkbox", name="Pengar till mat").check()
    page.get_by_role("radio", name="Nej").check()
    page.get_by_role("button", name="Spara och granska").click()
    page.get_by_role("button", name="Slutför delen").click()
    assert "Delen är slutförd och låst" in notice(page)


def list_rows(page):
    """The rows of the unit's list (the last table on /tasks)."""
    return page.get_by_role("region", name=re.compile(r"^Enhetens")).last.locator("tbody tr")


@pytest.mark.parametrize("width", [1280, 320])
def test_acute_need_is_first_until_handled_and_tasks_are_reassigned_together(page, width):
    page.set_viewport_size({"width": width, "height": 900})

    # 1. Intake: a new person, part 1 with "money for food" as an acute need.
    login(page, "mottagning", axe=False)
    register(page)
    last_name = page.locator("h1").inner_text().strip().split()[-1]
    complete_part_one_with_acute_need(page)
    logout(page)

    # 2. The social secretary: "Akut" at the top of her list, with the personnummer.
    login(page, "socialsekreterare", axe=False)
    page.get_by_role("link", name="Att göra", exact=True).first.click()
    assert "akut" in page.locator(".acute-notice").inner_text().lower()
    assert_no_axe_violations(page)
    rows = list_rows(page)
    texts = rows.all_inner_texts()
    first_other = next((i for i, t in enumerate(texts) if ACUTE not in t), len(texts))
    at = [i for i, t in enumerate(texts) if last_name in t]
    assert len(at) == 1 and at[0] < first_other, texts[:5]
    person_row = rows.nth(at[0])
    assert "Akut" in person_row.locator("td").nth(2).inner_text()
    assert re.fullmatch(r"\d{8}-\d{4}", person_row.locator("td").nth(1).inner_text().strip())

    # Filtered to acute needs (a GET form), then opened.
    page.get_by_label("Slag av uppgift").select_option(label=ACUTE)
    page.get_by_role("button", name="Visa", exact=True).click()
    assert "kind=acute_need" in page.url
    assert_no_axe_violations(page)
    rows = list_rows(page)
    assert rows.count() >= 1 and all(ACUTE in rows.nth(i).inner_text() for i in range(rows.count()))
    rows.filter(has_text=last_name).first.get_by_role("link").click()
    assert re.search(r"/acute-needs/[0-9a-f-]{36}$", page.url)
    assert "Saknar pengar till mat i dag" in page.locator("main").inner_text()
    assert_no_axe_violations(page)

    # Marked handled: without a note it is refused; with one it is done and the task is gone.
    page.get_by_role("button", name="Markera som hanterat").click()
    assert "Skriv kort vad som har gjorts" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Vad har gjorts?").fill("Beviljat akut bistånd till mat i dag.")
    page.get_by_role("button", name="Markera som hanterat").click()
    assert "Det akuta behovet är markerat som hanterat." in notice(page)
    assert "Beviljat akut bistånd till mat i dag." in page.locator("main").inner_text()
    assert page.get_by_role("button", name="Markera som hanterat").count() == 0
    assert_no_axe_violations(page)
    page.goto("/tasks?kind=acute_need")
    assert list_rows(page).filter(has_text=last_name).count() == 0
    logout(page)

    # 3. The unit manager hands two tasks (of others) to herself at once.
    login(page, "enhetschef", axe=False)
    page.get_by_role("link", name="Att göra", exact=True).first.click()
    assert_no_axe_violations(page)
    rows = list_rows(page)
    others = [i for i in range(rows.count()) if rows.nth(i).locator("td").last.inner_text().strip() != "Elin Enhetschef"]
    assert len(others) >= 2
    chosen = [rows.nth(i).locator("input[name=task]").get_attribute("value") for i in others[:2]]
    for v in chosen:
        page.locator(f"input[name=task][value='{v}']").check()
    page.get_by_role("button", name="Fördela om de valda").click()
    assert "Välj vem uppgifterna ska gå till." in page.locator(".error-summary").inner_text()
    # The ticked tasks are still ticked after the refusal, and nothing was saved.
    assert all(page.locator(f"input[name=task][value='{v}']").is_checked() for v in chosen)
    assert_no_axe_violations(page)
    page.get_by_label("Fördela de valda till").select_option(label="Elin Enhetschef (Enhetschef)")
    page.get_by_role("button", name="Fördela om de valda").click()
    assert "2 uppgifter fördelades om." in notice(page)
    assert_no_axe_violations(page)
    # Drill down from the counts to her own list: both tasks are hers now.
    page.get_by_role("table", name="Öppna uppgifter per ansvarig").get_by_role("link", name="Elin Enhetschef").click()
    assert "worker=" in page.url
    assert_no_axe_violations(page)
    rows = list_rows(page)
    assert all(rows.nth(i).locator("td").last.inner_text().strip() == "Elin Enhetschef" for i in range(rows.count()))
    assert all(page.locator(f"input[name=task][value='{v}']").count() == 1 for v in chosen) or page.get_by_role("link", name="Nästa sida").count() == 1
    logout(page)
