"""The city's intervention catalogue and its queues: what exists, and queueing a person for a place."""
from conftest import assert_no_axe_violations, login, open_form
from test_assessment_flow import register


def offer_place(page, name, axe=False):
    """Offers the person a place from the queue page: the offer form asks for a reason when others wait before them."""
    page.get_by_role("link", name=f"Erbjud plats till {name}").click()
    assert f"Erbjud {name} en plats" in page.locator("h1").inner_text()
    reasons = page.get_by_role("group", name="Skäl till att platsen går före ordningen")
    if reasons.count() > 0:
        # Without a reason it is refused, and nothing is offered.
        page.get_by_role("button", name="Erbjud platsen").click()
        assert "Platsen erbjöds inte" in page.locator(".error-summary").inner_text()
        if axe:
            assert_no_axe_violations(page)
        page.get_by_role("group", name="Skäl till att platsen går före ordningen").get_by_label("Annat skäl").check()
        page.get_by_label("Beskriv skälet").fill("Webbläsartest: de som står före kommer från tidigare testkörningar.")
    if axe:
        assert_no_axe_violations(page)
    page.get_by_role("button", name="Erbjud platsen").click()


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
    offer_place(page, name, axe=True)
    assert "Platsen är erbjuden." in page.locator(".notice").inner_text()
    page.get_by_role("button", name=f"Tackade ja för {name}").click()
    assert "har platsen" in page.locator(".notice").inner_text()
    assert_no_axe_violations(page)
    # The place is taken up: start the episode from the queue, then end it with an outcome.
    page.get_by_role("link", name=f"Starta deltagande för {name}").click()
    assert "Starta deltagande" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Planerat slut").fill("2020-01-01")
    page.get_by_role("button", name="Starta deltagandet").click()
    assert "Planerat slut kan inte vara före start." in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Planerat slut").fill("")
    page.get_by_label("Delmål i planen som insatsen ska leda mot").fill("Klara fyra timmars arbetsdag tre dagar i veckan")
    page.get_by_role("button", name="Starta deltagandet").click()
    assert "Deltagandet är startat." in page.locator(".notice").inner_text()
    assert "Klara fyra timmars arbetsdag" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    open_form(page, "Avsluta deltagandet")
    page.get_by_label("Avbruten").check()
    page.get_by_role("button", name="Avsluta deltagandet").click()
    assert "Skriv varför deltagandet avbröts" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Genomförd").check()
    page.get_by_role("button", name="Avsluta deltagandet").click()
    assert "Deltagandet är avslutat." in page.locator(".notice").inner_text()
    assert "Genomförd" in page.locator("dl.facts").inner_text()
    assert page.get_by_role("button", name="Avsluta deltagandet").count() == 0
    assert_no_axe_violations(page)
    page.get_by_role("link", name=f"Insatser för {name}").click()
    assert "Genomförd" in page.locator("main").inner_text()
    assert_no_axe_violations(page)


def test_work_ability_testing_ends_in_a_printable_report(page):
    login(page, "coach", axe=False)
    register(page)
    name = page.locator("h1").inner_text()
    page.get_by_role("link", name="Ställ i kö till en insats").click()
    page.get_by_label("Insats").select_option(label="Arbetsförmågeprövning (Arbetsförmågeprövning)")
    page.get_by_role("button", name="Ställ i kö").click()
    offer_place(page, name)
    page.get_by_role("button", name=f"Tackade ja för {name}").click()
    page.get_by_role("link", name=f"Starta deltagande för {name}").click()
    page.get_by_role("button", name="Starta deltagandet").click()
    assert "Placeringar" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    start = page.locator("dl.facts dd").nth(1).inner_text()
    assert start

    page.locator("summary", has_text="Lägg till en placering").click()
    page.get_by_label("Arbetsplats").fill("Second hand-butik, Spånga")
    page.get_by_label("Arbetsuppgifter").fill("Sortering och prismärkning")
    page.get_by_label("Supported Employment").check()
    page.get_by_label("Timmar i veckan").fill("16")
    page.get_by_role("button", name="Spara placeringen").click()
    assert "Ange startdatum" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    today = page.get_by_label("Sista dagen i insatsen").input_value()  # the end form's default is today
    page.get_by_label("Placeringens första dag").fill(today)
    page.get_by_role("button", name="Spara placeringen").click()
    assert "Placeringen är sparad." in page.locator(".notice").inner_text()

    page.get_by_role("link", name="AWP – Assessment of Work Performance").click()
    assert_no_axe_violations(page)
    page.get_by_label("Bedömare").fill("Lena Ek, arbetsterapeut")
    page.locator("#r-motor-posture-4").check()
    page.locator("#r-process-mental_energy-2").check()
    page.get_by_label("Sammanfattning").fill("Noggrann, behöver pauser.")
    page.get_by_role("button", name="Spara bedömningen").click()
    assert "Bedömningen är sparad." in page.locator(".notice").inner_text()

    page.get_by_label("Förmågor: vad personen klarar och vad som fungerade").fill("Personen är arbetsoförmögen.")
    page.get_by_label("Anpassningar och stöd som behövs").fill("Korta pass och skriftliga instruktioner.")
    page.get_by_label("Rekommendation: vad som kan hjälpa personen vidare").fill("Supported Employment mot deltid.")
    page.get_by_role("button", name="Spara slutsatsen").click()
    assert "inte arbetsoförmåga" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Förmågor: vad personen klarar och vad som fungerade").fill("Klarar sortering noggrant och punktligt.")
    page.get_by_role("button", name="Spara slutsatsen").click()
    assert "Slutsatsen är sparad." in page.locator(".notice").inner_text()

    page.get_by_role("link", name="Slutrapport (utskrift)").click()
    report = page.locator("main").inner_text()
    for text in ["Second hand-butik, Spånga", "Kroppsställning (motorik): utförandet fungerar väl",
                 "Psykisk energi (processförmåga): utförandet fungerar med stora svårigheter",
                 "Supported Employment mot deltid.", "inte ett utlåtande om arbetsoförmåga"]:
        assert text in report, text
    assert_no_axe_violations(page)
    page.emulate_media(media="print")
    assert not page.get_by_role("navigation", name="Huvudmeny").is_visible()


def test_managers_see_places_and_queues_per_district(page):
    login(page, "enhetschef", axe=False)
    page.get_by_role("link", name="Platser och köer").click()
    text = page.locator("main").inner_text()
    assert "Arbetsträning med handledare" in text and "Hela staden" in text and "Spånga-Tensta" in text
    assert_no_axe_violations(page)
