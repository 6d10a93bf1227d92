"""Page weight budget: what a reader's browser fetches for the home page and an event page.

The real site against a default Material for MkDocs site holding the same Markdown for those
two pages: bytes at most the default's plus 10 %, and at most six requests. Counted as a browser fetches
them: the HTML, then every same-site stylesheet, script, icon and image it links, and every
font those stylesheets load (``tests/support/weight.py``: ``page_weight``). Deterministic: no browser, no network.
"""

from __future__ import annotations

import pytest

from .support.generator import generated
from .support.weight import REAL_EVENT, default_material_site, markdown_extensions, page_weight

BUDGET = 1.10
MAX_REQUESTS = 6  # per page (issue 16)
PAGES = {"home": ("index.md", "index.html"), "event": (f"{REAL_EVENT}.md", f"{REAL_EVENT}/index.html")}


@pytest.fixture(scope="module")
def default_site(built_site, tmp_path_factory):
    """A default Material site (theme: material, nothing else) with the same two pages."""
    project, _ = built_site
    docs = {source: generated(project, source).read_text(encoding="utf-8") for source, _ in PAGES.values()}
    return default_material_site(docs, tmp_path_factory.mktemp("default-material"), markdown_extensions(project))


@pytest.fixture(params=PAGES)
def weights(request, built_site, default_site):
    """(ours, default) for one page."""
    page = PAGES[request.param][1]
    return page_weight(built_site[0] / "site", page), page_weight(default_site, page)


def test_bytes_are_within_the_budget(weights):
    ours, default = weights
    assert ours.bytes <= BUDGET * default.bytes, f"{ours.bytes:,} B against a budget of {BUDGET * default.bytes:,.0f} B"


def test_nothing_is_loaded_from_another_host(weights):
    ours, default = weights
    assert ours.other_hosts == []
    assert default.other_hosts, "the default theme loads Google Fonts: has the counting stopped seeing other hosts?"


def test_requests_are_within_the_budget(weights):
    """At most MAX_REQUESTS same-site requests a page: the page, Material's stylesheet, its
    palette stylesheet and its script, the site's stylesheet and its script (the icon is in
    the page). The default theme makes 4 (it has no palette and the icon is a file), so 10 %
    over it allows none of the site's own files: the budget is absolute instead."""
    ours, default = weights
    assert default.requests >= 3, "the default's count: has the counting stopped seeing requests?"
    assert ours.requests <= MAX_REQUESTS, f"{ours.requests} requests against a budget of {MAX_REQUESTS}"
