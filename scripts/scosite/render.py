"""Render: a ``Site`` -> ``{output path: Markdown text}``. No disk access except templates.

Templates are Jinja2 files in ``templates/`` with ``StrictUndefined``. Autoescaping is on
and ``finalize`` escapes every printed value for Markdown (``escape.md_inline``), so text
from data is inert unless a template asks for another context explicitly (``|attr``,
``|url``, ``|paragraphs``). Macro output is ``Markup`` and is not escaped twice.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import charts, escape, fingerprint, meta
from .export import TABLES
from .fingerprint import GENERATED_MARK
from .models import COLLECTION_BY_NAME, COLLECTIONS, UNITS
from .reference import model_docs
from .site import DATED, Site, group_label, group_of

TEMPLATES = Path(__file__).parent / "templates"

SECTION_DESCRIPTIONS = {
    "index.md": "A sourced public record of cooperation between the Shanghai Cooperation Organisation and the United "
                "Nations against illicit drugs: events, people, agreements, figures and sources.",
    "timeline.md": "Every dated item of SCO–UN counternarcotics cooperation in order: events, agreements, "
                   "resolutions and SCO membership changes.",
    "figures/index.md": "Drug seizures and other figures stated by SCO and UN officials, each with its period, "
                        "qualifier, speaker and source; never added together.",
    "quotes/index.md": "Quotations by SCO and UN officials on counternarcotics cooperation, exactly as published.",
    "data.md": "Open data: every record of the SCO–UN counternarcotics record as CSV and JSON, with a Frictionless "
               "Data Package and JSON Schemas.",
    "events/index.md": "Events of SCO–UN cooperation against illicit drugs, with speakers, statements and sources.",
    "people/index.md": "People named in the sources on SCO–UN counternarcotics cooperation, with their titles at each event.",
    "organisations/index.md": "Organisations involved in SCO–UN counternarcotics cooperation.",
    "countries/index.md": "Countries in SCO–UN counternarcotics cooperation and their SCO membership over time.",
    "documents/index.md": "Agreements, declarations, strategies and resolutions behind SCO–UN counternarcotics cooperation.",
    "sources/index.md": "Every source cited on the site, with publisher, date, language and original address.",
    "about/data-reference.md": "Every data field of the SCO–UN counternarcotics record, its type and allowed values.",
}

# The titles of the generated pages that are not a record's.
FIXED_TITLES = {
    "index.md": "SCO–UN counternarcotics cooperation",
    "timeline.md": "Timeline",
    "figures/index.md": "Figures",
    "quotes/index.md": "Quotations",
    "data.md": "Open data",
    "about/data-reference.md": "Data reference",
}

# Where each collection's pages live (relative to docs/), and its page template.
SECTIONS = {
    "events": "event",
    "people": "person",
    "organisations": "organisation",
    "countries": "country",
    "documents": "document",
    "sources": "source",
}


@dataclass
class Citations:
    """Sources cited on one page, in the order of first citation (footnote numbers)."""

    numbers: dict[str, int] = field(default_factory=dict)

    @property
    def order(self) -> list[str]:
        return list(self.numbers)

    def __call__(self, sources: list[str] | tuple[str, ...]) -> Markup:
        for source in sources:
            self.numbers.setdefault(source, len(self.numbers) + 1)
        return Markup("".join(f"[^{source}]" for source in sources))


@dataclass
class Charts:
    """Draws the charts of one page, numbering them so their ids are unique on the page."""

    site: Site
    count: int = 0

    def name(self, collection: str, record_id: str | None) -> str:
        return str(self.site.get(collection, record_id).name) if record_id else ""

    def who(self, figure: Any) -> str:
        return (self.name("people", figure.speaker) or self.name("organisations", figure.attributed_to)
                or "unattributed")

    def statement(self, figures: list[Any]) -> Markup:
        """One statement's figures (same speaker, date, period and unit): a bar per metric."""
        first = figures[0]
        bars = [charts.Bar(self.name("metrics", f.metric) or f.label, f.value, format_quantity(f)) for f in figures]
        who = self.who(first)
        period = first.period.label or f"{first.period.start or '…'}–{first.period.end or '…'}"
        title = f"{len(figures)} figures ({first.unit}) for {period}"
        return self.figure(title, bars, f"Stated by {who}" + (f" on {format_date(first.said_on)}" if first.said_on else ""))

    def metric(self, metric: Any, figures: list[Any]) -> Markup:
        """Every figure for one metric and one unit: a bar per statement, side by side, never summed."""
        bars = []
        for f in figures:
            who = self.who(f)
            period = f.period.label or f"{f.period.start or '…'}–{f.period.end or '…'}"
            said = f", {format_date(f.said_on)}" if f.said_on else ""
            bars.append(charts.Bar(f"{period} ({who}{said})", f.value, format_quantity(f)))
        return self.figure(f"{metric.name}, in {figures[0].unit}: each statement separately", bars,
                           "Each bar is a separate statement; they are not added together")

    def figure(self, title: str, bars: list[charts.Bar], caption: str) -> Markup:
        self.count += 1
        svg = charts.bar_chart(f"chart-{self.count}", title, charts.describe(bars), bars)
        return Markup(f'<figure class="sco-figure">\n{svg}\n<figcaption>{escape.html_attr(caption)}</figcaption>\n</figure>')


