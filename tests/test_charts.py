"""Charts drawn for the screen they are on (issue 27 §1), as the generator writes them (the
browser's view of the same rules: tests/browser/test_charts.py):

* each drawing lays its labels out clear of its marks and of each other, inside the drawing,
  as its own text measure estimates them (``chartlayout.Measure``);
* units a metric declares the same share one chart; others do not;
* under every chart: its sources with their footnotes, a link to its data and a link to the
  chart alone; its data is a CSV file in each edition's language, with the caveat columns.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from scosite.build.generator import Project, validate
from scosite.data import i18n
from scosite.render.chartdata import EVENT_COLUMNS, FIGURE_COLUMNS, MEMBERSHIP_COLUMNS, SOURCE_COLUMNS
from scosite.render.chartlayout import AXIS, LABEL, NARROW, NOTE, VALUE, WIDE, Box, Measure

from .support.generator import edition_of, rendered, settings

NS = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r'<figure class="sco-figure" id="(?P<id>[^"]+)">(?P<body>.*?)</figure>\n\n(?P<notes>.*?)\n'
                    r"\{: \.sco-chart-notes \}", re.S)
SIZES = {"sco-chart-label": (LABEL, False), "sco-chart-value": (VALUE, True), "sco-chart-axis": (AXIS, False),
         "sco-chart-note": (NOTE, False)}


@pytest.fixture(scope="module")
def real(real_rendering):
    return real_rendering


def figures(pages) -> list[tuple[str, re.Match[str]]]:
    return [(path, found) for path, text in pages.items() if path.endswith(".md") for found in FIGURE.finditer(text)]


def table(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def text_boxes(drawing: ET.Element, measure: Measure) -> list[tuple[str, Box]]:
    boxes = []
    for element in drawing.iter(f"{NS}text"):
        size, bold = SIZES[element.get("class", "")]
        boxes.append((element.text or "", measure.box(element.text or "", float(element.get("x", 0)),
                                                      float(element.get("y", 0)), size,
                                                      element.get("text-anchor", "start"), bold)))
    return boxes


def mark_boxes(drawing: ET.Element) -> list[Box]:
    boxes = [Box(float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("x", 0)) + float(r.get("width", 0)),
                 float(r.get("y", 0)) + float(r.get("height", 0))) for r in drawing.iter(f"{NS}rect")]
    for c in drawing.iter(f"{NS}circle"):
        x, y, r = float(c.get("cx", 0)), float(c.get("cy", 0)), float(c.get("r", 0))
        boxes.append(Box(x - r, y - r, x + r, y + r))
    return boxes


def test_every_drawing_lays_its_labels_out_clear_of_its_marks_and_of_each_other(real):
    _, pages = real
    problems, drawings = [], 0
    for path, found in figures(pages):
        measure = Measure(edition_of(path)[0])
        for svg in re.findall(r"<svg .*?</svg>", found["body"], re.S):
            drawing = ET.fromstring(svg)
            drawings += 1
            width, height = (float(v) for v in drawing.get("viewBox", "").split()[2:])
            frame = Box(0, 0, width, height)
            texts, marks = text_boxes(drawing, measure), mark_boxes(drawing)
            where = f"{path}#{found['id']} ({int(width)})"
            for content, box in texts:
                if box.x0 < frame.x0 or box.x1 > frame.x1 or box.y0 < frame.y0 or box.y1 > frame.y1:
                    problems.append(f"{where}: “{content}” leaves the drawing")
                problems += [f"{where}: “{content}” is on a mark" for mark in marks if box.overlaps(mark, 0)]
            problems += [f"{where}: “{a}” overlaps “{b}”" for (a, one), (b, other) in itertools.combinations(texts, 2)
                         if one.overlaps(other, 0)]
    assert drawings > 140 and problems == []


def test_text_is_measured_on_the_wide_side():
    """The estimate of DejaVu Sans (the widest common sans-serif) against widths Chromium
    measured at 14 px; a label measured too narrow could overlap its neighbour."""
    measure = Measure("en")
    for text, bold, measured in (("some 69 tonnes", False, 112.5), ("some 69 tonnes", True, 125.3),
                                 ("2010–2015 (Rashid Alimov, 13 March 2017)", False, 306.8),
                                 ("около 69 тонн", True, 114.9), ("Шш Щщ Юю Ыы", False, 119.9),
                                 ("2010—2015年（拉希德·阿利莫夫，2017年3月13日）", False, 348.1)):
        assert measured <= measure.width(text, 14, bold) <= measured * 1.25, text
    assert Measure("zh").height(14) > Measure("en").height(14)  # Noto Sans CJK's taller line box


def test_long_labels_wrap_to_the_width_and_chinese_wraps_between_characters():
    measure = Measure("zh")
    lines = measure.wrap("上合组织成员国相关部门缴获的海洛因上合组织成员国相关部门缴获的海洛因", 120, LABEL)
    assert len(lines) > 1 and all(measure.width(line, LABEL) <= 120 for line in lines)
    label = "heroin confiscated by the concerned agencies of the SCO member states"
    lines = Measure("en").wrap(label, NARROW - 8, LABEL)
    assert len(lines) == 2 and " ".join(lines) == label


def test_units_declared_the_same_share_a_chart_each_in_its_sources_word(real):
    data, pages = real
    metrics = data.get("metrics")
    assert [e.units for e in metrics["heroin-seized"].equivalent_units] == [["tonnes", "tons"]]
    for lang in ("en", "ru", "zh"):
        prefix = "" if lang == "en" else f"{lang}/"
        (heroin,) = [f for p, f in figures(pages) if p == f"{prefix}figures/heroin-seized.md"]
        assert heroin["id"] == "chart-tonnes"
        # the declaration's note, its source and its caveat, under the chart
        assert "[^x-doc-24kg-339559]" in heroin["notes"] and "24.kg" in heroin["notes"]
    (en,) = [f for p, f in figures(pages) if p == "figures/heroin-seized.md"]
    assert ">181 tons</text>" in en["body"] and ">some 69 tonnes</text>" in en["body"]
    # units not declared the same keep their own charts (and an attendance is not a headcount)
    assert sorted(f["id"] for p, f in figures(pages) if p == "figures/attendance.md") == [
        "chart-delegates-and-guests", "chart-people"]


def test_under_every_chart_its_sources_its_data_and_a_link_to_it(real):
    _, pages = real
    seen = 0
    for path, found in figures(pages):
        lang, within = edition_of(path)
        words = i18n.language(lang)
        notes = found["notes"]
        assert re.search(r"\[\^[a-z0-9-]+\]", notes.splitlines()[0]), f"{path}: no source under #{found['id']}"
        assert notes.splitlines()[0].startswith((words._("Sources"), words._("Source"))), path
        download = re.search(r"\]\(((?:\.\./)*downloads/charts/[a-z0-9/-]+\.csv)\)", notes)
        assert download, f"{path}: no data under #{found['id']}"
        target = Path(within).parent.joinpath(download.group(1)).as_posix()
        while "/../" in target or target.startswith("../"):
            target = re.sub(r"[^/]+/\.\./", "", target, count=1)
        published = target if lang == "en" else f"{lang}/{target}"
        assert published in pages, f"{path}: {download.group(1)} is not made"
        assert f"(#{found['id']})" in notes, f"{path}: no link to #{found['id']}"
        rows = table(pages[published])
        assert len(rows) > 1 and len({len(r) for r in rows}) == 1
        seen += 1
    assert seen >= 75  # (25 pages with charts in each of three editions)


def test_a_charts_data_is_its_rows_in_the_editions_language_with_the_caveat_columns(real):
    data, pages = real
    for lang in ("en", "ru", "zh"):
        prefix = "" if lang == "en" else f"{lang}/"
        words = i18n.language(lang)
        heroin = table(pages[f"{prefix}downloads/charts/figures/heroin-seized-tonnes.csv"])
        assert heroin[0] == [words._(c) for c in FIGURE_COLUMNS + SOURCE_COLUMNS]
        ids = [row[0] for row in heroin[1:]]
        assert sorted(ids) == sorted(f.id for f in data.get("figures").values() if f.metric == "heroin-seized")
        undated = heroin[ids.index("heroin-seized-past-five-years-misc") + 1]
        note = data.get("figures")["heroin-seized-past-five-years-misc"].caveat.note
        assert undated[-2:] == [words._("not verified"), (note.translation(lang) if lang != "en" else None) or str(note)]
        membership = table(pages[f"{prefix}downloads/charts/membership.csv"])
        assert membership[0] == [words._(c) for c in MEMBERSHIP_COLUMNS + SOURCE_COLUMNS]
        assert len(membership) - 1 == sum(len(c.sco) for c in data.get("countries").values())
        events = table(pages[f"{prefix}downloads/charts/cnd-events.csv"])
        assert events[0] == [words._(c) for c in EVENT_COLUMNS + SOURCE_COLUMNS]
        assert [r[0] for r in events[1:] if r[-2]] == [e.id for e in sorted(data.get("events").values(),
                                                                              key=lambda e: e.date)
                                                       if e.caveat and e.kind == "side-event" and e.session
                                                       and e.session.body == "cnd"]
    ru = table(pages["ru/downloads/charts/figures/heroin-seized-tonnes.csv"])
    assert "около 69 тонн" in [row[3] for row in ru]  # the amount in the edition's words
    assert all(cell.startswith("http") for row in ru[1:] for cell in row[-3].split("; "))


def test_the_drawings_are_as_wide_as_the_style_sheet_switches_them():
    css = (Path(__file__).parents[1] / "docs" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    assert f"@container (min-width: {WIDE}px)" in css
    assert NARROW <= 343  # a 375 px phone's column: the narrow drawing is shown at its own size


def write(project: Path, text: str) -> list[tuple[str, str]]:
    (project / "data" / "metrics" / "heroin-seized.yml").write_text(text, encoding="utf-8")
    return [(p.field, p.message) for p in validate(Project(project))[1]]


EQUIVALENT = "  - units: [{units}]\n    note: same\n    sources: [s01]\n"


def test_equivalent_units_are_declared_with_a_note_and_a_source(mini_project):
    head = "id: heroin-seized\nname: Heroin seized\nequivalent_units:\n"
    assert write(mini_project, head + EQUIVALENT.format(units="tonnes, tons")) == []
    assert write(mini_project, head + EQUIVALENT.format(units="tonnes, tonnes")) == [
        ("equivalent_units[0]", "a unit is listed twice")]
    assert write(mini_project, head + EQUIVALENT.format(units="tonnes")) == [
        ("equivalent_units[0]", "a unit is the same as itself: list two units or more")]
    assert write(mini_project, head + EQUIVALENT.format(units="tonnes, tons") + EQUIVALENT.format(units="tons, kg")) == [
        ("", "a unit is in two lists of equivalent units")]
    assert write(mini_project, head + "  - units: [tonnes, tons]\n    note: same\n") == [
        ("equivalent_units[0].sources", "required field is missing")]


def test_the_fixtures_charts_merge_once_its_metric_declares_tons_and_tonnes_the_same(mini_project):
    before = rendered(settings(mini_project, history=False))[1]
    assert before["figures/heroin-seized.md"].count('<figure class="sco-figure"') == 2
    metric = mini_project / "data" / "metrics" / "heroin-seized.yml"
    metric.write_text(metric.read_text(encoding="utf-8") + "equivalent_units:\n"
                      + EQUIVALENT.format(units="tonnes, tons"), encoding="utf-8")
    after = rendered(settings(mini_project, history=False))[1]
    page = after["figures/heroin-seized.md"]
    assert page.count('<figure class="sco-figure"') == 1
    assert ">some 69 tonnes</text>" in page and ">1,500.5 tons</text>" in page
    assert "Units on one axis: same[^s01]" in page
    assert sorted(p for p in after if p.startswith("downloads/charts/figures/")) == [
        "downloads/charts/figures/heroin-seized-tonnes.csv", "downloads/charts/figures/opium-seized-tonnes.csv"]
