"""The pages say no more than the data: each footnote stands beside a fact its source states,
and doubt travels with a record wherever it is listed.

Run on the real data and on the fixture; each test states a rule over every page, not an
example.
"""

from __future__ import annotations

import json
import re

import pytest

from scosite.data.models import CAVEAT_STATUSES, TRANSLATED
from scosite.queries import display

from .support import generator
from .support.generator import edition_of, settings
from .support.project import FIXTURES

FOOTNOTE = re.compile(r"\[\^([a-z0-9-]+)\](?!:)")
MARKER = re.compile(r'^ <span class="sco-doubt" title="[^"]*">([^<]+)</span>')
OTHER_VALUE = '<span class="sco-other-value">'

# The header rows of record pages, by label, and the fact each shows.
HEADER_ROWS = {
    "events": {"Date": "date", "Where": "place", "Session": "session", "Organisers": "organisers"},
    "documents": {"Date": "date", "Place": "place", "Parties": "parties", "Part of": "part_of"},
}


@pytest.fixture(scope="module", params=["real", "mini"])
def rendered(request):
    if request.param == "real":
        return request.getfixturevalue("real_rendering")
    return generator.rendered(settings(FIXTURES / "mini"))


def header_row(page: str, label: str) -> str | None:
    match = re.search(rf"^\| {re.escape(label)} \| (.*) \|$", page, flags=re.M)
    return match.group(1) if match else None


def test_every_footnote_in_a_header_row_cites_a_source_tied_to_that_fact(rendered):
    """A header row cites, for the value it shows, only sources the record ties to that fact
    (its sources_for, or else its sources), never one that gives another value; each other
    value is cited with exactly its own sources."""
    data, pages = rendered
    checked = 0
    for collection, rows in HEADER_ROWS.items():
        for record in data.get(collection).values():
            page = pages[f"{collection}/{record.id}.md"]
            for label, fact in rows.items():
                row = header_row(page, label)
                if row is None:
                    continue
                shown, *others = row.split(OTHER_VALUE)
                cited = set(FOOTNOTE.findall(shown))
                own = getattr(record.sources_for, fact, None) if record.sources_for else None
                against = {s for o in record.others(fact) for s in o.sources}
                assert cited <= set(own or record.sources) - against, f"{collection}/{record.id}: {label}"
                assert cited or shown.startswith("not stated"), f"{collection}/{record.id}: {label} cites nothing"
                assert [set(FOOTNOTE.findall(o)) for o in others] == [set(o.sources) for o in record.others(fact)]
                checked += 1
    assert checked


def test_no_footnote_away_from_the_header_cites_a_source_that_gives_another_value(rendered):
    """On every page of every edition, a line that shows an event or a document (a summary, an
    occasion, a list or table row linking to it, a participation beside its date) cites none of
    the sources the record ties to another value of a fact it shows: S09's 58th session never stands
    beside the 60th, nor N05's 14 March beside the 13th. The record's own header rows show the
    other value with its source, beside it, and are checked above."""
    data, pages = rendered
    disputed = {(collection, r.id): r for collection in HEADER_ROWS for r in data.get(collection).values()
                if r.other_values}
    assert disputed
    checked = 0
    for path, page in pages.items():
        if not path.endswith(".md"):
            continue
        lang, rest = edition_of(path)
        for (collection, record_id), record in disputed.items():
            own_page = rest == f"{collection}/{record_id}.md"
            link = re.compile(rf"\]\((?:\.\./)*{collection}/{record_id}\.md[)#]")
            shown_date = display.format_date(record.date, lang) if record.date else None
            for line in page.splitlines():
                if line.startswith("[^") or (own_page and (line.startswith(("|", "-", "#", ">")) or OTHER_VALUE in line)):
                    continue  # a footnote's text; on its own page, the paragraphs only (the summary and the
                    # occasion): the header rows show the other values beside, a statement its own sources
                if own_page or link.search(line):
                    # a paragraph on its own page may state any fact; a line elsewhere shows the
                    # record's session or place in its label, and its date where the date is in it
                    dated = shown_date is not None and shown_date in line
                    facts = None if own_page else {"session", "place"} | ({"date"} if dated else set())
                    against = {s for o in record.other_values if facts is None or o.fact in facts for s in o.sources}
                    cited = set(FOOTNOTE.findall(line))
                    assert not cited & against, f"{path}: {line[:160]}"
                    checked += bool(cited)
    assert checked


