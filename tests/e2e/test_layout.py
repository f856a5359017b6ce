"""Orientation and layout on every kind of page: the person's band (name, personnummer, responsible, status, next
deadline) on the pages about a person; no page scrolls sideways at 320 px; a refused submit moves focus to the
error summary, whose links lead to each field; the focus ring has at least 3:1 contrast against the page behind it.
Each at 1280 px and 320 px, with zero axe violations."""
import re

import pytest

from conftest import assert_no_axe_violations, login, open_form
from test_assessment_flow import register


def no_sideways_scroll(page):
    width = page.evaluate("document.documentElement.clientWidth")
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{page.url} scrolls sideways at {width} px: {scroll} px wide"


def band(page):
    return page.locator("section.person-header")


# The relative luminance and contrast ratio of WCAG 2.1, computed from the browser's computed colours.
CONTRAST_JS = """(el) => {
  function rgb(s) { const m = s.match(/rgba?\\(([^)]+)\\)/); return m[1].split(',').slice(0, 3).map(Number); }
  function lum(c) { const [r, g, b] = c.map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
  function ratio(a, b) { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); }
  function background(e) {
    for (let n = e.parentElement; n; n = n.parentElement) {
      const c = getComputedStyle(n).backgroundColor;
      if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return rgb(c);
    }
    return [255, 255, 255];
  }
  const s = getComputedStyle(el);
  return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), ratio: ratio(rgb(s.outlineColor), background(el)) };
}"""


@pytest.mark.parametrize("width", [1280, 320])
def test_person_band_reflow_and_focus(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    login(page, "socialsekreterare")
    person_url = register(page)
    no_sideways_scroll(page)

    # The band on each page about the person: name (a link to the person), personnummer, responsible, status, next deadline.
    number = page.locator("main dl.facts dd").first.inner_text().strip()
    for suffix in ["/case", "/assessments", "/journal", "/timeline", "/interventions", "/need-assessment"]:
        page.goto(person_url + suffix)
        b = band(page)
        assert b.count() == 1, f"{page.url} has no person band"
        text = b.inner_text()
        assert number in text
        for label in ["Ansvarig", "Status", "Nästa frist"]:
            assert label in text, f"{label} missing in the band on {page.url}"
        assert b.get_by_role("link").first.get_attribute("href").rstrip("/") == person_url.replace(page.url.split("/persons/")[0], "").rstrip("/")
        assert_no_axe_violations(page)
        no_sideways_scroll(page)

    # After opening the case the band names the status and the caseworker who takes it over.
    page.goto(person_url + "/case")
    assert "Inget ärende" in band(page).inner_text()
    open_form(page, "Registrera aktualisering")
    page.locator("#case-channel").select_option("visit")
    page.get_by_role("button", name="Registrera aktualisering").click()
    assert re.search(r"Aktualiserad \d{4}-\d{2}-\d{2}", band(page).inner_text())
    take = page.get_by_role("button", name="Ta över ärendet")
    if take.count():
        take.click()
    assert "Sara Socialsekreterare" in band(page).inner_text()
    no_sideways_scroll(page)

    # A refused submit: focus lands on the error summary, and its link moves focus to the field.
    page.goto(person_url + "/journal")
    page.get_by_role("radio", name="Telefon").check()
    page.locator("#eventDate").fill("2099-01-01")
    page.get_by_role("button", name="Spara utkast").click()
    summary = page.locator(".error-summary")
    assert summary.count() == 1
    assert page.evaluate("document.activeElement.classList.contains('error-summary')"), "focus is not on the error summary"
    summary.get_by_role("link", name=re.compile("Skriv anteckningen")).click()
    assert page.evaluate("document.activeElement.id") == "text"
    assert_no_axe_violations(page)
    no_sideways_scroll(page)

    # The focus ring: at least 3:1 against what is behind it, on the page and on the dark header.
    page.keyboard.press("Tab")
    ring = page.evaluate(CONTRAST_JS, page.evaluate_handle("document.activeElement"))
    assert ring["style"] != "none" and ring["width"] >= 2
    assert ring["ratio"] >= 3, f"focus ring contrast {ring['ratio']:.2f}:1"
    page.locator("header.site a.brand").focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    header_ring = page.evaluate(CONTRAST_JS, page.evaluate_handle("document.activeElement"))
    assert header_ring["ratio"] >= 3, f"focus ring contrast on the header {header_ring['ratio']:.2f}:1"


@pytest.mark.parametrize("user", ["socialsekreterare", "coach", "enhetschef", "jobbtorgschef", "admin"])
def test_no_list_page_scrolls_sideways_at_320(page, user):
    page.set_viewport_size({"width": 320, "height": 900})
    login(page, user, axe=False)
    links = [a.get_attribute("href") for a in page.locator("header.site nav a").all()]
    assert links
    for href in links:
        page.goto(href)
        no_sideways_scroll(page)
        # A data table's cells carry their column names for the narrow layout.
        for cell in page.locator("table.data tbody td").all()[:5]:
            assert cell.get_attribute("data-label"), f"a cell without its column name on {page.url}"
