"""The joint need assessment, from the rules' suggestion to the decision.

The social secretary registers a new synthetic person, opens the case, documents a consent that covers every
kind of information (the joint need assessment too) and refers the person to Jobbtorg Kista; the coach accepts,
so the person is enrolled and the assessment is joint. The district fills part 3 of the initial assessment: the
suggestion stays "oklart" and names the answers still missing, which Jobbtorg's part 2 gives. With both parts the
rules suggest K3 (no social network and only compulsory school), with the answers that led to it. The district
starts the assessment and records K3; the coach records K2: the units disagree, and the disagreement is a task
on both units' lists. A decision that deviates from the suggestion without a reason, and one with a review date
in the past, are refused in Swedish and save nothing. The decision form starts empty (the suggestion is shown beside
it, never chosen); the decision with a reason and the coach as co-decider is a proposal "Väntar på bekräftelse" and
a task on the coach's list; the coach, logged in himself, confirms it: it is listed under "Tidigare beslut" in both
names, and the disagreement task is settled on both lists.

The analyst tries rule version 2 on the saved answers and opens the fairness report.
"""
import re
from datetime import date, timedelta

from conftest import assert_no_axe_violations, enrolled_at_kista, login, open_form
from test_assessment_flow import next_area
from test_case_flow import fact, logout, main_text, notice, task_listed

DISAGREEMENT = "Oenighet i behovsbedömningen"


# --- Helpers -------------------------------------------------------------------------------------

def choose(page, question, option):
    """Checks the radio button or checkbox `option` of the question (a fieldset whose legend starts with it)."""
    page.get_by_role("group", name=question).get_by_label(option, exact=True).check()


def category(label_start):
    """The category radios read "K3 Parallella insatser – Behöver …": match them by their code."""
    return re.compile(r"^" + re.escape(label_start) + r"\b")


def saved(page):
    """The page's notice of what was saved (beside it, a disagreement is a warning notice of its own)."""
    return page.locator(".notice:not(.warning)").inner_text()


def region(page, name):
    return page.get_by_role("region", name=name, exact=True)


def fill_part_three(page):
    """Part 3 by the district: nobody to turn to and no sick leave; nothing that points to K4 or K5."""
    page.get_by_role("button", name="Starta Del 3 – Nybesök på ekonomiskt bistånd").click()
    assert "Område 1 av 11" in page.locator("#progress").inner_text()
    choose(page, "Vad gör du på dagarna just nu?", "Arbetssökande")
    choose(page, "Vilka inkomster har du och hushållet just nu?", "Ingen inkomst")
    choose(page, "Är du inskriven som arbetssökande på Arbetsförmedlingen?", "Ja")
    next_area(page)
    assert "Område 2 av 11" in page.locator("#progress").inner_text()
    choose(page, "Har du en fysisk sjukdom, skada eller smärta", "Nej")
    next_area(page)
    choose(page, "Påverkar hur du mår psykiskt din vardag", "Nej")
    next_area(page)
    choose(page, "Har du en funktionsnedsättning", "Nej")
    next_area(page)
    choose(page, "Har alkohol, droger, läkemedel eller spel", "Nej")
    next_area(page)
    assert "Område 6 av 11" in page.locator("#progress").inner_text()
    choose(page, "Har du skulder som du har svårt att betala?", "Nej")
    next_area(page)
    choose(page, "Hur bor du just nu?", "Eget förstahandskontrakt")
    choose(page, "Finns det en risk att du förlorar ditt boende", "Nej")
    next_area(page)
    page.get_by_label("Hur många vuxna bor i hushållet").fill("1")
    page.get_by_label("Hur många barn under 18 år bor hos dig").fill("0")
    next_area(page)
    assert "Område 9 av 11" in page.locator("#progress").inner_text()
    choose(page, "Har du någon i din närhet som du kan be om hjälp", "Nej, ingen")
    next_area(page)
    next_area(page)
    assert "Område 11 av 11" in page.locator("#progress").inner_text()
    choose(page, "Är du sjukskriven?", "Nej")
    page.get_by_role("button", name="Spara och granska").click()
    assert "Granska och slutför" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Slutför delen").click()
    assert "Delen är slutförd och låst" in notice(page)


