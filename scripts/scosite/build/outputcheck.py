"""Checks over the built HTML: what no page of the published site may contain.

Run after MkDocs (``python -m scosite check-site site``; ``build`` runs it on the staging
folder before it replaces ``site/``). Each rule is stated in its message:

* no event-handler attribute (``on…``) on any element;
* no ``javascript:``, ``vbscript:`` or ``data:`` URL in a link or source attribute (but for
  the page's icon, an SVG image written into the page: ``<link rel=icon href="data:image/svg+xml,…">``,
  which saves a request and cannot run a script);
* no ``<iframe>``, ``<frame>``, ``<object>``, ``<embed>``, ``<applet>`` or ``<base>``;
* no inline ``<script>`` except those whose hash the Content-Security-Policy lists in
  ``overrides/main.html`` (data blocks such as ``application/json`` and
  ``application/ld+json`` are not scripts and may appear);
* no resource (script, stylesheet, image, font, frame) loaded from another host;
* no template or Markdown syntax left unprocessed in the markup (``{{``, ``{%``, ``--8<--``,
  ``{:`` written as such in the HTML; text from data shows these characters through character
  references, ``&#123;`` and the like, so a reader may see them without any being unprocessed);
* every page has a non-empty ``<title>``, unique within its edition, and exactly one ``<h1>``;
* every ``<img>`` has an ``alt`` attribute;
* no message placeholder (``%(num)s``) shows in the text or an attribute, written as such or
  through character references: a message was printed without its value.
"""

from __future__ import annotations

import base64
import hashlib
import html
import multiprocessing
import os
import re
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from ..data.problems import Problem
from ..settings import EDITIONS, TRANSLATED

# Inline scripts are allowed by the SHA-256 of their text, from the one list the
# Content-Security-Policy uses too (overrides/main.html): an injected script has another hash.
POLICY_TEMPLATE = Path(__file__).resolve().parents[3] / "overrides" / "main.html"


def allowed_script_hashes(template: Path = POLICY_TEMPLATE) -> frozenset[str]:
    """The ``sha256-…`` values listed in the theme override that writes the policy."""
    try:
        return frozenset(re.findall(r'"(sha256-[A-Za-z0-9+/=]+)"', template.read_text(encoding="utf-8")))
    except OSError:
        return frozenset()


def script_hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
FORBIDDEN_ELEMENTS = {"iframe", "frame", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "xlink:href", "data"}
RESOURCE_ATTRIBUTES = {("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"),
                       ("iframe", "src"), ("audio", "src"), ("video", "src"), ("track", "src"), ("input", "src")}
RESOURCE_LINK_RELS = {"stylesheet", "preload", "modulepreload", "icon", "apple-touch-icon", "manifest", "prefetch"}
ICON_DATA_URL = "data:image/svg+xml,"
UNPROCESSED = re.compile(r"\{\{|\{%|--8<--|\{:")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")
VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "source", "wbr", "area", "col", "embed", "track"})
VERBATIM = frozenset({"code", "pre", "style", "script", "textarea"})  # text not looked at for unprocessed syntax


def is_page_icon(tag: str, attributes: dict[str, str]) -> bool:
    return tag == "link" and attributes.get("rel", "").split() == ["icon"]


