"""Open data: the validated records as CSV tables, JSON files and a Frictionless Data Package.

``download_specs(site)`` lists each file as a function that makes it, by its path in an
edition (``downloads/…``), like the page renderer. Everything is derived from the same validated
models as the pages, in a fixed order, so the files are byte-for-byte reproducible.

CSV conventions: one row per record (or per participation, alias, membership…), lists
joined with "; ", dates as written in the data (``2017``, ``2017-03`` or ``2017-03-13``),
empty cells for missing values. A cell whose text starts with ``=``, ``+``, ``-``, ``@``
or a tab would be run as a formula by spreadsheet programs; such a cell gets a leading
apostrophe (the usual defence, which spreadsheets hide).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from ..data.i18n import N_
from ..data.models import (
    CAVEAT_STATUSES,
    COLLECTIONS,
    DOCUMENT_FACTS,
    EVENT_FACTS,
    PARTIAL_DATE_PATTERN,
    TRANSLATED,
    LocalText,
    editor_order,
)
from ..data.schemas import schema_texts
from ..data.sourcing import OTHER_VALUE_FIELDS
from ..data.translations import english_quantity
from ..queries import display
from ..queries.archives import archive_of
from ..queries.records import Site
from . import versions

LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Frictionless field type: string, integer, number, boolean
    description: str
    date: bool = False  # a full or partial date, kept as text


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Site], Iterable[dict[str, Any]]]
    key: tuple[str, ...]


def text(value: Any) -> str:
    return "" if value is None else str(value)


def joined(values: Iterable[Any]) -> str:
    return "; ".join(str(v) for v in values)


def local(name: str, value: Any) -> dict[str, str]:
    """A text's English and our translations, as three cells: ``name``, ``name_ru``, ``name_zh``
    (empty where there is no translation)."""
    cells = {name: text(value)}
    for lang in TRANSLATED:
        cells[f"{name}_{lang}"] = (value.translation(lang) or "") if isinstance(value, LocalText) else ""
    return cells


def names(collection: str, record: Any) -> dict[str, str]:
    """A name as its main source spells it, and as the sources give it in Russian and Chinese."""
    cells = {"name": str(record.name)}
    for lang in TRANSLATED:
        shown = display.sourced_name(record, lang) if collection != "metrics" else display.text(record.name, lang)
        cells[f"name_{lang}"] = str(shown) if shown.lang == lang else ""
    return cells


def titles(collection: str, record: Any) -> dict[str, str]:
    """A title in English, and in Russian and Chinese: as a source gives it, else as we translate it."""
    cells = {"title": str(record.title)}
    for lang in TRANSLATED:
        shown = display.title(collection, record, lang)
        cells[f"title_{lang}"] = str(shown) if shown.lang == lang else ""
    return cells


def caveat(record: Any) -> dict[str, str]:
    """The caveat cells of a row: its status (not-verified, inference) and its note."""
    note = getattr(record, "caveat", None)
    return {"caveat_status": note.status if note else "", **local("caveat_note", note.note if note else None)}


def C(name: str, description: str, type: str = "string", date: bool = False) -> Column:
    return Column(name, type, description, date)


def L(name: str, description: str, whose: str = "our translation") -> tuple[Column, ...]:
    """A text's three columns: English, Russian and Chinese."""
    return (C(name, description), C(f"{name}_ru", f"{description}, in Russian ({whose}; empty if none)"),
            C(f"{name}_zh", f"{description}, in Chinese ({whose}; empty if none)"))


SOURCES_COLUMN = C("sources", "ids of the sources that support the row (see sources.csv), separated by '; '")
CAVEAT_COLUMNS = (
    C("caveat_status", "not-verified or inference where the sources do not state the row outright; empty otherwise"),
    *L("caveat_note", "what is not verified or inferred, and why"),
)


def fact_columns(facts: tuple[str, ...]) -> tuple[Column, ...]:
    """For each header fact, the column of the sources that state it (``fact_sources``)."""
    return tuple(C(f"{fact}_sources", f"ids of the sources that state the {fact.replace('_', ' ')} as given here")
                 for fact in facts)
NAME_COLUMNS = L("name", "name as the main source spells it", "as a source gives it")
TITLE_COLUMNS = L("title", "title as the main source gives it", "as a source gives it, else our translation")


