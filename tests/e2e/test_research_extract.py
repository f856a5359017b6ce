"""Forskningsuttag from application to download: the researcher applies (first without an approval number and with
the period backwards: refused in Swedish at the fields), the system administrator sees the application, refuses
without a reason (refused) and approves, and the researcher downloads the data, the codebook and the manifest. The
manifest's SHA-256 is that of the downloaded files, the data hold no personnummer-shaped string, and a second
download of the data is byte-identical. Every page is checked with axe."""
import csv
import datetime
import hashlib
import io
import json
import re

from conftest import assert_no_axe_violations, login


def months_back(n):
    d = datetime.date.today().replace(day=1)
    for _ in range(n):
        d = (d - datetime.timedelta(days=1)).replace(day=1)
    return d.strftime("%Y-%m")


def download(page, name):
    with page.expect_download() as d:
        page.get_by_role("link", name=name).click()
    return open(d.value.path(), "rb").read()


def test_research_extract_apply_approve_download(browser):
    title = f"Vägar ur försörjningsstöd {datetime.datetime.now().strftime('%H%M%S%f')}"
    researcher = browser.new_context(base_url=_base(browser), locale="sv-SE", accept_downloads=True)
    page = researcher.new_page()
    login(page, "forskare")
    page.get_by_role("link", name="Forskningsuttag").first.click()
    assert page.locator("h1").inner_text().strip() == "Forskningsuttag"
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Ansök om ett forskningsuttag").click()
    assert_no_axe_violations(page)

    page.get_by_label("Projektets titel").fill(title)
    page.get_by_label("Syfte").fill("Tid till egen försörjning efter insatser.")
    page.get_by_label("Periodens första månad").fill(months_back(2))
    page.get_by_label("Periodens sista månad").fill(months_back(12))
    page.get_by_label("Projektets slutdatum").fill((datetime.date.today() + datetime.timedelta(days=200)).isoformat())
    page.get_by_label("Personer inskrivna på Jobbtorg under perioden", exact=False).check()
    for label in ["Juridiskt kön", "Åldersgrupp", "Månad för inskrivning på Jobbtorg"]:
        page.get_by_label(re.compile("^" + label + " – ")).check()
    page.get_by_role("button", name="Skicka ansökan").click()
    summary = page.locator(".error-summary")
    assert "etikprövningsmyndighetens diarienummer" in summary.inner_text()
    assert "Periodens sista månad ligger före den första" in summary.inner_text()
    assert page.get_by_label("Projektets titel").input_value() == title
    assert_no_axe_violations(page)

    page.get_by_label("Etikprövningsmyndighetens diarienummer").fill("2026-01234-01")
    page.get_by_label("Periodens första månad").fill(months_back(12))
    page.get_by_label("Periodens sista månad").fill(months_back(0))
    page.get_by_role("button", name="Skicka ansökan").click()
    assert page.locator(".error-summary").count() == 0
    assert page.locator("h1").inner_text().strip() == title
    assert "Ansökt – väntar på beslut" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Data (CSV)").count() == 0
    project_url = page.url.split("?")[0]
    assert_no_axe_violations(page)

    admin_context = browser.new_context(base_url=_base(browser), locale="sv-SE")
    admin = admin_context.new_page()
    login(admin, "admin")
    admin.get_by_role("link", name="Forskningsuttag").first.click()
    to_decide = admin.locator("section", has=admin.get_by_role("heading", name="Ansökningar att besluta"))
    assert_no_axe_violations(admin)
    to_decide.get_by_role("link", name=title).click()
    assert_no_axe_violations(admin)
    admin.get_by_role("button", name="Avslå").click()
    assert "Skriv skälet till avslaget" in admin.locator(".error-summary").inner_text()
    assert_no_axe_violations(admin)
    admin.get_by_role("button", name="Godkänn").click()
    assert "Beslutet är sparat" in admin.locator("main").inner_text()
    assert "Godkänt" in admin.locator("main").inner_text()
    admin_context.close()

    page.goto(project_url)
    assert "Godkänt – uttag kan hämtas" in page.locator("main").inner_text()
    assert_no_axe_violations(page)
    data = download(page, "Data (CSV)")
    codebook = download(page, "Kodbok (CSV)")
    manifest = json.loads(download(page, "Manifest (JSON)").decode("utf-8"))
    again = download(page, "Data (CSV)")
    assert data == again

    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    assert rows[0] == ["pseudonym", "gender", "age_band", "jobbtorg_enrolment_month"]
    # The demo's Jobbtorg enrolments: some rows survive the k-anonymity check, and every class has at least k = 5.
    assert len(rows) > 1
    classes = {}
    for r in rows[1:]:
        classes[(r[1], r[2])] = classes.get((r[1], r[2]), 0) + 1
        assert re.fullmatch(r"\d{4}-\d{2}", r[3])
    assert min(classes.values()) >= 5
    assert all(re.fullmatch("[a-p]{16}", r[0]) for r in rows[1:])
    assert not re.search(rb"(?<![0-9A-Za-z-])(\d{2})?\d{6}[-+]?\d{4}(?![0-9A-Za-z-])", data)
    assert manifest["approvalNumber"] == "2026-01234-01" and manifest["rows"] == len(rows) - 1
    assert manifest["suppression"]["k"] == 5
    sums = {f["name"]: f["sha256"] for f in manifest["files"]}
    assert sums["data.csv"] == hashlib.sha256(data).hexdigest()
    assert sums["codebook.csv"] == hashlib.sha256(codebook).hexdigest()
    page.reload()
    assert page.get_by_role("table", name="Hämtade filer").locator("tbody tr").count() == 4
    assert_no_axe_violations(page)
    researcher.close()


def _base(browser):
    from conftest import BASE_URL

    return BASE_URL
