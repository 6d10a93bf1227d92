"""Search in each edition (Pagefind): what readers type finds what they mean, nothing of the
index is fetched before they search, and only their edition's index is fetched when they do."""

from __future__ import annotations

import pytest

from .crawling import Watch, open_page


@pytest.fixture
def reader(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    yield page, watch
    context.close()


def search(page, words: str) -> list[str]:
    """Type ``words`` into the search field; the titles of the results, once they are shown."""
    field = page.locator(".md-search__input")
    field.click()
    field.press_sequentially(words, delay=20)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0"
                           " || /^0|No matching|не найдено|没有/.test(document.querySelector('.md-search-result__meta')"
                           ".textContent)", timeout=15000)
    page.wait_for_timeout(300)
    return page.locator(".md-search-result__item h1").all_inner_texts()


@pytest.mark.parametrize(("edition", "words", "expected"), [
    # a name in Cyrillic, and a Russian word form: the genitive finds the nominative (stemming)
    ("ru/", "Рашид Алимов", "Рашид Алимов"),
    ("ru/", "Алимова", "Рашид Алимов"),
    ("ru/", "Норова", "Владимир Норов"),
    # a name in Chinese, and a word inside text written without spaces
    ("zh/", "阿利莫夫", "拉希德·阿利莫夫"),
    ("zh/", "禁毒战略", "2018-2023年上海合作组织成员国禁毒战略"),
    # English as before
    ("", "Alimov", "Rashid Alimov"),
])
def test_each_edition_finds_what_its_readers_type(reader, site_url, edition, words, expected):
    page, watch = reader
    open_page(page, watch, site_url, edition)
    titles = search(page, words)
    assert any(expected in title for title in titles), titles
    assert all(title.strip() for title in titles)


def test_results_open_the_page_in_the_same_edition(reader, site_url):
    page, watch = reader
    open_page(page, watch, site_url, "zh/")
    search(page, "阿利莫夫")
    page.locator(".md-search-result__link").first.click()
    page.wait_for_load_state("load")
    assert "/zh/" in page.url and page.evaluate("document.documentElement.lang") == "zh"


def test_nothing_of_the_index_is_fetched_before_the_reader_searches(reader, site_url):
    page, watch = reader
    open_page(page, watch, site_url, "ru/")
    page.wait_for_timeout(500)
    assert [url for _, url in watch.requests if "/pagefind/" in url or url.endswith("search.js")] == []
    search(page, "Алимова")
    fetched = [url for _, url in watch.requests if "/pagefind/" in url]
    assert any(url.endswith("pagefind.js") for url in fetched)
    # only the Russian edition's index, and only some of it
    assert [url for url in fetched if "/pagefind/index/" in url or "/pagefind/fragment/" in url
            if "/ru_" not in url] == []
    assert all(url.startswith(site_url.rstrip("/")) for _, url in watch.requests)
    assert watch.console_errors == [] and watch.failed_requests == []
