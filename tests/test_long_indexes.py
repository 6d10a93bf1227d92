"""Long index pages split into groups (years or initials), so no page lists the whole data set.

The real data is below the limit; these tests lower it (``group_limit``) to split every index.
"""

from __future__ import annotations

import re

import pytest

from scosite.data.i18n import EDITIONS
from scosite.queries.records import group_of

from .support.generator import rendered, settings
from .support.project import ROOT

SPLIT = ("events", "people", "organisations", "countries", "documents", "sources", "quotes")


@pytest.fixture(scope="module")
def split_pages() -> tuple[dict[str, str], object]:
    data, pages = rendered(settings(ROOT, group_limit=10))
    return pages, data


def test_the_real_site_is_not_split(real_rendering):
    project = settings(ROOT)
    data, pages = real_rendering
    assert not [p for p in pages if "/index/" in p]
    assert all(len(data.get(c)) <= project.group_limit for c in SPLIT), "raise the limit or expect a split"


@pytest.mark.parametrize("lang", EDITIONS)
@pytest.mark.parametrize("collection", SPLIT)
def test_every_record_is_on_exactly_one_group_page_linked_from_the_index(split_pages, collection, lang):
    """In each edition, by that edition's groups (Russian initials А–Я, Chinese pinyin initials)."""
    pages, data = split_pages
    prefix = "" if lang == "en" else f"{lang}/"
    hub = pages[f"{prefix}{collection}/index.md"]
    groups = {path: text for path, text in pages.items() if path.startswith(f"{prefix}{collection}/index/")}
    assert len(groups) > 1
    for path in groups:
        assert f"(index/{path.rsplit('/', 1)[1]})" in hub, f"{path} is not linked from the index"
        assert "[← " in groups[path] and "](../index.md)" in groups[path], f"{path} has no way back"
    for record_id, record in data.get(collection).items():
        if collection == "quotes":
            found = [p for p, text in groups.items() if f"{{ #{record_id} }}" in text]
        else:
            # a row whose first link is to the record (an organisation's parent is linked later)
            row = re.compile(rf"^\|[^\[\n]*\[(?:[^\]\[]|\[[^\]]*\])*\]\(\.\./{re.escape(record_id)}\.md\)", flags=re.M)
            found = [p for p, text in groups.items() if row.search(text)]
        assert found == [f"{prefix}{collection}/index/{group_of(collection, record, lang)}.md"], record_id


def test_no_group_page_is_near_the_size_of_the_whole_list(split_pages):
    pages, data = split_pages
    for collection in ("events", "people", "sources"):
        groups = [p for p in pages if p.startswith(f"{collection}/index/")]
        rows = {p: len(re.findall(r"^\| \S", pages[p], flags=re.M)) - 1 for p in groups}
        assert max(rows.values()) < len(data.get(collection)) / 2, rows


def test_sources_link_quotations_on_their_year_page(split_pages):
    pages, data = split_pages
    quote = data.get("quotes")["2010-ban-collective-approach"]
    year = group_of("quotes", quote)
    citing = [p for p in pages if p.startswith("sources/s") and "2010-ban-collective-approach" in pages[p]]
    assert citing
    for path in citing:
        assert f"(../quotes/index/{year}.md#2010-ban-collective-approach)" in pages[path], path


@pytest.mark.parametrize("lang", EDITIONS)
def test_past_the_limit_the_figures_index_lists_metrics_and_their_pages_every_figure(split_pages, lang):
    pages, data = split_pages
    prefix = "" if lang == "en" else f"{lang}/"
    index = pages[f"{prefix}figures/index.md"]
    assert "{ #all-figures }" not in index and "{ #by-metric }" in index
    assert re.search(rf"(?<!\d){len(data.get('figures'))}(?!\d)", index)  # how many there are, said instead of listed
    assert all(f"]({metric_id}.md)" in index for metric_id in data.get("metrics"))
    rows = sum(len(re.findall(r"^\| \*\*", pages[f"{prefix}figures/{m}.md"], flags=re.M)) for m in data.get("metrics"))
    assert rows == len(data.get("figures"))
