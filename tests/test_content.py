"""The real content under data/: complete, cited, and consistent with the research dossier.

The schema and the reference checks say that each record is well formed; these tests say that
the data set as a whole holds together: every source is used and every citation resolves, the
index pages list every record, and SCO membership and chairmanship at each SCO–UN event at a
CND session agree with the dossier (sources/dossier.md, §8, and its addendum).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import pytest

from scosite.build.generator import Project, validate
from scosite.queries.display import format_quantity
from scosite.queries.records import Site, date_span

from .support.project import ROOT


@pytest.fixture(scope="module")
def data():
    loaded, problems = validate(Project(ROOT))
    assert problems == []
    return loaded


@pytest.fixture(scope="module")
def site(data) -> Site:
    return Site.build(data)


@pytest.fixture(scope="module")
def pages(real_rendering) -> Mapping[str, str]:
    return real_rendering[1]


# --- Sources and citations ---------------------------------------------------------------


def test_every_source_is_cited_by_something(data, site):
    unused = sorted(source for source in data.get("sources") if not site.cited_by(source))
    assert unused == [], "sources nothing cites: remove them or cite them"


def test_every_footnote_on_every_page_is_defined(pages):
    for path, text in pages.items():
        cited = set(re.findall(r"\[\^([a-z0-9-]+)\](?!:)", text))
        defined = set(re.findall(r"^\[\^([a-z0-9-]+)\]:", text, flags=re.M))
        assert cited == defined, path


# --- Index pages list every record ----------------------------------------------------------


def table_rows(markdown: str, heading: str | None = None) -> list[str]:
    """The body rows of the first Markdown table (after ``heading``, if given)."""
    if heading:
        markdown = markdown.split(heading, 1)[1]
    rows, started = [], False
    for line in markdown.splitlines():
        if line.startswith("|"):
            started = True
            rows.append(line)
        elif started:
            break
    return rows[2:]  # without the header row and the | --- | row


def linked_ids(rows: list[str], folder: str = "") -> set[str]:
    """Ids of the record pages the rows link to (``(2017-x.md)`` or ``(../people/x.md)``)."""
    return {m for row in rows for m in re.findall(rf"\]\((?:\.\./{folder}/)?([a-z0-9-]+)\.md\)", row)}


@pytest.mark.parametrize("collection", ["events", "documents", "people", "sources"])
def test_the_index_page_lists_every_record(data, pages, collection):
    rows = table_rows(pages[f"{collection}/index.md"].split("\n---\n", 1)[1])
    assert len(rows) == len(data.get(collection))
    first_links = {re.search(r"\]\(([a-z0-9-]+)\.md\)", row).group(1) for row in rows}
    assert first_links == set(data.get(collection))


def test_the_figures_page_lists_every_figure_and_metric(data, pages):
    page = pages["figures/index.md"]
    assert len(table_rows(page, "## All figures")) == len(data.get("figures"))
    by_metric = table_rows(page, "## By metric")
    assert len(by_metric) == len(data.get("metrics"))
    assert sum(int(row.rstrip(" |").rsplit("|", 1)[1]) for row in by_metric) == len(data.get("figures"))


def test_every_figure_is_on_its_metric_page_with_its_wording(site, pages):
    for figure in site.figures:
        page = pages[f"figures/{figure.metric}.md"]
        assert f"**{format_quantity(figure)}**" in html.unescape(page), figure.id


# --- SCO membership and chair at each SCO–UN event at a CND session ---------------------------

FOUNDERS = {"china", "kazakhstan", "kyrgyzstan", "russia", "tajikistan", "uzbekistan"}
EIGHT = FOUNDERS | {"india", "pakistan"}
NINE = EIGHT | {"iran"}
TEN = NINE | {"belarus"}

# The dossier's §8 table: the SCO member states at the date of each event.
MEMBERS_AT_EVENT = {
    "2017-cnd60-high-level-event": FOUNDERS,
    "2018-cnd61-high-level-event": EIGHT,
    "2019-cnd62-high-level-event": EIGHT,
    "2020-cnd63-high-level-event": EIGHT,
    "2021-cnd64-high-level-event": EIGHT,
    "2022-cnd65-high-level-event": EIGHT,
    "2023-cnd66-high-level-event": EIGHT,
    "2024-cnd67-high-level-event": NINE,
    "2025-cnd68-high-level-event": TEN,
    "2026-cnd69-high-level-event": TEN,
}

# The chair where the dossier (§8) or its addendum (§3, for 2023) states one; None where no
# source states it (2017 is only inferred, 2020 and 2022 are not stated).
CHAIR_AT_EVENT = {
    "2017-cnd60-high-level-event": None,
    "2018-cnd61-high-level-event": "china",
    "2019-cnd62-high-level-event": "kyrgyzstan",
    "2020-cnd63-high-level-event": None,
    "2021-cnd64-high-level-event": "tajikistan",
    "2022-cnd65-high-level-event": None,
    "2023-cnd66-high-level-event": "india",
    "2024-cnd67-high-level-event": "kazakhstan",
    "2025-cnd68-high-level-event": "china",
    "2026-cnd69-high-level-event": "kyrgyzstan",
}


def members_on(site: Site, date: str) -> set[str]:
    """Countries whose recorded SCO membership covers the whole of ``date``."""
    first, last = date_span(date)
    return {c.id for c in site.countries for m in c.sco
            if m.status == "member" and date_span(m.start)[1] <= first and (m.end is None or last <= date_span(m.end)[0])}


def test_the_ten_high_level_events_are_on_record(site):
    at_cnd = {e.id for e in site.events if e.kind == "side-event" and e.session and e.session.body == "cnd"}
    assert at_cnd == set(MEMBERS_AT_EVENT)
    assert sorted(site.get("events", e).session.number for e in MEMBERS_AT_EVENT) == list(range(60, 70))


@pytest.mark.parametrize(("event_id", "members"), sorted(MEMBERS_AT_EVENT.items()))
def test_sco_membership_at_each_event_matches_the_dossier(site, event_id, members):
    assert members_on(site, site.get("events", event_id).date) == members


@pytest.mark.parametrize(("event_id", "chair"), sorted(CHAIR_AT_EVENT.items()))
def test_the_sco_chair_at_each_event_matches_the_sources(site, event_id, chair):
    found = [country.id for country, _ in site.chair_at(site.get("events", event_id).date)]
    assert found == ([chair] if chair else [])


def test_the_chair_is_shown_on_the_event_page_with_its_source(site, pages):
    page = pages["events/2018-cnd61-high-level-event.md"]
    row = next(line for line in page.splitlines() if line.startswith("| SCO chair at the time |"))
    assert "(../countries/china.md)[^s14]" in row


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2018-03-12", ["china"]), ("2017-06-15", []), ("2024-01-15", ["kazakhstan"]), ("2024-03", []), ("2024-09-01", []),
     ("2020-03-02", [])],
)
def test_a_chair_term_claims_only_the_days_its_dates_make_certain(site, date, expected):
    assert [c.id for c, _ in site.chair_at(date)] == expected
