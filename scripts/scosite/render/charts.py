"""Bar charts of figures as inline SVG, drawn at build time: no chart library runs in the reader's browser.

A chart shows the figures of one statement (an event page: a bar per metric), or every figure
for one metric (its page: a bar per statement, in units its data declares the same drawn on
one axis), each bar labelled with the amount as the source words it ("some 69 tonnes", "181
tons") and each statement with its period and who stated it. Bars are never stacked or added
up. Each chart is drawn for a narrow and for a wide column (``chartlayout``), its colours come
from the page's CSS classes so it follows the light and dark palettes, and every text from
data is escaped for XML. Under it the page shows its sources, a link to its data (``chartdata``)
and a link to the chart alone (templates/_macros.md.j2, ``chart``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from ..data import i18n
from ..queries import display
from ..queries.records import Site
from . import chartdata
from .chartdata import period_of, unit_names
from .chartlayout import GAP, LABEL, NARROW, VALUE, WIDE, Measure, figure, number, svg, text

PAD = 4  # room left and right of the drawing
BAR = 18  # a bar's thickness
ROW_GAP = 12  # between one bar and the next statement's label


@dataclass(frozen=True)
class Bar:
    label: str  # what the bar is ("heroin confiscated", "2011–2016 (Rashid Alimov, 4 December 2017)")
    value: float
    text: str  # the amount as the source words it
    doubtful: bool = False  # a caveat: drawn hatched (its label says why)
    lines: tuple[str, ...] = ()  # where the label is too long for a line: its parts, each begun on a line of its own


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar], width: int, lang: str) -> str:
    """One drawing ``width`` wide: each bar under its label (wrapped to the width), the amount
    after the bar's end, the longest bar leaving room for the widest amount; or, where an
    amount takes more than half the width ("almost half, namely 47 per cent"), every amount
    under its bar."""
    measure = Measure(lang)
    room = width - 2 * PAD
    widest = max((measure.width(b.text, VALUE, bold=True) for b in bars), default=0)
    below = widest > room / 2
    space = room if below else room - widest - 8
    top = max((b.value for b in bars), default=0) or 1
    body, y = [], 0.0

    def lines(content: Sequence[str], css: str, size: float, bold: bool = False) -> None:
        nonlocal y
        for line in [line for part in content for line in measure.wrap(part, room, size, bold)]:
            baseline = y + GAP + measure.ascent * size
            body.append(text(css, PAD, baseline, line))
            y = baseline + measure.descent * size

    for bar in bars:
        lines(bar.lines if bar.lines and measure.width(bar.label, LABEL) > room else (bar.label,), "sco-chart-label",
              LABEL)
        y += GAP + 2
        length = max(round(space * bar.value / top, 1), 1.5) if bar.value > 0 else 1.5
        kind = "sco-chart-bar sco-chart-bar--doubtful" if bar.doubtful else "sco-chart-bar"
        body.append(f'<rect class="{kind}" x="{PAD}" y="{number(y)}" width="{number(length)}" height="{BAR}" rx="2"/>')
        if below:
            y += BAR + 2
            lines((bar.text,), "sco-chart-value", VALUE, bold=True)
            y += ROW_GAP
        else:
            middle = y + BAR / 2 + (measure.ascent - measure.descent) * VALUE / 2
            body.append(text("sco-chart-value", PAD + length + 6, middle, bar.text))
            y += BAR + ROW_GAP
    return svg(chart_id, width, y - ROW_GAP + 4, title, description, body)


def describe(bars: Sequence[Bar], lang: str = "en") -> str:
    """The chart's content in words, for screen readers: every bar, in order."""
    words = i18n.language(lang)
    return words.sentence([words._("%(label)s: %(value)s", label=b.label, value=b.text) for b in bars])


# --- The charts of one page ---------------------------------------------------------------


