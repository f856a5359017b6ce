"""Effekt av insatser: the analyst follows the link from Uppföljning, is refused in Swedish for a period that ends
before it starts, then chooses an intervention, a start period and a method in the GET form. In the demo the
comparison is shown when there are 30 or more per group (the Kaplan–Meier charts, SVGs named by their title and
description, with the same figures in tables beside them) and otherwise the text that there are too few and no
estimate. The CSV and the XLSX carry what the page shows. Every page is checked with axe."""
import csv
import io

import openpyxl

from conftest import assert_no_axe_violations, login


def test_effect_report_chart_or_too_few_and_exports(page):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "analytiker")
    page.get_by_role("link", name="Uppföljning").first.click()
    page.get_by_role("link", name="Effekt av insatser", exact=False).first.click()
    assert page.locator("h1").inner_text().strip() == "Effekt av insatser"
    assert_no_axe_violations(page)

    page.get_by_label("Insats eller typ av insats").select_option(label="Arbetsträning med handledare")
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
    heading = page.get_by_role("heading", name="Arbetsträning med handledare – starter", exact=False)
    assert heading.count() == 1
    assert "Matchning 1:1 på närmaste granne" in page.locator("dl.facts").first.inner_text()
    sizes = page.get_by_role("table", name="Underlag")
    assert sizes.locator("tbody tr").count() >= 2
    text = page.locator("section[aria-labelledby=tolkning]").inner_text()
    assert "Det här är en jämförelse, inte ett experiment." in text
    estimated = page.locator("#too-few").count() == 0
    if estimated:
        charts = page.locator("svg[role=img]")
        assert charts.count() == 2
        for i in range(2):
            labelled = charts.nth(i).get_attribute("aria-labelledby").split()
            assert all(page.locator(f"[id='{x}']").count() == 1 for x in labelled)
        assert page.get_by_role("table", name="siffrorna i diagrammet", exact=False).count() == 2
        assert page.get_by_role("table", name="Balans", exact=False).count() == 1
    else:
        assert "För få för att visa en effekt: det krävs minst 30 personer i varje grupp" in page.locator("#too-few").inner_text()
        assert page.locator("svg[role=img]").count() == 0
        assert "Ingen effekt redovisas" in text
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
    if not estimated:
        assert any(r[0] == "Anmärkning" and r[1].startswith("För få för att visa en effekt") for r in rows)

    with page.expect_download() as d:
        page.get_by_role("link", name="Excel-arbetsbok (XLSX)").click()
    with open(d.value.path(), "rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    values = [[c.value for c in r] for r in book["Effekt"].iter_rows()]
    assert values[0][:2] == ["Effekt av insatser", rows[0][1]]
    assert len(values) == len(rows)
