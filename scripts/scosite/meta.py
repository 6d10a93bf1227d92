"""What a page says about itself: description, tags and schema.org structured data (JSON-LD).

Pure functions of the records; the renderer puts the results into front matter (description,
tags) and into a ``<script type="application/ld+json">`` block (escaped by
``escape.json_script``).
"""

from __future__ import annotations

import re
from typing import Any

from . import display
from .site import Site

SCHEMA_ORG = "https://schema.org"
DESCRIPTION_LIMIT = 200
LEGISLATION_KINDS = {"agreement", "declaration", "memorandum", "resolution"}


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """One line of at most ``limit`` characters, cut at a word, with an ellipsis if cut."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    return line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_url(site_url: str, path: str) -> str:
    """'events/x.md' -> 'https://…/events/x/' (MkDocs' directory URLs)."""
    stem = path.removesuffix(".md")
    stem = stem.removesuffix("index") if stem.endswith("index") else stem + "/"
    return site_url.rstrip("/") + "/" + stem.lstrip("/")


def tag(text: str) -> str:
    """A tag from a name: letters, digits, spaces, dots and hyphens only."""
    return " ".join(re.sub(r"[^\w .-]", " ", text).split())


def description(collection: str, record: Any, site: Site) -> str:
    """A sentence for search engines and link previews."""
    if collection == "events":
        where = display.place(record, short=True)
        return shorten(f"{record.date}{', ' + where if where else ''}: {record.summary}")
    if collection == "people":
        roles = sorted({str(part.title) for _, part in site.appearances(record.id)})
        said = f" Titles on record: {'; '.join(roles)}." if roles else ""
        return shorten(f"{record.name}: appearances, titles and statements in SCO–UN counternarcotics cooperation.{said}")
    if collection == "documents":
        return shorten(f"{record.date + ': ' if record.date else ''}{record.summary}")
    if collection == "sources":
        return shorten(f"{record.publisher}{', ' + record.date if record.date else ''}: {record.title or record.description}")
    summary = getattr(record, "summary", None)
    return shorten(f"{record.name}: {summary}" if summary else f"{record.name} in the SCO–UN counternarcotics record.")


def tags(collection: str, record: Any, site: Site) -> list[str]:
    """Facets for the tags index: year, countries and organisations involved."""
    found: list[str] = []
    if collection == "events":
        found.append(record.date[:4])
        found += [name_of(site, party) for party in record.organisers]
        found += [name_of(site, p.delegation) for p in record.participants if p.delegation]
    elif collection == "documents":
        found += [record.date[:4]] if record.date else []
        found += [name_of(site, party) for party in record.parties]
    elif collection == "people":
        found += [name_of(site, party) for _, p in site.appearances(record.id) if (party := display.spoke_for(p))]
    return sorted({tag(t) for t in found if tag(t)})


def name_of(site: Site, party_id: str) -> str:
    return display.short_name(*site.party(party_id))


def party_node(site: Site, party_id: str, url: str) -> dict[str, Any]:
    collection, record = site.party(party_id)
    node = {"@type": "Organization" if collection == "organisations" else "Country", "name": str(record.name), "url": url}
    return node


def json_ld(collection: str, record: Any, site: Site, url: str, url_of: Any) -> dict[str, Any] | None:
    """schema.org data for a record page, or None for kinds that have no fitting type.

    Structured data states facts without room for doubt, so it asserts only what the sources
    state: a record with a caveat (its existence, date or identity is an inference, or not
    verified) gets none, and a part with a caveat (a participation, an alias, a title) is left
    out of it.
    """
    builder = {"events": event_ld, "people": person_ld, "organisations": organisation_ld,
               "countries": country_ld, "documents": document_ld}.get(collection)
    if builder is None or getattr(record, "caveat", None):
        return None
    data = builder(record, site, url_of)
    return {"@context": SCHEMA_ORG, **data, "url": url}


def certain(parts: list[Any]) -> list[Any]:
    """The parts without a caveat: the only ones structured data may state."""
    return [part for part in parts if not part.caveat]


def source_urls(site: Site, ids: list[str]) -> list[str]:
    return [site.get("sources", s).url for s in ids]


def event_ld(e: Any, site: Site, url_of: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@type": "Event",
        "name": str(e.title),
        "startDate": e.date,
        "description": str(e.summary),
        "eventAttendanceMode": f"{SCHEMA_ORG}/{'Online' if e.online else 'Offline'}EventAttendanceMode",
        "organizer": [party_node(site, o, url_of("organisations" if site.party(o)[0] == "organisations" else "countries", o))
                      for o in e.organisers],
        "performer": [{"@type": "Person", "name": site.get("people", p.person).name, "url": url_of("people", p.person)}
                      for p in e.participants if not p.caveat],
        "about": "Cooperation between the Shanghai Cooperation Organisation and the United Nations against illicit drugs",
        "sameAs": source_urls(site, e.sources),
    }
    if e.end_date:
        data["endDate"] = e.end_date
    if e.online:
        data["location"] = {"@type": "VirtualLocation", "name": "online"}
    elif display.place(e):
        place: dict[str, Any] = {"@type": "Place", "name": e.venue or e.city}
        if e.city:
            place["address"] = e.city
        data["location"] = place
    return data


def person_ld(p: Any, site: Site, url_of: Any) -> dict[str, Any]:
    appearances = [(e, part) for e, part in site.appearances(p.id) if not part.caveat and not e.caveat]
    affiliations = {}
    for _, part in appearances:
        party = display.spoke_for(part)
        if party:
            kind = site.party(party)[0]
            affiliations[party] = party_node(site, party, url_of(kind, party))
    data: dict[str, Any] = {"@type": "Person", "name": p.name}
    if certain(p.aliases):
        data["alternateName"] = [a.name for a in certain(p.aliases)]
    titles = sorted({str(part.title) for _, part in appearances} | {str(pos.title) for pos in certain(p.positions)})
    if titles:
        data["jobTitle"] = titles
    if affiliations:
        data["affiliation"] = [affiliations[k] for k in sorted(affiliations)]
    return data


def organisation_ld(o: Any, site: Site, url_of: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", "name": str(o.name)}
    names = ([o.short_name] if o.short_name else []) + [a.name for a in certain(o.aliases)]
    if names:
        data["alternateName"] = names
    if o.parent:
        data["parentOrganization"] = party_node(site, o.parent, url_of("organisations", o.parent))
    if o.summary:
        data["description"] = str(o.summary)
    return data


def country_ld(c: Any, site: Site, url_of: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Country", "name": str(c.name)}
    if certain(c.aliases):
        data["alternateName"] = [a.name for a in certain(c.aliases)]
    return data


def document_ld(d: Any, site: Site, url_of: Any) -> dict[str, Any]:
    legislation = d.kind in LEGISLATION_KINDS
    data: dict[str, Any] = {"@type": "Legislation" if legislation else "CreativeWork", "name": str(d.title),
                            "description": str(d.summary)}
    if d.date:
        data["legislationDate" if legislation else "dateCreated"] = d.date
    if legislation:
        data["legislationType"] = d.kind
    if d.place:
        data["locationCreated"] = {"@type": "Place", "name": d.place}
    if d.parties:
        kinds = {p: site.party(p)[0] for p in d.parties}
        data["creator"] = [party_node(site, p, url_of(kinds[p], p)) for p in d.parties]
    if d.short_title:
        data["alternateName"] = d.short_title
    data["citation"] = source_urls(site, d.sources)
    return data
