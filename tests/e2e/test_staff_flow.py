"""A caseworker's first day: log in, register a person (with a typo first), find them, open them, log out."""
import random
import re

from conftest import BASE_URL, assert_no_axe_violations, login


def luhn(nine: str) -> int:
    total = 0
    for i, ch in enumerate(nine):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v - 9 if v > 9 else v
    return (10 - total % 10) % 10


_issued: set[str] = set()


def synthetic_personnummer():
    """A valid synthetic number in the 12-digit form YYYYMMDD-NNNN, never the same twice in a run: a random birth
    date in 1970-1999 (working age, as the target groups expect) and serial. A number shared with a person another
    test registered in the other committee would make the two one person, with the other test's name on its file."""
    while True:
        year, month, day, serial = random.randint(1970, 1999), random.randint(1, 12), random.randint(1, 28), random.randint(1, 999)
        nine = f"{year % 100:02d}{month:02d}{day:02d}{serial:03d}"
        number = f"{year}{month:02d}{day:02d}-{serial:03d}{luhn(nine)}"
        if number not in _issued:
            _issued.add(number)
            return number


def with_wrong_check_digit(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + 1) % 10)


def test_register_find_open_and_log_out(page):
    suffix = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
    first, last = "Testa", f"Personsson{suffix}".capitalize()
    number = synthetic_personnummer()

    login(page, "mottagning")
    assert page.url.endswith("/")
    assert "Start" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Registrera person").click()
    assert page.url.endswith("/persons/new")
    assert_no_axe_violations(page)

    # A typo in the check digit: the Swedish error at the field, the other values kept.
    page.get_by_label("Personnummer eller samordningsnummer").fill(with_wrong_check_digit(number))
    page.get_by_label("Förnamn").fill(first)
    page.get_by_label("Efternamn").fill(last)
    page.get_by_label("Telefon").fill("070-123 45 67")
    page.get_by_role("button", name="Registrera").click()
    error = page.locator("#personalIdentityNumber-error")
    assert error.is_visible()
    assert "Kontrollsiffran stämmer inte" in error.inner_text()
    assert page.get_by_label("Förnamn").input_value() == first
    assert page.get_by_label("Efternamn").input_value() == last
    assert page.get_by_label("Personnummer eller samordningsnummer").get_attribute("aria-invalid") == "true"
    assert "Formuläret innehåller fel" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)

    # Corrected: the person page.
    page.get_by_label("Personnummer eller samordningsnummer").fill(number)
    page.get_by_role("button", name="Registrera").click()
    assert re.search(r"/persons/[0-9a-f-]{36}", page.url)
    person_url = page.url.split("?")[0]
    assert page.locator("h1").inner_text() == f"{first} {last}"
    assert number in page.content()
    assert "Personen är registrerad" in page.locator("[role=status]").inner_text()
    assert_no_axe_violations(page)

    # Found by name and by the 10-digit number.
    page.get_by_role("link", name="Sök person").click()
    assert_no_axe_violations(page)
    page.get_by_label("Personnummer, namn, telefon eller adress").fill(last)
    page.get_by_role("button", name="Sök").click()
    hit = page.get_by_role("link", name=f"{last}, {first}")
    assert hit.count() == 1
    assert_no_axe_violations(page)

    page.get_by_label("Personnummer, namn, telefon eller adress").fill(number[2:])
    page.get_by_role("button", name="Sök").click()
    assert "1 träff" in page.locator("#hits").inner_text()
    page.get_by_role("link", name=f"{last}, {first}").click()
    assert page.url.split("?")[0] == person_url
    assert_no_axe_violations(page)

    # Log out: back at the login page, and the session is really gone.
    page.get_by_role("button", name="Logga ut").click()
    assert "/login" in page.url
    assert "Du är utloggad" in page.content()
    assert_no_axe_violations(page)
    page.goto("/")
    assert "/login" in page.url


def test_wrong_password_and_unknown_user_get_the_same_message(page):
    login(page, "mottagning", password="inte-rätt-lösenord")
    wrong = page.locator(".error-summary").inner_text()
    assert "Fel användarnamn eller lösenord" in wrong
    assert_no_axe_violations(page)
    login(page, "finns-inte-alls", password="inte-rätt-lösenord")
    assert page.locator(".error-summary").inner_text() == wrong
    assert page.get_by_label("Användarnamn").input_value() == "finns-inte-alls"


def test_other_committee_cannot_open_the_person(page, browser):
    """Secrecy between committees: Jobbtorg's coach gets the same page as for a person who does not exist."""
    login(page, "mottagning")
    page.get_by_role("link", name="Registrera person").click()
    number = synthetic_personnummer()
    page.get_by_label("Personnummer eller samordningsnummer").fill(number)
    page.get_by_label("Förnamn").fill("Sekretess")
    page.get_by_label("Efternamn").fill("Provsson")
    page.get_by_role("button", name="Registrera").click()
    person_path = "/" + page.url.split("/", 3)[3].split("?")[0]

    other = browser.new_context(base_url=BASE_URL)
    coach = other.new_page()
    login(coach, "coach")
    response = coach.goto(person_path)
    assert response.status == 404
    assert "Sekretess" not in coach.content()
    assert "Sidan finns inte" in coach.locator("h1").inner_text()
    assert_no_axe_violations(coach)
    other.close()


