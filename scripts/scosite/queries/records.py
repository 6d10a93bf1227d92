"""The data access layer: a validated data set as the pages see it, every read recorded.

``Tables`` is built once per data set: each collection sorted, and every index of
``INDEXES`` (the events a person appears at, the records citing a source, …). ``Site`` is a
page's view of them in one language. Its primitives are the only way to the data (``get``,
``records``, ``filed``, ``size``, ``groups``), and each records the dependency key it reads
(``deps``), so a query built on them is tracked without remembering to be. The queries the
templates ask (``appearances``, ``chair_at``, ``timeline`` …) are built only on the primitives.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..data import i18n
from ..data.i18n import N_
from ..data.load import Dataset
from ..data.models import Chairmanship, Country, Event, Figure, Membership, Participation
from . import deps, display
from .history import History, Release


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
    title: str  # in the edition's language (a ``display.Shown`` where it may be in another)
    sources: tuple[str, ...]
    caveat: Any = None  # the doubt the entry carries, if the sources do not state it outright

    @property
    def year(self) -> str:
        return self.date[:4]

    @property
    def anchor(self) -> str:
        """Unique on the timeline page: a country can have several membership entries."""
        return f"{self.kind}-{self.id}" + (f"-{self.date}" if self.kind == "countries" else "")


# --- Indexes ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Index:
    """Records of some collections filed under keys: ``keys(dataset, collection, record)``;
    under each key in their collections' order, or by ``order(record)`` if given."""

    name: str
    collections: tuple[str, ...]
    keys: Callable[[Dataset, str, Any], Iterable[str]]
    order: Callable[[Any], Any] | None = None


def figure_order(figure: Figure) -> tuple[str, ...]:
    """A metric's figures by period, then date said."""
    return date_key(figure.period.start), date_key(figure.period.end), date_key(figure.said_on), figure.id


def _party_keys(data: Dataset, collection: str, event: Event) -> set[str]:
    found = set(event.organisers)
    for p in event.participants:
        found.update(x for x in (p.delegation, p.organisation) if x)
    return found


def _speaking_keys(data: Dataset, collection: str, event: Event) -> set[str]:
    return {x for p in event.participants for x in (p.delegation, p.organisation) if x}


def _cited_keys(data: Dataset, collection: str, record: Any) -> set[str]:
    """The sources a record cites, from the references the loader found (or found now)."""
    refs = data.refs.get((collection, record.id))
    if refs is None or data.get(collection).get(record.id) is not record:
        return cited_sources(record)
    return {target for path, ref, target in refs if ref.collection == "sources" and path[-2:-1] == ("sources",)}


# Collections whose index pages split into groups when long: dated ones by year, named ones
# by initial. A group never changes when an unrelated record is edited, so an index page
# costs the same however large the collection grows.
DATED = {"events", "documents", "sources", "quotes"}
GROUPED = ("events", "people", "organisations", "countries", "documents", "sources", "quotes")
COLLECTION_ORDER = ("countries", "documents", "events", "figures", "glossary", "metrics", "milestones", "organisations",
                    "people", "quotes", "sources")


def group_of(collection: str, record: Any, lang: str = "en") -> str:
    """The index group of a record: a year (``2017``), ``undated``, or the initial of its name
    in the edition's language (a letter, ``0-9`` or ``other``)."""
    if collection in DATED:
        value = getattr(record, "date", None) or getattr(record, "said_on", None)
        return str(value)[:4] if value else "undated"
    return i18n.initial(display.sort_name(collection, record, lang), lang)


GROUP_WORDS = {"undated": N_("Undated"), "other": N_("Other")}


def group_label(slug: str, lang: str = "en") -> str:
    if slug in GROUP_WORDS:
        return i18n.language(lang)._(GROUP_WORDS[slug])
    return "0–9" if slug == "0-9" else slug.upper() if slug.isalpha() else slug


def per_edition(keys: Callable[[Dataset, str, Any, str], Iterable[str]]) -> Callable[[Dataset, str, Any], set[str]]:
    """An index whose keys differ by edition (a title, an initial): each key as ``lang:key``."""
    return lambda d, c, r: {f"{lang}:{key}" for lang in i18n.EDITIONS for key in keys(d, c, r, lang)}


