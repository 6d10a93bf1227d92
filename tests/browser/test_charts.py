"""Charts drawn for the screen they are on (issue 27 §1), as the browser draws them: on every
page with a chart, in every edition, on a 375 px phone and a 1280 px desktop, in the light and
the dark palette:

* each figure shows exactly one of its two drawings (the narrow one on the phone, the wide one
  on the desktop: render/chartlayout.py);
* no label overlaps a mark (a bar, an event's dot) or another label, and none leaves its drawing;
* every chart text is 12–16 px as drawn (its font size times the scale the drawing is shown at).

One browser page per edition, width and palette visits the edition's chart pages; one
``page.evaluate`` per page measures every chart on it (``getBoundingClientRect`` of each text
and mark, in CSS pixels: the drawing's scale included).
"""

from __future__ import annotations

import itertools
from pathlib import Path
from urllib.parse import urljoin

import pytest

from ..support.crawling import PALETTE_SCHEME, Watch, new_watched_context
from ..support.htmlscan import html_pages

EDITIONS = ("en", "ru", "zh")
WIDTHS = {"phone": 375, "desktop": 1280}
PALETTES = ("light", "dark")
CASES = list(itertools.product(EDITIONS, WIDTHS, PALETTES))
SMALLEST, LARGEST = 12.0, 16.0  # px
TOLERANCE = 0.5  # px two boxes may share (anti-aliasing, rounding) without counting as an overlap

# Every chart on the page: per figure, its drawings shown (width > 0), and for the one shown,
# the boxes of its texts and marks and each text's size as drawn.
MEASURE = """() => [...document.querySelectorAll("figure.sco-figure")].map(figure => {
  const shown = [...figure.querySelectorAll("svg.sco-chart")].filter(svg => svg.getBoundingClientRect().width > 0);
  const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
  if (shown.length !== 1) return {id: figure.id, shown: shown.length};
  const svg = shown[0];
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return {
    id: figure.id, shown: 1, drawing: svg.classList.contains("sco-chart--wide") ? "wide" : "narrow", frame: box(svg),
    texts: [...svg.querySelectorAll("text")].map(t => ({
      text: t.textContent, box: box(t), px: parseFloat(getComputedStyle(t).fontSize) * scale})),
    marks: [...svg.querySelectorAll("rect, circle")].map(m => ({what: m.getAttribute("class"), box: box(m)})),
  };
})"""


def chart_pages(site_dir: Path) -> dict[str, list[str]]:
    """Each edition's pages that show a chart, by their path on the server."""
    pages: dict[str, list[str]] = {edition: [] for edition in EDITIONS}
    for path, file in html_pages(site_dir).items():
        if 'class="sco-figure"' in file.read_text(encoding="utf-8"):
            edition = path.split("/", 1)[0] if path.split("/", 1)[0] in ("ru", "zh") else "en"
            pages[edition].append(path)
    return pages


def overlap(a: list[float], b: list[float]) -> bool:
    return min(a[2], b[2]) - max(a[0], b[0]) > TOLERANCE and min(a[3], b[3]) - max(a[1], b[1]) > TOLERANCE


@pytest.fixture(scope="module")
def charts_seen(browser, site_url: str, site_dir: Path):
    """``seen(edition, width, palette)``: {page: [each figure as MEASURE gives it]}, measured once."""
    pages, seen, contexts = chart_pages(site_dir), {}, {}

    def measure(edition: str, width: str, palette: str) -> dict[str, list[dict]]:
        if (edition, width, palette) not in seen:
            if (width, palette) not in contexts:
                contexts[width, palette] = new_watched_context(
                    browser, color_scheme=palette, viewport={"width": WIDTHS[width], "height": 900})
            page = contexts[width, palette].new_page()
            watch = Watch(origin=site_url.rstrip("/")).attach(page)
            found = {}
            for path in pages[edition]:
                # (the charts are laid out once the document is parsed: no need to wait for its scripts)
                watch.path = path
                response = page.goto(urljoin(site_url, path), wait_until="domcontentloaded")
                assert response and response.status == 200, path
                assert page.evaluate("document.body.dataset.mdColorScheme") == PALETTE_SCHEME[palette], path
                found[path] = page.evaluate(MEASURE)
            page.close()
            assert watch.console_errors == [] and watch.failed_requests == []
            seen[edition, width, palette] = found
        return seen[edition, width, palette]

    assert all(len(paths) >= 20 for paths in pages.values()), {e: len(p) for e, p in pages.items()}
    yield measure
    for context in contexts.values():
        context.close()


@pytest.mark.parametrize(("edition", "width", "palette"), CASES)
def test_no_chart_label_overlaps_a_mark_or_another_label(charts_seen, edition, width, palette):
    problems = []
    for path, figures in charts_seen(edition, width, palette).items():
        for chart in figures:
            where = f"/{path}#{chart['id']}"
            if chart["shown"] != 1:
                problems.append(f"{where}: {chart['shown']} drawings shown, not 1")
                continue
            expected = "narrow" if width == "phone" else "wide"
            if chart["drawing"] != expected:
                problems.append(f"{where}: the {chart['drawing']} drawing is shown, not the {expected} one")
            texts, marks, frame = chart["texts"], chart["marks"], chart["frame"]
            for text in texts:
                box = text["box"]
                if box[0] < frame[0] - TOLERANCE or box[2] > frame[2] + TOLERANCE or box[1] < frame[1] - TOLERANCE \
                        or box[3] > frame[3] + TOLERANCE:
                    problems.append(f"{where}: “{text['text']}” leaves the drawing")
                problems += [f"{where}: “{text['text']}” overlaps a mark ({mark['what']})"
                             for mark in marks if overlap(box, mark["box"])]
            problems += [f"{where}: “{a['text']}” overlaps “{b['text']}”"
                         for a, b in itertools.combinations(texts, 2) if overlap(a["box"], b["box"])]
    assert problems == []


@pytest.mark.parametrize(("edition", "width", "palette"), CASES)
def test_chart_text_is_12_to_16_px(charts_seen, edition, width, palette):
    checked, problems = 0, []
    for path, figures in charts_seen(edition, width, palette).items():
        for chart in figures:
            for text in chart.get("texts", []):
                checked += 1
                if not SMALLEST <= text["px"] <= LARGEST:
                    problems.append(f"/{path}#{chart['id']}: “{text['text']}” at {text['px']:.1f} px")
    assert checked > 100 and problems == []