CAVEATED_SECTIONS = ("events", "documents", "people", "organisations", "countries")


def test_every_link_to_an_uncertain_record_carries_its_doubt_marker(rendered):
    """Wherever a record with a caveat is listed or linked (timeline, indexes, home page,
    other records' pages), the link is followed by the word for its doubt."""
    data, pages = rendered
    doubtful = {(c, r.id): r.caveat.status for c in CAVEATED_SECTIONS for r in data.get(c).values() if r.caveat}
    assert doubtful, "the data should have at least one record with a caveat for this test to mean anything"
    links = re.compile(r"\]\((?:\.\./)*(?:([a-z]+)/)?([a-z0-9-]+)\.md\)")
    seen = set()
    for path, text in pages.items():
        lang, within = edition_of(path)
        folder = within.rsplit("/", 1)[0] if "/" in within else ""
        for match in links.finditer(text):
            collection = match.group(1) or folder
            status = doubtful.get((collection, match.group(2)))
            if status is None:
                continue
            status = display.label(status, lang)  # the word in the page's language
            marker = MARKER.match(text, match.end()) or MARKER.match(text[match.end():])
            assert marker and marker.group(1) == status, f"{path}: link to {collection}/{match.group(2)} without '{status}'"
            seen.add(lang)
    assert seen == {"en", *TRANSLATED}


def test_uncertain_parts_are_marked_where_they_are_listed(rendered):
    """A membership period with a caveat is marked on the timeline and on the countries index."""
    data, pages = rendered
    for country in data.get("countries").values():
        for period in country.sco:
            if not period.caveat:
                continue
            status = period.caveat.status.replace("-", " ")
            line = next(t for t in pages["timeline.md"].splitlines() if f'id="countries-{country.id}-{period.start}"' in t)
            assert f">{status}</span>" in line
            row = next(t for t in pages["countries/index.md"].splitlines() if f"]({country.id}.md)" in t)
            assert f">{status}</span>" in row


def test_downloads_carry_the_doubt_of_every_row(rendered):
    """Every CSV table whose rows can be uncertain has caveat_status and caveat_note, filled
    exactly for the rows that carry a caveat, and the Data Package describes both."""
    data, pages = rendered
    package = json.loads(pages["downloads/datapackage.json"])
    described = {r["name"]: {f["name"] for f in r["schema"]["fields"]} for r in package["resources"]}
    for name in ("events", "participations", "people", "aliases", "organisations", "countries", "sco-membership",
                 "documents", "figures", "quotes", "milestones"):
        assert {"caveat_status", "caveat_note"} <= described[name], name
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(pages["downloads/events.csv"].removeprefix("\ufeff"))))
    for row in rows:
        event = data.get("events")[row["id"]]
        assert row["caveat_status"] == (event.caveat.status if event.caveat else "")
        assert row["caveat_note"] == (event.caveat.note.en if event.caveat else "")
        assert row["caveat_status"] in ("", *CAVEAT_STATUSES)
    for record in json.loads(pages["downloads/events.json"]):
        assert record["caveat_status"] == (record.get("caveat") or {}).get("status")


def test_structured_data_states_nothing_the_sources_do_not(rendered):
    """No JSON-LD for a record whose existence, date or identity is uncertain."""
    data, pages = rendered
    for collection in CAVEATED_SECTIONS:
        for record in data.get(collection).values():
            has_ld = "application/ld+json" in pages[f"{collection}/{record.id}.md"]
            if record.caveat:
                assert not has_ld, f"{collection}/{record.id}"
