"""Search in each edition (Pagefind): what readers type finds what they mean, nothing of the
index is fetched before they search, and only their edition's index is fetched when they do."""

from __future__ import annotations

import re
import time
from html import unescape

import pytest

from scosite.build.search import indexed_part, pagefind, spaced

from ..support.crawling import Watch, open_page, search_fragments, search_fragments_of


@pytest.fixture
def reader(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    yield page, watch
    context.close()


def search(page, words: str, paste: bool = False, delay: int = 20) -> list[str]:
    """Type ``words`` into the search field, a key each ``delay`` ms (or paste them at once);
    the titles of the results, once they are shown."""
    field = page.locator(".md-search__input")
    field.click()
    if paste:
        field.fill(words)
    else:
        field.press_sequentially(words, delay=delay)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0"
                           " || /^0|No matching|не найдено|没有/.test(document.querySelector('.md-search-result__meta')"
                           ".textContent)", timeout=15000)
    page.wait_for_timeout(300)
    return page.locator(".md-search-result__item h1").all_inner_texts()


@pytest.mark.parametrize(("edition", "words", "expected"), [
    # a name in Cyrillic, and a Russian word form: the genitive finds the person's page (by
    # stemming, or, for Норова, by the sources' headlines in the page's footnotes, which use it)
    ("ru/", "Рашид Алимов", "Рашид Алимов"),
    ("ru/", "Алимова", "Рашид Алимов"),
    ("ru/", "Норова", "Владимир Норов"),
    # a name in Chinese, and a word inside text written without spaces
    ("zh/", "阿利莫夫", "拉希德·阿利莫夫"),
    ("zh/", "拉希德·阿利莫夫", "拉希德·阿利莫夫"),  # the whole name, its middle dot typed
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


def index_parts(browser, site_url: str, words: str, paste: bool) -> set[str]:
    """The parts of the English index a fresh reader's browser fetches to search ``words``:
    pasted, or typed as a quick typist types (``typed_quickly``)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        watch = Watch(origin=site_url.rstrip("/")).attach(page)
        if not paste:
            page.clock.install()  # the page's timers run only when the test says
        open_page(page, watch, site_url, "")
        if paste:
            search(page, words, paste=True)
        else:
            typed_quickly(page, words)
        return {url for _, url in watch.requests if "/pagefind/index/" in url}
    finally:
        context.close()


def typed_quickly(page, words: str, gap_ms: int = 100) -> None:
    """Type ``words`` a key every ``gap_ms`` of the page's own clock, however busy the machine:
    the first key, then (Pagefind's script loaded meanwhile) the others, then a pause long
    enough for the search to start; wait for its results."""
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)  # held from here
    field = page.locator(".md-search__input")
    field.click()
    field.press(words[0])
    page.wait_for_load_state("networkidle")
    for key in words[1:]:
        page.clock.run_for(gap_ms)
        field.press(key)
    page.clock.run_for(1000)
    for _ in range(300):  # polled from here: the page's own timers are held
        if page.evaluate("document.querySelectorAll('.md-search-result__item').length") > 0:
            return
        page.clock.run_for(50)
        time.sleep(0.05)
    raise AssertionError(f"no results for {words!r}")


def test_typing_fetches_only_the_index_parts_of_what_was_typed(browser, site_url):
    """A reader typing a word letter by letter passes through its first letters, whose words
    are in other parts of the index than the word's (which prefix does depends on how the
    index is split, so the first such is taken); the search waits for the pause, so it fetches
    no more than pasting the word would."""
    for word in ("Shanghai", "Vienna", "Alimov", "Tashkent", "Moscow", "Heroin", "Opium", "Kazakhstan", "Pakistan",
                 "Resolution", "Declaration", "Programme", "Commission", "Narcotics", "Fedotov", "Norov", "Beijing"):
        pasted = index_parts(browser, site_url, word, paste=True)
        prefix = next((word[:n] for n in range(1, 4) if index_parts(browser, site_url, word[:n], paste=True) - pasted),
                      None)
        if prefix is not None:
            break
    else:
        pytest.fail("no first letters of the words tried load another part of the index: it is not split")
    assert index_parts(browser, site_url, word, paste=False) == pasted, f"typing {word!r} (through {prefix!r})"


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_index_leaves_out_what_every_record_page_says_of_itself(site_dir):
    """A record page's "last changed" line and its citation (its title again, the site's name,
    its address) are not indexed; the page's own text and its list of sources are."""
    fragments = {f["url"]: f for lang, f in search_fragments(site_dir) if lang == "en"}
    url = "/events/2017-cnd60-high-level-event/"
    page = (site_dir / url.strip("/") / "index.html").read_text(encoding="utf-8")
    content = "".join(fragments[url]["content"].split())  # compared without their spaces
    notes = ["".join(text_of(li).rstrip(" ↩").split()) for li in re.findall(r'<li id="fn:[^"]+">(.*?)</li>', page, re.S)]
    assert len(notes) > 3 and "UnitedNationsOfficeatVienna,Vienna" in content
    assert [note for note in notes if note not in content] == []
    records = {u: f for u, f in fragments.items() if u.count("/") == 3 and not u.startswith("/about/")}  # /events/<id>/ …
    for words in ("Cite as:", "Last changed:"):
        assert words in page
        assert [u for u, f in records.items() if words in f["content"]] == []


def test_the_chinese_copy_holds_all_that_pagefind_indexes(site_dir, tmp_path):
    """Pagefind reads the Chinese pages from a spaced copy that keeps only the part it
    indexes: a sample of pages gives the same index entries as the whole pages, spaced."""
    edition = site_dir / "zh"
    pages = [p for p in sorted(edition.rglob("*.html")) if p.relative_to(edition).parts[0] not in ("pagefind", "assets")]
    entries = {}
    for variant, copy in (("whole", spaced), ("part", lambda html: spaced(indexed_part(html)))):
        for page in pages[::4]:
            target = tmp_path / variant / page.relative_to(edition)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(copy(page.read_text(encoding="utf-8")), encoding="utf-8")
        assert pagefind(tmp_path / variant, tmp_path / variant / "pagefind") == 0
        entries[variant] = {f["url"]: f for f in search_fragments_of(tmp_path / variant / "pagefind")}
    assert len(entries["whole"]) == len(pages[::4]) > 50
    assert entries["part"] == entries["whole"]