def fill_part_two(page):
    """Part 2 by the coach: compulsory school only, some Swedish, has worked before."""
    page.get_by_role("button", name="Starta Del 2 – Jobbtorgs första besök").click()
    assert "Område 1 av 8" in page.locator("#progress").inner_text()
    choose(page, "Vilken är din högsta avslutade utbildning?", "Grundskola eller motsvarande")
    choose(page, "Var har du gått din utbildning?", "I Sverige")
    next_area(page)
    assert "Område 2 av 8" in page.locator("#progress").inner_text()
    choose(page, "Hur väl klarar du dig på svenska", "4")
    next_area(page)
    choose(page, "Har du arbetat tidigare", "Ja")
    next_area(page)
    next_area(page)
    assert "Område 5 av 8" in page.locator("#progress").inner_text()
    choose(page, "Hur länge har du varit utan arbete?", "Sex månader till ett år")
    page.get_by_role("button", name="Hinder som du ser dem").click()
    assert "Område 8 av 8" in page.locator("#progress").inner_text()
    page.get_by_role("button", name="Spara och granska").click()
    assert "Granska och slutför" in page.locator("h1").inner_text()
    page.get_by_role("button", name="Slutför delen").click()
    assert "Delen är slutförd och låst" in notice(page)


def submit_decision(page):
    """Sends the decision form; returns the response's status."""
    with page.expect_navigation() as sent:
        region(page, "Beslut").get_by_role("button", name=re.compile(r"^(Fatta beslut|Föreslå beslutet för bekräftelse)$")).click()
    return sent.value.status


# --- The tests -----------------------------------------------------------------------------------