def statement_groups(figures: list[Any]) -> list[list[Any]]:
    """Figures from one statement: same event, speaker, date, sources, unit and period."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for f in figures:
        key = (f.event, f.speaker, f.attributed_to, f.said_on, tuple(f.sources), f.unit,
               f.period.label, f.period.start, f.period.end)
        groups.setdefault(key, []).append(f)
    return list(groups.values())


def unit_groups(figures: list[Any]) -> list[list[Any]]:
    """Figures for one metric split by unit as stated (tonnes and tons are not merged)."""
    groups: dict[str, list[Any]] = {}
    for f in figures:
        groups.setdefault(f.unit, []).append(f)
    return list(groups.values())


def finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; guard optional fields with 'if'")
    return escape.md_inline(value)


def make_environment() -> jinja2.Environment:
    """The template environment, made once per template folder: compiled templates are kept
    and recompiled only when their file changes (Jinja checks on each use)."""
    key = str(TEMPLATES)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment()
    return _ENVIRONMENTS[key]


_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


# Compiled templates are kept between runs (Jinja checks each against its source's checksum).
BYTECODE = Path(__file__).resolve().parents[2] / ".cache" / "jinja"


def _new_environment() -> jinja2.Environment:
    try:
        BYTECODE.mkdir(parents=True, exist_ok=True)
        bytecode: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache(str(BYTECODE))
    except OSError:
        bytecode = None  # a read-only checkout compiles the templates each time
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=bytecode,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["caveat"] = caveat
    env.globals["doubt"] = doubt
    env.filters.update(
        attr=escape.html_attr,
        url=escape.url,
        paragraphs=escape.md_paragraphs,
        date=format_date,
        quantity=format_quantity,
        label=lambda v: v.replace("-", " "),
        ident=ident,
        field_name=field_name,
        ordinal=ordinal,
        pre=escape.html_pre,
    )
    return env


def doubt(value: Any) -> Markup:
    """A short marker after a listed record or part that the sources do not state outright: the
    word ("inference", "not verified") is visible, its note a tooltip; the record's page (the
    link beside it) shows the note in full."""
    if not value:
        return Markup("")
    label = value.status.replace("-", " ")
    return Markup(f' <span class="sco-doubt" title="{escape.html_attr(value.note)}">{escape.md_inline(label)}</span>')


def caveat(value: Any) -> Markup:
    """' **Not verified:** note' after a fact the dossier flags; nothing otherwise."""
    if not value:
        return Markup("")
    status = value.status.replace("-", " ").capitalize()
    return Markup(f" **{status}:** {escape.md_inline(value.note)}")


def ident(value: object) -> Markup:
    """An id (already validated) for anchors and footnote labels; refuses anything else."""
    text = str(value)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise ValueError(f"not an id: {text!r}")
    return Markup(text)


def field_name(value: object) -> Markup:
    """A model field name (lower-case words joined by underscores), printed as it is."""
    text = str(value)
    if not re.fullmatch(r"[a-z][a-z_]*", text):
        raise ValueError(f"not a field name: {text!r}")
    return Markup(text)


def example_yaml(record: Any) -> str:
    """A record as an editor would write it (defaults left out, English-only text as text)."""

    def simplify(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"en"}:
                return value["en"]
            return {k: simplify(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [simplify(v) for v in value]
        return value

    data = simplify(record.model_dump(mode="json", exclude_defaults=True))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


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


def format_quantity(figure: Any) -> str:
    """A figure as the source words it: qualifier, number, unit ('some 69 tonnes', 'over a hundred people')."""
    number = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    number = getattr(figure, "in_words", None) or number  # "half", "a hundred": the source's words
    assert figure.unit in UNITS
    return " ".join(part for part in (figure.qualifier, number, figure.unit) if part)


def front_matter(origin: str, title: str, description: str = "", tags: list[str] | tuple[str, ...] = ()) -> str:
    """YAML front matter: the do-not-edit mark, the page title, description and tags.

    Values are stored HTML-escaped, as JSON strings (valid YAML): the theme prints
    ``page.meta.title`` and ``page.meta.description`` into the page without escaping them.
    """
    lines = [f"{GENERATED_MARK}{origin} -- do not edit: change the data and run 'make generate'",
             f"title: {json.dumps(escape.html_text(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(escape.html_text(description), ensure_ascii=False)}")
    if tags:
        lines.append(f"tags: {json.dumps([escape.html_text(t) for t in tags], ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n"


def record_title(collection: str, record: Any) -> str:
    """The title of a record's page, as plain text."""
    if collection == "sources":
        date = f", {format_date(record.date)}" if record.date else ""
        return f"Source {record.id.upper()}: {record.publisher}{date}"
    if collection == "organisations" and record.short_name:
        return f"{record.name} ({record.short_name})"
    return str(getattr(record, "title", None) or record.name)