INDEXES = (
    Index("appearances", ("events",), lambda d, c, e: {p.person for p in e.participants}),
    Index("events_of", ("events",), _party_keys),
    Index("people_of", ("events",), _speaking_keys),
    Index("quotes_by", ("quotes",), lambda d, c, q: {q.person}),
    Index("quotes_at", ("quotes",), lambda d, c, q: {q.event} if q.event else set()),
    Index("figures_at", ("figures",), lambda d, c, f: {f.event} if f.event else set()),
    Index("figures_of", ("figures",), lambda d, c, f: {f.metric}, order=figure_order),
    Index("documents_of", ("documents",), lambda d, c, r: set(r.parties)),
    Index("parts_of", ("documents",), lambda d, c, r: {r.part_of} if r.part_of else set()),
    Index("signed_by", ("documents",), lambda d, c, r: {s.person for s in r.signatories if s.person}),
    Index("children_of", ("organisations",), lambda d, c, o: {o.parent} if o.parent else set()),
    Index("cited_by", COLLECTION_ORDER, _cited_keys),
    # Records with a page, by the title it would have: pages sharing one must be told apart.
    Index("title", display.TITLED, per_edition(lambda d, c, r, lang: {
        display.title_text(display.page_title(c, r, lang))})),
    *(Index(f"group:{c}", (c,), per_edition(lambda d, c, r, lang: {group_of(c, r, lang)})) for c in GROUPED),
)


def index_keys(data: Dataset, collection: str, record: Any) -> set[tuple[str, str]]:
    """The (index, key) entries a record is filed under: what a change to it can change elsewhere."""
    return {(index.name, key) for index in INDEXES if collection in index.collections
            for key in index.keys(data, collection, record)}


class Tables:
    """Each collection sorted, and every index, built once per data set (so a page costs the
    same however large the data set is)."""

    def __init__(self, data: Dataset, past: History | None = None):
        self.data = data
        self.history = past or History(False, "no-git")
        self._once: dict[str, Any] = {}
        self.sorted = {name: sorted(data.get(name).values(), key=sort_key) for name in COLLECTION_ORDER}
        self._ordered: dict[tuple[str, str], list[Any]] = {}
        self._counts: dict[str, int] = {}
        self.index = {index.name: self.filed_afresh(index) for index in INDEXES}

    def filed_afresh(self, index: Index) -> dict[str, list[Any]]:
        filed: dict[str, list[Any]] = defaultdict(list)
        for collection in index.collections:
            for record in self.sorted[collection]:
                for key in index.keys(self.data, collection, record):
                    filed[key].append((collection, record) if len(index.collections) > 1 else record)
        if index.order:
            for entries in filed.values():
                entries.sort(key=index.order)
        return filed

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """What ``make`` gives, made once for the three editions (a count over the whole data
        set that is the same in each)."""
        if key not in self._once:
            self._once[key] = make()
        return self._once[key]

    def count(self, name: str, rows: Callable[[Site], Iterable[Any]]) -> int:
        """How many rows ``rows`` gives, counted once."""
        if name not in self._counts:
            self._counts[name] = sum(1 for _ in rows(Site(self.data, "en", self)))
        return self._counts[name]

    def ordered(self, collection: str, lang: str) -> list[Any]:
        """A collection in the edition's order: dated records by date, named ones by their name
        in the edition's language and alphabet (``i18n.collation_key``)."""
        key = (collection, lang)
        if key not in self._ordered:
            records = self.sorted[collection]
            if lang != "en" and collection not in DATED and collection in display.TITLED:
                records = sorted(records, key=lambda r: (i18n.collation_key(display.sort_name(collection, r, lang), lang),
                                                         r.id))
            self._ordered[key] = records
        return self._ordered[key]


