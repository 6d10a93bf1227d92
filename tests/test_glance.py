"""The record at a glance: the home page's numbers, the SCO's members over time, the SCO–UN
events at CND sessions, and the figures of each metric on a time axis, in every edition."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from scosite.queries.display import format_quantity
from scosite.render.addresses import html_href, page_address

from .support.generator import edition_of

SVG = re.compile(r"<svg .*?</svg>", re.S)
NS = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def real(real_rendering):
    return real_rendering


def charts(page: str, drawing: str = "wide") -> list[ET.Element]:
    """The charts of a page, one drawing each (each chart is drawn wide and narrow); ``drawing=""``: both."""
    drawings = [ET.fromstring(svg) for svg in SVG.findall(page)]
    return [d for d in drawings if not drawing or f"sco-chart--{drawing}" in d.get("class", "").split()]


def test_every_chart_has_a_title_and_a_description_it_is_labelled_by(real):
    _, pages = real
    seen = 0
    for path, text in pages.items():
        for chart in charts(text, ""):
            title, desc = chart.find(f"{NS}title"), chart.find(f"{NS}desc")
            assert title is not None and desc is not None and (title.text or "").strip() and (desc.text or "").strip(), path
            assert chart.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}", path
            seen += 1
    assert seen > 180  # (three editions of the metric, event, home and countries charts, each drawn twice)


def test_each_chart_is_drawn_wide_and_narrow_in_one_figure_with_an_id(real):
    _, pages = real
    for path, text in pages.items():
        for figure in re.findall(r'<figure class="sco-figure"[^>]*>.*?</figure>', text, re.S):
            assert re.match(r'<figure class="sco-figure" id="chart-[a-z0-9-]+">', figure), path
            drawings = [ET.fromstring(svg) for svg in SVG.findall(figure)]
            assert [d.get("class").split()[1] for d in drawings] == ["sco-chart--wide", "sco-chart--narrow"], path
            assert [d.get("width") for d in drawings] == ["600", "336"], path
            wide, narrow = drawings
            assert wide.find(f"{NS}title").text == narrow.find(f"{NS}title").text, path


def test_every_figure_chart_has_its_table_beside_it(real):
    """The charts of figures (metric and event pages) stand beside the table of the same figures."""
    _, pages = real
    for path, text in pages.items():
        within = edition_of(path)[1]
        if within.startswith("figures/") and within != "figures/index.md" and charts(text):
            assert re.search(r"^\| \*\*", text, re.M), f"{path}: a chart without its table"


def test_the_membership_chart_shows_the_founders_and_each_enlargement(real):
    data, pages = real
    (chart,) = charts(pages["countries/index.md"])
    desc = chart.find(f"{NS}desc").text
    founders = [c for c in data.get("countries").values() if any(str(p.start) == "2001-06-15" for p in c.sco)]
    assert len(founders) == 6
    for country, joined in (("India", "9 June 2017"), ("Pakistan", "9 June 2017"), ("Iran", "4 July 2023"),
                            ("Belarus", "4 July 2024")):
        assert f"{country}: member from {joined}" in desc
    lanes = [t.text for t in chart.iter(f"{NS}text") if t.get("class") == "sco-chart-label"]
    assert len(lanes) == sum(1 for c in data.get("countries").values() if c.sco)
    # in every edition, by the names the sources give in its language
    (ru,) = charts(pages["ru/countries/index.md"])
    assert "Казахстан" in [t.text for t in ru.iter(f"{NS}text")]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_each_cnd_event_is_a_mark_that_links_to_its_page_and_doubt_is_drawn(real, lang):
    data, pages = real
    prefix = "" if lang == "en" else f"{lang}/"
    strip = next(c for c in charts(pages[f"{prefix}index.md"]) if "sco-strip" in c.get("class"))
    links = strip.findall(f"{NS}a")
    events = [e for e in data.get("events").values() if e.kind == "side-event" and e.session and e.session.body == "cnd"]
    assert len(links) == len(events) >= 10
    for link, event in zip(links, sorted(events, key=lambda e: e.date), strict=True):
        assert link.get("href") == html_href("index.md", f"events/{event.id}.md", True)
        mark = link.find(f"{NS}circle")
        assert ("sco-strip-mark--doubtful" in mark.get("class")) == bool(event.caveat)
    notes = [t.text for t in strip.iter(f"{NS}text") if t.get("class") == "sco-chart-note"]
    assert len(notes) == sum(1 for e in events if e.caveat)


def test_links_written_in_html_follow_the_address_style():
    assert page_address("index.md", True) == "" and page_address("events/x.md", True) == "events/x/"
    assert page_address("countries/index.md", False) == "countries/index.html"
    assert html_href("index.md", "events/x.md", True) == "events/x/"
    assert html_href("countries/index.md", "events/x.md", True) == "../events/x/"
    assert html_href("events/y.md", "index.md", True) == "../../"
    assert html_href("index.md", "events/x.md", False) == "events/x.html"
    assert html_href("countries/index.md", "events/x.md", False) == "../events/x.html"


def test_the_home_page_counts_link_to_what_they_count(real):
    data, pages = real
    home = pages["index.md"]
    assert f"[**{len(data.get('documents'))}** documents](documents/index.md)" in home
    assert f"[**{len(data.get('figures'))}** figures](figures/index.md)" in home
    members = [c for c in data.get("countries").values() if any(p.status == "member" and not p.end for p in c.sco)]
    assert f"[**{len(members)}** member states](countries/index.md)" in home


def test_a_metric_chart_shows_each_statement_with_its_period_and_adds_nothing(real):
    """Tons and tonnes, which the metric declares the same unit, share one chart: a bar per
    statement, each amount in its source's word; undated statements too (last)."""
    data, pages = real
    (chart,) = charts(pages["figures/heroin-seized.md"])
    assert "tonnes and tons" in chart.find(f"{NS}title").text
    figures = [f for f in data.get("figures").values() if f.metric == "heroin-seized"]
    assert {f.unit for f in figures} == {"tonnes", "tons"}
    values = [t.text for t in chart.iter(f"{NS}text") if t.get("class") == "sco-chart-value"]
    assert sorted(values) == sorted(str(format_quantity(f)) for f in figures)
    assert {"some 69 tonnes", "over 70 tonnes", "181 tons"} <= set(values) and values[-1] == "about 70 tons"
    assert len(chart.findall(f"{NS}rect")) == len(figures)
    # a metric whose units are not declared the same keeps a chart per unit
    assert len(charts(pages["figures/drugs-seized-in-operations.md"])) == 2


def test_the_years_of_cooperation_count_from_the_sourced_start_and_cite_it(real):
    data, pages = real
    start = data.get("milestones")["sco-un-relations-2004"]
    last = max(str(r.date)[:4] for c in ("events", "documents", "milestones") for r in data.get(c).values() if r.date)
    line = next(x for x in pages["index.md"].splitlines() if "years of SCO–UN cooperation" in x)
    assert line.startswith(f"- [**{str(start.date)[:4]}–{last}**](timeline.md#milestones-{start.id})")
    assert all(f"[^{source}]" in line for source in start.sources), line
