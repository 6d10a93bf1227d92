"""Derived views of a validated data set: who took part where, what cites what, the timeline.

``Site`` is built once from a ``Dataset`` and is read-only; the renderer asks it questions
instead of searching the data itself.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from .load import Dataset
from .models import Chairmanship, Country, Event, Figure, Participation, Quote


def date_key(value: Any) -> str:
    """Sortable text for a full or partial date (``2011`` sorts before ``2011-06-14``)."""
    return "" if value is None else str(value)


def date_span(value: str) -> tuple[dt.date, dt.date]:
    """The first and the last day a full or partial date can mean (``2017-06`` -> 1 to 30 June)."""
    parts = [int(p) for p in value.split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else None
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if month:
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def certain_span(term: Chairmanship) -> tuple[dt.date, dt.date] | None:
    """The days a chairmanship certainly covers, going by its recorded dates alone.

    It runs from the last day its start can mean (or from its ``as_of`` date, if earlier) to
    the first day its end can mean (or to its ``as_of`` date, if later). A term given only as
    "2023–2024" therefore claims no day of early 2023, when the previous chair may still have
    been in office; a term without a known beginning or end claims nothing on that side.
    """
    starts = [date_span(term.start)[1]] if term.start else []
    ends = [date_span(term.end)[0]] if term.end else []
    if term.as_of:
        first, last = date_span(term.as_of)
        starts.append(first)
        ends.append(last)
    if not starts or not ends or min(starts) > max(ends):
        return None
    return min(starts), max(ends)


@dataclass(frozen=True)
class TimelineEntry:
    date: str
    kind: str  # the collection the entry comes from
    id: str
    title: str
    sources: tuple[str, ...]

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def anchor(self) -> str:
        """Unique on the timeline page: a country can have several membership entries."""
        return f"{self.kind}-{self.id}" + (f"-{self.date}" if self.kind == "countries" else "")


@dataclass(frozen=True)
class Citation:
    """One place that cites a source: the record's collection and id."""

    collection: str
    id: str


@dataclass
class Site:
    data: Dataset
    participations: dict[str, list[tuple[Event, Participation]]] = field(default_factory=lambda: defaultdict(list))
    citations: dict[str, set[Citation]] = field(default_factory=lambda: defaultdict(set))
    _sorted: dict[str, list[Any]] = field(default_factory=dict)

    @classmethod
    def build(cls, data: Dataset) -> Site:
        site = cls(data)
        for event in site.events:
            for participation in event.participants:
                site.participations[participation.person].append((event, participation))
        for collection, records in data.records.items():
            for record_id, record in records.items():
                for source in cited_sources(record):
                    site.citations[source].add(Citation(collection, record_id))
        return site

    def __getattr__(self, name: str) -> Any:
        """``site.people``, ``site.events`` …: the records of a collection, sorted."""
        if name.startswith("_") or name not in {c for c in self.data.records} | COLLECTION_NAMES:
            raise AttributeError(name)
        # Sorted once: the records never change after the site is built, and templates and
        # per-record queries read these lists thousands of times.
        if name not in self._sorted:
            self._sorted[name] = sorted(self.data.get(name).values(), key=sort_key)
        return self._sorted[name]

    def get(self, collection: str, record_id: str) -> Any:
        return self.data.get(collection)[record_id]

    def party(self, record_id: str) -> tuple[str, Any]:
        """An organiser or party id: an organisation or a country."""
        for collection in ("organisations", "countries"):
            if record_id in self.data.get(collection):
                return collection, self.data.get(collection)[record_id]
        raise KeyError(record_id)

    def quotes_by(self, person_id: str) -> list[Quote]:
        return [q for q in self.quotes if q.person == person_id]

    def quotes_at(self, event_id: str) -> list[Quote]:
        return [q for q in self.quotes if q.event == event_id]

    def figures_at(self, event_id: str) -> list[Figure]:
        return [f for f in self.figures if f.event == event_id]

    def figures_of(self, metric_id: str) -> list[Figure]:
        return sorted((f for f in self.figures if f.metric == metric_id),
                      key=lambda f: (date_key(f.period.start), date_key(f.period.end), date_key(f.said_on), f.id))

    def events_of(self, party_id: str) -> list[Event]:
        """Events a country or organisation organised, or took part in through a person."""
        return [e for e in self.events
                if party_id in e.organisers
                or any(p.delegation == party_id or p.organisation == party_id for p in e.participants)]

    def documents_of(self, party_id: str) -> list[Any]:
        return [d for d in self.documents if party_id in d.parties]

    def children_of(self, organisation_id: str) -> list[Any]:
        return [o for o in self.organisations if o.parent == organisation_id]

    def people_of(self, party_id: str) -> list[tuple[Event, Participation]]:
        return [(e, p) for e in self.events for p in e.participants
                if p.delegation == party_id or p.organisation == party_id]

    def chair_at(self, date: str) -> list[tuple[Country, Chairmanship]]:
        """The countries the sources show as SCO chair over the whole of ``date``.

        Usually one; none when the sources do not settle it; more than one only when sources
        disagree, and then the page shows each with its source.
        """
        first, last = date_span(date)
        found = []
        for country in self.countries:
            for term in country.chairmanships:
                span = certain_span(term)
                if span and span[0] <= first and last <= span[1]:
                    found.append((country, term))
        return found

    def headline_figures(self) -> list[Figure]:
        return [f for f in self.figures if f.headline]

    def latest_event(self) -> Event | None:
        return max(self.events, key=lambda e: (e.date, e.id), default=None)

    def timeline(self) -> list[TimelineEntry]:
        entries = [TimelineEntry(e.date, "events", e.id, str(e.title), tuple(e.sources)) for e in self.events]
        entries += [TimelineEntry(d.date, "documents", d.id, str(d.title), tuple(d.sources)) for d in self.documents if d.date]
        entries += [TimelineEntry(m.date, "milestones", m.id, str(m.title), tuple(m.sources)) for m in self.milestones]
        for country in self.countries:
            for period in country.sco:
                entries.append(TimelineEntry(period.start, "countries", country.id,
                                             f"{country.name}: SCO {period.status.replace('-', ' ')}", tuple(period.sources)))
        return sorted(entries, key=lambda t: (t.date, t.kind, t.id, t.title))


COLLECTION_NAMES = {"events", "people", "organisations", "countries", "documents", "metrics", "figures",
                    "quotes", "milestones", "sources"}


def sort_key(record: Any) -> tuple[str, ...]:
    """Events and dated records in time order; people by sort name; the rest by name or id."""
    for attribute in ("date", "said_on"):
        value = getattr(record, attribute, None)
        if value is not None:
            return (date_key(value), record.id)
    name = getattr(record, "sort_name", None) or getattr(record, "name", None) or record.id
    return (str(name).casefold(), record.id)


def cited_sources(value: Any) -> set[str]:
    """Every source id cited anywhere inside a record (its own and its parts')."""
    found: set[str] = set()
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name in ("sources", "authoritative_for") and isinstance(item, list):
                found.update(item if name == "sources" else [])
            else:
                found |= cited_sources(item)
    elif isinstance(value, list):
        for item in value:
            found |= cited_sources(item)
    return found
