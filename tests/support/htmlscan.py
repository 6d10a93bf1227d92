"""Reading built pages without a browser: elements with their attributes, in document order,
each with the element it is in, and the text with the element it is in.

Shared by the benchmark (what a page makes the browser fetch, for its weight: weight.py) and
the tests (tests/browser: links, scripts, the Content-Security-Policy; the editions' heads and
main content; the text a record's page shows).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

# Script types a browser runs; anything else (application/json, application/ld+json) is data.
SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# <link rel> values whose href the browser fetches while loading the page.
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"}
# Elements that have no end tag, so hold no other element or text.
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""  # for <script>, <title> and <a>: the text inside
    parent: Element | None = field(default=None, repr=False, compare=False)  # the element it is in

    def lineage(self) -> Iterator[Element]:
        """The element, the element it is in, and so on out to the page's outermost."""
        element: Element | None = self
        while element is not None:
            yield element
            element = element.parent


@dataclass
class Page:
    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    # Each run of text (references decoded), with the element it is directly in (None: in none).
    texts: list[tuple[Element | None, str]] = field(default_factory=list)

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
        self.open: list[Element] = []  # the <script>, <title> and <a> elements open, for their text
        self.inside: Element | None = None  # the innermost element open

    def element(self, tag: str, attrs: list[tuple[str, str | None]]) -> Element:
        element = Element(tag, {name: value or "" for name, value in attrs}, parent=self.inside)
        self.page.elements.append(element)
        for name in ("id", "name"):
            if name in element.attrs:
                self.page.ids.add(element.attrs[name])
        return element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = self.element(tag, attrs)
        if tag in ("script", "title", "a"):
            self.open.append(element)
        if tag not in VOID:
            self.inside = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.element(tag, attrs)  # ``<path ... />``: it holds nothing

    def handle_endtag(self, tag: str) -> None:
        if self.open and self.open[-1].tag == tag:
            self.open.pop()
        # The element it ends, and any left open inside it; an end tag that matches no open
        # element ends nothing.
        closed = next((e for e in self.inside.lineage() if e.tag == tag), None) if self.inside else None
        if closed is not None:
            self.inside = closed.parent

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text += data
        self.page.texts.append((self.inside, data))


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
