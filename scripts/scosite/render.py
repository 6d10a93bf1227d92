"""Render: a ``Site`` -> every page, as ``{output path: Markdown text}``. No disk access except templates.

``Renderer.specs()`` lists every page as a function that renders it, so the pipeline can
render each one while recording what it reads (``deps``), and render only some. Templates
are in ``templates/`` (see ``templating``); the words of a record's name, title, place or
period come from ``display``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from . import charts, display, escape, meta
from .export import TABLES
from .fingerprint import GENERATED_MARK, Project
from .models import COLLECTION_BY_NAME, COLLECTIONS
from .reference import model_docs
from .site import DATED, GROUPED, Site, group_label, group_of
from .templating import Citations, doubt, example_yaml, make_environment

# The titles of the generated pages that are not a record's (the hand-written pages' titles
# come from their files; see ``fingerprint.handwritten_titles``).
FIXED_TITLES = {
    "index.md": "SCO–UN counternarcotics cooperation",
    "timeline.md": "Timeline",
    "figures/index.md": "Figures",
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


def section_title(collection: str) -> str:
    return COLLECTION_BY_NAME[collection].title


def group_path(collection: str, slug: str) -> str:
    return f"{collection}/index/{slug}.md"


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


def told_apart(record_key: tuple[str, str], sharing: list[tuple[str, Any]], reserved: frozenset[str]) -> str:
    """A record page's title, told apart from the other records' with the same plain title and
    from the titles of pages that are not records' (``reserved``): its kind when the clash
    crosses kinds, then its short title or date, then its id if even that is shared."""
    collection, record_id = record_key
    record = next(r for c, r in sharing if (c, r.id) == record_key)
    title = display.page_title(collection, record)
    reserved_clash = display.title_text(title) in reserved
    if len(sharing) == 1 and not reserved_clash:
        return title

    def parts(c: str, r: Any) -> list[str]:
        crosses = reserved_clash or len({k for k, _ in sharing}) > 1
        siblings = sum(1 for k, _ in sharing if k == c)
        return ([COLLECTION_BY_NAME[c].singular] if crosses else []) + ([display.distinction(r)] if siblings > 1 else [])

    mine = parts(collection, record)
    if sum(1 for c, r in sharing if parts(c, r) == mine) > 1:
        mine.append(record_id)
    return f"{title} ({', '.join(mine)})"


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
    """Renders every page of the site from one ``Site``, with the project's settings."""

    def __init__(self, site: Site, project: Project):
        self.site = site
        self.project = project
        self.env = make_environment(project.templates)
        self._templates: dict[str, jinja2.Template] = {}
        self._footnotes: dict[tuple[str, str], str] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self.reserved = frozenset(display.title_text(t) for t in (
            *FIXED_TITLES.values(), *(section_title(c) for c in GROUPED), *project.handwritten_titles))

    def page(self, template: str, path: str, origin: str, title: str, *, description: str = "",
             tags: list[str] | tuple[str, ...] = (), jsonld: dict[str, Any] | None = None, **context: Any) -> str:
        """One page: front matter, body, structured data, then its footnotes."""
        cite = Citations()
        link = self.linker(path)
        body = self.template(template).render(
            site=self.site, title=title, cite=cite, link=link, links=Links(self, link), cited_by=self.cited_by,
            charts=charts.Charts(self.site), statement_groups=charts.statement_groups,
            unit_groups=charts.unit_groups, **context)
        notes = "".join(self.footnote(source, link) for source in cite.order)
        head = front_matter(origin, title, description or self.description_of(path), tags)
        if jsonld:
            body = body.rstrip("\n") + f'\n\n<script type="application/ld+json">{escape.json_script(jsonld)}</script>\n'
        return head + body.rstrip("\n") + "\n" + (("\n" + notes.rstrip("\n") + "\n") if cite.order else "")

    def template(self, name: str) -> jinja2.Template:
        if name not in self._templates:
            self._templates[name] = self.env.get_template(name)
        return self._templates[name]

    def footnote(self, source: str, link: Any) -> str:
        """One footnote line; the same for every page in a folder, so made once per folder."""
        record = self.site.get("sources", source)
        key = (source, str(link(f"sources/{source}.md")))
        if key not in self._footnotes:
            self._footnotes[key] = str(self.template("_footnotes.md.j2").render(
                site=self.site, source=record, link=link))
        return self._footnotes[key]

    def label(self, collection: str, record_id: str) -> str:
        """A record's link text, escaped for Markdown, made once (the page still notes the read)."""
        record = self.site.get(collection, record_id)
        key = (collection, record_id)
        if key not in self._labels:
            self._labels[key] = escape.md_inline(display.name(collection, record))
        return self._labels[key]

    def url_of(self, collection: str, record_id: str) -> str:
        """The published address of a record's page."""
        return meta.page_url(self.project.site_url, f"{collection}/{record_id}.md")

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
        records = self.site.records(collection)
        return example_yaml(records[0]) if records else ""

    def cited_by(self, source_id: str) -> list[tuple[str, str, str, Any]]:
        """What cites a source, as (link text, page, anchor, caveat), in a stable order."""
        out = []
        for collection, record in self.site.cited_by(source_id):
            note = getattr(record, "caveat", None)
            kind = COLLECTION_BY_NAME[collection].singular.capitalize()
            if collection == "sources":
                out.append((f"{kind}: {record.title or record.description}", f"{collection}/{record.id}.md", "", note))
            elif collection in SECTIONS:
                out.append((f"{kind}: {display.name(collection, record)}", f"{collection}/{record.id}.md", "", note))
            elif collection == "figures":
                text = f"{kind}: {display.format_quantity(record)} {record.label}"
                out.append((text, f"figures/{record.metric}.md", "", note))
            elif collection == "quotes":
                person = self.site.get("people", record.person).name
                text = f"Quotation: {person}, {display.format_date(record.said_on)}"
                out.append((text, self.quote_page(record), record.id, note))
            elif collection == "milestones":
                out.append((f"Timeline: {record.title}", "timeline.md", f"milestones-{record.id}", note))
        return out

    def specs(self) -> dict[str, Callable[[], str]]:
        """Every page, as a function that renders it: path -> thunk (nothing rendered yet)."""
        site = self.site
        fixed = functools.partial(self.fixed_page)
        specs: dict[str, Callable[[], str]] = {
            "index.md": functools.partial(fixed, "home.md.j2", "index.md", "*"),
            "timeline.md": functools.partial(fixed, "timeline.md.j2", "timeline.md", "*"),
            "figures/index.md": functools.partial(fixed, "figures.md.j2", "figures/index.md", "figures/ and metrics/"),
            "data.md": self.data_page,
            "about/data-reference.md": self.reference_page,
        }
        for collection in GROUPED:
            index = f"{collection}/index.md"
            if len(site.records(collection)) > self.project.group_limit:
                specs[index] = functools.partial(self.hub_page, collection)
                for slug, _ in site.groups(collection):
                    specs[group_path(collection, slug)] = functools.partial(self.group_page, collection, slug)
            else:
                specs[index] = functools.partial(self.index_page, collection)
        for metric in site.records("metrics"):
            specs[f"figures/{metric.id}.md"] = functools.partial(self.metric_page, metric.id)
        for collection in SECTIONS:
            for record in site.records(collection):
                specs[f"{collection}/{record.id}.md"] = functools.partial(self.record_page, collection, record.id)
        return specs

    def fixed_page(self, template: str, path: str, origin: str, **context: Any) -> str:
        return self.page(template, path, origin, FIXED_TITLES[path], **context)

    def data_page(self) -> str:
        site = self.site
        return self.fixed_page(
            "data.md.j2", "data.md", "*",
            tables=[{"name": t.name, "description": t.description, "rows": sum(1 for _ in t.rows(site))} for t in TABLES],
            collections=[{"name": c.name, "count": site.size(c.name)} for c in COLLECTIONS])

    def reference_page(self) -> str:
        return self.fixed_page("reference.md.j2", "about/data-reference.md", "* and scripts/scosite/models.py",
                               collections=[{"collection": c, "docs": model_docs(c), "example": self.example(c.name)}
                                            for c in COLLECTIONS])

    def metric_page(self, metric_id: str) -> str:
        metric = self.site.get("metrics", metric_id)
        return self.page("metric.md.j2", f"figures/{metric_id}.md", f"metrics/{metric_id}.yml",
                         self.title("metrics", metric), metric=metric)

    def index_page(self, collection: str) -> str:
        return self.page(f"{collection}.md.j2", f"{collection}/index.md", f"{collection}/", section_title(collection),
                         records=self.site.records(collection))

    def hub_page(self, collection: str) -> str:
        """A long index: the list of its groups (years or initials), each a page of its own."""
        groups = [{"label": group_label(slug), "path": group_path(collection, slug), "count": count}
                  for slug, count in self.site.groups(collection)]
        return self.page("_hub.md.j2", f"{collection}/index.md", f"{collection}/", section_title(collection),
                         groups=groups, by_year=collection in DATED, total=sum(g["count"] for g in groups))

    def group_page(self, collection: str, slug: str) -> str:
        """One group of a long index, with a link back to the list of groups; its title yields to
        a record page's with the same title."""
        index, title, label = f"{collection}/index.md", section_title(collection), group_label(slug)
        page_title = f"{title}: {label}"
        if self.site.sharing_title(page_title):
            page_title += " (index)"
        return self.page(f"{collection}.md.j2", group_path(collection, slug), f"{collection}/", page_title,
                         description=f"{self.description_of(index)} This page: {label}.",
                         records=self.site.group(collection, slug), hub=index, hub_title=title)

    def description_of(self, path: str) -> str:
        """The description of a page that is not a record's (reader text, kept in a template)."""
        return str(self.template("_descriptions.md.j2").module.descriptions.get(path, ""))

    def quote_page(self, quote: Any) -> str:
        """Where a quotation is shown in full: the quotations page, or its year's page."""
        if self.site.size("quotes") > self.project.group_limit:
            return group_path("quotes", group_of("quotes", quote))
        return "quotes/index.md"

    def record_page(self, collection: str, record_id: str) -> str:
        site = self.site
        record = site.get(collection, record_id)
        path = f"{collection}/{record_id}.md"
        return self.page(
            f"{SECTIONS[collection]}.md.j2", path, f"{collection}/{record_id}.yml", self.title(collection, record),
            description=meta.description(collection, record, site), tags=meta.tags(collection, record, site),
            jsonld=meta.json_ld(collection, record, site, self.url_of(collection, record_id), self.url_of),
            record=record)

    def title(self, collection: str, record: Any) -> str:
        """The record's page title, told apart from any other page's with the same title; it
        depends on the records that share its plain title (read from the title index)."""
        sharing = self.site.sharing_title(display.page_title(collection, record))
        return told_apart((collection, record.id), sharing, self.reserved)