def test_joint_need_assessment_from_suggestion_to_decision(page):
    # 1. The district: a new person, the case, the försörjningshinder, a consent covering everything, the referral;
    # part 3 before the coach accepts: the rules can rule out K5 and K4, but K3 waits for Jobbtorg's answers.
    def part_three_first(page, person_id):
        case_url = f"/persons/{person_id}/case"
        page.goto(case_url)
        assert "Gemensam behovsbedömning" in region(page, "Samtycken").inner_text()
        page.goto(f"/persons/{person_id}/assessments")
        fill_part_three(page)
        page.goto(case_url)
        page.get_by_role("link", name="Gemensam behovsbedömning").click()
        assert page.url.endswith(f"/persons/{person_id}/need-assessment")
        suggestion = region(page, "Förslag från reglerna – inte ett beslut")
        assert "Förslag: oklart" in suggestion.inner_text()
        missing = suggestion.locator("table").filter(has=page.locator("caption", has_text="Svar som saknas"))
        missing_text = missing.inner_text()
        assert "Vilken är din högsta avslutade utbildning?" in missing_text
        assert "Del 2 – Jobbtorgs första besök" in missing_text
        assert "Är du sjukskriven?" not in missing_text
        assert_no_axe_violations(page)

    # 2. The coach accepts the referral (the person is enrolled) and fills part 2.
    person_id, _, last_name = enrolled_at_kista(
        page, before_accepting=part_three_first,
        purpose="Gemensam behovsbedömning och planering av insatser mot arbete med Jobbtorg.",
        reason="Arbetslös sedan länge, behöver stöd både mot arbete och i vardagen.")
    need_url = f"/persons/{person_id}/need-assessment"
    login(page, "coach", axe=False)
    page.goto(f"/persons/{person_id}/assessments")
    fill_part_two(page)
    logout(page)

    # 3. The district: the concrete suggestion with the answers behind it; start and record the district's view.
    login(page, "socialsekreterare", axe=False)
    page.goto(need_url)
    suggestion = region(page, "Förslag från reglerna – inte ett beslut")
    text = suggestion.inner_text()
    assert "Förslag: K3 Parallella insatser" in text
    assert suggestion.locator("dt:text-is('Parallella insatser') + dd").inner_text() == "Ja, förväntas"
    assert suggestion.locator("dt:text-is('Leder') + dd").inner_text() == "Jobbtorg och stadsdelen tillsammans"
    reasons = suggestion.locator("table").filter(has=page.locator("caption", has_text="Svaren som ledde till förslaget"))
    headers = [h.strip() for h in reasons.locator("thead th").all_inner_texts()]
    assert headers == ["Fråga", "Svar", "Källa", "Datum"]
    network = reasons.locator("tbody tr").filter(has_text="Har du någon i din närhet")
    assert network.count() == 1
    cells = network.locator("td").all_inner_texts()
    assert cells[1] == "Nej, ingen" and "Del 3 – Nybesök på ekonomiskt bistånd" in cells[2] and re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[3])
    education = reasons.locator("tbody tr").filter(has_text="Vilken är din högsta avslutade utbildning?")
    assert education.count() == 1
    cells = education.locator("td").all_inner_texts()
    assert cells[1] == "Grundskola eller motsvarande" and "Del 2 – Jobbtorgs första besök" in cells[2]
    assert "den andra nämnden, med samtycke" in cells[2]
    assert "Svar som saknas" not in text
    assert "Personen är inskriven på Jobbtorg, så bedömningen görs gemensamt" in region(page, "Ingen pågående bedömning").inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Starta behovsbedömning").click()
    assert "Behovsbedömningen är startad." in saved(page)
    views = region(page, "Enheternas bedömningar")
    assert "Gemensam bedömning med Jobbtorg." in views.inner_text()
    assert views.get_by_role("heading", name="Ange er enhets bedömning").count() == 1
    assert_no_axe_violations(page)
    open_form(page, "Ange er bedömning")
    views.get_by_role("group", name="Vilken kategori bedömer er enhet passar?").get_by_role("radio", name=category("K3")).check()
    views.get_by_role("group", name="Behövs insatser från båda enheterna samtidigt?").get_by_label("Ja", exact=True).check()
    views.get_by_label("Kommentar (frivillig)").fill("Personen saknar nätverk; vi behöver arbeta parallellt.")
    views.get_by_role("button", name="Spara er bedömning").click()
    assert "Er enhets bedömning är sparad." in saved(page)
    assert "Enheterna är oeniga" not in main_text(page)
    assert region(page, "Enheternas bedömningar").get_by_role("heading", name="Ändra er enhets bedömning").count() == 1
    logout(page)

    # 4. The coach: the same suggestion under the consent; a different view makes the units disagree.
    login(page, "coach", axe=False)
    page.goto(need_url)
    assert "Förslag: K3 Parallella insatser" in region(page, "Förslag från reglerna – inte ett beslut").inner_text()
    views = region(page, "Enheternas bedömningar")
    assert "Personen saknar nätverk" in views.inner_text()
    assert_no_axe_violations(page)
    open_form(page, "Ange er bedömning")
    views.get_by_role("group", name="Vilken kategori bedömer er enhet passar?").get_by_role("radio", name=category("K2")).check()
    views.get_by_role("group", name="Behövs insatser från båda enheterna samtidigt?").get_by_label("Nej", exact=True).check()
    views.get_by_role("button", name="Spara er bedömning").click()
    assert "Er enhets bedömning är sparad." in saved(page)
    warning = page.locator(".notice.warning")
    assert "Enheterna är oeniga (stadsdelen: K3, parallella; Jobbtorg: K2)" in warning.inner_text()
    coach_name = region(page, "Enheternas bedömningar").locator("dt:text-is('Av') + dd").last.inner_text().split(",")[0].strip()
    assert coach_name
    assert_no_axe_violations(page)
    assert task_listed(page, last_name, "need_assessment_disagreement", DISAGREEMENT, axe=True)
    # The task leads to the assessment.
    page.locator("tbody tr").filter(has_text=last_name).filter(has=page.get_by_role("cell", name=DISAGREEMENT, exact=True)).first.get_by_role("link").click()
    assert page.url.endswith(need_url)
    logout(page)

    # The Jobbtorg's manager sees it on the unit's list too.
    login(page, "jobbtorgschef", axe=False)
    assert task_listed(page, last_name, "need_assessment_disagreement", DISAGREEMENT)
    logout(page)

    # 5. The district: the warning and the task; two refused decisions, then the decision with the coach.
    login(page, "socialsekreterare", axe=False)
    assert task_listed(page, last_name, "need_assessment_disagreement", DISAGREEMENT, axe=True)
    page.goto(need_url)
    assert "Enheterna är oeniga" in page.locator(".notice.warning").inner_text()
    decision = region(page, "Beslut")
    assert "Beslutar ni en annan kategori än förslaget (K3) skriver ni varför." in decision.inner_text()
    open_form(page, "Föreslå ett gemensamt beslut")
    # The form starts empty: the suggestion is beside it, never chosen; the co-decider starts from the coach's view.
    assert decision.locator("input[type=radio]:checked").count() == 0
    assert "Reglernas förslag: K3 Parallella insatser" in decision.inner_text()
    co_decider = decision.get_by_label("Beslutar tillsammans med (Jobbtorg)")
    assert co_decider.locator("option:checked").inner_text().startswith(coach_name)
    assert_no_axe_violations(page)

    review_on = (date.today() + timedelta(days=90)).isoformat()
    decision.get_by_role("group", name="Kategori", exact=True).get_by_role("radio", name=category("K2")).check()
    decision.get_by_role("group", name="Vem leder arbetet?").get_by_label("Jobbtorg leder", exact=True).check()
    decision.get_by_role("group", name="Parallella insatser").get_by_label("Nej", exact=True).check()
    decision.get_by_label("Följ upp bedömningen").fill(review_on)
    assert submit_decision(page) == 422
    summary = page.locator("#decision-error-summary")
    assert "Beslutet sparades inte" in summary.inner_text()
    assert "Beslutet avviker från förslaget (K3). Skriv varför ni gör en annan bedömning." in summary.inner_text()
    assert page.title().startswith("Fel")
    # What was typed is kept.
    decision = region(page, "Beslut")
    assert decision.get_by_role("group", name="Kategori", exact=True).get_by_role("radio", name=category("K2")).is_checked()
    assert decision.get_by_label("Följ upp bedömningen").input_value() == review_on
    assert region(page, "Tidigare beslut").count() == 0
    assert_no_axe_violations(page)
    page.goto(need_url)
    assert region(page, "Tidigare beslut").count() == 0
    assert region(page, "Beslut").count() == 1
    assert "Enheterna är oeniga" in page.locator(".notice.warning").inner_text()

    decision = region(page, "Beslut")
    open_form(page, "Föreslå ett gemensamt beslut")
    reason = "Personen har arbetat tidigare och vill börja med arbetsmarknadsinsatser; nätverket följs upp i planen."
    decision.get_by_role("group", name="Kategori", exact=True).get_by_role("radio", name=category("K2")).check()
    decision.get_by_role("group", name="Vem leder arbetet?").get_by_label("Jobbtorg leder", exact=True).check()
    decision.get_by_role("group", name="Parallella insatser").get_by_label("Nej", exact=True).check()
    decision.get_by_label("Följ upp bedömningen").fill((date.today() - timedelta(days=1)).isoformat())
    decision.get_by_label("Skäl om beslutet avviker från förslaget").fill(reason)
    assert submit_decision(page) == 422
    summary = page.locator("#decision-error-summary").inner_text()
    assert "Uppföljningsdatumet har redan passerat. Välj ett datum efter i dag." in summary
    assert "avviker" not in summary
    assert region(page, "Tidigare beslut").count() == 0
    assert_no_axe_violations(page)

    decision = region(page, "Beslut")
    assert decision.get_by_label("Skäl om beslutet avviker från förslaget").input_value() == reason
    assert decision.get_by_role("group", name="Vem leder arbetet?").get_by_label("Jobbtorg leder", exact=True).is_checked()
    decision.get_by_label("Följ upp bedömningen").fill(review_on)
    decision.get_by_label("Beslutar tillsammans med (Jobbtorg)").select_option(label=co_decider.locator("option:checked").inner_text())
    assert submit_decision(page) == 200
    assert "Förslaget till gemensamt beslut är skickat." in saved(page)
    # Not decided yet: it waits for the coach, and the disagreement stays until it takes effect.
    assert "Väntar på bekräftelse" in region(page, "Beslut").inner_text()
    assert region(page, "Tidigare beslut").count() == 0
    assert "Enheterna är oeniga" in page.locator(".notice.warning").inner_text()
    assert_no_axe_violations(page)
    logout(page)

    # The coach confirms it from his task list.
    login(page, "coach", axe=False)
    assert task_listed(page, last_name, "need_decision_to_confirm", "Bekräfta gemensamt beslut")
    page.goto(need_url)
    region(page, "Beslut").get_by_role("button", name="Bekräfta beslutet").click()
    assert "Du har bekräftat beslutet." in saved(page)
    logout(page)
    login(page, "socialsekreterare", axe=False)
    page.goto(need_url)
    assert "Enheterna är oeniga" not in main_text(page)
    assert region(page, "Beslut").count() == 0
    assert page.get_by_role("button", name="Starta behovsbedömning").count() == 1
    history = region(page, "Tidigare beslut")
    rows = history.locator("tbody tr")
    assert rows.count() == 1
    cells = rows.first.locator("td").all_inner_texts()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", cells[0])
    assert cells[1].startswith("K2") and cells[2] == "K3 (regler v1)" and cells[3] == reason
    assert cells[4] == "Jobbtorg leder" and cells[5] == "Nej" and cells[6] == review_on and coach_name in cells[7]
    assert_no_axe_violations(page)

    # 6. The disagreement is settled on both units' lists.
    assert not task_listed(page, last_name, "need_assessment_disagreement", DISAGREEMENT)
    logout(page)
    login(page, "coach", axe=False)
    assert not task_listed(page, last_name, "need_assessment_disagreement", DISAGREEMENT)
    page.goto(need_url)
    assert "K3 (regler v1)" in region(page, "Tidigare beslut").inner_text()


