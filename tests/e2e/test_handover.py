"""The handover from intake to financial aid, at 1280 px and at 320 px.

Intake (mottagning) registers a synthetic person; the person page ends with the next step, the aktualisering.
She registers it; the case page offers booking the nybesök. A booking in the past without a time is refused in
Swedish (nothing saved); then she books it with the social secretary. The social secretary finds the new case in
her unit's inbox with the booking, opens it and takes the case over: it leaves the inbox. The nybesök letter
prints in plain Swedish. Every page is checked with axe.
"""
import re
from datetime import date, timedelta

import pytest

from conftest import assert_no_axe_violations, login
from test_assessment_flow import register
from test_case_flow import logout, notice


def region(page, name):
    return page.get_by_role("region", name=name, exact=True)


def inbox_rows(page, last_name, kind):
    return page.locator("tbody tr").filter(has_text=last_name).filter(has=page.get_by_role("cell", name=re.compile(re.escape(kind))))


@pytest.mark.parametrize("width", [1280, 320])
def test_intake_books_the_new_visit_and_financial_aid_takes_the_case(page, width):
    page.set_viewport_size({"width": width, "height": 900})

    # 1. Intake registers the person; the next step is the aktualisering.
    login(page, "mottagning", axe=False)
    person_url = register(page)
    person_id = person_url.rstrip("/").split("/")[-1]
    last_name = page.locator("h1").inner_text().strip().split()[-1]
    steps = region(page, "Nästa steg")
    assert "Registrera aktualiseringen" in steps.inner_text()
    assert_no_axe_violations(page)
    steps.get_by_role("link", name="Registrera aktualiseringen").click()
    # The next step lands on the form it names, opened (the case page's forms are behind buttons).
    assert page.url.endswith("#case-disclosure")
    assert page.locator("#case-disclosure").get_attribute("open") is not None
    page.get_by_role("button", name="Registrera aktualisering").click()
    assert "Aktualiseringen är registrerad." in notice(page)
    assert "Inget nybesök är bokat." in region(page, "Nybesök").inner_text()
    assert "Boka nybesök" in region(page, "Nästa steg").inner_text()
    assert_no_axe_violations(page)

    # 2. A booking in the past without a time is refused, with the errors at the fields; nothing is booked.
    region(page, "Nybesök").get_by_role("link", name="Boka nybesök").click()
    assert_no_axe_violations(page)
    page.get_by_label("Datum").fill((date.today() - timedelta(days=3)).isoformat())
    page.get_by_label(re.compile(r"^Tid\b")).fill("")
    page.get_by_role("button", name="Boka nybesöket").click()
    summary = page.locator(".error-summary")
    assert "Nybesöket bokades inte" in summary.inner_text()
    assert "Nybesöket kan inte bokas bakåt i tiden" in summary.inner_text()
    assert "Ange en tid för nybesöket" in summary.inner_text()
    assert page.title().startswith("Fel – ")
    assert_no_axe_violations(page)

    # 3. Booked with the social secretary.
    day = date.today() + timedelta(days=2)
    page.get_by_label("Datum").fill(day.isoformat())
    page.get_by_label(re.compile(r"^Tid\b")).fill("10:30")
    worker = page.get_by_label("Socialsekreterare som håller nybesöket")
    value = worker.locator("option").filter(has_text=re.compile(r"^Sara Socialsekreterare")).first.get_attribute("value")
    worker.select_option(value=value)
    page.get_by_role("button", name="Boka nybesöket").click()
    assert "Nybesöket är bokat." in notice(page)
    booked = region(page, "Nybesök").inner_text()
    assert f"{day.isoformat()} kl. 10:30" in booked and "Sara Socialsekreterare" in booked
    assert "Skriv ut kallelsen till nybesöket" in region(page, "Nästa steg").inner_text()
    logout(page)

    # 4. The social secretary finds the new case in her unit's inbox, opens it and takes it over.
    login(page, "socialsekreterare", axe=False)
    page.get_by_role("link", name="Inkorg", exact=True).click()
    rows = inbox_rows(page, last_name, "Ny aktualisering")
    assert rows.count() == 1
    assert f"Nybesök {day.isoformat()} kl. 10:30" in rows.first.inner_text()
    assert_no_axe_violations(page)
    rows.first.get_by_role("link", name=re.compile(r"^Öppna ärendet och ta över det")).click()
    assert page.url.split("#")[0].endswith(f"/persons/{person_id}/case")
    page.get_by_role("button", name="Ta över ärendet").click()
    assert "Ansvarig handläggare är ändrad." in notice(page)
    page.get_by_role("link", name="Inkorg", exact=True).click()
    assert inbox_rows(page, last_name, "Ny aktualisering").count() == 0

    # 5. The nybesök letter prints in plain Swedish.
    page.goto(f"/persons/{person_id}/case")
    region(page, "Nybesök").get_by_role("link", name="Skriv ut kallelsen till nybesöket").click()
    assert page.locator("h1").inner_text() == "Välkommen till ett första besök"
    letter = page.locator(".letter").inner_text()
    assert "nybesök" in letter and "kl. 10:30" in letter and "Sara Socialsekreterare" in letter
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Huvudmeny").is_visible()
    page.emulate_media(media="screen")
