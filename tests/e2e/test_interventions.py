"""The city's intervention catalogue and its queues: what exists, and queueing a person for a place."""
from conftest import assert_no_axe_violations, login
from test_assessment_flow import register


def test_the_city_catalogue_is_visible_to_every_unit(page):
    login(page, "coach", axe=False)
    page.get_by_role("link", name="Insatser").click()
    assert "Insatser i staden" in page.locator("h1").inner_text()
    text = page.locator("main").inner_text()
    assert "Jobbtorg Resurs" in text and "Språkpraktik" in text
    assert_no_axe_violations(page)


def test_queue_a_person_and_offer_a_place(page):
    login(page, "coach", axe=False)
    register(page)
    name = page.locator("h1").inner_text()
    page.get_by_role("link", name="Ställ i kö till en insats").click()
    assert_no_axe_violations(page)
    page.get_by_label("Insats").select_option(label="Arbetsträning med handledare (Arbetsträning)")
    page.get_by_role("button", name="Ställ i kö").click()
    assert "Personen står nu i kön." in page.locator(".notice").inner_text()
    assert name in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name=f"Erbjud plats till {name}").click()
    assert "Platsen är erbjuden." in page.locator(".notice").inner_text()
    page.get_by_role("button", name=f"Tackade ja för {name}").click()
    assert "har platsen" in page.locator(".notice").inner_text()
    assert_no_axe_violations(page)
