"""Screenshots of the main kinds of page, wide and narrow, light and dark, for people to look at.

They are written to .cache/screenshots/ (git-ignored; CI uploads the folder as an artifact).
Each shot also checks what a screenshot would show wrong: nothing wider than the screen.
"""

from __future__ import annotations

import pytest

from ..support.browser import SCREENSHOTS
from ..support.crawling import Watch, open_page

PAGES = {
    "home": "",
    "home-ru": "ru/",
    "home-zh": "zh/",
    "event": "events/2017-cnd60-high-level-event/",
    "person": "people/rashid-alimov/",
    "figures": "figures/",
    "timeline": "timeline/",
}
SIZES = {"desktop": (1280, 800), "mobile": (375, 812)}
SCREENS = 3  # each shot covers the first three screens of the page (whole pages are slow to take)
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots(light, dark, site_url, size, palette):
    page = {"light": light, "dark": dark}[palette].new_page()
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in PAGES.items():
        assert open_page(page, watch, site_url, path, palette) == 200
        if overflow := page.evaluate(OVERFLOW):
            too_wide[name] = overflow
        shot = SCREENSHOTS / f"{name}-{size}-{palette}.png"
        full = page.evaluate("() => document.documentElement.scrollHeight")
        page.screenshot(path=shot, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(full, SCREENS * height)})
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()
    assert too_wide == {}, "pages wider than the screen (px of horizontal scrolling)"
    assert watch.console_errors == [] and watch.failed_requests == []


# Pages with the longest names and labels in their tables, in every edition.
TABLE_PAGES = ["", "events/", "documents/", "sources/", "figures/", "people/rashid-alimov/",
               "events/2017-cnd60-high-level-event/", "ru/events/", "ru/documents/", "ru/sources/", "zh/documents/",
               "zh/sources/"]
# The lines each link in a table cell takes (names and titles are links here), and each short
# cell (a label, a date, a number); a long cell is a note or a quotation, prose that may run on.
CELL_LINES = """() => {
  const lines = el => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom))).size;
  };
  const out = [];
  for (const cell of document.querySelectorAll("article td, article th")) {
    const text = cell.innerText.trim();
    const parts = [...cell.querySelectorAll("a:not(.footnote-ref)")];
    if (text.length <= 100) parts.push(cell);
    for (const part of parts) {
      const n = lines(part);
      if (n > 5) out.push(`${n} lines: ${part.innerText.trim().slice(0, 80)}`);
    }
  }
  return out;
}"""


@pytest.fixture
def phone(light, site_url):
    """A page on a 375 px phone in the light palette, and what it watches."""
    page = light.new_page()
    width, height = SIZES["mobile"]
    page.set_viewport_size({"width": width, "height": height})
    yield page, Watch(origin=site_url.rstrip("/")).attach(page)
    page.close()


def test_no_name_or_label_in_a_table_wraps_to_more_than_five_lines_on_a_phone(phone, site_url):
    page, watch = phone
    problems = {}
    for path in TABLE_PAGES:
        assert open_page(page, watch, site_url, path, "light") == 200
        assert page.locator("article td").count() > 0, f"/{path} has no table"
        if found := page.evaluate(CELL_LINES):
            problems[path] = found
        assert page.evaluate(OVERFLOW) == 0, f"/{path} is wider than the screen"
    assert problems == {}


CHART_PAGES = ["", "countries/", "figures/heroin-seized/", "figures/hashish-seized/", "ru/", "zh/figures/heroin-seized/"]
# Each chart's text as drawn: its font size times the scale the chart is drawn at (an SVG's
# user units shrink with it on a narrow screen), in the drawing shown (each chart has a wide and
# a narrow one: test_charts.py checks both widths on every chart page).
CHART_TEXT = """() => [...document.querySelectorAll("svg.sco-chart")]
  .filter(svg => svg.getBoundingClientRect().width > 0).flatMap(svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll("text")].map(t => ({
    px: parseFloat(getComputedStyle(t).fontSize) * scale, text: t.textContent.slice(0, 40)}));
})"""


def test_chart_text_is_at_least_12_px_on_a_phone(phone, site_url):
    page, watch = phone
    small = {}
    for path in CHART_PAGES:
        assert open_page(page, watch, site_url, path, "light") == 200
        texts = page.evaluate(CHART_TEXT)
        assert texts, f"/{path} has no chart"
        if found := [f"{t['px']:.1f} px: {t['text']}" for t in texts if t["px"] < 12]:
            small[path] = found
    assert small == {}
