"""The Latin words a built page shows in its own language: the count of issue 25's bound
(tests/test_editions.py), by the rule ``make check`` applies to the data (``scosite.data.latin``)."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser

from scosite.data.latin import LATIN_WORD, blanked, counted


class PageWords(HTMLParser):
    """The Latin words of a page's text in the page's own language, but for those ``allowed``
    (the names the data gives in that language in Latin letters: ``allowed_words``)."""

    SKIP = frozenset({"script", "style", "code", "pre", "svg", "template"})
    VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "source", "wbr", "area", "col", "embed", "track"})

    def __init__(self, allowed: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.page_lang = ""
        self.stack: list[tuple[str, str, bool]] = []  # (tag, language, skipped)
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        lang, skipped = (self.stack[-1][1], self.stack[-1][2]) if self.stack else ("", False)
        if tag == "html":
            self.page_lang = lang = (attributes.get("lang") or "").split("-")[0]
        elif attributes.get("lang") is not None:
            lang = (attributes.get("lang") or "").split("-")[0]
        if tag not in self.VOID:
            self.stack.append((tag, lang, skipped or tag in self.SKIP))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and not self.stack[-1][2] and self.stack[-1][1] == self.page_lang:
            self.words.extend(w for w in LATIN_WORD.findall(blanked(data)) if counted(w, self.allowed))


def page_words(html: str, allowed: frozenset[str] = frozenset()) -> Iterator[str]:
    """The Latin words a page shows in its own language (not in elements marked as another,
    nor ``allowed``)."""
    scan = PageWords(allowed)
    scan.feed(html)
    scan.close()
    yield from scan.words
