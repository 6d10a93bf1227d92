"""Where a reader finds a source's page if its original address fails: its verified archived
copy (``archived:`` in the data), else a look-up in the Internet Archive's Wayback Machine
near the source's date, computed here and labelled as a look-up, never as a copy.

The look-up is made from the source's address and date, so it needs no data and every source
has one: with a whole date, the Wayback Machine's capture closest to that day
(``/web/20190314/<url>``: the archive redirects to it); with a year or a month, that year's or
month's captures (``/web/201903*/<url>``); without a date, the list of every capture
(``/web/*/<url>``). An editor who opens a snapshot and finds the page as cited writes it in
the data (``archived: {url, date}``), and it replaces the look-up.

Nothing here fetches anything: the build never goes online (the weekly link check does,
``scosite links``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

WAYBACK = "https://web.archive.org/web/"


@dataclass(frozen=True)
class Copy:
    """Where to find a source's page besides its original address."""

    url: str
    verified: bool  # a snapshot an editor opened (``archived:``); False: a look-up
    date: str | None  # the snapshot's day (verified); the source's date a look-up searches near, if any

    @property
    def lookup(self) -> bool:
        return not self.verified


def lookup_url(url: str, date: str | None = None) -> str:
    """The Wayback Machine's look-up of ``url`` near ``date`` (YYYY, YYYY-MM or YYYY-MM-DD)."""
    if not date:
        return f"{WAYBACK}*/{url}"
    digits = date.replace("-", "")
    return f"{WAYBACK}{digits}/{url}" if len(digits) == 8 else f"{WAYBACK}{digits}*/{url}"


def archive_of(source: Any) -> Copy:
    """A source's verified archived copy, else its look-up."""
    if source.archived:
        return Copy(source.archived.url, True, source.archived.date)
    return Copy(lookup_url(source.url, source.date), False, source.date)


def is_dead(source: Any) -> bool:
    """The original address is known dead: the archive comes first."""
    return source.status == "dead"
