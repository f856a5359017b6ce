"""Closure as a short flow, at 1280 px and at 320 px.

The district refers a synthetic person to Jobbtorg Kista and the coach accepts. The coach gives the person a place in
work training and starts the participation on it, and offers a place in group job-search coaching. Then the coach
closes the enrolment from the case page's button: step 1 the reason (work) and the date, step 2 the details. Sent
without them, the form says what is missing (422) and nothing is closed. With the employer, the extent and the start
date, and with the running participation, the held place and the open attendance month ticked, the closure ends the
participation (which frees its place), releases the offered place and makes the month final in one go. The case
page shows the closure's details; the participation is ended with "Ledde till arbete". Every page is checked with axe.
"""
import re
from datetime import date

import pytest

from conftest import assert_no_axe_violations, enrolled_at_kista, login
from test_case_flow import logout, notice
from test_interventions import offer_place


def queue(page, person_id, intervention):
    page.goto(f"/persons/{person_id}")
    page.get_by_role("link", name="Ställ i kö till en insats").click()
    page.get_by_label("Insats").select_option(label=intervention)
    page.get_by_role("button", name="Ställ i kö").click()
    assert "Personen står nu i kön." in page.locator(".notice").inner_text()


@pytest.mark.parametrize("width", [1280, 320])
def test_coach_closes_to_work_ending_the_episode_and_releasing_the_place(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    person_id, name, last_name = enrolled_at_kista(page)

    login(page, "coach", axe=False)
    # A place in work training, taken up by a participation; an offered place in group coaching.
    queue(page, person_id, "Arbetsträning med handledare (Arbetsträning)")
    offer_place(page, name)
    assert "Platsen är erbjuden." in page.locator(".notice").inner_text()
    page.get_by_role("button", name=f"Tackade ja för {name}").click()
    page.get_by_role("link", name=f"Starta deltagande för {name}").click()
    page.get_by_label("Delmål i planen som insatsen ska leda mot").fill("Klara en arbetsdag på lager")
    page.get_by_role("button", name="Starta deltagandet").click()
    assert "Deltagandet är startat." in page.locator(".notice").inner_text()
    episode_url = page.url.split("?")[0]
    queue(page, person_id, "Jobbsökarcoachning i grupp (Jobbsökarcoachning)")
    offer_place(page, name)
    assert "Platsen är erbjuden." in page.locator(".notice").inner_text()

    # The case page has a button to the closure; step 1 needs a reason.
    page.goto(f"/persons/{person_id}/case")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Avsluta inskrivningen").click()
    assert "Steg 1 av 2" in page.locator("#step").inner_text()
    assert_no_axe_violations(page)
    today = page.get_by_label("Avslutsdatum").input_value()
    page.get_by_role("button", name="Nästa").click()
    assert "Välj skälet till avslutet." in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="Arbete", exact=True).check()
    page.get_by_role("button", name="Nästa").click()
    assert "Steg 2 av 2" in page.locator("#step").inner_text()
    leftovers = page.get_by_role("region", name="Det här pågår fortfarande")
    text = leftovers.inner_text()
    assert "Avsluta: Arbetsträning med handledare" in text
    assert "Släpp platsen: Jobbsökarcoachning i grupp – Erbjuden plats" in text
    assert "Gör månaden slutlig: " + today[:7] in text
    assert_no_axe_violations(page)

    # Without the work details: refused, nothing closed.
    page.get_by_role("button", name="Avsluta inskrivningen").click()
    summary = page.locator(".error-summary").inner_text()
    assert "Ange arbetsgivaren" in summary and "Ange omfattningen i procent av heltid" in summary and "Ange när anställningen börjar" in summary
    assert_no_axe_violations(page)
    page.get_by_label("Arbetsgivare").fill("Lagerbolaget i Kista AB")
    page.get_by_label("Omfattning i procent av heltid").fill("100")
    page.get_by_label("Anställningen börjar").fill(today)
    region = page.get_by_role("region", name="Det här pågår fortfarande")
    for box in region.get_by_role("checkbox").all():
        box.check()
    page.get_by_role("button", name="Avsluta inskrivningen").click()
    assert "Inskrivningen är avslutad. En sexmånadersuppföljning är skapad." in notice(page)
    enrolment = page.get_by_role("region", name="Inskrivning", exact=True).inner_text()
    assert f"{today} – Arbete" in enrolment and "Lagerbolaget i Kista AB" in enrolment and "100 % av heltid" in enrolment
    assert "1 deltagande, 1 platser i kö" in enrolment
    assert page.get_by_role("link", name="Avsluta inskrivningen").count() == 0
    assert_no_axe_violations(page)

    # The participation ended with the closure, its place free; the offered place is released.
    page.goto(episode_url)
    assert "Ledde till arbete" in page.locator("dl.facts").inner_text()
    page.goto(f"/persons/{person_id}/interventions")
    main = page.locator("main").inner_text()
    assert "Erbjuden plats" not in main
    assert_no_axe_violations(page)
    logout(page)

    # The district sees the closure and its details.
    login(page, "socialsekreterare", axe=False)
    page.goto(f"/persons/{person_id}/case")
    district = page.locator("main").inner_text()
    assert "Lagerbolaget i Kista AB" in district and "Räknas som arbete eller studier (Kolada)" in district
    assert_no_axe_violations(page)
    logout(page)
