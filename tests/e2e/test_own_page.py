"""Mina sidor: the demo's citizen account (aspirant, linked to an enrolled demo person) sees the plan, marks a
sub-goal done, answers a question in advance, writes to Jobbtorg, withdraws a consent and reads the answer with its read receipt, and sees who has read the file; the
coach sees the mark on the plan and answers from the unit's messages. Zero axe violations on every page, at 1280 px
and at 390 px, with no sideways scrolling."""
import re
import uuid

import pytest

from conftest import BASE_URL, assert_no_axe_violations, login


def main_text(page):
    return page.locator("main").inner_text()


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width} px: {scroll} px wide"


def check(page):
    assert_no_axe_violations(page)
    no_sideways_scroll(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_person_and_coach(browser, width):
    person = browser.new_context(base_url=BASE_URL, locale="sv-SE").new_page()
    person.set_viewport_size({"width": width, "height": 900})
    login(person, "aspirant")
    # The person's start page is Mina sidor.
    assert person.url.endswith("/own")
    assert person.get_by_role("heading", name="Mina sidor", level=1).is_visible()
    text = main_text(person)
    assert "Jobbplan hos Jobbtorg Kista" in text and "Ditt mål" in text
    assert "Mina möten" in text and "Samtycken" in text and "Närvaro" in text
    assert not re.search(r"\d{8}-\d{4}", text), "no personnummer on the own page"
    check(person)

    # Mark the first sub-goal that can be marked done.
    plan = person.locator("article.own-plan").first
    plan_anchor = plan.get_attribute("id")
    plan_id = plan_anchor.removeprefix("plan-")
    goal = plan.locator("ul.sub-goals > li").first
    goal_text = goal.locator("strong").first.inner_text()
    if goal.get_by_role("button", name="Klart", exact=True).count() == 0:
        # Marked done by an earlier run: take the mark back first (the person can).
        goal.get_by_role("button", name="Inte klart ändå", exact=True).click()
        assert "markerat som påbörjat" in person.locator(".notice").inner_text()
        plan = person.locator(f"#{plan_anchor}")
        goal = plan.locator("ul.sub-goals > li").first
    goal.get_by_role("button", name="Klart", exact=True).click()
    assert "markerat som klart" in person.locator(".notice").inner_text()
    assert "Läge: Klart" in person.locator(f"#{plan_anchor}").inner_text()
    check(person)

    # Svara i förväg: one of the questions meant for the person.
    person.get_by_role("link", name="Svara i förväg").first.click()
    assert person.url.endswith("/own/answers")
    check(person)
    fieldset = person.locator("fieldset", has_text="Hur mycket står boendet i vägen").first
    fieldset.get_by_label("Lite", exact=True).check()
    person.get_by_role("button", name="Spara mina svar").first.click()
    assert "Dina svar är sparade" in person.locator(".notice").inner_text()
    assert person.locator("fieldset", has_text="Hur mycket står boendet i vägen").first.get_by_label("Lite", exact=True).is_checked()
    check(person)

    # A message to Jobbtorg Kista: an empty one is refused, then sent.
    person.get_by_role("link", name="Meddelanden").first.click()
    assert person.url.endswith("/own/messages")
    check(person)
    subject = f"Fråga {uuid.uuid4().hex[:6]}"
    person.get_by_label("Till").select_option(label="Jobbtorg Kista")
    person.get_by_label("Vad gäller det?").fill(subject)
    person.get_by_role("button", name="Skicka").click()
    assert "Skriv ditt meddelande." in person.locator(".error-summary").inner_text()
    check(person)
    person.get_by_label("Ditt meddelande").fill("Kan vi flytta mötet till torsdag?")
    person.get_by_role("button", name="Skicka").click()
    assert person.get_by_role("heading", name=subject).is_visible()
    assert "Inte läst ännu" in main_text(person)
    thread_url = person.url
    check(person)

    # The coach: the mark on the plan, the message in the unit's list, an answer.
    coach = browser.new_context(base_url=BASE_URL, locale="sv-SE").new_page()
    coach.set_viewport_size({"width": width, "height": 900})
    login(coach, "coach", axe=False)
    coach.goto(f"/plans/{plan_id}")
    row = coach.locator("table.data tr", has_text=goal_text).first
    assert "Klart" in row.inner_text()
    check(coach)
    coach.get_by_role("link", name="Meddelanden").first.click()
    check(coach)
    coach.get_by_role("link", name=subject).click()
    assert "Kan vi flytta mötet till torsdag?" in main_text(coach)
    coach.get_by_label("Ditt svar").fill("Ja, torsdag kl. 10 går bra.")
    coach.get_by_role("button", name="Skicka").click()
    assert "Ja, torsdag kl. 10 går bra." in main_text(coach)
    check(coach)

    # The person reads the answer; their own message shows as read by the unit.
    person.goto(thread_url)
    text = main_text(person)
    assert "Ja, torsdag kl. 10 går bra." in text and "Läst av Jobbtorg Kista" in text
    check(person)
    coach.reload()
    assert "Läst av personen" in main_text(coach)

    # Who has read my file: Jobbtorg Kista, Coach; never a name of an employee.
    person.get_by_role("link", name="Vem har läst mina uppgifter").first.click()
    text = main_text(person)
    assert "Jobbtorg Kista" in text and "Coach" in text
    assert "Carl Coach" not in text
    check(person)

    # Withdraw a consent: it takes effect at once and reads "Återkallat" (the demo person has one active consent;
    # the second run of this test finds it withdrawn already).
    person.goto("/own#consents")
    withdraw = person.get_by_role("button", name="Ta tillbaka samtycket")
    if withdraw.count() > 0:
        withdraw.first.click()
        assert "Samtycket är återkallat" in person.locator(".notice").inner_text()
    assert "Återkallat" in main_text(person)
    check(person)

    # The district's social secretary: a message from the person reaches the unit's list, and the case page shows
    # the consent withdrawn by the person herself.
    person.goto("/own/messages")
    second = f"Till stadsdelen {uuid.uuid4().hex[:6]}"
    person.get_by_label("Till").select_option(label="Ekonomiskt bistånd Spånga-Tensta")
    person.get_by_label("Vad gäller det?").fill(second)
    person.get_by_label("Ditt meddelande").fill("Jag har tagit tillbaka samtycket.")
    person.get_by_role("button", name="Skicka").click()
    sara = browser.new_context(base_url=BASE_URL, locale="sv-SE").new_page()
    sara.set_viewport_size({"width": width, "height": 900})
    login(sara, "socialsekreterare", axe=False)
    sara.goto("/messages")
    sara.get_by_role("link", name=second).click()
    sara.get_by_role("link", name="Till personens sida").click()
    sara.get_by_role("link", name=re.compile("^Ärende och samordning")).click()
    consents = sara.locator("#consents").locator("xpath=..").inner_text()
    assert "via Mina sidor" in consents
    check(sara)
    sara.context.close()
    coach.context.close()
    person.context.close()