@dataclass
class PageScan(HTMLParser):
    """Collects the facts about one page that the rules need."""

    path: str
    allowed: frozenset[str] = frozenset()
    problems: list[Problem] = field(default_factory=list)
    title: str = ""
    h1_count: int = 0
    _stack: list[str] = field(default_factory=list)
    _verbatim: int = 0  # how many elements of the stack hold code or raw text (VERBATIM)
    _script_type: str | None = None
    _script_text: list[str] = field(default_factory=list)
    _in_title: bool = False
    _text: list[str] = field(default_factory=list)
    _plain: list[str] = field(default_factory=list)  # the same text, its references resolved

    def __post_init__(self) -> None:
        # References are kept as written: unprocessed syntax is looked for in the markup itself.
        super().__init__(convert_charrefs=False)

    def problem(self, message: str) -> None:
        line, col = self.getpos()
        self.problems.append(Problem(self.path, line, col + 1, "", message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.flush_text()
        attributes = {name.lower(): value or "" for name, value in attrs}
        self.check_element(tag, attributes)
        if tag == "title":
            self._in_title = True
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "script" and "src" not in attributes:
            self._script_type, self._script_text = attributes.get("type", "text/javascript"), []
        if tag not in VOID:
            self._stack.append(tag)
            self._verbatim += tag in VERBATIM

    def check_element(self, tag: str, attributes: dict[str, str]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.problem(f"<{tag}> element: frames, plug-ins and <base> are not allowed")
        for name, value in attributes.items():
            if placeholder := PLACEHOLDER.search(value):
                self.problem(f"a message placeholder shows in <{tag} {name}>: {placeholder.group()!r}")
            if name.startswith("on"):
                self.problem(f"<{tag}> has an event-handler attribute '{name}'")
            if name in URL_ATTRIBUTES and re.match(r"\s*(javascript|vbscript|data):", value, re.I) and not (
                    is_page_icon(tag, attributes) and value.startswith(ICON_DATA_URL)):
                self.problem(f"<{tag} {name}> uses a {value.split(':')[0].strip().lower()}: URL")
            if (tag, name) in RESOURCE_ATTRIBUTES and is_external(value):
                self.problem(f"<{tag} {name}> loads from another host: {value}")
        if tag == "link" and RESOURCE_LINK_RELS & set(attributes.get("rel", "").split()) and is_external(
                attributes.get("href", "")):
            self.problem(f"<link rel={attributes.get('rel')}> loads from another host: {attributes.get('href')}")
        if tag == "img" and "alt" not in attributes:
            self.problem("<img> without an alt attribute")

    def handle_endtag(self, tag: str) -> None:
        self.flush_text()
        if tag == "title":
            self._in_title = False
        if tag == "script" and self._script_type is not None:
            self.check_inline_script("".join(self._script_text))
            self._script_type = None
        if tag in self._stack:
            while self._stack:
                closed = self._stack.pop()
                self._verbatim -= closed in VERBATIM
                if closed == tag:
                    break

    def check_inline_script(self, text: str) -> None:
        if self._script_type in DATA_SCRIPT_TYPES:
            return
        if script_hash(text) not in self.allowed:
            self.problem(f"inline <script> that is not one of the theme's own: {text.strip()[:60]!r}")

    def handle_data(self, data: str, raw: str | None = None) -> None:
        if self._script_type is not None:
            self._script_text.append(data)
            return
        if self._in_title:
            self.title += data
        if not self._verbatim:
            self._text.append(data if raw is None else raw)
            self._plain.append(data)

    def handle_charref(self, name: str) -> None:
        """``&#123;``: the character for the title and scripts, a stand-in for the markup scan."""
        self.handle_data(html.unescape(f"&#{name};"), raw="\0")

    def handle_entityref(self, name: str) -> None:
        self.handle_data(html.unescape(f"&{name};"), raw="\0")

    def flush_text(self) -> None:
        """Check a run of text once it is complete (the parser may deliver it in pieces)."""
        if not self._text:
            return
        match = UNPROCESSED.search("".join(self._text))
        placeholder = PLACEHOLDER.search("".join(self._plain))
        self._text, self._plain = [], []
        if match:
            self.problem(f"unprocessed template or Markdown syntax in the markup: {match.group()!r}")
        if placeholder:
            self.problem(f"a message placeholder shows in the text: {placeholder.group()!r}")


def is_external(url: str) -> bool:
    return bool(re.match(r"\s*([a-z][a-z0-9+.-]*:)?//", url, re.I))


def check_page(path: str, html: str, allowed: frozenset[str] | None = None) -> tuple[list[Problem], str]:
    scan = PageScan(path, allowed_script_hashes() if allowed is None else allowed)
    scan.feed(html)
    scan.close()
    scan.flush_text()
    problems = scan.problems
    if not scan.title.strip():
        problems.append(Problem(path, 0, 0, "", "the page has no <title> text"))
    if scan.h1_count != 1:
        problems.append(Problem(path, 0, 0, "", f"the page has {scan.h1_count} <h1> elements instead of one"))
    return problems, " ".join(scan.title.split())


CHUNK = 200  # pages a process checks at a time: a large edition is shared among the processors


def check_site(site: Path, allowed: frozenset[str] | None = None, prefix: str = "",
               jobs: int | None = None) -> list[Problem]:
    """Every rule above over every HTML page under ``site`` (a folder holding one edition
    alone: ``prefix`` is where it goes in the site, ``ru/``, and the pages are named so), by
    ``jobs`` processes (default: one per processor, for more than ``CHUNK`` pages)."""
    allowed = allowed_script_hashes() if allowed is None else allowed
    pages = [(prefix + page.relative_to(site).as_posix(), page) for page in sorted(site.rglob("*.html"))]
    chunks = [(pages[start:start + CHUNK], allowed) for start in range(0, len(pages), CHUNK)]
    jobs = min(jobs or os.cpu_count() or 1, len(chunks))
    if jobs > 1:
        # Started afresh (spawn), not forked: the caller may run threads (a test runner's).
        with multiprocessing.get_context("spawn").Pool(jobs) as pool:
            checked = [page for chunk in pool.imap(_check_pages, chunks) for page in chunk]
    else:
        checked = [page for chunk in chunks for page in _check_pages(chunk)]
    problems: list[Problem] = []
    titles: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (relative, _), (found, title) in zip(pages, checked, strict=True):
        problems += found
        if title:
            titles[(edition_of(relative), title)].append(relative)
    for (_, title), named in sorted(titles.items()):
        if len(named) > 1:
            problems.append(Problem(named[1], 0, 0, "", f"the title {title!r} is also used by {named[0]}"))
    return problems


def _check_pages(chunk: tuple[list[tuple[str, Path]], frozenset[str]]) -> list[tuple[list[Problem], str]]:
    pages, allowed = chunk
    return [check_page(relative, page.read_text(encoding="utf-8"), allowed) for relative, page in pages]


def edition_of(relative: str) -> str:
    """The edition a page belongs to: ``ru`` or ``zh`` by its folder, else English. Titles
    are unique within an edition; an untranslated page shares its title with its English twin."""
    first = relative.split("/", 1)[0]
    return first if first in TRANSLATED else EDITIONS[0]
