"""Reading built pages without a browser: elements with their attributes, in document order.

Shared by the benchmark (what a page makes the browser fetch, for its weight) and the tests
(tests/browser: links, scripts, the Content-Security-Policy).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser runs; anything else (application/json, application/ld+json) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# <link rel> values whose href the browser fetches while loading the page.
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # for <script>, <title> and <a>: the text inside


@dataclass
class Page:
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def all(self, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag]

    def inline_scripts(self) -> list[str]:
        return [e.text for e in self.all("script")
                if "src" not in e.attrs and e.attrs.get("type", "").lower() in SCRIPT_TYPES]

    def fetched_urls(self) -> list[str]:
        """The URLs a browser fetches for the page: stylesheets, icons, scripts, images."""
        urls = []
        for element in self.elements:
            if element.tag == "link" and FETCHED_LINKS & set(element.attrs.get("rel", "").split()):
                urls.append(element.attrs.get("href", ""))
            elif element.tag in ("script", "img") and element.attrs.get("src"):
                urls.append(element.attrs["src"])
        return urls


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.page.elements.append(element)
        for name in ("id", "name"):
            if name in element.attrs:
                self.page.ids.add(element.attrs[name])
        if tag in ("script", "title", "a"):
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1].tag == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data


def scan_text(html: str) -> Page:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.page


def scan(path: Path) -> Page:
    return scan_text(path.read_text(encoding="utf-8"))


def html_pages(site: Path) -> dict[str, Path]:
    """Every page of a built site by its path on the server ('' for the home page)."""
    return {p.relative_to(site).as_posix().removesuffix("index.html"): p for p in sorted(site.rglob("*.html"))}


def csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
