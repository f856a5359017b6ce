"""Effekt av insatser: the analyst follows the link from Uppföljning, is refused in Swedish for a period that ends
before it starts, then chooses an intervention, a start period and a method in the GET form and sees the comparison
(the demo's history gives more than 30 per group): sizes, the balance table, the Kaplan–Meier charts with their bands
(SVGs named by their title and description) with the same figures in tables beside them, and the hazard ratios. The CSV
and the XLSX carry what the page shows. Every page is checked with axe. (The too-few text is tested in EffectWebTests.)"""
import csv
import io

import openpyxl

from conftest import assert_no_axe_violations, login


def test_effect_report_charts_tables_and_exports(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "analytiker")
    page.get_by_role("link", name="Uppföljning").first.click()
    page.get_by_role("link", name="Effekt av insatser", exact=False).first.click()
    assert page.locator("h1").inner_text().strip() == "Effekt av insatser"
    assert_no_axe_violations(page)

    page.get_by_label("Insats eller typ av insats").select_option(label="Jobbsökarcoachning i grupp")
    page.get_by_label("Första startmånad").fill("2026-05")
    page.get_by_label("Sista startmånad").fill("2026-03")
    page.get_by_role("button", name="Visa").click()
    assert "Perioden slutar (2026-03) innan den börjar (2026-05)." in page.locator(".error-summary").inner_text()
    assert page.locator("svg[role=img]").count() == 0
    assert_no_axe_violations(page)

    # The last twelve months of starts.
    months = page.evaluate(
        "(() => { const d = new Date(); d.setDate(1); d.setMonth(d.getMonth() - 1); const to = d.toISOString().slice(0, 7);"
        " d.setMonth(d.getMonth() - 11); return [d.toISOString().slice(0, 7), to]; })()")
    page.get_by_label("Första startmånad").fill(months[0])
    page.get_by_label("Sista startmånad").fill(months[1])
    page.get_by_label("Metod för jämförelsegruppen").select_option("matching")
    page.get_by_role("button", name="Visa").click()
    assert page.locator(".error-summary").count() == 0
    heading = page.get_by_role("heading", name="Jobbsökarcoachning i grupp – starter", exact=False)
    assert heading.count() == 1
    assert "Matchning 1:1 på närmaste granne" in page.locator("dl.facts").first.inner_text()
    sizes = page.get_by_role("table", name="Underlag")
    assert sizes.locator("tbody tr").count() >= 2
    text = page.locator("section[aria-labelledby=tolkning]").inner_text()
    assert "Det här är en jämförelse, inte ett experiment." in text
    # The demo's history (DemoData.addEffectHistory) gives more than 30 per group: the comparison is shown.
    assert page.locator("#too-few").count() == 0
    charts = page.locator("svg[role=img]")
    assert charts.count() == 2
    for i in range(2):
        labelled = charts.nth(i).get_attribute("aria-labelledby").split()
        assert all(page.locator(f"[id='{x}']").count() == 1 for x in labelled)
        assert charts.nth(i).locator("polygon.band").count() == 2
    assert page.get_by_role("table", name="siffrorna i diagrammet", exact=False).count() == 2
    balance = page.get_by_role("table", name="Balans", exact=False)
    assert balance.count() == 1 and balance.locator("tbody tr").count() >= 3
    assert page.get_by_role("table", name="Riskkvot (Cox)", exact=False).locator("tbody tr").count() == 2
    assert_no_axe_violations(page)

    with page.expect_download() as d:
        page.get_by_role("link", name="CSV (Excel)").click()
    raw = open(d.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Effekt av insatser" and rows[0][1] == heading.inner_text().strip()
    shown = [[c.inner_text().strip() for c in r.locator("th, td").all()] for r in sizes.locator("tbody tr").all()]
    for r in shown:
        assert r in [row[: len(r)] for row in rows]
    assert any(r and r[0] == "Balans före och efter matchning" for r in rows)

    with page.expect_download() as d:
        page.get_by_role("link", name="Excel-arbetsbok (XLSX)").click()
    with open(d.value.path(), "rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    values = [[c.value for c in r] for r in book["Effekt"].iter_rows()]
    assert values[0][:2] == ["Effekt av insatser", rows[0][1]]
    assert len(values) == len(rows)