def event_rows(site: Site) -> Iterable[dict[str, Any]]:
    for e in site.events:
        yield {"id": e.id, **titles("events", e), "kind": e.kind, "date": e.date, "end_date": text(e.end_date),
               "venue": text(e.venue), "city": text(e.city), "country": text(e.country), "online": e.online,
               "session_body": e.session.body if e.session else "", "session_number": e.session.number if e.session else None,
               "organisers": joined(e.organisers), **local("summary", e.summary), "sources": joined(e.sources),
               **fact_sources(e, EVENT_FACTS), **caveat(e)}


def fact_sources(record: Any, facts: tuple[str, ...]) -> dict[str, str]:
    """For each header fact, the sources that state it as the row gives it (never one that
    gives another value: those are in other_values.csv)."""
    return {f"{fact}_sources": joined(record.cites(fact)) for fact in facts}


def other_value_rows(site: Site) -> Iterable[dict[str, Any]]:
    for collection, records in (("events", site.events), ("documents", site.documents)):
        for r in records:
            for o in r.other_values:
                value = getattr(o, OTHER_VALUE_FIELDS[o.fact])
                yield {"collection": collection, "record": r.id, "fact": o.fact,
                       "value": joined(value) if isinstance(value, list) else text(value), "end_date": text(o.end_date),
                       **local("note", o.note), "sources": joined(o.sources), **caveat(o)}


def participation_rows(site: Site) -> Iterable[dict[str, Any]]:
    for e in site.events:
        for p in e.participants:
            yield {"event": e.id, "date": e.date, "person": p.person, "role": p.role, **local("title", p.title),
                   "organisation": text(p.organisation), "delegation": text(p.delegation),
                   "head_of_delegation": p.head_of_delegation, "sources": joined(p.sources), **caveat(p)}


def people_rows(site: Site) -> Iterable[dict[str, Any]]:
    for p in site.people:
        yield {"id": p.id, **names("people", p), "sort_name": text(p.sort_name), **local("summary", p.summary),
               "sources": joined(p.sources), **caveat(p)}


def alias_rows(site: Site) -> Iterable[dict[str, Any]]:
    for collection in ("people", "organisations", "countries"):
        for record in getattr(site, collection):
            for a in record.aliases:
                yield {"collection": collection, "id": record.id, "alias": a.name, "lang": a.lang,
                       "display": a.display, "short": a.short, "note": text(a.note), "sources": joined(a.sources),
                       **caveat(a)}


def organisation_rows(site: Site) -> Iterable[dict[str, Any]]:
    for o in site.organisations:
        yield {"id": o.id, **names("organisations", o), "short_name": text(o.short_name), "kind": o.kind,
               "parent": text(o.parent), **local("summary", o.summary), "sources": joined(o.sources), **caveat(o)}


def country_rows(site: Site) -> Iterable[dict[str, Any]]:
    for c in site.countries:
        yield {"id": c.id, **names("countries", c), "sources": joined(c.sources), **caveat(c)}


def membership_rows(site: Site) -> Iterable[dict[str, Any]]:
    for c in site.countries:
        for m in c.sco:
            yield {"country": c.id, "status": m.status, "start": m.start, "end": text(m.end),
                   "sources": joined(m.sources), **caveat(m)}


def document_rows(site: Site) -> Iterable[dict[str, Any]]:
    for d in site.documents:
        yield {"id": d.id, **titles("documents", d), "short_title": text(d.short_title), "kind": d.kind,
               "date": text(d.date), "place": text(d.place), "parties": joined(d.parties), "part_of": text(d.part_of),
               **local("summary", d.summary), "sources": joined(d.sources), **fact_sources(d, DOCUMENT_FACTS),
               **caveat(d)}


def figure_rows(site: Site) -> Iterable[dict[str, Any]]:
    for f in site.figures:
        amounts = {f"amount_{lang}": str(shown) if (shown := display.format_quantity(f, lang)).lang == lang else ""
                   for lang in TRANSLATED}
        yield {"id": f.id, "metric": f.metric, **local("label", f.label), "value": f.value,
               "in_words": text(f.in_words), "unit": f.unit, "qualifier": text(f.qualifier),
               "amount": english_quantity(f), **amounts,
               "period": text(f.period.label), "period_start": text(f.period.start),
               "period_end": text(f.period.end), "speaker": text(f.speaker), "attributed_to": text(f.attributed_to),
               "said_on": text(f.said_on), "event": text(f.event), "sources": joined(f.sources), **caveat(f)}