class Filed:
    """A query that is one index's records under a key (``Site.quotes_by``): the attribute's
    name is the index's, and the read goes through ``Site.filed``, so it is recorded."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.index = name

    def __get__(self, site: Site | None, owner: type | None = None) -> Any:
        return self if site is None else functools.partial(site.filed, self.index)


class Site:
    """One language's view of the data, for the pages; every read is recorded in ``reads``."""

    def __init__(self, data: Dataset, lang: str = "en", tables: Tables | None = None):
        self._tables = tables or Tables(data)
        self.lang = lang
        self.reads = deps.Reads(lang)

    @classmethod
    def build(cls, data: Dataset, lang: str = "en") -> Site:
        return cls(data, lang)

    # --- Primitives: the only way to the data ----------------------------------------------

    def get(self, collection: str, record_id: str) -> Any:
        self.reads.add(deps.record(collection, record_id))
        return self._tables.data.get(collection)[record_id]

    def has(self, collection: str, record_id: str) -> bool:
        self.reads.add(deps.record(collection, record_id))
        return record_id in self._tables.data.get(collection)

    def records(self, collection: str, lang: str | None = None) -> list[Any]:
        """A collection's records in the edition's order (events by date, people by name …), or
        in the order of another language ``lang`` (read as every language sees them: a page
        that asks for another language's order shows more than its own language's text)."""
        self.reads.add(deps.collection(collection), every_language=lang is not None)
        lang = lang or self.lang
        return self._tables.ordered(collection, lang) if lang in i18n.EDITIONS else self._tables.sorted[collection]

    def filed(self, index: str, key: str) -> list[Any]:
        self.reads.add(deps.filed(index, key))
        return self._tables.index[index].get(key, [])

    def changed_on(self, collection: str, record_id: str) -> tuple[str | None, str]:
        """When a record's file last changed in a commit, and why there is no date if not
        (``uncommitted``, ``no-git``, ``shallow``); read by every language alike."""
        past = self._tables.history
        path = f"data/{collection}/{record_id}.yml"
        self.reads.add(deps.history(path), every_language=True)
        if not past.available:
            return None, past.reason
        date = past.changed_on(path)
        return date, "" if date else "uncommitted"

    def recent_changes(self) -> tuple[bool, str, list[tuple[str, list[tuple[str, Any, str]]]]]:
        """The latest commits to the data, newest first, as (date, [(collection, record, "added"
        or "changed")]) for the records that still exist; with whether history is available."""
        past = self._tables.history
        self.reads.add(deps.history("*"), every_language=True)
        out = []
        for commit in past.recent:
            items = []
            for kind, paths in (("added", commit.added), ("changed", commit.changed)):
                for path in paths:
                    parts = path.split("/")
                    if len(parts) == 3 and parts[2].endswith(".yml") and self.has(parts[1], parts[2][:-4]):
                        items.append((parts[1], self.get(parts[1], parts[2][:-4]), kind))
            if items:
                out.append((commit.date, items))
        return past.available, past.reason, out

    def releases(self) -> tuple[bool, str, tuple[Release, ...]]:
        """The versions of the record, newest first (the first is the one built, released or
        not; none if the data was never committed), with whether history is available and why
        not (``history.Release``: each with the data files it added, changed and removed)."""
        past = self._tables.history
        self.reads.add(deps.history("*"), every_language=True)
        return past.available, past.reason, past.releases

    def size(self, collection: str) -> int:
        """How many records a collection has (a page reading this changes when one is added or removed)."""
        self.reads.add(deps.size(collection))
        return len(self._tables.sorted[collection])

    def groups(self, collection: str) -> list[tuple[str, int]]:
        """Every index group of a collection in the edition, with its size, in order (undated and
        other last)."""
        self.reads.add(deps.collection(collection))
        prefix = f"{self.lang}:"
        filed = self._tables.index[f"group:{collection}"]
        groups = [(key[len(prefix):], len(records)) for key, records in filed.items() if key.startswith(prefix) and records]
        return sorted(groups, key=lambda g: (g[0] in ("undated", "other"), i18n.collation_key(g[0], self.lang)))

    def __getattr__(self, name: str) -> Any:
        """``site.people``, ``site.events`` …: the records of a collection, sorted."""
        if name.startswith("_") or name not in COLLECTION_ORDER:
            raise AttributeError(name)
        return self.records(name)

    # --- Queries, built on the primitives ---------------------------------------------------

    def party(self, record_id: str) -> tuple[str, Any]:
        """An organiser or party id: an organisation or a country."""
        for collection in ("organisations", "countries"):
            if self.has(collection, record_id):
                return collection, self.get(collection, record_id)
        raise KeyError(record_id)

    def appearances(self, person_id: str) -> list[tuple[Event, Participation]]:
        """Where a person took part, in time order, with their participation there."""
        return [(e, p) for e in self.filed("appearances", person_id) for p in e.participants if p.person == person_id]

    # Records filed under a key by one index of ``INDEXES``, named as the index is:
    # ``site.quotes_by(person_id)`` reads ``site.filed("quotes_by", person_id)``.
    quotes_by = Filed()
    quotes_at = Filed()
    figures_at = Filed()
    figures_of = Filed()  # a metric's figures by period, then date said
    events_of = Filed()  # events a country or organisation organised, or took part in through a person
    documents_of = Filed()
    parts_of = Filed()
    signed_by = Filed()
    children_of = Filed()

    def people_of(self, party_id: str) -> list[tuple[Event, Participation]]:
        return [(e, p) for e in self.filed("people_of", party_id) for p in e.participants
                if p.delegation == party_id or p.organisation == party_id]

    def group(self, collection: str, slug: str) -> list[Any]:
        """The records of one index group, in the edition's order."""
        records = self.filed(f"group:{collection}", f"{self.lang}:{slug}")
        if self.lang != "en" and collection not in DATED:
            order = {id(r): i for i, r in enumerate(self._tables.ordered(collection, self.lang))}
            records = sorted(records, key=lambda r: order[id(r)])
        return records

    def sharing_title(self, title: str) -> list[tuple[str, Any]]:
        """Every (collection, record) whose page would have this plain title in the edition."""
        return self.filed("title", f"{self.lang}:{display.title_text(title)}")

    def cited_by(self, source_id: str) -> list[tuple[str, Any]]:
        """Every record citing a source, as (collection, record), by collection then id."""
        return sorted(self.filed("cited_by", source_id), key=lambda c: (c[0], c[1].id))

    def translation_status(self) -> dict[str, Any]:
        """How much of every collection's text is translated (reads everything)."""
        from ..data import translations

        self.reads.add(deps.EVERYTHING, every_language=True)
        return self._tables.once("translation status", lambda: translations.status(self._tables.data))

    def row_count(self, name: str, rows: Callable[[Site], Iterable[Any]]) -> int:
        """How many rows a download's table has (reads everything; counted through a view of
        its own, so every edition's page records the same reads, whichever counts first)."""
        self.reads.add(deps.EVERYTHING, every_language=True)
        return self._tables.count(name, rows)

    def chair_at(self, date: str) -> list[tuple[Country, Chairmanship]]:
        """The countries the sources show as SCO chair over the whole of ``date``.

        Usually one; none when the sources do not settle it; more than one only when sources
        disagree, and then the page shows each with its source.
        """
        first, last = date_span(date)
        return [(country, term) for country in self.records("countries") for term in country.chairmanships
                if (span := certain_span(term)) and span[0] <= first and last <= span[1]]

    def headline_figures(self) -> list[Figure]:
        return [f for f in self.records("figures") if f.headline]

    def cnd_events(self) -> list[Event]:
        """The SCO–UN events held beside the sessions of the Commission on Narcotic Drugs (side
        events of a CND session), oldest first."""
        return [e for e in self.records("events") if e.kind == "side-event" and e.session and e.session.body == "cnd"]

    def memberships(self) -> list[tuple[Country, list[Membership]]]:
        """Each country with its periods in the SCO, by the start of its first period."""
        countries = [(c, list(c.sco)) for c in self.records("countries") if c.sco]
        return sorted(countries, key=lambda item: (min(str(p.start) for p in item[1]), str(item[0].name)))

    def members_now(self) -> list[Country]:
        """The countries whose membership has no end in the data: the member states as far as
        the record shows."""
        return [c for c, periods in self.memberships() if any(p.status == "member" and not p.end for p in periods)]

    def latest_event(self) -> Event | None:
        return max(self.records("events"), key=lambda e: (e.date, e.id), default=None)

    def timeline(self) -> list[TimelineEntry]:
        lang, words = self.lang, i18n.language(self.lang)
        entries = [TimelineEntry(e.date, "events", e.id, display.title("events", e, lang),
                                 tuple(e.undisputed(facts=e.LISTED)), e.caveat) for e in self.records("events")]
        entries += [TimelineEntry(d.date, "documents", d.id, display.title("documents", d, lang),
                                  tuple(d.undisputed(facts=d.LISTED)), d.caveat) for d in self.records("documents") if d.date]
        entries += [TimelineEntry(m.date, "milestones", m.id, display.text(m.title, lang), tuple(m.sources), m.caveat)
                    for m in self.records("milestones")]
        for country in self.records("countries"):
            for period in country.sco:
                title = words._("%(country)s: SCO %(status)s", country=display.sourced_name(country, lang),
                                status=display.label(period.status, lang))
                entries.append(TimelineEntry(period.start, "countries", country.id, title, tuple(period.sources),
                                             period.caveat))
        return sorted(entries, key=lambda t: (t.date, t.kind, t.id, t.title))


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
            if name == "sources" and isinstance(item, list):
                found.update(item)
            elif name != "authoritative_for":
                found |= cited_sources(item)
    elif isinstance(value, list):
        for item in value:
            found |= cited_sources(item)
    return found
