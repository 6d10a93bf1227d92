"""What a page says about itself: description, tags and schema.org structured data (JSON-LD).

Pure functions of the records; the renderer puts the results into front matter (description,
tags) and into a ``<script type="application/ld+json">`` block (escaped by
``escape.json_script``).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from ..data import i18n
from ..queries import display
from ..queries.records import Site

SCHEMA_ORG = "https://schema.org"
ABOUT = i18n.N_("Cooperation between the Shanghai Cooperation Organisation and the United Nations against illicit drugs")
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
    """A sentence for search engines and link previews, in the edition's language."""
    lang = site.lang
    words = i18n.language(lang)
    text = functools.partial(display.text, lang=lang)
    if collection == "events":
        where = display.place(record, short=True, lang=lang)
        when = display.format_date(record.date, lang)
        return shorten(words.labelled(words.join([when, where]), text(record.summary)))
    if collection == "people":
        roles = sorted({str(text(part.title)) for _, part in site.appearances(record.id)})
        said = words._(" Titles on record: %(titles)s.", titles=words._("; ").join(roles)) if roles else ""
        return shorten(words._("%(name)s: appearances, titles and statements in SCO–UN counternarcotics cooperation.",
                               name=display.sourced_name(record, lang)) + said)
    if collection == "documents":
        summary = text(record.summary)
        return shorten(words.labelled(display.format_date(record.date, lang), summary) if record.date else summary)
    if collection == "sources":
        when = display.format_date(record.date, lang) if record.date else ""
        return shorten(words.labelled(words.join([text(record.publisher), when]), record.title or text(record.description)))
    name = display.name(collection, record, lang)
    summary = getattr(record, "summary", None)
    return shorten(words.labelled(name, text(summary)) if summary else
                   words._("%(name)s in the SCO–UN counternarcotics record.", name=name))


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
    """A tag: the short name in the edition's language, else the name the sources give in it,
    else the English abbreviation."""
    collection, record = site.party(party_id)
    short = display.short_name(collection, record, site.lang)
    if short.lang != site.lang and (local := display.name(collection, record, site.lang)).lang == site.lang:
        return local
    return short


def party_node(site: Site, party_id: str, url: str) -> dict[str, Any]:
    collection, record = site.party(party_id)
    return {"@type": "Organization" if collection == "organisations" else "Country",
            "name": str(display.name(collection, record, site.lang)), "url": url}


def names(collection: str, record: Any, site: Site, *more: str) -> dict[str, Any]:
    """``name``: the record's name as the edition shows it (a form its sources give in the
    edition's language, else the original); ``alternateName``: its other certain forms."""
    shown = str(display.name(collection, record, site.lang))
    others = [str(record.name), *more, *(a.name for a in certain(getattr(record, "aliases", [])))]
    alternate = [n for n in dict.fromkeys(others) if n != shown]
    return {"name": shown, **({"alternateName": alternate} if alternate else {})}


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
        "name": str(display.title("events", e, site.lang)),
        "startDate": e.date,
        "description": str(display.text(e.summary, site.lang)),
        "eventAttendanceMode": f"{SCHEMA_ORG}/{'Online' if e.online else 'Offline'}EventAttendanceMode",
        "organizer": [party_node(site, o, url_of("organisations" if site.party(o)[0] == "organisations" else "countries", o))
                      for o in e.organisers],
        "performer": [{"@type": "Person", "name": str(display.name("people", site.get("people", p.person), site.lang)),
                       "url": url_of("people", p.person)} for p in e.participants if not p.caveat],
        "about": i18n.language(site.lang)._(ABOUT),
        "sameAs": source_urls(site, e.sources),
    }
    if e.end_date:
        data["endDate"] = e.end_date
    if e.online:
        data["location"] = {"@type": "VirtualLocation", "name": display.place(e, lang=site.lang)}
    elif display.place(e):
        place: dict[str, Any] = {"@type": "Place", "name": str(display.text(e.venue or e.city, site.lang))}
        if e.city:
            place["address"] = str(display.text(e.city, site.lang))
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
    data: dict[str, Any] = {"@type": "Person", **names("people", p, site)}
    titles = sorted({str(part.title) for _, part in appearances} | {str(pos.title) for pos in certain(p.positions)})
    if titles:
        data["jobTitle"] = titles
    if affiliations:
        data["affiliation"] = [affiliations[k] for k in sorted(affiliations)]
    return data


def organisation_ld(o: Any, site: Site, url_of: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"@type": "Organization", **names("organisations", o, site, *filter(None, [o.short_name]))}
    if o.parent:
        data["parentOrganization"] = party_node(site, o.parent, url_of("organisations", o.parent))
    if o.summary:
        data["description"] = str(display.text(o.summary, site.lang))
    return data


def country_ld(c: Any, site: Site, url_of: Any) -> dict[str, Any]:
    return {"@type": "Country", **names("countries", c, site)}


def document_ld(d: Any, site: Site, url_of: Any) -> dict[str, Any]:
    legislation = d.kind in LEGISLATION_KINDS
    data: dict[str, Any] = {"@type": "Legislation" if legislation else "CreativeWork",
                            "name": str(display.title("documents", d, site.lang)),
                            "description": str(display.text(d.summary, site.lang))}
    if d.date:
        data["legislationDate" if legislation else "dateCreated"] = d.date
    if legislation:
        data["legislationType"] = d.kind
    if d.place:
        data["locationCreated"] = {"@type": "Place", "name": str(display.text(d.place, site.lang))}
    if d.parties:
        kinds = {p: site.party(p)[0] for p in d.parties}
        data["creator"] = [party_node(site, p, url_of(kinds[p], p)) for p in d.parties]
    if d.short_title:
        data["alternateName"] = str(display.text(d.short_title, site.lang))
    data["citation"] = source_urls(site, d.sources)
    return data