def metric_rows(site: Site) -> Iterable[dict[str, Any]]:
    for m in site.metrics:
        yield {"id": m.id, **local("name", m.name), **local("description", m.description)}


def quote_rows(site: Site) -> Iterable[dict[str, Any]]:
    for q in site.quotes:
        yield {"id": q.id, "person": q.person, "text": q.text, "lang": q.lang,
               **{f"translation_{lang}": (q.translation.translation(lang) or "") if q.translation else ""
                  for lang in TRANSLATED},
               "said_on": q.said_on, "event": text(q.event), **local("context", q.context),
               "sources": joined(q.sources), **caveat(q)}


def milestone_rows(site: Site) -> Iterable[dict[str, Any]]:
    for m in site.milestones:
        yield {"id": m.id, "date": m.date, **local("title", m.title), **local("text", m.text),
               "sources": joined(m.sources), **caveat(m)}


def source_rows(site: Site) -> Iterable[dict[str, Any]]:
    for s in site.sources:
        copy = archive_of(s)
        yield {"id": s.id, "title": text(s.title), **local("description", s.description), "url": s.url,
               **local("publisher", s.publisher), "date": text(s.date), "date_note": text(s.date_note), "language": s.language,
               "archived_url": copy.url if copy.verified else "", "archived_date": text(copy.date) if copy.verified else "",
               "archive_lookup": copy.url if copy.lookup else "", "status": text(s.status), "checked": text(s.checked)}


