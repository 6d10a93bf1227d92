"""An Atom feed of the recent changes to the record, one per edition (``feed.xml`` at its root), linked
from every page's ``<head>``. Built from the data's git history (``history.py``), so the same
commit gives the same feed: entry dates are the commits' dates, identifiers are the page and
the commit."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr


def tag(home: str, date: str, collection: str, record_id: str, kind: str) -> str:
    """An entry's identifier, stable and unique: a tag URI (RFC 4151) of the site's address,
    the day of the change, the record and what happened to it."""
    site = urlsplit(home)
    return f"tag:{site.hostname or 'localhost'},{date}:{site.path}{collection}/{record_id}/{kind}"


def atom(lang: str, title: str, home: str, page_url: Any, days: list[tuple[str, list[tuple[str, Any, str]]]],
         entry_title: Any) -> str:
    """``days``: (date, [(collection, record, "added"/"changed")]) newest first; ``page_url``
    gives a record's address and ``entry_title`` its entry's title."""
    updated = f"{days[0][0]}T00:00:00Z" if days else "1970-01-01T00:00:00Z"
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">',
             f"  <title>{escape(title)}</title>",
             f"  <id>{escape(home)}feed.xml</id>",
             f'  <link rel="self" href={quoteattr(home + "feed.xml")}/>',
             f'  <link rel="alternate" type="text/html" href={quoteattr(home + "changes/")}/>',
             f"  <updated>{updated}</updated>",
             f"  <author><name>{escape(title)}</name></author>"]
    for date, items in days:
        for collection, record, kind in items:
            url = page_url(collection, record.id)
            lines += ["  <entry>",
                      f"    <title>{escape(str(entry_title(collection, record, kind)))}</title>",
                      f"    <id>{escape(tag(home, date, collection, record.id, kind))}</id>",
                      f"    <link href={quoteattr(url)}/>",
                      f"    <updated>{date}T00:00:00Z</updated>",
                      "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
