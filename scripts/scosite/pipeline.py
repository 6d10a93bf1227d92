"""The pipeline in one place: load -> validate -> render -> write.

Only ``load_data`` (reading) and ``write_pages`` (writing) touch the disk. Every stage
returns problems instead of raising; the pipeline stops before writing if there are any,
so a bad edit never changes the site.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any

import jinja2

from . import fingerprint
from . import render as render_module
from .checks import check_all
from .export import download_specs, render_downloads, with_manifest
from .fingerprint import Fingerprint, Project
from .load import Dataset, LoadCache, load_data, rel
from .problems import Problem, summary
from .render import SECTIONS, TEMPLATES, Renderer, render_site, title_key
from .site import Key, Site, index_keys
from .write import BusyError, Stamp, WriteResult, check_targets, clean_leftovers, exclusive, stamp_of, write_pages

__all__ = ["BusyError", "Generator", "Project", "generate", "render", "summary", "validate"]


def validate(project: Project) -> tuple[Dataset, list[Problem]]:
    """Load and check everything; no writing."""
    data, problems = load_data(project.data, project.root)
    return data, problems + check_all(data)


def render(data: Dataset, site_url: str = "", handwritten: tuple[str, ...] = ()) -> tuple[dict[str, str], list[Problem]]:
    """Render every page and download, turning a failure into a problem rather than a traceback."""
    try:
        site = Site.build(data)
        return render_site(site, site_url, handwritten) | render_downloads(site, site_url), []
    except Exception as err:
        return {}, [render_problem(err)]


def render_problem(err: Exception) -> Problem:
    """A failure while rendering, located at the template or code line (no traceback)."""
    if isinstance(err, jinja2.TemplateError):
        name = getattr(err, "filename", None) or getattr(err, "name", None) or "templates"
        return Problem(_template_path(name), getattr(err, "lineno", 0) or 0, 0, "", f"template error: {err}")
    # a bug in a template or renderer must not lose the previous site
    frame = traceback.extract_tb(err.__traceback__)[-1]
    return Problem(_template_path(frame.filename), frame.lineno or 0, 0, "",
                   f"the page renderer failed: {type(err).__name__}: {err}",
                   "this is a bug in the site code, not in the data; please report it")


def _template_path(name: str) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = TEMPLATES / name
    try:
        return path.resolve().relative_to(TEMPLATES.parents[2].resolve()).as_posix()
    except ValueError:
        return str(name)


class Generator:
    """The pipeline with a memory: each run does only the work its changes call for.

    * A file whose stamp is unchanged is not parsed again (``load_data``'s cache).
    * Pages are rendered with read tracking (``Site.reads``): a page whose reads no
      changed record touches keeps its text; a new record gets its page, a removed one
      loses it. Templates, code or ``site_url`` changing means a full render.
    * Files on disk that still carry the stamp they had when written are not read back.
    * Between processes (``make generate`` twice), a fingerprint of every input and
      output in ``.cache/generated.json`` lets a run with nothing to do stop at once.

    The ``mkdocs serve`` hook keeps one ``Generator`` for the whole session; the command
    line makes a new one per run (so only the fingerprint carries over).
    """

    def __init__(self, project: Project):
        self.project = project
        self.cache: LoadCache = {}
        self.data: Dataset | None = None
        self.version: tuple[Any, ...] = ()
        self.outputs: dict[str, tuple[str, frozenset[Key]]] = {}
        self.known: dict[str, tuple[Stamp, str]] | None = None
        self.digest = ""  # the inputs' fingerprint at the last successful run
        self.rendered = 0  # pages and files rendered by the last run (the rest were kept)

    def run(self) -> tuple[WriteResult | None, list[Problem]]:
        project = self.project
        with exclusive(project.lock):
            fingerprint = Fingerprint(project, code_version())
            if self.data is None:  # this process's first run: the last one may have left all in order
                clean_leftovers(project.docs)
                if fingerprint.matches():
                    self.rendered = 0
                    return WriteResult(unchanged=fingerprint.outputs), []
            elif fingerprint.digest == self.digest and self.outputs_intact():
                self.rendered = 0  # e.g. the rebuild that MkDocs starts because this run wrote pages
                return WriteResult(unchanged=len(self.known or {}), known=dict(self.known or {})), []
            data, problems = load_data(project.data, project.root, self.cache)
            problems += check_all(data)
            if problems:
                return None, problems
            outputs, problems = self.render(data, project.site_url, project.handwritten_titles)
            if problems:
                return None, problems
            pages = with_manifest({path: text for path, (text, _) in outputs.items()})
            problems = check_targets(pages, project.docs) if self.known is None else []
            if problems:
                return None, problems
            try:
                result = write_pages(pages, project.docs, self.known)
            except OSError as err:
                where = rel(Path(err.filename), project.root) if err.filename else "docs"
                return None, [Problem(where, 0, 0, "", f"cannot write the pages: {err.strerror or err}",
                                      "free some disk space or fix the folder's permissions; the previous pages are unchanged")]
            self.data, self.outputs, self.known, self.digest = data, outputs, result.known, fingerprint.digest
            fingerprint.store(result.known)
            return result, []

    def outputs_intact(self) -> bool:
        """Every file the last run wrote or checked still has the stamp it had then."""
        docs = self.project.docs
        return self.known is not None and all(stamp_of(docs / path) == stamp for path, (stamp, _) in self.known.items())

    def render(self, data: Dataset, site_url: str, handwritten: tuple[str, ...] = ()
               ) -> tuple[dict[str, tuple[str, frozenset[Key]]], list[Problem]]:
        """Every page and download with what it read; only what the changes touch is rendered."""
        version = (site_url, handwritten, code_version())
        changed = None if self.data is None or version != self.version else changed_keys(self.data, data)
        outputs: dict[str, tuple[str, frozenset[Key]]] = {}
        try:
            site = Site.build(data)
            specs = Renderer(site, site_url, handwritten).specs() | download_specs(site, site_url)
            for path, make in sorted(specs.items()):
                previous = self.outputs.get(path)
                if changed is not None and previous is not None and previous[1].isdisjoint(changed):
                    outputs[path] = previous
                    continue
                site.reads = set()
                outputs[path] = (make(), frozenset(site.reads))
            site.reads = None
        except Exception as err:
            return {}, [render_problem(err)]
        self.version = version
        self.rendered = sum(1 for path, output in outputs.items() if output is not self.outputs.get(path))
        return outputs, []


def changed_keys(old: Dataset, new: Dataset) -> set[Key]:
    """What an edit changes: each changed record, its collection, and the index entries and
    title it had or has now (a page that read none of these cannot have changed)."""
    keys: set[Key] = set()
    for collection in set(old.records) | set(new.records):
        before, after = old.get(collection), new.get(collection)
        for record_id in before.keys() | after.keys():
            a, b = before.get(record_id), after.get(record_id)
            if a is b or (a is not None and b is not None and a == b):
                continue
            keys |= {("rec", collection, record_id), ("all", collection), ("all", "*")}
            if a is None or b is None:
                keys.add(("size", collection))
            for record in (a, b):
                if record is not None:
                    keys |= index_keys(collection, record)
                    if collection in SECTIONS:
                        keys.add(title_key(collection, record))
    return keys


def code_version() -> tuple[Any, ...]:
    """The generator's code, templates and settings as the loaded modules see them."""
    return fingerprint.code_version(render_module.TEMPLATES, render_module.GROUP_LIMIT)


def generate(project: Project) -> tuple[WriteResult | None, list[Problem]]:
    """The whole pipeline once; writes only if every stage succeeded."""
    return Generator(project).run()
