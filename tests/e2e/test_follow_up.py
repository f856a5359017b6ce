"""Uppföljning at 1280 px and 320 px: the analyst chooses a period and a breakdown in the GET form, sees every indicator
with its value, previous period and target, a 24-month chart (an SVG named by its title and description) with the same
figures in a table beside it, and downloads the CSV and the XLSX of exactly what the page shows (the XLSX read back
with openpyxl). A month that does not exist is refused in Swedish at the field. Every page is checked with axe."""
import csv
import io
import re

import openpyxl
import pytest

from conftest import assert_no_axe_violations, login


@pytest.mark.parametrize("width", [1280, 320])
def test_follow_up_chart_table_and_exports(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "analytiker")
    page.get_by_role("link", name="Uppföljning").first.click()
    assert page.locator("h1").inner_text().strip() == "Uppföljning"
    assert_no_axe_violations(page)

    page.get_by_label("Period", exact=True).fill("2026-13")
    page.get_by_role("button", name="Visa").click()
    summary = page.locator(".error-summary")
    assert "Månaden ”2026-13” finns inte" in summary.inner_text()
    assert page.locator("svg[role=img]").count() == 0
    assert_no_axe_violations(page)

    page.get_by_label("Period", exact=True).fill("")
    page.get_by_label("Period", exact=True).fill(page.evaluate("(() => { const d = new Date(); d.setMonth(d.getMonth() - 1); return d.toISOString().slice(0, 7); })()"))
    page.get_by_label("Indelning").select_option(label="Kön")
    page.get_by_role("button", name="Visa").click()
    assert page.locator(".error-summary").count() == 0
    card = page.locator("section.card", has=page.get_by_role("heading", name="Avslutade vid Jobbtorg", exact=True))
    chart = card.locator("svg[role=img]")
    assert chart.count() == 1
    labelled = chart.get_attribute("aria-labelledby").split()
    assert all(page.locator(f"[id='{i}']").count() == 1 for i in labelled)
    table = card.locator("table", has_text="siffrorna i diagrammet")
    assert table.locator("tbody tr").count() == 24
    assert card.get_by_role("table").filter(has_text="Kvinnor").count() == 1
    card.get_by_role("link", name=re.compile("Så räknas")).click()
    assert page.url.endswith("#def-ind-jobbtorg-closed")
    assert_no_axe_violations(page)

    with page.expect_download() as d:
        page.get_by_role("link", name="CSV (Excel)").click()
    raw = open(d.value.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:6] == ["Indikator", "Id", "Avsnitt", "Period", "Grupp", "Värde"]
    closed = [r for r in rows if r[1] == "jobbtorg.closed"]
    assert [r[4] for r in closed if r[2] == "Kön"] == ["Kvinnor", "Män"]
    assert len([r for r in closed if r[2] == "Månad"]) == 24
    # The page's value is the export's.
    shown = card.locator("dl.facts dd").first.inner_text().strip()
    assert [r[5] for r in closed if r[2] == "Perioden"] == [shown]

    with page.expect_download() as d:
        page.get_by_role("link", name="Excel-arbetsbok (XLSX)").click()
    # The download is saved without a file extension, which openpyxl goes by: read it as bytes.
    with open(d.value.path(), "rb") as f:
        book = openpyxl.load_workbook(io.BytesIO(f.read()))
    sheet = book["Uppföljning"]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0][:6] == ["Indikator", "Id", "Avsnitt", "Period", "Grupp", "Värde"]
    assert len(values) == len(rows)
    xl_closed = [r for r in values if r[1] == "jobbtorg.closed" and r[2] == "Perioden"]
    assert str(xl_closed[0][5]) == shown
