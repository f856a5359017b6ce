"""The whole case flow across the district and Jobbtorg: intake registers the person, does part 1 of the
initial assessment and the aktualisering; the social secretary takes the case over, registers the
försörjningshinder, documents the consent (a referral without it is refused) and refers to Jobbtorg Kista; the
coach accepts, does part 2 and the first jobbplan. Then the clock moves: three months on, a second Samsyn
process on the same database (SAMSYN_CLOCK_OFFSET_DAYS) shows the three-party meeting due, and the coach books
and records it, registers attendance and closes the enrolment; six months after the closure a third process
shows the six-month check to the district, which records it.

The processes with a moved clock run beside the one scripts/test started, whose task job runs every few minutes on
today's date: it leaves alone the tasks a process with a clock ahead of it has made (their creation time is in
its future), so the moved clocks' task lists hold what they made due.
"""
import os
import re
import socket
import subprocess
import tempfile
import time
import urllib.request
from datetime import date, timedelta

import pytest

from conftest import DEMO_PASSWORD, assert_no_axe_violations, login, open_form
from test_assessment_flow import next_area, register

SAMSYN_BIN = os.environ.get("SAMSYN_BIN", "")
SAMSYN_DATABASE_URL = os.environ.get("SAMSYN_DATABASE_URL", "")

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- Helpers -------------------------------------------------------------------------------------

def main_text(page):
    return page.locator("main").inner_text()


def notice(page):
    return page.locator(".notice").inner_text()


def logout(page):
    page.get_by_role("button", name="Logga ut").click()


def task_rows(page, last_name, kind):
    """Rows of the task tables on /tasks naming the person and the kind of task."""
    return page.locator("tbody tr").filter(has_text=last_name).filter(has=page.get_by_role("cell", name=kind, exact=True))


def task_listed(page, last_name, kind, kind_name, axe=False):
    """Whether the unit's list on /tasks, filtered to one kind of task, names the person (every page of it)."""
    page.goto(f"/tasks?kind={kind}")
    if axe:
        assert_no_axe_violations(page)
    while True:
        if task_rows(page, last_name, kind_name).count() > 0:
            return True
        following = page.get_by_role("link", name="Nästa sida")
        if following.count() == 0:
            return False
        following.click()


def fact(page, term):
    """The value of a fact (dt/dd) on the page."""
    return page.locator(f"dt:text-is('{term}') + dd").first.inner_text()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


