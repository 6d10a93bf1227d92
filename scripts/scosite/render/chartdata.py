"""What each chart shows, where its data is downloaded, and that data as CSV.

A chart's rows are the records it draws: one statement's figures (an event page), a metric's
figures in one unit or in units its data declares equivalent (a metric's page), the SCO's
membership periods, the SCO–UN events at CND sessions (the home page). Each chart's rows are
a CSV file of their own in every edition, in the edition's language, with the caveat columns
(``downloads/charts/…``); ``chart_downloads`` lists them for the generator, which writes them
beside the other downloads. A page and its charts' files read the records through the same
``Site``, so an edit remakes both.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Callable, Iterable
from typing import Any

from babel.lists import format_list

from ..data import i18n
from ..data.i18n import N_
from ..queries import display
from ..queries.records import Site
from .export import csv_cell

FOLDER = "downloads/charts/"
MEMBERSHIP, CND_EVENTS = "membership", "cnd-events"


def slug(unit: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", unit.lower()).strip("-")


# --- Which figures each chart draws --------------------------------------------------------


def metric_groups(metric: Any, figures: list[Any]) -> list[list[Any]]:
    """A metric's figures, one group per chart: by unit as stated, units that the metric
    declares equivalent together (tons and tonnes); dated statements in order of their
    periods, then the undated ones."""
    same = {unit: tuple(e.units) for e in metric.equivalent_units for unit in e.units}
    groups: dict[tuple[str, ...], list[Any]] = {}
    for f in figures:
        groups.setdefault(same.get(f.unit, (f.unit,)), []).append(f)
    return [[f for f in group if dated(f)] + [f for f in group if not dated(f)] for group in groups.values()]


def dated(figure: Any) -> bool:
    return bool(figure.period.start or figure.period.end or figure.said_on)


def equivalence(metric: Any, figures: list[Any]) -> Any:
    """The declaration that lets ``figures`` share an axis, if they are in more than one unit."""
    units = {f.unit for f in figures}
    if len(units) < 2:
        return None
    return next(e for e in metric.equivalent_units if units <= set(e.units))


def statement_groups(figures: list[Any]) -> list[list[Any]]:
    """Figures from one statement: same event, speaker, date, sources, unit and period."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for f in figures:
        key = (f.event, f.speaker, f.attributed_to, f.said_on, tuple(f.sources), f.unit,
               f.period.label, f.period.start, f.period.end)
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def event_charts(figures: list[Any]) -> list[list[Any]]:
    """The statements of an event that get a chart: those with more than one figure."""
    return [group for group in statement_groups(figures) if len(group) > 1]


# --- Where: the chart's id on its page, and its data file ----------------------------------


def metric_anchor(figures: list[Any], metric: Any) -> str:
    return f"chart-{slug(unit_key(metric, figures))}"


def unit_key(metric: Any, figures: list[Any]) -> str:
    """The unit a metric's chart is named by: its figures', or the first of the equivalent units."""
    found = equivalence(metric, figures)
    return found.units[0] if found else figures[0].unit


def metric_file(metric: Any, figures: list[Any]) -> str:
    return f"{FOLDER}figures/{metric.id}-{slug(unit_key(metric, figures))}.csv"


def statement_anchor(figures: list[Any]) -> str:
    return f"chart-{figures[0].id}"


def statement_file(figures: list[Any]) -> str:
    return f"{FOLDER}events/{figures[0].id}.csv"


def glance_anchor(name: str) -> str:
    return f"chart-{name}"


def glance_file(name: str) -> str:
    return f"{FOLDER}{name}.csv"


# --- The files ---------------------------------------------------------------------------


def chart_downloads(site: Site) -> dict[str, Callable[[], str]]:
    """Every chart's data file in ``site``'s edition, as path -> function that makes it (each
    function finds its rows again through ``site``, so that what it reads is recorded)."""
    specs: dict[str, Callable[[], str]] = {}
    for metric in site.records("metrics"):
        for group in metric_groups(metric, site.figures_of(metric.id)):
            specs[metric_file(metric, group)] = functools.partial(metric_csv, site, metric.id, metric_file(metric, group))
    for event in site.records("events"):
        for group in event_charts(site.figures_at(event.id)):
            specs[statement_file(group)] = functools.partial(statement_csv, site, event.id, group[0].id)
    if site.memberships():
        specs[glance_file(MEMBERSHIP)] = functools.partial(membership_csv, site)
    if site.cnd_events():
        specs[glance_file(CND_EVENTS)] = functools.partial(cnd_events_csv, site)
    return specs


