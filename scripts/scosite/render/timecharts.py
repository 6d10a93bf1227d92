"""Charts against time, as inline SVG drawn at build time: the SCO's member states year by year,
and a strip of the SCO–UN events at the CND's sessions, each mark a link to its event.

Each is drawn for a narrow and for a wide column (``chartlayout``): the years on the axis are
as far apart as their labels need, the country names' column as wide as the longest name.
Colours come from CSS classes, so the charts follow the light and dark palettes. Every chart
carries a ``<title>`` and a ``<desc>`` that says in words what it draws, and the page beside it
has the same facts as a table or a list (its twin). Text from data is escaped for XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import escape
from .chartlayout import AXIS, GAP, LABEL, NOTE, Box, Measure, esc, number, svg, text

RIGHT = 10  # room right of the last year
BAR = 14  # a lane's bar


def year_of(date: str) -> float:
    """'2017-06-09' -> 2017.44 (a position on a year axis); '2017' -> 2017.0."""
    parts = [int(p) for p in str(date).split("-")]
    if len(parts) == 1:
        return float(parts[0])
    day = dt.date(parts[0], parts[1], parts[2] if len(parts) == 3 else 1)
    start = dt.date(parts[0], 1, 1)
    return parts[0] + (day - start).days / 365.25


@dataclass(frozen=True)
class Span:
    status: str  # "member", "observer", "dialogue-partner"
    start: float
    end: float | None  # None: still so, as far as the record shows
    doubtful: bool  # a caveat: drawn hatched, and the description says so


@dataclass(frozen=True)
class Lane:
    label: str
    spans: tuple[Span, ...]


def year_step(pixels_per_year: float, measure: Measure) -> int:
    """Every how many years the axis is labelled: the labels at least their width plus 12 apart."""
    room = measure.width("2000", AXIS) + 12
    return next((step for step in (1, 2, 5, 10, 20, 50) if step * pixels_per_year >= room), 100)


def axis_labels(years: Sequence[int], x: Callable[[float], float], baseline: float, width: int, measure: Measure,
                offset: float = 0.0) -> list[str]:
    """The years' labels under an axis, centred on ``x(year + offset)``, those that fit the drawing."""
    parts = []
    for year in years:
        box = measure.box(str(year), x(year + offset), baseline, AXIS, "middle")
        if box.x0 >= 0 and box.x1 <= width:
            parts.append(text("sco-chart-axis", x(year + offset), baseline, str(year), "middle"))
    return parts


def membership_chart(chart_id: str, title: str, description: str, lanes: Sequence[Lane], first: int, last: int,
                     status_word: Callable[[str], str], width: int, lang: str) -> str:
    """One lane per country from its first year in the SCO to ``last`` (or its period's end);
    members solid, observers and dialogue partners lighter, doubtful periods hatched."""
    measure = Measure(lang)
    label_width = max(measure.width(lane.label, LABEL) for lane in lanes) + 2 + 10
    row = round(max(BAR, measure.height(LABEL)) + 2 * GAP + 2)
    span_width = width - label_width - RIGHT
    lanes_height = len(lanes) * row

    def x(year: float) -> float:
        return round(label_width + span_width * (year - first) / (last + 1 - first), 1)

    parts = []
    step = year_step(span_width / (last + 1 - first), measure)
    years = [y for y in range(first - first % step, last + 1, step) if y >= first]
    for year in years:
        parts.append(f'<line class="sco-chart-grid" x1="{number(x(year))}" y1="0" x2="{number(x(year))}" '
                     f'y2="{lanes_height}"/>')
    axis_baseline = lanes_height + GAP + 2 + measure.ascent * AXIS
    parts += axis_labels(years, x, axis_baseline, width, measure)
    for index, lane in enumerate(lanes):
        y = index * row
        baseline = y + row / 2 + (measure.ascent - measure.descent) * LABEL / 2
        parts.append(text("sco-chart-label", 2, baseline, lane.label))  # (a "T" reaches left of its origin)
        for span in lane.spans:
            end = span.end if span.end is not None else last + 1
            kind = "sco-chart-bar" if span.status == "member" else "sco-chart-bar sco-chart-bar--light"
            if span.doubtful:
                kind += " sco-chart-bar--doubtful"
            parts.append(f'<rect class="{kind}" x="{number(x(span.start))}" y="{number(y + (row - BAR) / 2)}" '
                         f'width="{number(max(x(end) - x(span.start), 1.5))}" height="{BAR}" rx="2">'
                         f'<title>{esc(status_word(span.status))}</title></rect>')
    height = axis_baseline + measure.descent * AXIS + 2
    return svg(chart_id, width, height, title, description, parts, "sco-timechart")


