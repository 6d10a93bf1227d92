"""Browser tests: the built site served on 127.0.0.1 and opened in the system's Chromium.

What only a browser can see: pages that load without errors, requests that stay on this
site, the Content-Security-Policy in force, accessibility (axe-core, WCAG 2.x A/AA), keyboard
use, screenshots, and data that tries to become markup. Plain checks of the built folder
(links, HTML validity, security meta tags) live here too, beside the browser checks.

Nothing here downloads a browser: Playwright drives the Chromium found on PATH (or named by
CHROME_PATH). A missing browser, Node package or Java is a failure with a hint, never a skip.

Fixtures, from the bottom up:
* ``site_dir``: the real site, built once per run by ``built_site`` (tests/conftest.py);
* ``site_url``: that folder served by a local HTTP server (``serve``);
* ``browser``: one Chromium for the whole run; contexts are reused (``light``, ``dark``);
* ``crawl``: one page of each template in each edition, visited in each palette (see
  tests/support/crawling.py).

The helpers (finding the tools, serving a folder, crawling) are in tests/support/.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ..support.browser import AXE_JS, CHROMIUM_ARGS, VNU_JAR, find_chromium, require, serve
from ..support.builds import shared_build
from ..support.crawling import Crawl, crawl_site, new_watched_context, sample
from ..support.htmlscan import html_pages
from ..support.seeding import seed_data

_clock: dict[str, float] = {}


# --- Timing: the suite prints how long it took (it must fit in CI on 2 cores) -------------

def pytest_runtest_setup(item: pytest.Item) -> None:
    _clock.setdefault("start", time.monotonic())


def pytest_runtest_teardown(item: pytest.Item) -> None:
    _clock["end"] = time.monotonic()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if "start" in _clock:
        line = f"browser suite (tests/browser): {_clock.get('end', time.monotonic()) - _clock['start']:.1f} s"
        if "crawl" in _clock:
            line += f", of which the crawl of {int(_clock['pages'])} pages (one a template) in 2 palettes {_clock['crawl']:.1f} s"
        terminalreporter.write_line(line)


# --- Tools: found on the machine, or a failure that says how to get them -----------------

@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = find_chromium()
    require(path, "Chromium (or Chrome)",
            "install it with `apt-get install chromium` (Debian/Ubuntu; .ci/run does this in CI) or set CHROME_PATH "
            "to a Chrome/Chromium binary. The tests never download a browser (`playwright install` is not used).")
    return str(path)


@pytest.fixture(scope="session")
def axe_source() -> str:
    require(AXE_JS.is_file(), "node_modules/axe-core", "run `make test` (it runs `npm ci`) or `npm ci` in the repository")
    return AXE_JS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    require(VNU_JAR.is_file(), "node_modules/vnu-jar", "run `make test` (it runs `npm ci`) or `npm ci` in the repository")
    require(shutil.which("java"), "Java (for the Nu Html Checker)", "install a JRE, e.g. `apt-get install default-jre-headless`")
    return ["java", "-Xss1m", "-jar", str(VNU_JAR)]


# --- The site, served -------------------------------------------------------------------

@pytest.fixture(scope="session")
def site_dir(built_site) -> Path:
    project, _ = built_site
    return project / "site"


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serve(site_dir) as url:
        yield url


@pytest.fixture(scope="session")
def injected_site(engine) -> Path:
    """The site built by ``engine`` from a copy of the data with payloads in every free-text field."""

    def seed(project: Path) -> None:
        assert seed_data(project / "data") > 100

    return shared_build("injected", engine, seed) / "site"


@pytest.fixture(scope="session")
def injected_site_url(injected_site: Path) -> Iterator[str]:
    with serve(injected_site) as url:
        yield url


# --- The browser --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def light(browser, axe_source):
    """A context in the light palette (the reader's system preference), with axe loaded."""
    context = new_watched_context(browser, color_scheme="light", extra_script=axe_source)
    yield context
    context.close()


@pytest.fixture(scope="session")
def dark(browser, axe_source):
    """A context in the dark palette (chosen by Material from prefers-color-scheme: dark)."""
    context = new_watched_context(browser, color_scheme="dark", extra_script=axe_source)
    yield context
    context.close()


@pytest.fixture(scope="session")
def crawl(light, dark, site_url: str, site_dir: Path) -> Crawl:
    """One page of each template in each edition (see ``support.crawling.sample``), in both palettes."""
    started = time.monotonic()
    pages = {path: file.stat().st_size for path, file in html_pages(site_dir).items()}
    result = crawl_site(site_url, {"light": light, "dark": dark}, sample(pages))
    _clock["crawl"] = time.monotonic() - started
    _clock["pages"] = len(result.paths)
    return result