def metric_csv(site: Site, metric_id: str, path: str) -> str:
    metric = site.get("metrics", metric_id)
    group = next(g for g in metric_groups(metric, site.figures_of(metric_id)) if metric_file(metric, g) == path)
    return figures_csv(site, group)


def statement_csv(site: Site, event_id: str, first: str) -> str:
    group = next(g for g in event_charts(site.figures_at(event_id)) if g[0].id == first)
    return figures_csv(site, group)


# Each file's columns, named in the edition's language.
FIGURE_COLUMNS = (N_("Record id"), N_("Metric"), N_("What it counts"), N_("Amount as stated"), N_("Value"),
                  N_("Unit"), N_("Period"), N_("Period start"), N_("Period end"), N_("Stated by"), N_("Date said"))
MEMBERSHIP_COLUMNS = (N_("Record id"), N_("Country"), N_("SCO status"), N_("Period start"), N_("Period end"))
EVENT_COLUMNS = (N_("Record id"), N_("Date"), N_("Event"), N_("Session"))
SOURCE_COLUMNS = (N_("Sources"), N_("Source addresses"), N_("Caveat"), N_("Caveat note"))


def write(lang: str, columns: tuple[str, ...], rows: Iterable[list[Any]]) -> str:
    """A chart's rows as CSV, like the other downloads: UTF-8 with a byte-order mark (which
    spreadsheet programs need to read Cyrillic and Chinese), formulas defused."""
    words = i18n.language(lang)
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([words._(c) for c in columns + SOURCE_COLUMNS])
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()


def sourced(site: Site, record: Any) -> list[str]:
    """The source columns of a row: its sources' ids and addresses, its caveat and the caveat's note."""
    lang, note = site.lang, getattr(record, "caveat", None)
    return ["; ".join(record.sources), "; ".join(site.get("sources", s).url for s in record.sources),
            display.label(note.status, lang) if note else "", str(display.text(note.note, lang)) if note else ""]


def who(site: Site, figure: Any) -> str:
    names = [str(display.name(c, site.get(c, i), site.lang))
             for c, i in (("people", figure.speaker), ("organisations", figure.attributed_to)) if i]
    return i18n.language(site.lang).join(names)


def figures_csv(site: Site, figures: list[Any]) -> str:
    lang = site.lang
    rows = [[f.id, str(display.name("metrics", site.get("metrics", f.metric), lang)), str(display.text(f.label, lang)),
             str(display.format_quantity(f, lang)), f.value, unit_name(f.unit, lang), period_of(f, lang),
             str(f.period.start or ""), str(f.period.end or ""), who(site, f), str(f.said_on or ""), *sourced(site, f)]
            for f in figures]
    return write(lang, FIGURE_COLUMNS, rows)


def membership_csv(site: Site) -> str:
    lang = site.lang
    rows = [[country.id, str(display.name("countries", country, lang)), display.label(p.status, lang), str(p.start),
             str(p.end or ""), *sourced(site, p)] for country, periods in site.memberships() for p in periods]
    return write(lang, MEMBERSHIP_COLUMNS, rows)


def cnd_events_csv(site: Site) -> str:
    lang = site.lang
    rows = []
    for e in site.cnd_events():
        held = e.session
        assert held is not None  # (a CND event is one held at a session of the CND)
        body = site.get("organisations", held.body)
        session = i18n.language(lang)._("%(ordinal)s session of the %(body)s",
                                        ordinal=display.ordinal(held.number, lang), number=held.number,
                                        body=display.short_name("organisations", body, lang))
        rows.append([e.id, str(e.date), str(display.title("events", e, lang)), session, *sourced(site, e)])
    return write(lang, EVENT_COLUMNS, rows)


# --- Words ---------------------------------------------------------------------------------


def unit_name(unit: str, lang: str) -> str:
    """A unit on its own, as a label ("tonnes"): the plural form, without a number."""
    if lang == "en":
        return unit
    return " ".join(i18n.language(lang).n_(*display.UNIT_MESSAGES[unit], 5, num="").split())


def unit_names(figures: list[Any], lang: str) -> str:
    """The units of a chart's figures, each once, as a list in words ("tonnes and tons")."""
    names = list(dict.fromkeys(unit_name(f.unit, lang) for f in figures))
    return format_list(names, locale=i18n.language(lang).locale)


def period_of(figure: Any, lang: str = "en") -> str:
    p = figure.period
    return display.period(p.start, p.end, label=p.label, lang=lang)
