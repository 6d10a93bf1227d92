"""Data cannot become markup or script: the site built from hostile data (see tests/support/seeding.py).

Every page is opened with a trap for dialogs (alert, confirm, prompt) and searched for
elements or attributes that a payload could have produced. The page title, the header title,
the search index and the search results rendered in the page are checked too.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urljoin

import pytest

from ..support.crawling import Watch, open_page, sample, search_fragments
from ..support.htmlscan import html_pages, scan
from ..support.seeding import MARKER, PAYLOADS

EVENT = "events/2017-cnd60-high-level-event/"
# What a payload would leave in the page if it became markup (see also the element counts in
# test_payloads_add_no_element_to_any_page).
PAYLOAD_TRACES = """() => {
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) found.push(`${el.localName} ${attr.name}="${attr.value}"`);
      const pageIcon = el.localName === "link" && el.rel === "icon" && attr.value.startsWith("data:image/svg+xml,");
      if (/^(href|src|action|formaction|xlink:href)$/i.test(attr.name) && /^\\s*(javascript|vbscript|data):/i.test(attr.value)
          && !pageIcon)  // the site's own icon, written into the page (scosite.build.outputcheck allows it there only)
        found.push(`${el.localName} ${attr.name}="${attr.value}"`);
    }
  }
  for (const script of document.scripts) {
    if (/json/.test(script.type)) {  // data (the theme's config, JSON-LD): must still be whole
      try { JSON.parse(script.textContent); }
      catch (e) { found.push(`broken ${script.type}: ${script.textContent.slice(0, 80)}`); }
    } else if (/alert|xsspayload/.test(script.textContent)) {
      found.push(`script: ${script.textContent.slice(0, 80)}`);
    }
  }
  const selector = 'img[src="x"], title *, [data-md-component="header-topic"] *:not(span), .md-search-result svg';
  for (const el of document.querySelectorAll(selector)) found.push(el.outerHTML.slice(0, 120));
  return found;
}"""
# Elements a payload could create; their number on each page must not change with the data.
WATCHED_TAGS = ("script", "style", "img", "svg", "iframe", "object", "embed", "form", "input", "button", "textarea",
                "meta", "link", "base", "a")


@pytest.fixture(scope="module")
def hostile(browser, injected_site_url):
    """One page in a fresh context (no axe, no stored palette), watched for dialogs."""
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(origin=injected_site_url.rstrip("/")).attach(page)
    yield page, watch
    context.close()


def test_no_payload_runs_or_becomes_markup_on_any_page(hostile, injected_site, injected_site_url):
    """In the largest page of each template of each edition (``crawling.sample``): every field
    of a record kind is on its template's pages, and the element counts of every page are
    compared from disk (test_payloads_add_no_element_to_any_page)."""
    page, watch = hostile
    traces = []
    paths = sample({path: file.stat().st_size for path, file in html_pages(injected_site).items()})
    assert len(paths) > 60
    for path in paths:
        assert open_page(page, watch, injected_site_url, path) == 200
        traces += [f"/{path}: {trace}" for trace in page.evaluate(PAYLOAD_TRACES)]
    page.wait_for_timeout(300)  # time for a late error handler to fire
    assert watch.dialogs == []
    assert traces == []


def test_payloads_are_shown_as_text_in_titles_and_content(hostile, injected_site_url):
    page, watch = hostile
    open_page(page, watch, injected_site_url, EVENT)
    title = page.evaluate("() => document.title")
    header = page.evaluate("""() => {
      const topic = document.querySelector('[data-md-component="header-topic"] .md-ellipsis');
      return {text: topic.textContent.trim(), children: topic.children.length};
    }""")
    text = page.evaluate("() => document.querySelector('.md-content').innerText")
    for shown in (title, header["text"], text):
        assert "<script>alert(1)</script>" in shown and '"><svg onload=alert(1)>' in shown
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown  # entities stay as typed, never decoded into tags
    assert header["children"] == 0
    assert "{{ 7*7 }}" in text and "--8<-- /etc/passwd" in text and "root:x:0:" not in text
    assert watch.dialogs == []


def test_payloads_add_no_element_to_any_page(site_dir, injected_site):
    """The same pages built from the real and from the hostile data hold the same elements."""
    real, hostile = html_pages(site_dir), html_pages(injected_site)
    assert sorted(real) == sorted(hostile)
    grown = []
    for path in real:
        before = Counter(e.tag for e in scan(real[path]).elements if e.tag in WATCHED_TAGS)
        after = Counter(e.tag for e in scan(hostile[path]).elements if e.tag in WATCHED_TAGS)
        if after - before:
            grown.append(f"/{path}: {dict(after - before)} more")
    assert grown == []


def test_the_search_index_holds_payloads_only_as_text(injected_site):
    """Pagefind indexes each page's text: the payloads are there as the characters a reader
    sees (so the results test below means something), in every edition's index."""
    fragments = search_fragments(injected_site)
    with_marker = [(lang, f) for lang, f in fragments if MARKER in f["content"] + f["meta"].get("title", "")]
    assert len(with_marker) > 60
    assert {lang for lang, _ in with_marker} == {"en", "ru", "zh"}
    assert any(PAYLOADS[0] in f["content"] for _, f in with_marker)  # <script>alert(1)</script>, as text


def test_search_results_show_payloads_as_text(hostile, injected_site_url):
    page, watch = hostile
    open_page(page, watch, injected_site_url, "")
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(MARKER, delay=20)
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0")
    page.wait_for_timeout(300)  # every result's excerpt in place
    results = page.locator(".md-search-result").inner_text()
    assert MARKER in results and "alert(1)" in results
    assert page.evaluate(PAYLOAD_TRACES) == []
    # a result opens its page
    href = page.locator(".md-search-result__link").first.get_attribute("href")
    open_page(page, watch, urljoin(page.url, href), "")
    assert MARKER in page.locator("article").inner_text()
    assert page.evaluate(PAYLOAD_TRACES) == []
    page.wait_for_timeout(300)
    assert watch.dialogs == []