def test_analyst_tries_rule_version_two_and_reads_the_fairness_report(page):
    login(page, "analytiker", axe=False)
    page.goto("/need-assessment")
    assert "Behovsbedömning: kategorier och regler" in page.locator("h1").inner_text()
    assert region(page, "Version 1: Behovsbedömningskategorier – används").count() == 1
    assert_no_axe_violations(page)

    what_if = region(page, "Pröva en regelversion")
    what_if.get_by_label("Version att pröva").select_option(label="Version 2")
    what_if.get_by_role("button", name="Pröva").click()
    what_if = region(page, "Pröva en regelversion")
    assert "Resultat: version 2 jämfört med version 1" in what_if.get_by_role("heading", level=3).inner_text()
    number = re.compile(r"\d+|<5|–")
    assert number.fullmatch(fact(page, "Personer med svar")) and number.fullmatch(fact(page, "Skulle byta kategori"))
    changes = what_if.locator("table").filter(has=page.locator("caption", has_text="Byten av kategori"))
    assert changes.count() == 1
    assert [h.strip() for h in changes.locator("thead th").all_inner_texts()] == ["Från", "Till", "Personer"]
    for row in changes.locator("tbody tr").all():
        people = row.locator("td").last.inner_text()
        assert people == "<5" or int(people) >= 5, people
    distribution = what_if.locator("table").filter(has=page.locator("caption", has_text="Fördelning per kategori"))
    assert "K3" in distribution.inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Rättviserapport: förslag och beslut per kön och åldersgrupp").click()
    assert page.url.split("?")[0].endswith("/need-assessment/fairness")
    assert "Rättviserapport för behovsbedömningen" in page.locator("h1").inner_text()
    text = main_text(page)
    assert "Per kön" in text and "Per åldersgrupp" in text
    for caption in ("Förslagen per kön", "Besluten och avvikelserna per kön", "Förslagen per åldersgrupp", "Besluten och avvikelserna per åldersgrupp"):
        assert page.locator("caption", has_text=caption).count() == 1, caption
    # Small cells are shown as "<5" (or withheld as "–"), never as 1–4.
    cells = page.locator("tbody td").all_inner_texts()
    assert not [c for c in cells if c.strip() in ("1", "2", "3", "4")], cells
    assert_no_axe_violations(page)

    # The main menu leads to the rules page, marked as the current section on the need-assessment pages.
    menu = page.get_by_role("navigation", name="Huvudmeny")
    item = menu.get_by_role("link", name="Behovsbedömning", exact=True)
    assert item.count() == 1, "no menu item Behovsbedömning for the analyst: " + menu.inner_text()
    assert item.get_attribute("aria-current") == "page"
    item.click()
    assert page.url.split("?")[0].endswith("/need-assessment")
    assert "Behovsbedömning: kategorier och regler" in page.locator("h1").inner_text()