class Samsyn:
    """A second Samsyn process on the same database, its clock moved by `offset_days`."""

    def __init__(self, offset_days, wait_for_health=True):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.dir = tempfile.TemporaryDirectory(prefix="samsyn-clock-")
        self.log = open(os.path.join(self.dir.name, "samsyn.log"), "wb")
        env = {
            **os.environ,
            "DATABASE_URL": SAMSYN_DATABASE_URL,
            "SAMSYN_CLOCK_OFFSET_DAYS": str(offset_days),
            "SAMSYN_DEMO_PASSWORD": DEMO_PASSWORD,
        }
        self.proc = subprocess.Popen(
            [SAMSYN_BIN, "serve", "--port", str(self.port), "--no-demo"], env=env, cwd=self.dir.name, stdout=self.log, stderr=subprocess.STDOUT)
        if wait_for_health:
            try:
                self.wait_for_health()
            except BaseException:
                self.stop()
                raise

    def wait_for_health(self):
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.proc.poll() is not None:
                pytest.fail(f"Samsyn (moved clock) stopped at start:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.base_url + "/health", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"Samsyn (moved clock) did not answer /health:\n{self.output()}")

    def output(self):
        self.log.flush()
        with open(self.log.name, "rb") as f:
            return f.read().decode("utf-8", "replace")[-4000:]

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.log.close()
        self.dir.cleanup()


def fill_part_one(page):
    """Part 1 by phone, as in test_assessment_flow: every area, then review and complete."""
    page.get_by_role("button", name="Starta Del 1 – Mottagning per telefon").click()
    assert "Område 1 av 6" in page.locator("#progress").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Vad gör att du hör av dig till oss nu?").fill("Har blivit av med jobbet och pengarna tar slut.")
    page.get_by_role("radio", name="Arbetssökande").check()
    next_area(page)
    assert "Område 2 av 6" in page.locator("#progress").inner_text()
    page.get_by_label("Hur många vuxna bor i hushållet").fill("1")
    page.get_by_label("Hur många barn under 18 år bor hos dig").fill("0")
    next_area(page)
    assert "Område 3 av 6" in page.locator("#progress").inner_text()
    page.get_by_role("radio", name="Hyr i andra hand").check()
    next_area(page)
    page.get_by_role("checkbox", name="Ingen inkomst").check()
    next_area(page)
    page.get_by_role("radio", name="Nej").check()
    next_area(page)
    assert "Område 6 av 6" in page.locator("#progress").inner_text()
    page.get_by_role("checkbox", name="Inget akut").check()
    page.get_by_role("radio", name="Vill inte svara").check()
    page.get_by_role("button", name="Spara och granska").click()
    assert "Granska och slutför" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Slutför delen").click()
    assert "Delen är slutförd och låst" in notice(page)


def fill_part_two(page):
    """Part 2, Jobbtorg's first visit: the four required questions and a few more, then review and complete."""
    page.get_by_role("button", name="Starta Del 2 – Jobbtorgs första besök").click()
    assert "Område 1 av 8" in page.locator("#progress").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("radio", name="Gymnasium eller motsvarande").check()
    page.get_by_role("radio", name="I ett annat land", exact=True).check()
    next_area(page)
    assert "Område 2 av 8" in page.locator("#progress").inner_text()
    page.get_by_role("radio", name="3", exact=True).check()
    page.get_by_role("radio", name="Ja, jag är klar").check()
    next_area(page)
    assert "Område 3 av 8" in page.locator("#progress").inner_text()
    page.get_by_role("radio", name="Ja", exact=True).check()
    page.get_by_label("Hur många år har du arbetat sammanlagt?").fill("6")
    page.get_by_label("Vilka arbeten har du haft?").fill("Lagerarbete och truckförare.")
    next_area(page)
    assert "Område 4 av 8" in page.locator("#progress").inner_text()
    page.get_by_label("Vilka yrken eller arbeten vill du helst ha?").fill("Lager och logistik.")
    next_area(page)
    assert "Område 5 av 8" in page.locator("#progress").inner_text()
    page.get_by_role("radio", name="Sex månader till ett år").check()
    page.get_by_role("checkbox", name="Platsbanken och andra jobbsajter").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Hinder som du ser dem").click()
    assert "Område 8 av 8" in page.locator("#progress").inner_text()
    page.get_by_role("checkbox", name="Språket").check()
    page.get_by_role("button", name="Spara och granska").click()
    assert "Granska och slutför" in page.locator("h1").inner_text()
    review = main_text(page)
    assert "Gymnasium eller motsvarande" in review and "Sex månader till ett år" in review
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Slutför delen").click()
    assert "Delen är slutförd och låst" in notice(page)
    assert_no_axe_violations(page)


# --- The test ------------------------------------------------------------------------------------

def test_case_flow_from_intake_to_six_month_check(browser, page):
    if not SAMSYN_BIN or not SAMSYN_DATABASE_URL.startswith("sqlite:"):
        pytest.skip("needs SAMSYN_BIN and SAMSYN_DATABASE_URL=sqlite:PATH (set by scripts/test)")

    # 1. Intake: register the person, part 1 by phone, then the aktualisering on the case page.
    login(page, "mottagning")
    person_url = register(page)
    person_id = person_url.rstrip("/").split("/")[-1]
    full_name = page.locator("h1").inner_text().strip()
    last_name = full_name.split()[-1]
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Bedömningar och det som redan är känt").click()
    assert_no_axe_violations(page)
    fill_part_one(page)

    page.goto(person_url)
    page.get_by_role("link", name="Ärende och samordning: samtycke, remiss, planer, möten, närvaro").click()
    assert page.url.endswith(f"/persons/{person_id}/case")
    assert "Ärende och samordning" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    # The case page's forms are behind buttons: the section shows the facts, the button opens the form.
    assert page.locator("#case-disclosure").get_attribute("open") is None
    open_form(page, "Registrera aktualisering")
    assert_no_axe_violations(page)
    intake_today = page.get_by_label("Datum").input_value()
    assert ISO_DATE.fullmatch(intake_today)
    page.get_by_role("button", name="Registrera aktualisering").click()
    assert "Aktualiseringen är registrerad." in notice(page)
    assert fact(page, "Aktualiserat") == intake_today
    assert_no_axe_violations(page)
    logout(page)

    # 2. The social secretary: försörjningshinder, a referral refused without consent, the consent, the referral.
    login(page, "socialsekreterare", axe=False)
    case_url = f"/persons/{person_id}/case"
    page.goto(case_url)
    assert_no_axe_violations(page)
    # The case is the intake officer's until the social secretary takes it over (and with it its tasks).
    intake_officer = fact(page, "Ansvarig handläggare")
    page.get_by_role("button", name="Ta över ärendet").click()
    assert fact(page, "Ansvarig handläggare") != intake_officer
    assert page.get_by_role("button", name="Ta över ärendet").count() == 0
    open_form(page, "Registrera försörjningshinder")
    page.get_by_role("combobox", name="Försörjningshinder").select_option(label="Arbetslös – ingen ersättning")
    page.get_by_role("button", name="Registrera försörjningshinder").click()
    assert "Försörjningshindret är registrerat." in notice(page)
    obstacles = page.get_by_role("region", name="Försörjningshinder", exact=True)
    assert "Arbetslös – ingen ersättning" in obstacles.inner_text()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Remittera till Jobbtorg").click()
    assert page.url.endswith(f"/persons/{person_id}/referrals/new")
    assert "Försörjningsstöd på grund av arbetslöshet" in page.locator("#target-group").inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("combobox", name="Jobbtorg", exact=True).select_option(label="Jobbtorg Kista")
    page.get_by_label("Skäl till remissen").fill("Arbetslös sedan i våras, vill komma tillbaka till lagerarbete.")
    kista_session = page.locator("#session option").filter(has_text=re.compile(r"^Jobbtorg Kista ")).first
    page.get_by_label("Gruppinformation: tillfälle").select_option(value=kista_session.get_attribute("value"))
    page.get_by_role("button", name="Skicka remissen").click()
    refusal = page.locator("#consent").inner_text()
    assert "Det finns inget giltigt samtycke som täcker en remiss till Jobbtorg Kista" in refusal
    assert "Remissen skickades inte" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.goto(case_url)
    assert "Ingen remiss." in page.get_by_role("region", name="Remiss till Jobbtorg", exact=True).inner_text()

    page.get_by_role("link", name="Dokumentera samtycke").click()
    assert page.url.endswith(f"/persons/{person_id}/consents/new")
    assert_no_axe_violations(page)
    page.get_by_label("Uppgifterna får lämnas till").select_option(label="Arbetsmarknadsnämnden (alla Jobbtorg)")
    for scope in ("Remissen: identitet, ärende och skäl för remiss", "Planer: arbetsplan och jobbplan", "Möten och trepartssamtal",
                  "Närvaro (månadssammanställning)"):
        page.get_by_role("checkbox", name=scope).check()
    page.get_by_label("Syfte", exact=True).fill("Planering och uppföljning av insatser mot arbete tillsammans med Jobbtorg.")
    page.get_by_role("radio", name="Skriftligt").check()
    page.get_by_role("button", name="Dokumentera samtycket").click()
    assert page.url.split("?")[0].endswith(case_url)
    assert "Samtycket är dokumenterat." in notice(page)
    consents = page.get_by_role("region", name="Samtycken", exact=True).inner_text()
    assert "Arbetsmarknadsnämnden" in consents and "Möten och trepartssamtal" in consents and "Gäller" in consents
    assert_no_axe_violations(page)
    page.goto(person_url)
    on_person_page = page.get_by_role("region", name="Samtycken", exact=True).inner_text()
    assert "Till Arbetsmarknadsnämnden" in on_person_page and "Närvaro (månadssammanställning)" in on_person_page
    assert "Gäller" in on_person_page
    assert_no_axe_violations(page)

    page.goto(case_url)
    page.get_by_role("link", name="Remittera till Jobbtorg").click()
    page.get_by_role("combobox", name="Jobbtorg", exact=True).select_option(label="Jobbtorg Kista")
    page.get_by_label("Skäl till remissen").fill("Arbetslös sedan i våras, vill komma tillbaka till lagerarbete.")
    kista_session = page.locator("#session option").filter(has_text=re.compile(r"^Jobbtorg Kista ")).first
    page.get_by_label("Gruppinformation: tillfälle").select_option(value=kista_session.get_attribute("value"))
    page.get_by_role("button", name="Skicka remissen").click()
    assert "Remissen är skickad till Jobbtorg." in notice(page)
    referral = page.get_by_role("region", name="Remiss till Jobbtorg", exact=True).inner_text()
    assert "Skickad, väntar på svar" in referral and "Jobbtorg Kista" in referral
    assert_no_axe_violations(page)
    logout(page)

    # 3. The coach at Jobbtorg Kista: the referral inbox, acceptance, part 2 and the first jobbplan.
    login(page, "coach", axe=False)
    page.get_by_role("link", name="Remisser", exact=True).click()
    assert page.url.endswith("/referrals")
    assert_no_axe_violations(page)
    page.get_by_role("link", name=re.compile(re.escape(last_name))).click()
    assert "Remiss – " + full_name in page.locator("h1").inner_text()
    assert "Arbetslös sedan i våras" in main_text(page)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Anta remissen och skriv in personen").click()
    assert page.url.split("?")[0].endswith(case_url)
    assert "Remissen är antagen och personen inskriven." in notice(page)
    due = fact(page, "Första jobbplanen senast")
    job_plan_due = ISO_DATE.search(due).group(0)
    enrolled_on = fact(page, "Inskriven")
    assert date.fromisoformat(enrolled_on) < date.fromisoformat(job_plan_due) <= date.fromisoformat(enrolled_on) + timedelta(days=14)
    assert f"Första jobbplanen – senast {job_plan_due}" in page.get_by_role("region", name="Att göra", exact=True).inner_text()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Att göra", exact=True).first.click()
    assert page.url.split("#")[0].endswith("/tasks")
    assert_no_axe_violations(page)
    assert task_listed(page, last_name, "job_plan_due", "Första jobbplanen")

    page.goto(f"/persons/{person_id}/assessments")
    assert_no_axe_violations(page)
    fill_part_two(page)

    page.goto(case_url)
    page.get_by_role("link", name="Upprätta jobbplan").click()
    assert "Upprätta jobbplan" in page.locator("h1").inner_text()
    assert_no_axe_violations(page)
    goal = "Fast arbete som truckförare på ett lager i norra Stockholm."
    page.get_by_label("Personens mål").fill(goal)
    page.get_by_label("Nästa uppföljning").fill((date.fromisoformat(enrolled_on) + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Spara planen").click()
    summary = page.locator(".error-summary").inner_text()
    assert "Planen sparades inte" in summary and "delmål" in summary
    assert page.get_by_label("Personens mål").input_value() == goal
    assert_no_axe_violations(page)
    page.goto(case_url)
    assert "Personen har ingen jobbplan ännu." in page.get_by_role("region", name="Jobbplan", exact=True).inner_text()
    page.get_by_role("link", name="Upprätta jobbplan").click()
    page.get_by_label("Personens mål").fill(goal)
    page.get_by_label("Vad ska göras (delmål 1)").fill("Ta truckkort A och B")
    page.get_by_label("Vem ansvarar (delmål 1)").fill("Personen och coachen")
    sub_goal_date = (date.fromisoformat(enrolled_on) + timedelta(days=30)).isoformat()
    page.get_by_label("Datum (delmål 1)").fill(sub_goal_date)
    page.get_by_label("Nästa uppföljning").fill((date.fromisoformat(enrolled_on) + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Spara planen").click()
    assert re.search(r"/plans/[0-9a-f-]{36}", page.url)
    assert "Planen är sparad." in notice(page)
    plan_text = main_text(page)
    assert goal in plan_text and "Ta truckkort A och B" in plan_text and sub_goal_date in plan_text
    assert_no_axe_violations(page)
    plan_url = page.url.split("?")[0]
    assert not task_listed(page, last_name, "job_plan_due", "Första jobbplanen")
    page.goto(plan_url)
    page.get_by_role("link", name="Utskrift för personen").click()
    assert re.search(r"/plans/[0-9a-f-]{36}/print$", page.url)
    printed = main_text(page)
    assert "Din jobbplan" in printed and goal in printed and "Ta truckkort A och B" in printed
    assert_no_axe_violations(page)
    logout(page)

    # 4. Three months later: the three-party meeting is due. A second process with the clock moved 95 days.
    offset_4 = 95
    later = Samsyn(offset_4)
    context = None
    try:
        context = browser.new_context(base_url=later.base_url, locale="sv-SE")
        p4 = context.new_page()
        login(p4, "coach")
        assert task_listed(p4, last_name, "three_party_meeting_due", "Trepartssamtal", axe=True)
        p4.goto(case_url)
        p4.get_by_role("link", name="Avsluta inskrivningen").click()
        today_4 = p4.get_by_label("Avslutsdatum").input_value()
        p4.goto(case_url)
        # (a day more if midnight passed since the intake)
        assert (date.fromisoformat(today_4) - date.fromisoformat(intake_today)).days in (offset_4, offset_4 + 1)
        assert "Trepartssamtal – senast" in p4.get_by_role("region", name="Att göra", exact=True).inner_text()
        assert_no_axe_violations(p4)
        open_form(p4, "Boka ett möte")
        booking = p4.locator("form[action$='/meetings']")
        booking.get_by_role("radio", name="Trepartssamtal").check()
        booking.get_by_label("Datum").fill(today_4)
        booking.get_by_label("Tid").fill("10:00")
        p4.get_by_role("button", name="Boka mötet").click()
        assert "Mötet är bokat." in notice(p4)
        meetings = p4.get_by_role("region", name="Möten", exact=True)
        assert "Bokat" in meetings.inner_text()
        assert_no_axe_violations(p4)
        assert not task_listed(p4, last_name, "three_party_meeting_due", "Trepartssamtal")
        p4.goto(case_url)

        p4.get_by_role("link", name=f"{today_4} 10:00").click()
        assert re.search(r"/meetings/[0-9a-f-]{36}$", p4.url)
        assert f"Trepartssamtal {today_4}" in p4.locator("h1").inner_text()
        assert_no_axe_violations(p4)
        p4.get_by_label("Deltagare").fill("Sara Socialsekreterare, Cilla Coach och personen")
        agreed = "Personen börjar på truckutbildningen nästa vecka; coachen bokar praktik på ett lager."
        p4.get_by_label("Det här kom vi överens om").fill(agreed)
        p4.get_by_role("button", name="Spara mötesanteckningen").click()
        assert p4.url.split("?")[0].endswith(case_url)
        assert "bokat" not in notice(p4)
        meetings = p4.get_by_role("region", name="Möten", exact=True).inner_text()
        assert "Genomfört" in meetings and agreed in meetings
        assert_no_axe_violations(p4)

        p4.get_by_role("link", name="Registrera och rätta närvaro").click()
        assert re.search(r"/enrolments/[0-9a-f-]{36}/attendance$", p4.url)
        assert_no_axe_violations(p4)
        p4.get_by_label("Aktivitet").fill("Jobbsökarverkstad")
        p4.get_by_role("radio", name="Närvarande").first.check()
        p4.get_by_role("button", name="Registrera", exact=True).click()
        assert "Närvaron är registrerad." in notice(p4)
        records = p4.get_by_role("region", name="Registrerad närvaro", exact=True).inner_text()
        assert today_4 in records and "Jobbsökarverkstad" in records
        assert_no_axe_violations(p4)

        p4.goto(case_url)
        p4.get_by_role("link", name="Avsluta inskrivningen").click()
        p4.get_by_role("radio", name="Arbete", exact=True).check()
        p4.get_by_role("button", name="Nästa").click()
        p4.get_by_label("Arbetsgivare").fill("Lagerbolaget AB")
        p4.get_by_label("Omfattning i procent av heltid").fill("100")
        p4.get_by_label("Anställningen börjar").fill(today_4)
        closing = p4.locator("form[action$='/close']")
        action = closing.get_attribute("action")
        fields = {n: closing.locator(f"input[name={n}]").get_attribute("value") for n in ("_csrf", "version")}
        p4.get_by_role("button", name="Avsluta inskrivningen").click()
        assert "Inskrivningen är avslutad. En sexmånadersuppföljning är skapad." in notice(p4)
        assert f"{today_4} – Arbete" in p4.get_by_role("region", name="Inskrivning", exact=True).inner_text()
        assert p4.get_by_role("link", name="Avsluta inskrivningen").count() == 0
        assert p4.locator("form[action$='/close']").count() == 0
        assert_no_axe_violations(p4)
        # Closing twice: the form is gone; the same form sent again (a second tab, a double click) is refused.
        with p4.expect_navigation() as second:
            p4.evaluate(
                """([action, fields]) => {
                    const f = document.createElement("form");
                    f.method = "post";
                    f.action = action;
                    for (const [name, value] of Object.entries(fields)) {
                        const i = document.createElement("input");
                        i.type = "hidden"; i.name = name; i.value = value;
                        f.appendChild(i);
                    }
                    document.body.appendChild(f);
                    f.submit();
                }""",
                [action, {**fields, "reason": "studies", "detail": "", "closedOn": today_4}])
        assert second.value.status == 409
        assert "Inskrivningen är redan avslutad (Arbete" in p4.locator(".error-summary").inner_text()
        assert_no_axe_violations(p4)
        p4.goto(case_url)
        assert f"{today_4} – Arbete" in p4.get_by_role("region", name="Inskrivning", exact=True).inner_text()
    finally:
        if context is not None:
            context.close()
        later.stop()

    # 5. Six months after the closure: the district's six-month check. A third process, the clock moved further.
    offset_5 = offset_4 + 190
    latest = Samsyn(offset_5)
    context = None
    try:
        context = browser.new_context(base_url=latest.base_url, locale="sv-SE")
        p5 = context.new_page()
        login(p5, "socialsekreterare", axe=False)
        assert task_listed(p5, last_name, "six_month_check_due", "Sexmånadersuppföljning", axe=True)
        p5.goto(case_url)
        check = p5.get_by_role("region", name="Sexmånadersuppföljning", exact=True)
        assert f"{today_4} – Arbete" in check.inner_text()
        assert "Sexmånadersuppföljning – senast" in p5.get_by_role("region", name="Att göra", exact=True).inner_text()
        assert_no_axe_violations(p5)
        open_form(p5, "Registrera uppföljningen")
        assert check.get_by_role("radio", name="Nej, har inte återkommit").is_checked()
        p5.get_by_role("button", name="Registrera uppföljningen").click()
        assert "Sexmånadersuppföljningen är registrerad." in notice(p5)
        assert "Nej, har inte återkommit (registrerat" in p5.get_by_role("region", name="Sexmånadersuppföljning", exact=True).inner_text()
        assert p5.get_by_role("button", name="Registrera uppföljningen").count() == 0
        assert_no_axe_violations(p5)
        assert not task_listed(p5, last_name, "six_month_check_due", "Sexmånadersuppföljning")

        p5.goto(case_url)
        p5.get_by_role("link", name="Tidslinje: allt som hänt i personakten").click()
        assert p5.url.endswith(f"/persons/{person_id}/timeline")
        timeline = main_text(p5)
        for event in ("Aktualisering registrerades", "Försörjningshinder registrerades", "Samtycke dokumenterades",
                      "Remiss till Jobbtorg skickades", "Sexmånadersuppföljning gjordes"):
            assert event in timeline, event
        assert_no_axe_violations(p5)
    finally:
        if context is not None:
            context.close()
        latest.stop()


def test_managers_steer_by_the_task_list_and_schedule_group_information(page):
    """The Jobbtorg's manager: the unit's counts per kind and worker, a group-information session added (a bad
    time refused in Swedish), and a case assigned to a coach from the case page."""
    login(page, "jobbtorgschef", axe=False)
    page.get_by_role("link", name="Att göra").click()
    assert "Enhetens uppgifter" in main_text(page)
    assert "Öppna uppgifter per ansvarig" in main_text(page)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Gruppinformation").click()
    assert_no_axe_violations(page)
    when = (date.today() + timedelta(days=30)).isoformat()
    page.get_by_label("Datum").fill(when)
    page.get_by_label("Tid").fill("9")
    page.get_by_role("button", name="Lägg till tillfället").click()
    assert "Ange tid som TT:MM" in page.locator(".error-summary").inner_text()
    assert_no_axe_violations(page)
    page.get_by_label("Tid").fill("13:15")
    page.get_by_role("button", name="Lägg till tillfället").click()
    assert "Tillfället är tillagt." in notice(page)
    assert f"{when} kl. 13:15" in main_text(page)
    # A person on the unit's list: the manager assigns the case.
    page.goto("/tasks")
    page.locator("table").last.get_by_role("link").first.click()
    assert re.search(r"/persons/[0-9a-f-]{36}/case$", page.url)
    assert_no_axe_violations(page)
    open_form(page, "Fördela ärendet")
    assign = page.locator("form[action$='/responsible']").filter(has=page.get_by_label("Ansvarig handläggare"))
    assign.get_by_label("Ansvarig handläggare").select_option(label="Carl Coach (Coach)")
    assign.get_by_role("button", name="Fördela ärendet").click()
    assert "Ansvarig handläggare är ändrad." in notice(page)
    assert "Carl Coach" in page.get_by_role("region", name="Inskrivning", exact=True).inner_text()
