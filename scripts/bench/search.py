"""Search in the browser (Playwright driving the system's Chromium; nothing is downloaded).

On the built site, served without compression as a plain static host would: the home page is
opened and left to settle; nothing of the search index (Pagefind's files under ``pagefind/``)
may have been requested by then. Then a reader types a name into the search field, as
tests/browser/test_search.py does, and the benchmark records:

* the bytes of everything the page fetched for that first search, each body gzip-compressed
  (as a host that compresses would send it) and summed;
* how long after the last part of the index arrived (every file under ``pagefind/`` but the
  result fragments, which are fetched to show the results) the first result was on screen.
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from tests.support.browser import CHROMIUM_ARGS  # as the browser tests launch it
from tests.support.serving import NotSettled, Say, serve_folder

from .measure import Results, unsettled
from .project import Case

CEILING = 60.0  # seconds for the page to load, and again for the first results
# Records (browser clock, ms since the epoch) when the first result is in the list.
OBSERVE_RESULTS = """() => new MutationObserver((_, observer) => {
  if (document.querySelector('.md-search-result__item')) {
    window.__scoShown = performance.timeOrigin + performance.now();
    observer.disconnect();
  }
}).observe(document.body, {childList: true, subtree: true})"""


def measure_search(case: Case, results: Results, say: Say) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        results.facts["search_error"] = "no Chromium on PATH"
        return say("search: not measured, no Chromium on PATH")
    query = case.name.split()[-1]
    try:
        found = search_once(case.project / "site", query, chromium)
    except NotSettled as err:
        return unsettled(results, "search_shown_ms", err, say)
    except Exception as err:  # the browser failing is a result to report, not a crash
        results.facts["search_error"] = f"{type(err).__name__}: {err}"
        return say(f"search: not measured, {results.facts['search_error']}")
    for measure, value in found.items():
        results.add(measure, value)
    say(f"search for {query!r}: {found['search_before_requests']:.0f} index requests before searching; "
        f"first search {found['search_gzip_bytes'] / 1024:.0f} KiB gzip in {found['search_requests']:.0f} requests; "
        f"results {found['search_shown_ms']:.0f} ms after the index parts arrived ({found['search_results']:.0f} shown)")


def search_once(site: Path, query: str, chromium: str) -> dict[str, float]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import sync_playwright

    with serve_folder(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            finished: list = []
            page.on("requestfinished", lambda request: finished.append(request))
            page.goto(url, wait_until="load", timeout=CEILING * 1000)
            page.wait_for_load_state("networkidle", timeout=CEILING * 1000)
            before = [r for r in finished if "/pagefind/" in r.url]
            mark = len(finished)
            page.evaluate(OBSERVE_RESULTS)
            field = page.locator(".md-search__input")
            field.click()
            field.press_sequentially(query, delay=20)
            typed = page.evaluate("performance.timeOrigin + performance.now()")
            try:
                page.wait_for_function("() => window.__scoShown", timeout=CEILING * 1000)
                page.wait_for_load_state("networkidle", timeout=CEILING * 1000)
            except PlaywrightTimeout:
                raise NotSettled(f"search results for {query!r}", CEILING) from None
            shown = page.evaluate("window.__scoShown")
            count = page.locator(".md-search-result__item").count()
        finally:
            browser.close()
    return _summary(site, before, finished[mark:], shown, typed, count)


def _summary(site: Path, before: list, during: list, shown: float, typed: float, count: int) -> dict[str, float]:
    index = [r for r in during if "/pagefind/" in r.url and "/fragment/" not in r.url and _arrived(r) <= shown]
    last = max((_arrived(r) for r in index), default=typed)
    return {"search_before_requests": len(before),
            "search_requests": len(during),
            "search_gzip_bytes": sum(len(gzip.compress(_body(site, r.url))) for r in during),
            "search_shown_ms": shown - last,
            "search_after_typing_ms": shown - typed,
            "search_results": count}


def _arrived(request) -> float:
    """When the response's last byte arrived, in ms since the epoch (the browser's clock)."""
    timing = request.timing
    return timing["startTime"] + timing["responseEnd"]


def _body(site: Path, url: str) -> bytes:
    """The file the local server sent for ``url`` (it serves them unchanged)."""
    path = site / urlsplit(url).path.lstrip("/")
    return (path / "index.html" if path.is_dir() else path).read_bytes()