@dataclass(frozen=True)
class Mark:
    date: str
    label: str  # the event's title, for the mark's tooltip and the description
    href: str  # where the mark leads (the event's page, relative to this page)
    doubtful: str  # "" or the word for its doubt ("inference"), written above the mark


RADIUS = 7


def event_strip(chart_id: str, title: str, description: str, marks: Sequence[Mark], first: int, last: int,
                width: int, lang: str) -> str:
    """A year axis with a mark at each event's date, each a link to its page; a mark for an
    event the data does not state outright is hollow, with its doubt written above it (notes
    that would overlap are stacked)."""
    measure = Measure(lang)
    left, right = 14, width - 14

    def x(year: float) -> float:
        return round(left + (right - left) * (year - first) / max(last + 1 - first, 1), 1)

    # The notes above the marks, in levels from the axis up: each at the lowest level where it
    # overlaps no other note.
    line = measure.line(NOTE)
    notes: list[tuple[float, str, str, int]] = []
    placed: list[tuple[int, Box]] = []
    for mark in marks:
        if not mark.doubtful:
            continue
        nx, anchor = x(year_of(mark.date)), "middle"  # centred over its mark, unless it would leave the drawing
        box = measure.box(mark.doubtful, nx, 0, NOTE, anchor)
        if box.x0 < 0 or box.x1 > width:
            nx, anchor = (2, "start") if box.x0 < 0 else (width - 2, "end")
            box = measure.box(mark.doubtful, nx, 0, NOTE, anchor)
        level = 0
        while any(lv == level and box.overlaps(other) for lv, other in placed):
            level += 1
        placed.append((level, box))
        notes.append((nx, anchor, mark.doubtful, level))
    levels = max((level for *_, level in notes), default=-1) + 1
    axis_y = round(levels * line + RADIUS + GAP + 4, 1) if levels else RADIUS + 6
    parts = [f'<line class="sco-chart-grid" x1="{left}" y1="{number(axis_y)}" x2="{right}" y2="{number(axis_y)}"/>']
    step = year_step((right - left) / max(last + 1 - first, 1), measure)
    axis_baseline = axis_y + RADIUS + 1 + GAP + 2 + measure.ascent * AXIS
    parts += axis_labels([y for y in range(first, last + 1) if (y - first) % step == 0], x, axis_baseline, width,
                         measure, 0.5)
    for mark in marks:
        shape = "sco-strip-mark sco-strip-mark--doubtful" if mark.doubtful else "sco-strip-mark"
        parts.append(f'<a href="{escape.html_attr(mark.href)}" aria-label="{escape.html_attr(mark.label)}">'
                     f'<title>{esc(mark.label)}</title>'
                     f'<circle class="{shape}" cx="{number(x(year_of(mark.date)))}" cy="{number(axis_y)}" '
                     f'r="{RADIUS}"/></a>')
    for nx, anchor, note, level in notes:
        baseline = axis_y - RADIUS - 1 - GAP - 2 - measure.descent * NOTE - level * line
        parts.append(text("sco-chart-note", nx, baseline, note, anchor))
    height = axis_baseline + measure.descent * AXIS + 2
    return svg(chart_id, width, height, title, description, parts, "sco-strip", role="group")