def test_pages_work_without_javascript(browser):
    # axe itself needs JavaScript, so this test checks behaviour only; the same pages are checked with axe above.
    context = browser.new_context(base_url=BASE_URL, java_script_enabled=False)
    page = context.new_page()
    login(page, "socialsekreterare", axe=False)
    assert "Start" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Sök person").click()
    page.get_by_label("Personnummer, namn, telefon eller adress").fill("x")
    page.get_by_role("button", name="Sök").click()
    assert "Skriv minst två bokstäver" in page.locator("#q-error").inner_text()
    page.get_by_role("button", name="Logga ut").click()
    assert "Du är utloggad" in page.content()
    context.close()


def test_accessibility_statement_is_public(page):
    page.goto("/accessibility")
    assert "Tillgänglighetsredogörelse" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)


def test_registering_a_held_number_reveals_nothing_and_search_ignores_diacritics(page, browser):
    """The district registers Åsa Nyström…; Jobbtorg's coach, searching her number, is offered to register it as for any
    unknown number, registers it with its own values and sees only those. Search ignores case and diacritics."""
    suffix = "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6))
    last = f"Nyström{suffix}"
    number = synthetic_personnummer()

    login(page, "mottagning")
    page.get_by_role("link", name="Registrera person").click()
    page.get_by_label("Personnummer eller samordningsnummer").fill(number)
    page.get_by_label("Förnamn").fill("Åsa")
    page.get_by_label("Efternamn").fill(last)
    page.get_by_label("Telefon").fill("08-765 43 21")
    page.get_by_label("Gatuadress").fill("Hemliggatan 7")
    page.get_by_role("button", name="Registrera").click()
    page.wait_for_url(re.compile(r"/persons/[0-9a-f-]{36}"))
    assert page.locator("h1").inner_text() == f"Åsa {last}"

    # Without the diacritics, in capitals: found all the same.
    page.get_by_role("link", name="Sök person").click()
    page.get_by_label("Personnummer, namn, telefon eller adress").fill(f"ASA NYSTROM{suffix.upper()}")
    page.get_by_role("button", name="Sök").click()
    page.wait_for_url(re.compile(r"q="))
    page.get_by_role("link", name=f"{last}, Åsa").wait_for()
    assert page.get_by_role("link", name=f"{last}, Åsa").count() == 1
    assert_no_axe_violations(page)

    other = browser.new_context(base_url=BASE_URL, locale="sv-SE")
    coach = other.new_page()
    login(coach, "coach")
    coach.get_by_role("link", name="Sök person").click()
    coach.get_by_label("Personnummer, namn, telefon eller adress").fill(number)
    coach.get_by_role("button", name="Sök").click()
    coach.wait_for_url(re.compile(r"q="))
    assert "Inga träffar" in coach.locator("#hits").inner_text()
    assert "Nyström" not in coach.content()
    assert_no_axe_violations(coach)

    # The offer leads to the form with the number filled in; the coach's own values are what the file holds.
    coach.get_by_role("link", name=f"Registrera {number}").click()
    coach.wait_for_url(re.compile(r"/persons/new"))
    assert coach.get_by_label("Personnummer eller samordningsnummer").input_value() == number.replace("-", "")
    assert_no_axe_violations(coach)
    coach.get_by_label("Förnamn").fill("Egen")
    coach.get_by_label("Efternamn").fill(f"Coachsson{suffix}")
    coach.get_by_label("Gatuadress").fill("Egnavägen 5")
    coach.get_by_role("button", name="Registrera").click()
    coach.wait_for_url(re.compile(r"/persons/[0-9a-f-]{36}"))
    assert coach.locator("h1").inner_text() == f"Egen Coachsson{suffix}"
    assert "Personen är registrerad" in coach.locator("[role=status]").inner_text()
    content = coach.content()
    for theirs in ["Nyström", "Åsa", "08-765 43 21", "Hemliggatan", "Spånga-Tensta", "fanns redan"]:
        assert theirs not in content, theirs
    assert "Egnavägen 5" in content
    assert_no_axe_violations(coach)

    # The search page lists the coach's recent persons, with the coach's values.
    coach.get_by_role("link", name="Sök person").click()
    coach.wait_for_url(re.compile(r"/persons/search$"))
    recent = coach.locator("#recent").locator("xpath=..")
    assert f"Coachsson{suffix}, Egen" in recent.inner_text()
    assert "Nyström" not in coach.content()
    assert_no_axe_violations(coach)
    other.close()