ID = C("id", "the record's id; its page is at /<section>/<id>/")
TABLES = (
    Table("events", "Events", N_("One row per event."), (
        ID, *TITLE_COLUMNS, C("kind", "side-event, meeting, …"),
        C("date", "start date", date=True), C("end_date", "last day, if more than one", date=True),
        C("venue", "venue"), C("city", "city"), C("country", "country id"), C("online", "held online", "boolean"),
        C("session_body", "organisation id of the body in session (e.g. cnd)"),
        C("session_number", "number of that session", "integer"), C("organisers", "organisation or country ids"),
        *L("summary", "our summary"), SOURCES_COLUMN, *fact_columns(EVENT_FACTS), *CAVEAT_COLUMNS), event_rows,
        ("id",)),
    Table("participations", "Participations", N_("One row per person per event, with the title they had there."), (
        C("event", "event id"), C("date", "event date", date=True), C("person", "person id"),
        C("role", "speaker, moderator, …"), *L("title", "the person's title at this event, as the source gives it"),
        C("organisation", "organisation id"), C("delegation", "country id of the delegation"),
        C("head_of_delegation", "led the delegation", "boolean"), SOURCES_COLUMN, *CAVEAT_COLUMNS),
        participation_rows, ("event", "person")),
    Table("people", "People", N_("One row per person, name as the main source spells it."), (
        ID, *NAME_COLUMNS, C("sort_name", "for sorting"),
        *L("summary", "our summary"), SOURCES_COLUMN, *CAVEAT_COLUMNS), people_rows, ("id",)),
    Table("aliases", "Other forms of names", N_("Other spellings and scripts of names, each with its source."), (
        C("collection", "people, organisations or countries"), C("id", "id of the person, organisation or country"),
        C("alias", "the other form of the name"), C("lang", "language code"),
        C("display", "the form shown in that language's edition", "boolean"),
        C("short", "a short form (an abbreviation)", "boolean"), C("note", "note"),
        SOURCES_COLUMN, *CAVEAT_COLUMNS), alias_rows, ()),
    Table("organisations", "Organisations", N_("One row per organisation or office."), (
        ID, *NAME_COLUMNS, C("short_name", "abbreviation"), C("kind", "kind of body"),
        C("parent", "id of the organisation it belongs to"), *L("summary", "our summary"), SOURCES_COLUMN,
        *CAVEAT_COLUMNS), organisation_rows, ("id",)),
    Table("countries", "Countries", N_("One row per country."), (ID, *NAME_COLUMNS, SOURCES_COLUMN, *CAVEAT_COLUMNS),
          country_rows, ("id",)),
    Table("sco_membership", "SCO membership", N_("Periods of each country's status in the SCO."), (
        C("country", "country id"), C("status", "member, observer or dialogue-partner"),
        C("start", "from", date=True), C("end", "until (empty: still)", date=True), SOURCES_COLUMN, *CAVEAT_COLUMNS),
        membership_rows, ()),
    Table("documents", "Documents", N_("Agreements, declarations, strategies, plans, resolutions and statements."), (
        ID, *TITLE_COLUMNS, C("short_title", "our short label"), C("kind", "kind of document"),
        C("date", "date of signature or adoption", date=True), C("place", "place"),
        C("parties", "organisation or country ids"), C("part_of", "id of the document it belongs to"),
        *L("summary", "our summary"), SOURCES_COLUMN, *fact_columns(DOCUMENT_FACTS), *CAVEAT_COLUMNS), document_rows,
        ("id",)),
    Table("other_values", "Other values", N_("Values that a source gives for an event's or a document's date, place, "
          "session, organisers or parties, differing from the value shown."), (
        C("collection", "events or documents"), C("record", "id of the event or document"),
        C("fact", "date, place, session, organisers, parties or part_of"),
        C("value", "the value the source gives (a date, a place, a session number, ids separated by '; ')"),
        C("end_date", "for a date: the last day the source gives", date=True),
        *L("note", "how the source gives it"), SOURCES_COLUMN, *CAVEAT_COLUMNS), other_value_rows,
        ("collection", "record", "fact", "value")),
    Table("figures", "Figures", N_("One row per number per statement. Never add rows together: each is its own "
          "statement, with its own period and qualifier."), (
        ID, C("metric", "metric id (see metrics.csv)"), *L("label", "what the number counts, in the source's words"),
        C("value", "the number as stated (not converted)", "number"),
        C("in_words", "the amount in the source's words when it gives no digits"),
        C("unit", "unit as stated (tonnes, tons, kg, percent, …)"),
        C("qualifier", "the source's word before the number: some, over, about, …"),
        *L("amount", "the whole amount as the source words it (qualifier, number, unit)"),
        C("period", "the period in the source's words"), C("period_start", "period start", date=True),
        C("period_end", "period end", date=True), C("speaker", "person id"),
        C("attributed_to", "organisation id"), C("said_on", "date stated", date=True), C("event", "event id"),
        SOURCES_COLUMN, *CAVEAT_COLUMNS), figure_rows, ("id",)),
    Table("metrics", "Metrics", N_("What the figures measure."), (
        ID, *L("name", "name"), *L("description", "description")), metric_rows, ("id",)),
    Table("quotes", "Quotations", N_("Quotations exactly as the source prints them."), (
        ID, C("person", "person id"), C("text", "the quotation, verbatim"), C("lang", "language code"),
        C("translation_ru", "our translation into Russian (empty if none)"),
        C("translation_zh", "our translation into Chinese (empty if none)"),
        C("said_on", "date", date=True), C("event", "event id"), *L("context", "context"), SOURCES_COLUMN,
        *CAVEAT_COLUMNS), quote_rows, ("id",)),
    Table("milestones", "Milestones", N_("Dated facts for the timeline."), (
        ID, C("date", "date", date=True), *L("title", "title"), *L("text", "our words"), SOURCES_COLUMN,
        *CAVEAT_COLUMNS), milestone_rows, ("id",)),
    Table("sources", "Sources", N_("Every source cited, with its original address."), (
        ID, C("title", "title as the source shows it (empty where it is not known)"),
        *L("description", "what the page is, in our words, where its title is not known"),
        C("url", "original address"), *L("publisher", "publisher, in our words"),
        C("date", "publication date", date=True), C("date_note", "about the date"), C("language", "language code"),
        C("archived_url", "an archived copy of the page on a public web archive, verified by an editor (empty if none)"),
        C("archived_date", "the day that copy was taken", date=True),
        C("archive_lookup", "where no copy is verified: the address that looks the page up in the Internet Archive's "
          "Wayback Machine near the publication date (a look-up, not a verified copy)"),
        C("status", "dead where the original address is known dead; empty otherwise"),
        C("checked", "the day the original address was found dead", date=True)),
        source_rows, ("id",)),
)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    cell = str(value)
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def table_csv(table: Table, site: Site) -> str:
    """A table as CSV: UTF-8 with a byte-order mark, which spreadsheet programs (Excel) need to
    read Cyrillic and Chinese correctly."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows(site):
        writer.writerow([csv_cell(row[c.name]) for c in table.columns])
    return buffer.getvalue()


def field_schema(column: Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": column.type, "description": column.description}
    if column.date:
        field["constraints"] = {"pattern": PARTIAL_DATE_PATTERN.strip("^$")}
    return field


def resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [field_schema(c) for c in table.columns], "missingValues": [""]}
    if table.key:
        schema["primaryKey"] = list(table.key)
    return {"name": table.name.replace("_", "-"), "title": table.title, "description": table.description,
            "path": f"{table.name}.csv", "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}


def datapackage(site: Site, site_url: str) -> str:
    """The Data Package descriptor, with the version of the data and when it was made (from
    git: ``versions.package_fields``; neither without the history)."""
    package = {
        "name": "sco-un-counternarcotics-record",
        "title": "SCO–UN counternarcotics record",
        "description": "Events, people, organisations, documents, figures, quotations and sources of the "
                       "cooperation between the Shanghai Cooperation Organisation and the United Nations against "
                       "illicit drugs. Every row cites its sources.",
        "homepage": site_url,
        **versions.package_fields(site),
        "profile": "tabular-data-package",
        "licenses": [LICENSE],
        "resources": [resource(t) for t in TABLES],
    }
    return json.dumps(package, indent=2, ensure_ascii=False) + "\n"


def records_json(site: Site, collection: str) -> str:
    """A collection as JSON: each record as in the data, with ``caveat_status`` and ``caveat_note``
    beside it (as in the CSV tables) for records that can carry a caveat."""
    records = [json_record(r) for r in getattr(site, collection)]
    return json.dumps(records, indent=2, ensure_ascii=False) + "\n"


def json_record(record: Any) -> dict[str, Any]:
    data = editor_order(record.model_dump(mode="json", exclude_none=True))
    if "caveat" in type(record).model_fields:
        note = record.caveat
        data["caveat_status"] = note.status if note else None
        data["caveat_note"] = str(note.note) if note else None
    return data


def download_schema(text: str) -> str:
    """A collection's JSON Schema for the download: the record's, plus the two caveat keys."""
    schema = json.loads(text)
    if "caveat" in schema.get("properties", {}):
        schema["properties"]["caveat_status"] = {"anyOf": [{"enum": list(CAVEAT_STATUSES)}, {"type": "null"}],
                                                 "description": "the caveat's status, repeated from 'caveat'"}
        schema["properties"]["caveat_note"] = {"anyOf": [{"type": "string"}, {"type": "null"}],
                                               "description": "the caveat's note, repeated from 'caveat'"}
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def download_specs(site: Site, site_url: str) -> dict[str, Callable[[], str]]:
    """Every download file but the manifest, as path in an edition -> function that makes it."""
    specs: dict[str, Callable[[], str]] = {f"downloads/{t.name}.csv": functools.partial(table_csv, t, site) for t in TABLES}
    specs |= {f"downloads/{c.name}.json": functools.partial(records_json, site, c.name) for c in COLLECTIONS}
    specs |= {f"downloads/schemas/{name}": functools.partial(download_schema, text) for name, text in schema_texts().items()}
    specs["downloads/datapackage.json"] = functools.partial(datapackage, site, site_url)
    specs[versions.CHANGELOG] = functools.partial(versions.changelog_json, site)
    return specs


def with_manifest(files: dict[str, str]) -> dict[str, str]:
    """The download files plus their manifest (which lists every one of them), in each edition."""
    manifests = {}
    for prefix in sorted({path[: path.index("downloads/")] for path in files if "downloads/" in path}):
        folder = f"{prefix}downloads/"
        downloads = {path.removeprefix(prefix): body for path, body in files.items()
                     if path.startswith(folder) and path != prefix + MANIFEST}
        manifests[prefix + MANIFEST] = manifest(downloads)
    return files | manifests


MANIFEST = "downloads/files.json"


def manifest(files: dict[str, str]) -> str:
    """The list of download files with their sizes and SHA-256: readers can check a download."""
    entries = [{"path": path.removeprefix("downloads/"), "bytes": len(body.encode()),
                "sha256": hashlib.sha256(body.encode()).hexdigest()} for path, body in sorted(files.items())]
    return json.dumps({"generated_by": "scripts/scosite", "files": entries}, indent=2) + "\n"
