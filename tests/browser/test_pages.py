"""Every page of the built site, in the light and the dark palette, in Chromium.

One crawl (the ``crawl`` fixture) visits each page once per palette; each test states one
property of all those visits and lists every page that breaks it.
"""

from __future__ import annotations

import pytest

from .crawling import describe_axe

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def listing(problems: list[tuple[str, str]]) -> str:
    return "\n".join(f"{where}: {what}" for where, what in problems)


def test_the_crawl_reaches_every_page_of_the_built_site(crawl, site_dir):
    on_disk = {p.relative_to(site_dir).as_posix().removesuffix("index.html") for p in site_dir.rglob("*.html")}
    assert "" in on_disk and "events/2017-cnd60-high-level-event/" in on_disk
    assert sorted(on_disk - set(crawl.paths)) == []
    assert sorted(set(crawl.paths) - on_disk) == []


def test_every_page_answers_200(crawl):
    assert [f"{v.palette} /{v.path}: HTTP {v.status}" for v in crawl.visits if v.status != 200] == []


def test_no_page_logs_a_console_error(crawl):
    assert listing(crawl.problems("console_errors")) == ""


def test_no_request_fails(crawl):
    assert listing(crawl.problems("failed_requests")) == ""


def test_no_request_goes_to_another_host(crawl):
    outside = [(f"{palette}: {path}", url) for palette, watch in crawl.watches.items()
               for path, url in watch.outside_requests()]
    assert listing(outside) == ""
    # the record is real: each page loaded its stylesheet and script from the local server
    requested = {url for watch in crawl.watches.values() for _, url in watch.requests}
    assert any(url.endswith(".css") for url in requested) and any(url.endswith(".js") for url in requested)


def test_the_content_security_policy_blocks_nothing_the_site_needs(crawl):
    assert [f"{v.palette} /{v.path}: {c}" for v in crawl.visits for c in v.csp] == []


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_no_accessibility_violations(crawl, palette):
    visits = [v for v in crawl.visits if v.palette == palette]
    assert len(visits) == len(crawl.paths)
    assert describe_axe(visits) == ""
