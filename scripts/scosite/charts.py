"""Bar charts as inline SVG, drawn at build time: no chart library runs in the reader's browser.

A chart shows the figures of one statement (or the figures for one metric, one bar per
statement), each bar labelled with the amount as the source words it ("some 69 tonnes").
Bars are never stacked or added up. The drawing is sized for a phone (360 units wide, text
at 13 units) and scales up on wider screens; colours come from the page's CSS classes so
the chart follows the light and dark palettes. Every text from data is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import escape

WIDTH = 360
LEFT = 4
BAR_SPACE = 190  # the longest bar; the amount is written after it
ROW = 46
TOP = 8


@dataclass(frozen=True)
class Bar:
    label: str  # what the bar is ("heroin confiscated", "2011–2016, said 4 December 2017")
    value: float
    text: str  # the amount as the source words it


def esc(value: str) -> str:
    return escape.html_text(value)


LINE = 16
LABEL_CHARS = 46  # about 300 units of 13-unit text: a label wraps onto a second line after that


def wrap(text: str, width: int = LABEL_CHARS) -> list[str]:
    """Split a label into lines of at most ``width`` characters, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> str:
    """One SVG element, on one line per element and without blank lines (it sits in Markdown)."""
    labels = [wrap(b.label) for b in bars]
    height = TOP + ROW * len(bars) + LINE * sum(len(lines) - 1 for lines in labels) + 4
    top = max((b.value for b in bars), default=0) or 1
    parts = [
        f'<svg class="sco-chart" viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{esc(title)}</title>',
        f'<desc id="{chart_id}-desc">{esc(description)}</desc>',
    ]
    y = TOP
    for bar, lines in zip(bars, labels, strict=True):
        length = round(BAR_SPACE * bar.value / top, 1) if bar.value > 0 else 0
        for line in lines:
            parts.append(f'<text class="sco-chart-label" x="{LEFT}" y="{y + 13}">{esc(line)}</text>')
            y += LINE
        y -= LINE
        parts += [
            f'<rect class="sco-chart-bar" x="{LEFT}" y="{y + 19}" width="{max(length, 1.5)}" height="18" rx="2"/>',
            f'<text class="sco-chart-value" x="{LEFT + max(length, 1.5) + 6}" y="{y + 33}">{esc(bar.text)}</text>',
        ]
        y += ROW
    parts.append("</svg>")
    return "\n".join(parts)


def describe(bars: Sequence[Bar]) -> str:
    """The chart's content in words, for screen readers: every bar, in order."""
    return "; ".join(f"{b.label}: {b.text}" for b in bars) + "."
