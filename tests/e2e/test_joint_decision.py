"""A joint need decision signed by both, at 1280 px and at 320 px.

The social secretary registers a synthetic person, opens the case, documents a consent covering every kind of
information and refers the person to Jobbtorg Kista; the coach accepts, so the assessment is joint. The social
secretary starts the assessment: the decision form starts empty (nothing chosen), with the rules' suggestion shown
beside it. She proposes a decision naming the coach as co-decider: it is "Väntar på bekräftelse", not decided, and
a task "Bekräfta gemensamt beslut" on the coach's list. The coach logs in himself, follows the task and confirms:
the decision takes effect in both names and is listed under "Tidigare beslut". Every page is checked with axe.
"""
import re
from datetime import date, timedelta

import pytest

from conftest import assert_no_axe_violations, enrolled_at_kista, login, open_form
from test_assessment_flow import register
from test_case_flow import logout, notice, task_listed

CONFIRM_TASK = "Bekräfta gemensamt beslut"


def region(page, name):
    return page.get_by_role("region", name=name, exact=True)


def category(code):
    return re.compile(r"^" + re.escape(code) + r"\b")


@pytest.mark.parametrize("width", [1280, 320])
def test_joint_decision_proposed_and_confirmed_by_the_co_decider(page, width):
    page.set_viewport_size({"width": width, "height": 900})

    # 1. The district: a person with a case, a consent covering everything, a referral to Jobbtorg Kista.
    # 2. The coach accepts: the person is enrolled, the assessment will be joint.
    person_id, _, last_name = enrolled_at_kista(
        page, purpose="Gemensam behovsbedömning och planering av insatser mot arbete med Jobbtorg.")
    need_url = f"/persons/{person_id}/need-assessment"

    # 3. The social secretary starts the assessment: the decision form is empty, the suggestion beside it.
    login(page, "socialsekreterare", axe=False)
    page.goto(need_url)
    page.get_by_role("button", name="Starta behovsbedömning").click()
    assert "Behovsbedömningen är startad." in notice(page)
    decision = region(page, "Beslut")
    assert "Reglernas förslag:" in decision.inner_text()
    assert decision.locator("input[type=radio]:checked").count() == 0
    assert_no_axe_violations(page)
    open_form(page, "Föreslå ett gemensamt beslut")
    decision.get_by_role("group", name="Kategori", exact=True).get_by_role("radio", name=category("K2")).check()
    decision.get_by_role("group", name="Vem leder arbetet?").get_by_label("Jobbtorg leder", exact=True).check()
    decision.get_by_role("group", name="Parallella insatser").get_by_label("Nej", exact=True).check()
    review_on = (date.today() + timedelta(days=90)).isoformat()
    decision.get_by_label("Följ upp bedömningen").fill(review_on)
    co_decider = decision.get_by_label("Beslutar tillsammans med (Jobbtorg)")
    coach_option = co_decider.locator("option").filter(has_text=re.compile(r"^Carl Coach")).first
    co_decider.select_option(value=coach_option.get_attribute("value"))
    decision.get_by_role("button", name="Föreslå beslutet för bekräftelse").click()
    assert "Förslaget till gemensamt beslut är skickat." in notice(page)
    pending = region(page, "Beslut")
    assert "Väntar på bekräftelse" in pending.inner_text()
    assert "Carl Coach" in pending.inner_text()
    assert pending.get_by_role("button", name="Bekräfta beslutet").count() == 0
    assert pending.get_by_role("button", name="Återkalla förslaget").count() == 1
    assert region(page, "Tidigare beslut").count() == 0
    assert_no_axe_violations(page)
    logout(page)

    # 4. The coach, logged in himself: the task on his list leads to the proposal; he confirms it.
    login(page, "coach", axe=False)
    assert task_listed(page, last_name, "need_decision_to_confirm", CONFIRM_TASK, axe=True)
    page.locator("tbody tr").filter(has_text=last_name).filter(has=page.get_by_role("cell", name=CONFIRM_TASK, exact=True)).first.get_by_role("link").click()
    assert page.url.endswith(need_url)
    pending = region(page, "Beslut")
    assert "Sara Socialsekreterare föreslår beslutet" in pending.inner_text()
    assert_no_axe_violations(page)
    pending.get_by_role("button", name="Bekräfta beslutet").click()
    assert "Du har bekräftat beslutet." in notice(page)
    assert region(page, "Beslut").count() == 0
    history = region(page, "Tidigare beslut").locator("tbody tr")
    assert history.count() == 1
    cells = history.first.locator("td").all_inner_texts()
    assert cells[1].startswith("K2") and cells[6] == review_on
    assert "Sara Socialsekreterare" in cells[7] and "Carl Coach" in cells[7]
    assert "Bekräftat" in region(page, "Förslag till gemensamt beslut").inner_text()
    assert_no_axe_violations(page)
    assert not task_listed(page, last_name, "need_decision_to_confirm", CONFIRM_TASK)
    logout(page)


