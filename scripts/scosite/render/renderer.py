"""Render: a ``Site`` -> every page, as ``{output path: Markdown text}``. No disk access except templates.

``Renderer.specs()`` lists every page as a function that renders it, so the pipeline can
render each one while recording what it reads (``deps``), and render only some. Templates
are in ``templates/`` (see ``templating``); the words of a record's name, title, place or
period come from ``display``; where a page lives and how it links to another, from ``addresses``.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import jinja2

from ..data import i18n
from ..data.files import handwritten_titles
from ..data.i18n import N_
from ..data.modeldocs import model_docs
from ..data.models import COLLECTIONS, TRANSLATED
from ..queries import display
from ..queries.archives import archive_of, is_dead
from ..queries.records import DATED, GROUPED, Site, group_label, group_of
from ..settings import GENERATED_MARK, Project
from . import archive, charts, citation, escape, feed, meta, versions
from .addresses import citation_files, group_path, linker
from .export import TABLES
from .helpers import Glance, Links
from .templating import Citations, Words, example_yaml, make_environment

# The titles of the generated pages that are not a record's (the hand-written pages' titles
# come from their files; see ``files.handwritten_titles``).
FIXED_TITLES = {
    "index.md": N_("SCO–UN counternarcotics cooperation"),
    "timeline.md": N_("Timeline"),
    "figures/index.md": N_("Figures"),
    "data.md": N_("Open data"),
    "about/data-reference.md": N_("Data reference"),
    "about/translations.md": N_("Translation status"),
    "about/glossary.md": N_("Glossary"),
    "changes.md": N_("Recent changes"),
}

# Each collection's name as a section title, and a record of it as a kind ("Document: …").
SECTION_TITLES = {
    "events": N_("Events"), "people": N_("People"), "organisations": N_("Organisations"),
    "countries": N_("Countries"), "documents": N_("Documents and agreements"), "metrics": N_("Metrics"),
    "figures": N_("Figures"), "quotes": N_("Quotations"), "milestones": N_("Milestones"),
    "sources": N_("Sources"), "glossary": N_("Glossary"),
}
KINDS = {
    "events": N_("Event: %(name)s"), "people": N_("Person: %(name)s"), "organisations": N_("Organisation: %(name)s"),
    "countries": N_("Country: %(name)s"), "documents": N_("Document: %(name)s"), "sources": N_("Source: %(name)s"),
    "figures": N_("Figure: %(name)s"), "quotes": N_("Quotation: %(name)s"), "milestones": N_("Timeline: %(name)s"),
    "metrics": N_("Metric: %(name)s"), "glossary": N_("Glossary: %(name)s"),
}
# The records that cite a source, as its page lists them.
CITING = ("events", "people", "organisations", "countries", "documents", "sources", "figures", "quotes", "milestones")
# Where each collection's pages live (relative to docs/), and its page template.
SECTIONS = {
    "events": "event",
    "people": "person",
    "organisations": "organisation",
    "countries": "country",
    "documents": "document",
    "sources": "source",
}


def section_title(collection: str, lang: str = "en") -> str:
    return i18n.language(lang)._(SECTION_TITLES[collection])


def front_matter(origin: str, title: str, description: str = "", tags: list[str] | tuple[str, ...] = (),
                 extra: dict[str, str] | None = None) -> str:
    """YAML front matter: the do-not-edit mark, the page title, description and tags.

    Values are stored HTML-escaped, as JSON strings (valid YAML): the theme prints
    ``page.meta.title`` and ``page.meta.description`` into the page without escaping them.
    """
    lines = [f"{GENERATED_MARK}{origin} -- do not edit: change the data and run 'make generate'",
             "generated: true",  # the theme links no source to edit (a record's page links its YAML)
             f"title: {json.dumps(escape.html_text(title), ensure_ascii=False)}"]
    if description:
        lines.append(f"description: {json.dumps(escape.html_text(description), ensure_ascii=False)}")
    if tags:
        lines.append(f"tags: {json.dumps([escape.html_text(t) for t in tags], ensure_ascii=False)}")
    for key, value in (extra or {}).items():
        lines.append(f"{key}: {json.dumps(escape.html_text(value), ensure_ascii=False)}")
    return "\n".join(lines) + "\n---\n\n"


# The milestone the home page counts the years of SCO–UN cooperation from (the SCO Secretariat
# dates SCO–UN relations from 2004); without it, the home page gives the years the record covers.
START_MILESTONE = "sco-un-relations-2004"
ARCHIVE_FOLDER = "downloads/offline/"  # under the English edition's root, as cli.cmd_archives writes them
SITE_NAME = N_("SCO–UN counternarcotics record")  # mkdocs.yml's site_name (the catalogs hold it)


RECENT_ITEMS = 60  # the records listed on the Recent changes page and in the feeds

# Why a record's page gives no date for its last change (``Site.changed_on``).
NOT_DATED = {
    "uncommitted": N_("Last changed: not yet committed"),
    "no-git": N_("Last changed: not known (the site was built without its git history)"),
    "shallow": N_("Last changed: not known (the site was built from a shallow clone of its repository)"),
}
# ... and why the Recent changes page lists nothing.
NOT_LISTED = {
    "no-git": N_("The changes are not known: the site was built without its git history."),
    "shallow": N_("The changes are not known: the site was built from a shallow clone of its repository."),
}
DEVELOPER_NOTE = N_("This page is for editors and developers and is kept in English.")
# ... and why the Open data page gives no version (``versions.current``).
NOT_VERSIONED = {
    "no-git": N_("The version is not known: the site was built without its git history."),
    "shallow": N_("The version is not known: the site was built from a shallow clone of its repository."),
    "uncommitted": N_("The data has no version yet: it has not been committed."),
}


class Renderer:
    """Renders every page of the site from one ``Site``, with the project's settings."""

    def __init__(self, site: Site, project: Project):
        self.site = site
        self.project = project
        self.lang = site.lang
        self.language = i18n.language(self.lang)
        self.env = make_environment(project.templates, self.lang)
        self.words: Words = self.env.words  # (the templates' own: it knows the page being rendered)
        self._templates: dict[str, jinja2.Template] = {}
        self._footnotes: dict[tuple[str, str], str] = {}
        self._labels: dict[tuple[str, str], str] = {}
        self.reserved = frozenset(display.title_text(t) for t in (
            *(self.language._(t) for t in FIXED_TITLES.values()), *(section_title(c, self.lang) for c in GROUPED),
            *handwritten_titles(project.docs, self.lang)))

    def page(self, template: str, path: str, origin: str, title: str, *, description: str = "",
             tags: list[str] | tuple[str, ...] = (), jsonld: dict[str, Any] | None = None,
             extra: dict[str, str] | None = None, env: Any = None, **context: Any) -> str:
        """One page: front matter, body, structured data, then its footnotes."""
        cite = Citations()
        link = linker(path)
        words = (env or self.env).words
        words.mentioned = set()  # names of ours: the first mention on this page shows the original
        try:
            body = (env.get_template(template) if env else self.template(template)).render(
                site=self.site, title=title, cite=cite, link=link, links=Links(self, link), cited_by=self.cited_by,
                charts=charts.Charts(self.site), glance=Glance(self, path),
                edit_url=self.edit_url, history_url=self.history_url, NOT_DATED=NOT_DATED, NOT_LISTED=NOT_LISTED,
                NOT_VERSIONED=NOT_VERSIONED,
                cite_as=functools.partial(self.cite_as, link), START_MILESTONE=START_MILESTONE, **context)
        finally:
            words.mentioned = None
        notes = "".join(self.footnote(source, link) for source in cite.order)
        head = front_matter(origin, title, description or self.description_of(path), tags, extra)
        if jsonld:
            body = body.rstrip("\n") + f'\n\n<script type="application/ld+json">{escape.json_script(jsonld)}</script>\n'
        return head + body.rstrip("\n") + "\n" + (("\n" + notes.rstrip("\n") + "\n") if cite.order else "")

    def edit_url(self, file: str) -> str:
        """Where the repository host edits a file of the project (its YAML, for a record)."""
        return f"{self.project.repo_url}/edit/{self.project.repo_branch}/{file}" if self.project.repo_url else ""

    def history_url(self, file: str) -> str:
        return f"{self.project.repo_url}/commits/{self.project.repo_branch}/{file}" if self.project.repo_url else ""

    def citation(self, collection: str, record_id: str) -> citation.Citation:
        """How to cite a record's page (``scosite.render.citation``): its title, address and date."""
        record = self.site.get(collection, record_id)
        path = f"figures/{record_id}.md" if collection == "metrics" else f"{collection}/{record_id}.md"
        return citation.Citation(
            key=citation.citation_key(self.lang, collection, record_id), title=self.title(collection, record),
            site=self.language._(SITE_NAME), url=meta.page_url(self.project.edition_url(self.lang), path),
            date=self.site.changed_on(collection, record_id)[0], lang=self.lang)

    def original(self, source_id: str) -> citation.Original:
        """How to cite a source itself, with its archived copy or look-up (``queries.archives``)."""
        s = self.site.get("sources", source_id)
        copy = archive_of(s)
        return citation.Original(
            key=citation.citation_key(self.lang, "sources", source_id) + "-original",
            title=s.title or str(display.text(s.description, self.lang)), publisher=str(display.text(s.publisher, self.lang)),
            url=s.url, date=s.date, lang=s.language, archive=copy.url, verified=copy.verified,
            archive_date=copy.date if copy.verified else None, dead=s.checked if is_dead(s) else None)

    def cite_as(self, link: Any, collection: str, record_id: str) -> tuple[str, str, str]:
        """For a page's foot: the "Cite as" line, and links to its BibTeX and RIS files."""
        files = citation_files(collection, record_id)
        return citation.line(self.citation(collection, record_id)), link(files[0]), link(files[1])

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
            shown = display.name(collection, record, self.lang)
            if shown.state == "ours":  # its first mention on a page differs
                return self.words.finalize(shown)
            self._labels[key] = self.words.finalize(shown)
        return self._labels[key]

    def url_of(self, collection: str, record_id: str) -> str:
        """The published address of a record's page."""
        return meta.page_url(self.project.edition_url(self.lang), f"{collection}/{record_id}.md")

    def example(self, collection: str) -> str:
        """The first record in English order: the reference page is English in every edition."""
        records = self.site.records(collection, "en")
        return example_yaml(records[0]) if records else ""

    def cited_by(self, source_id: str) -> list[tuple[Any, str, str, Any]]:
        """What cites a source, as (link text, page, anchor, caveat), in a stable order (a source
        that cites another by its title)."""
        return [(self.kind_name(collection, record, by_title=True), *self.where(collection, record),
                 getattr(record, "caveat", None))
                for collection, record in self.site.cited_by(source_id) if collection in CITING]

    def specs(self) -> dict[str, Callable[[], str]]:
        """Every page, as a function that renders it: path -> thunk (nothing rendered yet)."""
        site = self.site
        fixed = functools.partial(self.fixed_page)
        specs: dict[str, Callable[[], str]] = {
            "index.md": functools.partial(fixed, "home.md.j2", "index.md", "*"),
            "timeline.md": functools.partial(fixed, "timeline.md.j2", "timeline.md", "*"),
            # Past the group limit, the figures are listed on their metrics' pages only.
            "figures/index.md": functools.partial(fixed, "figures.md.j2", "figures/index.md", "figures/ and metrics/",
                                                  split=site.size("figures") > self.project.group_limit),
            "data.md": self.data_page,
            "about/data-reference.md": self.reference_page,
            "about/translations.md": self.translations_page,
            "changes.md": self.changes_page,
            "feed.xml": self.feed,
            "about/glossary.md": functools.partial(self.fixed_page, "glossary.md.j2", "about/glossary.md", "glossary/",
                                                   records=self.site.records("glossary")),
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
        for collection in (*SECTIONS, "metrics"):
            for record in site.records(collection):
                bib, ris = citation_files(collection, record.id)
                made = functools.partial(self.citation, collection, record.id)
                # a source's files cite the source itself too, with its archived copy or look-up
                original = functools.partial(self.original, record.id) if collection == "sources" else None
                specs[bib] = lambda made=made, o=original: citation.bibtex(made()) + (
                    "\n" + citation.bibtex_original(o()) if o else "")
                specs[ris] = lambda made=made, o=original: citation.ris(made()) + (citation.ris_original(o()) if o else "")
        bib, ris = versions.CITATION_FILES  # the data set's own citation (the Open data page's)
        specs[bib] = lambda: versions.bibtex(self.data_citation())
        specs[ris] = lambda: versions.ris(self.data_citation())
        return specs

    def fixed_page(self, template: str, path: str, origin: str, **context: Any) -> str:
        return self.page(template, path, origin, self.language._(FIXED_TITLES[path]), **context)

    def data_page(self) -> str:
        site = self.site
        return self.fixed_page(
            "data.md.j2", "data.md", "*",
            tables=[{"name": t.name, "description": t.description, "rows": site.row_count(t.name, t.rows)} for t in TABLES],
            archives=self.archives(), versioning=self.versioning(),
            collections=[{"name": c.name, "count": site.size(c.name)} for c in COLLECTIONS])

    def data_citation(self) -> versions.DataCitation:
        """How to cite the data set: the Open data page, with the version built."""
        return versions.data_citation(self.site, self.language._(FIXED_TITLES["data.md"]), self.language._(SITE_NAME),
                                      meta.page_url(self.project.edition_url(self.lang), "data.md"))

    def versioning(self) -> dict[str, Any]:
        """The Open data page's version, its citation and the changes of every version."""
        link = linker("data.md")
        release, why = versions.current(self.site)
        _, _, releases = self.site.releases()
        bib, ris = versions.CITATION_FILES
        repo = self.project.repo_url
        return {
            "current": release, "why": why, "citation": versions.line(self.data_citation()),
            "bib": link(bib), "ris": link(ris),
            "cff": f"{repo}/blob/{self.project.repo_branch}/CITATION.cff" if repo else "",
            "releases": f"{repo}/releases" if repo else "",
            "versions": [{"release": r, "anchor": versions.anchor(r.version),
                          "rows": [(section_title(name, self.lang), *numbers) for name, *numbers in versions.counts(r)]}
                         for r in releases],
        }

    def archives(self) -> dict[str, Any]:
        """The offline copies to download (``make archives`` writes them beside the English
        edition's downloads, after the build): absolute addresses, as the engine does not
        know these files, and an offline copy links to the published ones."""
        return {"base": self.project.site_url + ARCHIVE_FOLDER, "checksums": archive.CHECKSUMS,
                "files": [(lang, i18n.NAMES[lang], archive.ARCHIVE_NAME.format(lang=lang) + ".zip")
                          for lang in i18n.EDITIONS]}

    def reference_page(self) -> str:
        """The data reference, for editors and developers: in English in every edition."""
        extra = None if self.lang == "en" else {
            "content_lang": "en", "note": self.language._(DEVELOPER_NOTE)}
        return self.fixed_page("reference.md.j2", "about/data-reference.md", "* and scripts/scosite/data/models.py",
                               extra=extra, env=make_environment(self.project.templates, "en"),
                               collections=[{"collection": c, "docs": model_docs(c), "example": self.example(c.name)}
                                            for c in COLLECTIONS])

    def translations_page(self) -> str:
        """How much of the data's text is translated, per collection and language."""
        counts = self.site.translation_status()
        status = []
        for lang in TRANSLATED:
            rows = []
            for collection in sorted(counts, key=lambda c: section_title(c, self.lang)):
                count = counts[collection][lang]
                percent = i18n.language(self.lang).percent(count.translated / count.total) if count.total else "–"
                rows.append({"name": section_title(collection, self.lang), "count": count, "percent": percent})
            status.append((lang, rows))
        return self.fixed_page("translations.md.j2", "about/translations.md", "*", status=status)

    def metric_page(self, metric_id: str) -> str:
        metric = self.site.get("metrics", metric_id)
        return self.page("metric.md.j2", f"figures/{metric_id}.md", f"metrics/{metric_id}.yml",
                         self.title("metrics", metric), metric=metric)

    def index_page(self, collection: str) -> str:
        return self.page(f"{collection}.md.j2", f"{collection}/index.md", f"{collection}/",
                         section_title(collection, self.lang), records=self.site.records(collection))

    def hub_page(self, collection: str) -> str:
        """A long index: the list of its groups (years or initials), each a page of its own."""
        groups = [{"label": group_label(slug, self.lang), "path": group_path(collection, slug), "count": count}
                  for slug, count in self.site.groups(collection)]
        return self.page("_hub.md.j2", f"{collection}/index.md", f"{collection}/", section_title(collection, self.lang),
                         groups=groups, by_year=collection in DATED, total=sum(g["count"] for g in groups))

    def group_page(self, collection: str, slug: str) -> str:
        """One group of a long index, with a link back to the list of groups; its title yields to
        a record page's with the same title."""
        index, title = f"{collection}/index.md", section_title(collection, self.lang)
        label = group_label(slug, self.lang)
        page_title = self.language._("%(section)s: %(group)s", section=title, group=label)
        if self.site.sharing_title(page_title):
            page_title = self.language._("%(title)s (index)", title=page_title)
        description = self.language._("%(description)s This page: %(group)s.", description=self.description_of(index),
                                      group=label)
        return self.page(f"{collection}.md.j2", group_path(collection, slug), f"{collection}/", page_title,
                         description=description,
                         records=self.site.group(collection, slug), hub=index, hub_title=title)

    def description_of(self, path: str) -> str:
        """The description of a page that is not a record's (reader text, kept in a template)."""
        descriptions = self.template("_descriptions.md.j2").module.descriptions  # pyright: ignore[reportAttributeAccessIssue]
        return str(descriptions.get(path, ""))

    # --- Recent changes -------------------------------------------------------------------

    def where(self, collection: str, record: Any) -> tuple[str, str]:
        """The page (and anchor) that shows a record."""
        if collection == "figures":
            return f"figures/{record.metric}.md", ""
        if collection == "metrics":
            return f"figures/{record.id}.md", ""
        if collection == "quotes":
            return self.quote_page(record), record.id
        if collection == "milestones":
            return "timeline.md", f"milestones-{record.id}"
        if collection == "glossary":
            return "about/glossary.md", record.id
        return f"{collection}/{record.id}.md", ""

    def kind_name(self, collection: str, record: Any, by_title: bool = False) -> Any:
        """'Event: <its title>', in the edition's words (a source by its id; ``by_title``: by its
        title, else its description)."""
        lang, words = self.lang, self.words
        if collection == "sources" and by_title:
            name: Any = record.title or display.text(record.description, lang)
        elif collection == "figures":
            name = words._("%(what)s (%(amount)s)", amount=display.format_quantity(record, lang), what=record.label)
        elif collection == "quotes":
            name = words.join(display.sourced_name(self.site.get("people", record.person), lang),
                              display.format_date(record.said_on, lang))
        elif collection == "milestones":
            name = record.title
        else:
            name = display.name(collection, record, lang)
        return words._(KINDS[collection], name=name) if collection in KINDS else name

    def changes(self) -> tuple[bool, str, list[tuple[str, list[tuple[str, Any, str]]]]]:
        """The recent changes by date (newest first), each record once a day, "added" over
        "changed"."""
        available, why, commits = self.site.recent_changes()
        days: dict[str, dict[tuple[str, str], tuple[str, Any, str]]] = {}
        for date, items in commits:
            bucket = days.setdefault(date, {})
            for collection, record, kind in items:
                key = (collection, record.id)
                if key not in bucket or kind == "added":
                    bucket[key] = (collection, record, kind)
        order = {name: i for i, name in enumerate(SECTION_TITLES)}
        out, left = [], RECENT_ITEMS
        for date, bucket in sorted(days.items(), reverse=True):
            items = sorted(bucket.values(), key=lambda i: (i[2] != "added", order.get(i[0], 99), i[1].id))[:left]
            out.append((date, items))
            left -= len(items)
            if not left:
                break
        return available, why, out

    def changes_page(self) -> str:
        link = linker("changes.md")
        return self.fixed_page("changes.md.j2", "changes.md", "* (git history)", changes=self.changes(),
                               feed=link("feed.xml"), kind_name=self.kind_name, where=self.where)

    def feed(self) -> str:
        _, _, days = self.changes()
        home = self.project.edition_url(self.lang)

        def page_url(collection: str, record_id: str) -> str:
            path, anchor = self.where(collection, self.site.get(collection, record_id))
            return meta.page_url(home, path) + (f"#{anchor}" if anchor else "")

        def entry_title(collection: str, record: Any, kind: str) -> str:
            words = self.language
            label = words._("Added") if kind == "added" else words._("Changed")
            return words.labelled(label, display.text(self.kind_name(collection, record), self.lang))

        title = self.language.labelled(self.language._(SITE_NAME),
                                       self.language._("Recent changes"))
        return feed.atom(self.lang, title, home, page_url, days, entry_title)

    def quote_page(self, quote: Any) -> str:
        """Where a quotation is shown in full: the quotations page, or its year's page."""
        if self.site.size("quotes") > self.project.group_limit:
            return group_path("quotes", group_of("quotes", quote, self.lang))
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
        sharing = self.site.sharing_title(display.page_title(collection, record, self.lang))
        return display.told_apart((collection, record.id), sharing, self.reserved, self.lang)
