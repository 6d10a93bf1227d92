"""Charts against time, as inline SVG drawn at build time: the SCO's member states year by year,
and a strip of the SCO–UN events at the CND's sessions, each mark a link to its event.

Sized for a phone: 360 units wide, text at 12–13 units, so a 375-pixel screen shows it at
about its own size and a wider one scales it up. Colours come from CSS classes, so the
charts follow the light and dark palettes. Every chart carries a ``<title>`` and a
``<desc>`` that says in words what it draws, and the page beside it has the same facts as
a table or a list (its twin). Text from data is escaped for XML.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from . import escape

WIDTH = 360
LABEL_WIDTH = 104  # the country names' column
RIGHT = 16
ROW = 18
AXIS = 22  # room for the year labels under the bars


def esc(value: str) -> str:
    return escape.html_text(value)


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


def ticks(first: int, last: int, step: int = 5) -> list[int]:
    start = first - first % step
    return [y for y in range(start, last + 1, step) if y >= first]


def membership_chart(chart_id: str, title: str, description: str, lanes: Sequence[Lane], first: int, last: int,
                     status_word: Callable[[str], str]) -> str:
    """One lane per country from its first year in the SCO to ``last`` (or its period's end);
    members solid, observers and dialogue partners lighter, doubtful periods hatched."""
    span_width = WIDTH - LABEL_WIDTH - RIGHT
    height = len(lanes) * ROW + AXIS + 4

    def x(year: float) -> float:
        return round(LABEL_WIDTH + span_width * (year - first) / (last + 1 - first), 1)

    parts = [f'<svg class="sco-chart sco-timechart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{esc(title)}</title>', f'<desc id="{chart_id}-desc">{esc(description)}</desc>']
    for year in ticks(first, last):
        parts.append(f'<line class="sco-chart-grid" x1="{x(year)}" y1="0" x2="{x(year)}" y2="{len(lanes) * ROW}"/>')
        parts.append(f'<text class="sco-chart-axis" x="{x(year)}" y="{len(lanes) * ROW + 15}" '
                     f'text-anchor="middle">{year}</text>')
    for row, lane in enumerate(lanes):
        y = row * ROW
        parts.append(f'<text class="sco-chart-label" x="0" y="{y + 13}">{esc(lane.label)}</text>')
        for span in lane.spans:
            end = span.end if span.end is not None else last + 1
            kind = "sco-chart-bar" if span.status == "member" else "sco-chart-bar sco-chart-bar--light"
            if span.doubtful:
                kind += " sco-chart-bar--doubtful"
            parts.append(f'<rect class="{kind}" x="{x(span.start)}" y="{y + 3}" '
                         f'width="{max(round(x(end) - x(span.start), 1), 1.5)}" height="{ROW - 6}" rx="2">'
                         f'<title>{esc(status_word(span.status))}</title></rect>')
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class Mark:
    date: str
    label: str  # the event's title, for the mark's tooltip and the description
    href: str  # where the mark leads (the event's page, relative to this page)
    doubtful: str  # "" or the word for its doubt ("inference"), written under the mark


def event_strip(chart_id: str, title: str, description: str, marks: Sequence[Mark], first: int, last: int) -> str:
    """A year axis with a mark at each event's date, each a link to its page; a mark for an
    event the data does not state outright is hollow, with its doubt written beneath."""
    left, right, axis_y = 14, WIDTH - 14, 30
    height = 70

    def x(year: float) -> float:
        return round(left + (right - left) * (year - first) / max(last + 1 - first, 1), 1)

    parts = [f'<svg class="sco-chart sco-strip" viewBox="0 0 {WIDTH} {height}" width="100%" role="group" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{esc(title)}</title>', f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
             f'<line class="sco-chart-grid" x1="{left}" y1="{axis_y}" x2="{right}" y2="{axis_y}"/>']
    for year in range(first, last + 1):
        if (year - first) % 3 == 0 or year == last:
            parts.append(f'<text class="sco-chart-axis" x="{x(year + 0.5)}" y="{axis_y + 22}" '
                         f'text-anchor="middle">{year}</text>')
    for mark in marks:
        cx = x(year_of(mark.date))
        shape = "sco-strip-mark sco-strip-mark--doubtful" if mark.doubtful else "sco-strip-mark"
        parts.append(f'<a href="{escape.html_attr(mark.href)}" aria-label="{escape.html_attr(mark.label)}">'
                     f'<title>{esc(mark.label)}</title>'
                     f'<circle class="{shape}" cx="{cx}" cy="{axis_y}" r="7"/></a>')
        if mark.doubtful:
            parts.append(f'<text class="sco-chart-note" x="{cx}" y="{axis_y - 12}" '
                         f'text-anchor="middle">{esc(mark.doubtful)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


@dataclass(frozen=True)
class Statement:
    start: float | None  # the period it covers, as years (None: the source gives no dates)
    end: float | None
    said: float | None  # when it was stated (where the period has no dates, the mark goes there)
    value: float
    text: str  # the amount as the source words it ("some 69 tonnes")
    doubtful: bool


def statements_chart(chart_id: str, title: str, description: str, rows: Sequence[Statement]) -> str:
    """Statements about one thing, by the period each covers: one mark per statement, its
    height its value and its length its period (a dot at the date it was stated where the
    source gives the period no dates), the amount written beside it as the source words it.
    Never added together or averaged. A statement with no date at all has no place on the
    axis: leave it out (the table beside the chart lists it)."""
    left, right, top, bottom = 20, WIDTH - 20, 10, 26
    plot_h = 26 * max(len(rows), 3)
    height = top + plot_h + bottom
    years = [y for r in rows for y in (r.start, r.end, r.said) if y is not None]
    first, last = int(min(years)), int(max(years)) + 1
    if last - first < 4:
        first, last = first - 1, last + 1
    peak = max((r.value for r in rows), default=0) or 1

    def x(year: float) -> float:
        return round(left + (right - left) * (year - first) / (last - first), 1)

    def y(value: float) -> float:
        return round(top + plot_h - plot_h * value / peak * 0.85, 1)

    parts = [f'<svg class="sco-chart sco-timechart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
             f'<title id="{chart_id}-title">{esc(title)}</title>', f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
             f'<line class="sco-chart-grid" x1="{left}" y1="{top + plot_h}" x2="{right}" y2="{top + plot_h}"/>']
    step = 1 if last - first <= 6 else 2 if last - first <= 12 else 5
    for year in range(first, last + 1):
        if (year - first) % step == 0:
            parts.append(f'<line class="sco-chart-grid" x1="{x(year)}" y1="{top}" x2="{x(year)}" y2="{top + plot_h}"/>')
            parts.append(f'<text class="sco-chart-axis" x="{x(year)}" y="{top + plot_h + 16}" '
                         f'text-anchor="middle">{year}</text>')
    placed: list[tuple[float, float]] = []  # label positions, to keep labels apart
    for row in sorted(rows, key=lambda r: -r.value):
        kind = "sco-chart-bar sco-chart-bar--doubtful" if row.doubtful else "sco-chart-bar"
        yy = y(row.value)
        if row.start is not None and row.end is not None:
            x1, x2 = x(row.start), x(row.end + (1 if row.end == int(row.end) else 0))
            parts.append(f'<rect class="{kind}" x="{x1}" y="{yy - 3}" width="{max(round(x2 - x1, 1), 3)}" height="6" rx="2"/>')
        else:
            x1 = x2 = x(next(v for v in (row.said, row.start, row.end) if v is not None))
            parts.append(f'<circle class="{kind}" cx="{x1}" cy="{yy}" r="4"/>')
        label_y = yy - 7
        while any(abs(label_y - py) < 13 and abs(x1 - px) < 150 for px, py in placed):
            label_y += 13
        placed.append((x1, label_y))
        anchor = "end" if x2 > WIDTH * 0.6 else "start"
        lx = x2 if anchor == "end" else x1
        parts.append(f'<text class="sco-chart-value" x="{lx}" y="{label_y}" text-anchor="{anchor}">{esc(row.text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