# Collections whose records have a page of their own titled by the record (metrics: figures/<id>).
TITLED = (*SECTIONS, "metrics")


def title_text(title: str) -> str:
    """A title as the browser's tab shows it (runs of white space are one space)."""
    return " ".join(title.split())


def unique_titles(records: dict[str, list[Any]], reserved: frozenset[str] = frozenset()) -> dict[tuple[str, str], str]:
    """Page titles of every record page, by (collection, id), each unlike any other page's.

    Where records share a title, or a record's title is the title of another page of the site
    (``reserved``: "Timeline", a hand-written page), each says what tells it apart: its kind
    when the clash crosses kinds, then its short title or date, and its id if even that is
    shared."""
    plain = {(c, r.id): (record_title(c, r), r) for c, rs in records.items() for r in rs}
    groups: dict[str, list[tuple[str, str]]] = {}
    for key, (title, _) in plain.items():
        groups.setdefault(title_text(title), []).append(key)
    titles: dict[tuple[str, str], str] = {}
    for text, keys in groups.items():
        clash = len(keys) > 1 or text in reserved
        crosses = text in reserved or len({c for c, _ in keys}) > 1
        for collection, record_id in keys:
            title, record = plain[(collection, record_id)]
            siblings = sum(1 for c, _ in keys if c == collection)
            parts = ([COLLECTION_BY_NAME[collection].singular] if crosses else []) + \
                ([distinction(record)] if siblings > 1 else [])
            titles[(collection, record_id)] = f"{title} ({', '.join(parts)})" if clash and parts else title
    counts: dict[str, int] = {}
    for title in titles.values():
        counts[title_text(title)] = counts.get(title_text(title), 0) + 1
    return {key: f"{title[:-1]}, {key[1]})" if counts[title_text(title)] > 1 and title.endswith(")") else
            f"{title} ({key[1]})" if counts[title_text(title)] > 1 else title for key, title in titles.items()}


def distinction(record: Any) -> str:
    for attribute in ("short_title", "date"):
        value = getattr(record, attribute, None)
        if value:
            return format_date(value) if attribute == "date" else str(value)
    return record.id