def propose_to_the_coach(page, need_url, review_on):
    """As the social secretary: a joint decision (K2, Jobbtorg leads) proposed to Carl Coach."""
    page.goto(need_url)
    open_form(page, "Föreslå ett gemensamt beslut")
    decision = region(page, "Beslut")
    decision.get_by_role("group", name="Kategori", exact=True).get_by_role("radio", name=category("K2")).check()
    decision.get_by_role("group", name="Vem leder arbetet?").get_by_label("Jobbtorg leder", exact=True).check()
    decision.get_by_role("group", name="Parallella insatser").get_by_label("Nej", exact=True).check()
    decision.get_by_label("Följ upp bedömningen").fill(review_on)
    co_decider = decision.get_by_label("Beslutar tillsammans med (Jobbtorg)")
    co_decider.select_option(value=co_decider.locator("option").filter(has_text=re.compile(r"^Carl Coach")).first.get_attribute("value"))
    decision.get_by_role("button", name="Föreslå beslutet för bekräftelse").click()
    assert "Förslaget till gemensamt beslut är skickat." in notice(page)


def test_a_declined_proposal_goes_back_to_the_proposer_with_the_reason(page):
    person_id, _, last_name = enrolled_at_kista(page, purpose="Gemensam behovsbedömning och planering mot arbete med Jobbtorg.")
    need_url = f"/persons/{person_id}/need-assessment"
    review_on = (date.today() + timedelta(days=90)).isoformat()
    login(page, "socialsekreterare", axe=False)
    page.goto(need_url)
    page.get_by_role("button", name="Starta behovsbedömning").click()
    propose_to_the_coach(page, need_url, review_on)
    logout(page)

    # The coach declines: the reason is required (a refused decline shows the form open, focus on its errors).
    login(page, "coach", axe=False)
    page.goto(need_url)
    open_form(page, "Avböj förslaget med ett skäl")
    page.get_by_role("button", name="Avböj förslaget").click()
    assert page.locator("#answer-error-summary").is_visible()
    assert page.evaluate("document.activeElement.id") == "answer-error-summary"
    assert page.locator("#answer-disclosure").get_attribute("open") is not None
    assert_no_axe_violations(page)
    page.get_by_label("Skäl till att du inte bekräftar").fill("Vi behöver först prata om språkstödet i planen.")
    page.get_by_role("button", name="Avböj förslaget").click()
    assert "Du har avböjt förslaget." in notice(page)
    logout(page)

    # Back on the social secretary's desk: the task leads to the assessment, with the reason and the way on.
    login(page, "socialsekreterare", axe=False)
    declined_task = "Gemensamt beslut avböjdes"
    assert task_listed(page, last_name, "need_decision_declined", declined_task, axe=True)
    page.locator("tbody tr").filter(has_text=last_name).filter(has=page.get_by_role("cell", name=declined_task, exact=True)).first.get_by_role("link").click()
    assert page.url.endswith(need_url)
    box = region(page, "Ditt förslag avböjdes")
    assert "Vi behöver först prata om språkstödet i planen." in box.inner_text()
    assert_no_axe_violations(page)
    # "Föreslå ett nytt beslut" opens the decision form; proposing again closes the task.
    box.get_by_role("link", name="Föreslå ett nytt beslut").click()
    assert page.locator("#decision-disclosure").get_attribute("open") is not None
    propose_to_the_coach(page, need_url, review_on)
    assert region(page, "Ditt förslag avböjdes").count() == 0
    assert not task_listed(page, last_name, "need_decision_declined", declined_task)
