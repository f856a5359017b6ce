"""The shared view: the district's parts read by the coach under consent, part 2 pre-filled from them, and
nothing left once the consent is withdrawn; at 1280 px and at 320 px.

Intake registers a synthetic person and completes part 1 by phone. The social secretary opens the case, documents a
consent covering every kind of information and refers the person to Jobbtorg Kista; the coach accepts. On the
person's assessments the coach sees part 1 as "Slutförd hos <unit>, <date> – läs" (not "Ej påbörjad"), reads it (read
only: no "Rätta"), and starts part 2: the questions part 1 already asked (what the person does, Arbetsförmedlingen)
are pre-filled with their source, "Förifyllt från … Bekräfta eller ändra." The social secretary withdraws the consent;
at once the coach no longer sees part 1 on the overview, opening it answers 404, and a new look at part 2 proposes
nothing from it. Every page is checked with axe.
"""
import re

import pytest

from conftest import assert_no_axe_violations, enrolled_at_kista, login
from test_assessment_flow import next_area, register
from test_case_flow import fill_part_one, logout, notice

PART1 = "Del 1 – Mottagning per telefon"
PART2 = "Del 2 – Jobbtorgs första besök"


def part_row(page, title):
    return page.locator("tbody tr").filter(has=page.get_by_role("cell", name=title, exact=True)).first


def go_to_area(page, title):
    page.get_by_role("button", name=title, exact=True).click()


@pytest.mark.parametrize("width", [1280, 320])
def test_coach_reads_the_districts_parts_under_consent_until_it_is_withdrawn(page, width):
    page.set_viewport_size({"width": width, "height": 900})

    # 1. Intake: a new person, part 1 by phone (the person is "Arbetssökande", not registered at Arbetsförmedlingen).
    login(page, "mottagning", axe=False)
    person_url = register(page)
    person_id = person_url.rstrip("/").split("/")[-1]
    assessments_url = f"/persons/{person_id}/assessments"
    page.goto(assessments_url)
    fill_part_one(page)
    part1_url = page.url.split("?")[0]
    logout(page)

    # 2. The district: the case, a consent covering everything, the referral to Jobbtorg Kista; the coach accepts.
    enrolled_at_kista(page, person_id=person_id, purpose="Planering av insatser mot arbete tillsammans med Jobbtorg.",
                      reason="Arbetslös sedan i våras, vill tillbaka till lagerarbete.")
    case_url = f"/persons/{person_id}/case"

    # 3. The coach sees the district's part 1 on the person's assessments, shared under the consent.
    login(page, "coach", axe=False)
    page.goto(assessments_url)
    assert "visas under personens samtycke" in page.locator("#shared-note").inner_text()
    row = part_row(page, PART1)
    status = row.locator("[data-shared-part=del-1]").inner_text()
    assert re.search(r"^Slutförd hos .+, \d{4}-\d{2}-\d{2} – läs", status), status
    assert "Ej påbörjad" not in row.inner_text()
    assert_no_axe_violations(page)

    # 4. Reading it: read only, with where it is held, and no "Rätta".
    row.get_by_role("link", name=re.compile(r"^läs")).click()
    assert page.url.split("?")[0] == part1_url
    assert PART1 in page.locator("h1").inner_text()
    assert re.search(r"^Slutförd hos ", page.locator("main .tag").first.inner_text())
    assert "kan läsas men inte ändras" in page.locator("main").inner_text()
    assert "Arbetssökande" in page.locator("main").inner_text()
    assert page.get_by_role("button", name=re.compile("Rätta")).count() == 0
    assert page.get_by_role("button", name="Slutför delen").count() == 0
    assert_no_axe_violations(page)

    # 5. Part 2: the questions part 1 already asked are proposed from it, with their source.
    page.goto(assessments_url)
    page.get_by_role("button", name=f"Starta {PART2}").click()
    part2_url = page.url.split("?")[0]
    go_to_area(page, "Arbetssökande hittills")
    assert page.locator("input[name='q.p2-occupation'][value='arbetssokande']").is_checked()
    source = page.locator("#q-p2-occupation-prefill").inner_text()
    assert re.search(r"^Förifyllt från .*Del 1 – Mottagning per telefon, \d{4}-\d{2}-\d{2}, .+ \(delat under samtycke\)\. Bekräfta eller ändra\.$", source), source
    assert page.locator("input[name='q.p2-af'][value='no']").is_checked()
    assert "Förifyllt från" in page.locator("#q-p2-af-prefill").inner_text()
    assert_no_axe_violations(page)
    logout(page)

    # 6. The social secretary withdraws the consent.
    login(page, "socialsekreterare", axe=False)
    page.goto(case_url)
    page.get_by_role("button", name="Återkalla samtycket").first.click()
    assert "Samtycket är återkallat." in notice(page)
    logout(page)

    # 7. At once the coach sees nothing of the district's: not on the overview, not by its address, not as pre-fill.
    login(page, "coach", axe=False)
    page.goto(assessments_url)
    assert page.locator("#shared-note").count() == 0
    row = part_row(page, PART1)
    assert row.locator("[data-shared-part]").count() == 0
    assert "Ej påbörjad" in row.inner_text()
    assert_no_axe_violations(page)
    response = page.goto(part1_url)
    assert response.status == 404
    page.goto(part2_url)
    go_to_area(page, "Arbetssökande hittills")
    assert page.locator("#q-p2-occupation-prefill").count() == 0
    assert page.locator("#q-p2-af-prefill").count() == 0
    assert not page.locator("input[name='q.p2-occupation'][value='arbetssokande']").is_checked()
    assert_no_axe_violations(page)
    logout(page)
