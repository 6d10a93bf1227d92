"""Bar charts as inline SVG, drawn at build time: no chart library runs in the reader's browser.

A chart shows the figures of one statement (or the figures for one metric, one bar per
statement), each bar labelled with the amount as the source words it ("some 69 tonnes").
Bars are never stacked or added up. The drawing is sized for a phone (360 units wide, text
at 13 units) and scales up on wider screens; colours come from the page's CSS classes so
the chart follows the light and dark palettes. Every text from data is escaped for XML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from ..data import i18n
from ..queries import display
from . import escape, timecharts

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


def describe(bars: Sequence[Bar], lang: str = "en") -> str:
    """The chart's content in words, for screen readers: every bar, in order."""
    words = i18n.language(lang)
    return words.sentence([words._("%(label)s: %(value)s", label=b.label, value=b.text) for b in bars])


# --- The charts of one page ---------------------------------------------------------------


@dataclass
class Charts:
    """Draws the charts of one page, numbering them so their ids are unique on the page."""

    site: Any
    count: int = field(default=0)

    @property
    def lang(self) -> str:
        return str(self.site.lang)

    def name(self, collection: str, record_id: str | None) -> str:
        if not record_id:
            return ""
        return str(display.name(collection, self.site.get(collection, record_id), self.lang))

    def who(self, figure: Any) -> str:
        return (self.name("people", figure.speaker) or self.name("organisations", figure.attributed_to)
                or i18n.language(self.lang)._("unattributed"))

    def statement(self, figures: list[Any]) -> Markup:
        """One statement's figures (same speaker, date, period and unit): a bar per metric."""
        words, lang, first = i18n.language(self.lang), self.lang, figures[0]
        bars = [Bar(self.name("metrics", f.metric) or str(display.text(f.label, lang)), f.value,
                    display.format_quantity(f, lang)) for f in figures]
        title = words.n_("%(num)s figure (%(unit)s) for %(period)s", "%(num)s figures (%(unit)s) for %(period)s",
                         len(figures), num=len(figures), unit=unit_name(first.unit, lang), period=period_of(first, lang))
        if first.said_on:
            caption = words._("Stated by %(who)s on %(date)s", who=self.who(first),
                              date=display.format_date(first.said_on, lang))
        else:
            caption = words._("Stated by %(who)s", who=self.who(first))
        return self.figure(title, bars, caption)

    def metric(self, metric: Any, figures: list[Any]) -> Markup:
        """Every figure for one metric and one unit on a time axis: one mark per statement at
        the period it covers, its height the value, never summed (timecharts.statements_chart)."""
        words, lang = i18n.language(self.lang), self.lang
        rows, said = [], []
        for f in figures:
            p = f.period
            rows.append(timecharts.Statement(timecharts.year_of(p.start) if p.start else None,
                                             timecharts.year_of(p.end) if p.end else None,
                                             timecharts.year_of(f.said_on) if f.said_on else None, f.value,
                                             str(display.format_quantity(f, lang)), bool(f.caveat)))
            details = [self.who(f)]
            details += [display.format_date(f.said_on, lang)] if f.said_on else []
            details += [display.label(f.caveat.status, lang)] if f.caveat else []
            said.append(words._("%(label)s: %(value)s", label=words.bracket(period_of(f, lang), words.join(details)),
                                value=display.format_quantity(f, lang)))
        title = words._("%(metric)s, in %(unit)s: each statement separately",
                        metric=display.text(metric.name, lang), unit=unit_name(figures[0].unit, lang))
        dated = [r for r in rows if r.start or r.end or r.said]
        if not dated:  # no date at all: side by side, without an axis
            bars = [Bar(words.bracket(period_of(f, lang), self.who(f)), f.value, display.format_quantity(f, lang))
                    for f in figures]
            return self.figure(title, bars, words._("Each bar is a separate statement; they are not added together"))
        self.count += 1
        svg = timecharts.statements_chart(f"chart-{self.count}", title, words.sentence(said), dated)
        caption = words._("Each mark is a separate statement, placed at the period it covers; they are not added "
                          "together")
        if len(dated) < len(rows):
            caption = words.sentence([caption, words.n_("%(num)s statement gives no date and is in the table only",
                                                        "%(num)s statements give no date and are in the table only",
                                                        len(rows) - len(dated))])
        return Markup(f'<figure class="sco-figure">\n{svg}\n<figcaption>{escape.html_attr(caption)}</figcaption>\n'
                      '</figure>')

    def figure(self, title: str, bars: list[Bar], caption: str) -> Markup:
        self.count += 1
        svg = bar_chart(f"chart-{self.count}", title, describe(bars, self.lang), bars)
        return Markup(f'<figure class="sco-figure">\n{svg}\n<figcaption>{escape.html_attr(caption)}</figcaption>\n</figure>')


def unit_name(unit: str, lang: str) -> str:
    """A unit on its own, as a label ("tonnes"): the plural form, without a number."""
    if lang == "en":
        return unit
    return " ".join(i18n.language(lang).n_(*display.UNIT_MESSAGES[unit], 5, num="").split())


def period_of(figure: Any, lang: str = "en") -> str:
    p = figure.period
    return display.period(p.start, p.end, label=p.label, lang=lang)


def statement_groups(figures: list[Any]) -> list[list[Any]]:
    """Figures from one statement: same event, speaker, date, sources, unit and period."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for f in figures:
        key = (f.event, f.speaker, f.attributed_to, f.said_on, tuple(f.sources), f.unit,
               f.period.label, f.period.start, f.period.end)
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def unit_groups(figures: list[Any]) -> list[list[Any]]:
    """Figures for one metric split by unit as stated (tonnes and tons are not merged)."""
    groups: dict[str, list[Any]] = {}
    for f in figures:
        groups.setdefault(f.unit, []).append(f)
    return list(groups.values())
