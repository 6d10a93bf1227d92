"""A source's links that outlive its page: the original address and, beside it, its archived
copy or a look-up in the Web Archive (``queries.archives``), following the Robust Links
convention (https://robustlinks.mementoweb.org/spec/).

* A verified copy: the link to the original carries ``data-versionurl`` (the snapshot) and
  ``data-versiondate`` (its day); the link to the snapshot carries ``data-originalurl`` and
  ``data-versiondate``. Readers see "archived copy of 16 March 2019".
* A look-up is not a copy: no ``data-versionurl`` points at it, and readers see "look it up in
  the Web Archive".
* A dead original (``status: dead``) is said to be dead, and comes second: the archive first.

The attributes are written as Markdown attribute lists (``[text](url){: data-… }``, attr_list),
which the engine turns into the link's own attributes.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..data.i18n import N_
from ..queries import display
from ..queries.archives import Copy, archive_of, is_dead
from . import escape

ORIGINAL = N_("original")
ARCHIVED_COPY = N_("archived copy of %(date)s")
LOOKUP = N_("look it up in the Web Archive")
DEAD = N_("dead link, checked %(date)s")
ROW_ORIGINAL = N_("Original")
ROW_ARCHIVED = N_("Archived copy")
NOT_VERIFIED = N_("no copy verified yet")


def attributes(**values: str) -> Markup:
    """A Markdown attribute list after a link: ``{: data-versionurl="…" }`` (values are
    addresses, escaped as link targets are, and days)."""
    parts = []
    for name, value in values.items():
        if not value:
            continue
        shown = escape.url(value) if name.endswith("url") else escape.html_attr(value)
        parts.append(f'data-{name}="{shown}"')
    return Markup("{: " + " ".join(parts) + " }") if parts else Markup("")


class SourceLinks:
    """The links to a source's page, in one edition's words (``words``: ``templating.Words``)."""

    def __init__(self, words: Any, lang: str):
        self.words, self.lang = words, lang

    def original(self, source: Any, text: Any) -> Markup:
        """The link to the original address; with a verified copy, its Robust Links attributes;
        a dead link says so after it."""
        copy = archive_of(source)
        robust = attributes(versionurl=copy.url, versiondate=copy.date or "") if copy.verified else Markup("")
        link = Markup(f"[{self.words.finalize(text)}]({escape.url(source.url)})") + robust
        if is_dead(source):
            link = self.words.bracket(link, self.words._(DEAD, date=display.format_date(source.checked, self.lang)))
        return link

    def archive(self, source: Any, text: Any = None) -> Markup:
        """The link to the verified copy ("archived copy of 16 March 2019"), else to the look-up
        ("look it up in the Web Archive"); ``text``: another link text for a verified copy."""
        copy = archive_of(source)
        if copy.lookup:
            return Markup(f"[{self.words._(LOOKUP)}]({escape.url(copy.url)})")
        label = text if text is not None else self.words._(ARCHIVED_COPY, date=self.day(copy))
        return (Markup(f"[{self.words.finalize(label)}]({escape.url(copy.url)})")
                + attributes(originalurl=source.url, versiondate=copy.date or ""))

    def day(self, copy: Copy) -> str:
        return str(display.format_date(copy.date, self.lang)) if copy.date else ""

    def footnote(self, source: Any) -> Markup:
        """``[original](…) · [archived copy of …](…)``: the archive first if the original is dead."""
        links = [self.original(source, self.words._(ORIGINAL)), self.archive(source)]
        return Markup(" · ").join(links[::-1] if is_dead(source) else links)

    def rows(self, source: Any) -> Markup:
        """The source page's table rows: Original, and Archived copy (first if the original is dead)."""
        copy = archive_of(source)
        original = self.original(source, source.url)
        if copy.verified:
            archived = self.words.join(self.archive(source, copy.url), self.day(copy))
        else:
            archived = self.words.bracket(self.archive(source), self.words._(NOT_VERIFIED))
        rows = [(self.words._(ROW_ORIGINAL), original), (self.words._(ROW_ARCHIVED), archived)]
        if is_dead(source):
            rows.reverse()
        return Markup("\n").join(Markup(f"| {label} | {value} |") for label, value in rows)