@dataclass(frozen=True)
class Chart:
    """A chart as a page shows it: the figure, its id on the page (for a link to the chart
    alone), its data file in the edition's tree, its sources by publisher, and the declaration
    that lets its units share an axis (if it draws more than one)."""

    figure: Markup
    anchor: str
    csv: str
    sources: tuple[tuple[Any, tuple[str, ...]], ...]
    equivalence: Any = None


def by_publisher(site: Site, source_ids: Sequence[str]) -> tuple[tuple[Any, tuple[str, ...]], ...]:
    """Sources in the order first cited, grouped by publisher: ((publisher, (ids…)), …)."""
    groups: dict[str, tuple[Any, list[str]]] = {}
    for source_id in dict.fromkeys(source_ids):
        publisher = site.get("sources", source_id).publisher
        groups.setdefault(str(publisher), (publisher, []))[1].append(source_id)
    return tuple((publisher, tuple(ids)) for publisher, ids in groups.values())


@dataclass
class Charts:
    """Draws the charts of one page."""

    site: Any

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

    def statements(self, figures: list[Any]) -> list[Chart]:
        """An event's statements of more than one figure (same speaker, date, period and unit):
        a chart each, a bar per metric."""
        return [self.statement(group) for group in chartdata.event_charts(figures)]

    def statement(self, figures: list[Any]) -> Chart:
        words, lang, first = i18n.language(self.lang), self.lang, figures[0]
        bars = [Bar(self.name("metrics", f.metric) or str(display.text(f.label, lang)), f.value,
                    str(display.format_quantity(f, lang)), bool(f.caveat)) for f in figures]
        title = words.n_("%(num)s figure (%(unit)s) for %(period)s", "%(num)s figures (%(unit)s) for %(period)s",
                         len(figures), num=len(figures), unit=unit_names(figures, lang), period=period_of(first, lang))
        if first.said_on:
            caption = words._("Stated by %(who)s on %(date)s", who=self.who(first),
                              date=display.format_date(first.said_on, lang))
        else:
            caption = words._("Stated by %(who)s", who=self.who(first))
        anchor = chartdata.statement_anchor(figures)
        return Chart(self.draw(anchor, title, bars, caption), anchor, chartdata.statement_file(figures),
                     by_publisher(self.site, [s for f in figures for s in f.sources]))

    def metric(self, metric: Any) -> list[Chart]:
        """A metric's figures: a chart per unit (units declared the same share one), a bar per
        statement, labelled with the period it covers and who stated it when; never summed."""
        return [self.metric_chart(metric, group)
                for group in chartdata.metric_groups(metric, self.site.figures_of(metric.id))]

    def metric_chart(self, metric: Any, figures: list[Any]) -> Chart:
        words, lang = i18n.language(self.lang), self.lang
        bars = []
        for f in figures:
            details = [self.who(f)]
            details += [display.format_date(f.said_on, lang)] if f.said_on else []
            details += [display.label(f.caveat.status, lang)] if f.caveat else []
            period, said = period_of(f, lang), words.join(details)
            bars.append(Bar(words.bracket(period, said), f.value, str(display.format_quantity(f, lang)),
                            bool(f.caveat), (period, words.bracket("", said).strip())))
        title = words._("%(metric)s, in %(unit)s: each statement separately",
                        metric=display.text(metric.name, lang), unit=unit_names(figures, lang))
        caption = words._("Each bar is a separate statement; they are not added together")
        anchor = chartdata.metric_anchor(figures, metric)
        return Chart(self.draw(anchor, title, bars, caption), anchor, chartdata.metric_file(metric, figures),
                     by_publisher(self.site, [s for f in figures for s in f.sources]),
                     chartdata.equivalence(metric, figures))

    def draw(self, anchor: str, title: str, bars: list[Bar], caption: str) -> Markup:
        description = describe(bars, self.lang)
        return figure(anchor, [bar_chart(anchor, title, description, bars, width, self.lang)
                               for width in (WIDE, NARROW)], caption)
