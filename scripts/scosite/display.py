"""How a record reads on the page: one home for each piece of display logic.

A record's name and page title, an event's place, a period, a date, an amount, an ordinal,
and the party a participant spoke for are each worded here once; the templates (as filters
and globals), the page descriptions and the structured data all use these. Plain text
in, plain text out: escaping for the place it lands is the renderer's job.
"""

from __future__ import annotations

from typing import Any

from .models import UNITS

# Collections whose records have a page of their own, titled by the record (metrics: figures/<id>).
TITLED = ("events", "people", "organisations", "countries", "documents", "sources", "metrics")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


def format_date(value: Any) -> str:
    """``2017-03-13`` -> ``13 March 2017``; ``2011-06`` -> ``June 2011``; ``2011`` -> ``2011``."""
    parts = str(value).split("-")
    if len(parts) == 3:
        return f"{int(parts[2])} {MONTHS[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 2:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return parts[0]


def period(start: Any = None, end: Any = None, *, as_of: Any = None, label: str | None = None) -> str:
    """A span of time in words, written the same way everywhere: the source's own wording if it
    gives one; else ``2010–2015``, ``10 March 2025 – 14 March 2025``, ``from 2001``, ``until
    2016``, ``as of June 2019`` (added in brackets to a span: "2023–2024 (as of 4 July 2024)"),
    or ``not stated``."""
    if label:
        return label
    first, last = (format_date(start) if start else ""), (format_date(end) if end else "")
    if first and last:
        span = first if first == last else f"{first}–{last}" if " " not in first + last else f"{first} – {last}"
    else:
        span = f"from {first}" if first else f"until {last}" if last else ""
    if as_of:
        return f"{span} (as of {format_date(as_of)})" if span else f"as of {format_date(as_of)}"
    return span or "not stated"


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_quantity(figure: Any) -> str:
    """A figure as the source words it: qualifier, number, unit ('some 69 tonnes', 'over a hundred people')."""
    number = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    assert figure.unit in UNITS
    return " ".join(part for part in (figure.qualifier, figure.in_words or number, figure.unit) if part)


def name(collection: str, record: Any) -> str:
    """A record's name where it is listed or linked: an event's title, a document's short title,
    a source's id, everyone else's name."""
    if collection == "documents":
        return record.short_title or str(record.title)
    if collection == "events":
        return str(record.title)
    if collection == "sources":
        return record.id.upper()
    return str(record.name)


def short_name(collection: str, record: Any) -> str:
    """The shortest name a record goes by: an organisation's abbreviation, else its name."""
    if collection == "organisations" and record.short_name:
        return str(record.short_name)
    return name(collection, record)


def page_title(collection: str, record: Any) -> str:
    """The title of a record's own page, as plain text (before it is told apart from others)."""
    if collection == "sources":
        date = f", {format_date(record.date)}" if record.date else ""
        return f"Source {record.id.upper()}: {record.publisher}{date}"
    if collection == "organisations" and record.short_name:
        return f"{record.name} ({record.short_name})"
    return str(getattr(record, "title", None) or record.name)


def title_text(title: str) -> str:
    """A title as a browser tab shows it (runs of white space are one space)."""
    return " ".join(title.split())


def distinction(record: Any) -> str:
    """What tells a record apart from another of its kind with the same title."""
    if getattr(record, "short_title", None):
        return str(record.short_title)
    if getattr(record, "date", None):
        return format_date(record.date)
    return record.id


def place(event: Any, short: bool = False) -> str:
    """Where an event was: ``online``, ``venue, city`` (``short``: the city, else the venue), or
    empty when no source states it."""
    if event.online:
        return "online"
    if short:
        return event.city or event.venue or ""
    return ", ".join(part for part in (event.venue, event.city) if part)


def spoke_for(participation: Any) -> str | None:
    """The country whose delegation a participant belonged to, or else their organisation."""
    return participation.delegation or participation.organisation