class Links:
    """Links to records from one page: ``[name](../people/x.md)`` with the text escaped."""

    def __init__(self, renderer: Renderer, link: Any):
        self.renderer, self.link = renderer, link

    def to(self, collection: str, record_id: str) -> Markup:
        """A link to a record, with its doubt marker if the record is not certain."""
        record = self.renderer.site.get(collection, record_id)
        link = f"[{self.renderer.label(collection, record_id)}]({self.link(f'{collection}/{record_id}.md')})"
        return Markup(link) + doubt(getattr(record, "caveat", None))

    def person(self, record_id: str) -> Markup:
        return self.to("people", record_id)

    def event(self, record_id: str) -> Markup:
        return self.to("events", record_id)

    def document(self, record_id: str) -> Markup:
        return self.to("documents", record_id)

    def party(self, record_id: str) -> Markup:
        return self.to(self.renderer.site.party(record_id)[0], record_id)

    def record_link(self, collection: str, record_id: str, text: Any, caveat: Any = None) -> Markup:
        """A link to a page with other text than the record's name (an id, a title), and the
        doubt marker of ``caveat``, the listed record's."""
        label = text if isinstance(text, Markup) else escape.md_inline(text)
        return Markup(f"[{label}]({self.link(f'{collection}/{record_id}.md')})") + doubt(caveat)


