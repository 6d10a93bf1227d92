"""The offline copy (`make offline`) works from a folder, and pages print cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from ..support.project import copy_project

# `scosite offline` builds with the engine; the print test reads the built site (``site_url``).
pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory) -> Path:
    """The site built as `make offline` builds it, into a temporary folder."""
    project = tmp_path_factory.mktemp("offline")
    copy_project(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "scripts"))
    done = subprocess.run([sys.executable, "-m", "scosite", "offline", str(project / "out"), "--root", str(project)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return project / "out"


def search(page, words: str) -> None:
    """Type a query into the search box and wait for results. Material's worker loads the index
    after the page; a query typed before it is ready can be dropped, so it is typed again (at
    most three times) until results show. A query that finds nothing still fails."""
    box = page.locator(".md-search__input")
    for attempt in range(3):
        box.click()
        box.fill("")
        box.type(words)
        box.press("End")  # Material searches on keyup: letters a keyboard cannot type (Cyrillic, Chinese) send none
        try:
            page.locator(".md-search-result__item").first.wait_for(timeout=10000)
            return
        except PlaywrightTimeout:
            if attempt == 2:
                raise


def test_the_offline_copy_works_opened_from_a_folder(browser, offline_site):
    context = browser.new_context()
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto((offline_site / "index.html").as_uri())
        assert page.locator("h1").first.inner_text().startswith("SCO–UN counternarcotics cooperation")
        page.locator("article a", has_text="Events").first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/events/index.html") and page.locator("h1").first.inner_text().startswith("Events")
        page.locator('article a[href$="2017-cnd60-high-level-event.html"]').first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/events/2017-cnd60-high-level-event.html")
        assert page.locator("article h2", has_text="Speakers").count() == 1, "the event page rendered its body"
        # Search works without a server too (the index is a script; the worker runs in a frame).
        search(page, "Alimov")
        assert "Rashid Alimov" in page.locator(".md-search-result").inner_text()
        # each edition searches its own language: Russian, Chinese without spaces (word forms
        # are the published site's: Pagefind stems Russian, tests/browser/test_search.py)
        for edition, words, expected in (("ru", "Алимов", "Рашид Алимов"), ("zh", "阿利莫夫", "阿利莫夫"),
                                         ("zh", "拉希德", "拉希德·阿利莫夫"),
                                         ("zh", "禁毒", "禁毒")):
            page.goto((offline_site / edition / "index.html").as_uri())
            assert page.evaluate("document.documentElement.lang") == edition
            search(page, words)
            # (the Chinese index is segmented with zero-width spaces, which show in the results)
            found = page.locator(".md-search-result").inner_text().replace("\u200b", "")
            assert expected in found, (edition, words)
    finally:
        context.close()
    outside = [url for url in requests if not url.startswith(("file://", "data:", "blob:"))]
    assert outside == [], "the offline copy asked for something outside its folder"
    assert errors == []


def test_an_event_page_prints_without_navigation_and_with_source_addresses(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(site_url + "events/2017-cnd60-high-level-event/")
        page.emulate_media(media="print")
        for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
            assert page.locator(chrome).first.evaluate("e => getComputedStyle(e).display") == "none", chrome
        link = page.locator('.footnote a[href^="http"]').first
        after = link.evaluate("e => getComputedStyle(e, '::after').content")
        assert "http://eng.sectsco.org/news/20170313/231902.html" in after
        assert page.locator("article h1").is_visible()
    finally:
        context.close()
