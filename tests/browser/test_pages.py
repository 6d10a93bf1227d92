"""One page of each template in each edition of the built site, in the light and the dark
palette, in Chromium.

One crawl (the ``crawl`` fixture) visits each of those pages in the light palette, and the
English edition's and every home page in the dark one (``in_another_palette``); each test states
one property of all those visits and lists every page that breaks it. What holds of every page
and needs no browser (links and anchors, HTML validity, the security policy, nothing loaded
from another host) is checked on all of them from disk (test_links.py, test_html_valid.py,
test_security.py).
"""

from __future__ import annotations

import pytest

from ..support.crawling import describe_axe, in_another_palette, sample, template_of
from ..support.htmlscan import html_pages


def listing(problems: list[tuple[str, str]]) -> str:
    return "\n".join(f"{where}: {what}" for where, what in problems)


def test_the_crawl_visits_every_template_of_every_edition(crawl, site_dir):
    on_disk = set(html_pages(site_dir))
    assert set(crawl.paths) <= on_disk
    assert {template_of(path) for path in on_disk} == {template_of(path) for path in crawl.paths}
    for edition in ("", "ru/", "zh/"):  # each edition's home and 404 pages, and a page of each collection
        assert {edition, f"{edition}404.html"} <= set(crawl.paths)
        for collection in ("events", "people", "organisations", "countries", "documents", "figures", "sources"):
            assert any(path.startswith(f"{edition}{collection}/") and path.count("/") - edition.count("/") == 2
                       for path in crawl.paths), f"no {edition}{collection}/ record page"


def test_the_sample_is_the_largest_page_of_each_template():
    pages = {"": 5, "events/": 9, "events/a/": 3, "events/b/": 7, "ru/events/a/": 1, "zh/404.html": 2}
    assert sample(pages) == ["", "events/", "events/b/", "ru/events/a/", "zh/404.html"]


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
    assert [v.path for v in visits] == (crawl.paths if palette == "light" else in_another_palette(crawl.paths))
    assert {"", "ru/", "zh/"} <= {v.path for v in visits}
    assert describe_axe(visits) == ""