class Renderer:
    """Renders every page of the site from one ``Site``."""

    def __init__(self, site: Site, site_url: str = "", handwritten: tuple[str, ...] = ()):
        self.site = site
        self.site_url = site_url
        self.env = make_environment()
        self._titles: dict[tuple[str, str], str] | None = None
        self._plain_titles: set[str] | None = None
        self.handwritten = handwritten
        self._templates: dict[str, jinja2.Template] = {}
        self._footnotes: dict[tuple[str, str], str] = {}
        self._labels: dict[tuple[str, str], str] = {}

    def page(self, template: str, path: str, origin: str, title: str, *, description: str = "",
             tags: list[str] | tuple[str, ...] = (), jsonld: dict[str, Any] | None = None, **context: Any) -> str:
        """One page: front matter, body, structured data, then its footnotes."""
        cite = Citations()
        link = self.linker(path)
        body = self.template(template).render(
            site=self.site, title=title, cite=cite, link=link, links=Links(self, link), cited_by=self.cited_by,
            charts=Charts(self.site), statement_groups=statement_groups, unit_groups=unit_groups, **context)
        notes = "".join(self.footnote(source, link) for source in cite.order)
        head = front_matter(origin, title, description or SECTION_DESCRIPTIONS.get(path, ""), tags)
        if jsonld:
            body = body.rstrip("\n") + f'\n\n<script type="application/ld+json">{escape.json_script(jsonld)}</script>\n'
        return head + body.rstrip("\n") + "\n" + (("\n" + notes.rstrip("\n") + "\n") if cite.order else "")

    def template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def footnote(self, source: str, link: Any) -> str:
        """One footnote line; the same for every page in a folder, so made once per folder."""
        target = link(f"sources/{source}.md")
        key = (source, str(target))
        self.site.reads_record("sources", source)
        if key not in self._footnotes:
            self._footnotes[key] = self.template("_footnotes.md.j2").render(site=self.site, cited=[source], link=link)
        return self._footnotes[key]

    def label(self, collection: str, record_id: str) -> str:
        """A record's link text, escaped for Markdown, made once (the page still notes the read)."""
        record = self.site.get(collection, record_id)
        key = (collection, record_id)
        if key not in self._labels:
            text = record.short_title or record.title if collection == "documents" else \
                record.title if collection == "events" else record.name
            self._labels[key] = escape.md_inline(text)
        return self._labels[key]

    def url_of(self, collection: str, record_id: str) -> str:
        """The published address of a record's page."""
        return meta.page_url(self.site_url, f"{collection}/{record_id}.md")

    def linker(self, here: str) -> Any:
        """``link(target)``: the relative address of another generated page from this one (what
        ``posixpath.relpath`` gives, without its cost: this runs for every link of every page)."""
        folders = here.split("/")[:-1]
        prefix = "/".join(folders) + "/" if folders else ""

        def link(target: str, anchor: str = "") -> Markup:
            if target.startswith(prefix):
                relative = target[len(prefix):]
            else:
                parts, common = target.split("/"), 0
                while common < len(folders) and common < len(parts) - 1 and folders[common] == parts[common]:
                    common += 1
                relative = "../" * (len(folders) - common) + "/".join(parts[common:])
            return Markup(relative + (f"#{anchor}" if anchor else ""))

        return link

    def example(self, collection: str) -> str:
        records = getattr(self.site, collection)
        return example_yaml(records[0]) if records else ""

    def cited_by(self, source_id: str) -> list[tuple[str, str, str, Any]]:
        """What cites a source, as (link text, page, anchor, caveat), in a stable order."""
        out = []
        for collection, record in self.site.cited_by(source_id):
            doubt = getattr(record, "caveat", None)
            if collection in SECTIONS:
                name = getattr(record, "name", None) or getattr(record, "title", None) or record.description
                kind = COLLECTION_BY_NAME[collection].singular.capitalize()
                out.append((f"{kind}: {name}", f"{collection}/{record.id}.md", "", doubt))
            elif collection == "figures":
                out.append((f"Figure: {format_quantity(record)} {record.label}", f"figures/{record.metric}.md", "", doubt))
            elif collection == "quotes":
                person = self.site.get("people", record.person).name
                out.append((f"Quotation: {person}, {format_date(record.said_on)}", self.quote_page(record), record.id,
                            doubt))
            elif collection == "milestones":
                out.append((f"Timeline: {record.title}", "timeline.md", f"milestones-{record.id}", doubt))
        return out

    def specs(self) -> dict[str, Callable[[], str]]:
        """Every page, as a function that renders it: path -> thunk (nothing rendered yet)."""
        site = self.site
        specs: dict[str, Callable[[], str]] = {
            "index.md": lambda: self.page("home.md.j2", "index.md", "*", FIXED_TITLES["index.md"]),
            "timeline.md": lambda: self.page("timeline.md.j2", "timeline.md", "*", FIXED_TITLES["timeline.md"]),
            "figures/index.md": lambda: self.page("figures.md.j2", "figures/index.md", "figures/ and metrics/",
                                                  FIXED_TITLES["figures/index.md"]),
            "quotes/index.md": lambda: self.page("quotes.md.j2", "quotes/index.md", "quotes/", FIXED_TITLES["quotes/index.md"],
                                                 records=site.quotes),
            "data.md": lambda: self.page(
                "data.md.j2", "data.md", "*", FIXED_TITLES["data.md"],
                tables=[{"name": t.name, "description": t.description, "rows": sum(1 for _ in t.rows(site))}
                        for t in TABLES],
                collections=[{"name": c.name, "count": len(getattr(site, c.name))} for c in COLLECTIONS]),
            "about/data-reference.md": lambda: self.page(
                "reference.md.j2", "about/data-reference.md", "* and scripts/scosite/models.py",
                FIXED_TITLES["about/data-reference.md"],
                collections=[{"collection": c, "docs": model_docs(c), "example": self.example(c.name)}
                             for c in COLLECTIONS]),
        }
        for collection in (*SECTIONS, "quotes"):
            index = f"{collection}/index.md"
            if len(site.data.get(collection)) > GROUP_LIMIT:
                specs[index] = functools.partial(self.hub_page, collection)
                for slug, _ in site.groups(collection):
                    specs[group_path(collection, slug)] = functools.partial(self.group_page, collection, slug)
            elif collection != "quotes":
                specs[index] = functools.partial(self.index_page, collection)
        for metric in site.data.get("metrics").values():
            specs[f"figures/{metric.id}.md"] = functools.partial(self.metric_page, metric)
        for collection in SECTIONS:
            for record in site.data.get(collection).values():
                specs[f"{collection}/{record.id}.md"] = functools.partial(self.record_page, collection, record)
        return specs

    def metric_page(self, metric: Any) -> str:
        self.site.reads_record("metrics", metric.id)
        path = f"figures/{metric.id}.md"
        return self.page("metric.md.j2", path, f"metrics/{metric.id}.yml", self.title("metrics", metric), metric=metric)

    def index_page(self, collection: str) -> str:
        index = f"{collection}/index.md"
        return self.page(f"{collection}.md.j2", index, f"{collection}/", COLLECTION_BY_NAME[collection].title,
                         records=getattr(self.site, collection))

    def hub_page(self, collection: str) -> str:
        """A long index: the list of its groups (years or initials), each a page of its own."""
        index = f"{collection}/index.md"
        groups = [{"label": group_label(slug), "path": group_path(collection, slug), "count": count}
                  for slug, count in self.site.groups(collection)]
        return self.page("_hub.md.j2", index, f"{collection}/", section_title(collection), groups=groups,
                         by_year=collection in DATED, total=sum(g["count"] for g in groups))

    def group_page(self, collection: str, slug: str) -> str:
        """One group of a long index, with a link back to the list of groups."""
        index, title, label = f"{collection}/index.md", section_title(collection), group_label(slug)
        page_title = f"{title}: {label}" + (" (index)" if self.title_taken(f"{title}: {label}") else "")
        return self.page(f"{collection}.md.j2", group_path(collection, slug), f"{collection}/", page_title,
                         description=f"{SECTION_DESCRIPTIONS[index]} This page: {label}.",
                         records=self.site.group(collection, slug), hub=index, hub_title=title)

    def quote_page(self, quote: Any) -> str:
        """Where a quotation is shown in full: the quotations page, or its year's page."""
        if self.site.size("quotes") > GROUP_LIMIT:
            return group_path("quotes", group_of("quotes", quote))
        return "quotes/index.md"

    def record_page(self, collection: str, record: Any) -> str:
        site = self.site
        site.reads_record(collection, record.id)
        path = f"{collection}/{record.id}.md"
        return self.page(
            f"{SECTIONS[collection]}.md.j2", path, f"{collection}/{record.id}.yml", self.title(collection, record),
            description=meta.description(collection, record, site), tags=meta.tags(collection, record, site),
            jsonld=meta.json_ld(collection, record, site, self.url_of(collection, record.id), self.url_of),
            record=record)

    def title(self, collection: str, record: Any) -> str:
        """The record's page title, told apart from any other page's with the same title.

        The page depends on which records share its plain title: an edit elsewhere that
        creates or removes a clash changes it (``title_key``)."""
        if self._titles is None:
            records = {c: list(self.site.data.get(c).values()) for c in TITLED}
            self._titles = unique_titles(records, self.reserved_titles())
        self.site.reads_key(title_key(collection, record))
        return self._titles[(collection, record.id)]

    def reserved_titles(self) -> frozenset[str]:
        """Titles of the pages that are not a record's and do not depend on the data: the fixed
        ones and the hand-written pages (a record page yields to them)."""
        fixed = set(FIXED_TITLES.values()) | {section_title(c) for c in (*SECTIONS, "quotes")}
        return frozenset(title_text(t) for t in fixed | set(self.handwritten))

    def title_taken(self, title: str) -> bool:
        """Whether a record page has this plain title (an index group's page then yields)."""
        if self._plain_titles is None:
            self._plain_titles = {title_text(record_title(c, r)) for c in TITLED for r in self.site.data.get(c).values()}
        self.site.reads_key(("idx", "title", title_text(title)))
        return title_text(title) in self._plain_titles

    def render_all(self) -> dict[str, str]:
        return dict(sorted((path, render()) for path, render in self.specs().items()))


# An index with more records than this is split into groups (years or initials), each a page,
# so that no page grows with the whole data set and an edit re-renders a bounded amount.
GROUP_LIMIT = fingerprint.GROUP_LIMIT  # a module global here, so tests can lower it


def section_title(collection: str) -> str:
    return COLLECTION_BY_NAME[collection].title


def group_path(collection: str, slug: str) -> str:
    return f"{collection}/index/{slug}.md"


def title_key(collection: str, record: Any) -> tuple[str, ...]:
    """What a record page's title depends on: the records that share its plain title."""
    return ("idx", "title", title_text(record_title(collection, record)))


def render_site(site: Site, site_url: str = "", handwritten: tuple[str, ...] = ()) -> dict[str, str]:
    return Renderer(site, site_url, handwritten).render_all()
