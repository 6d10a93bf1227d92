"""The pipeline in one place: load -> validate -> render -> write.

Only ``load_data`` (reading) and ``write_pages`` (writing) touch the disk. Every stage
returns problems instead of raising; the pipeline stops before writing if there are any,
so a bad edit never changes the site. ``render`` is the one way pages are made: the golden
files, the tests, the command line and the live preview all go through it.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import jinja2

from ..data import i18n
from ..data.checks import check_all
from ..data.files import edition_page, handwritten_files
from ..data.load import Dataset, LoadCache, load_data, rel
from ..data.problems import Problem, summary
from ..queries import deps
from ..queries.history import History
from ..queries.records import Site, Tables, index_keys
from ..render import escape
from ..render.chartdata import chart_downloads
from ..render.export import download_specs, with_manifest
from ..render.renderer import DEVELOPER_NOTE, Renderer
from ..settings import EDITION_SUFFIX, EDITIONS_FOLDER, GENERATED_MARK, Project
from . import editions
from .fingerprint import Fingerprint, load_history
from .write import BusyError, Stamp, WriteResult, clean_leftovers, exclusive, remove_old_layout, stamp_of, write_pages

__all__ = ["BusyError", "Generator", "Progress", "Project", "generate", "render", "summary", "validate"]

LANGUAGES = i18n.EDITIONS


def validate(project: Project) -> tuple[Dataset, list[Problem]]:
    """Load and check everything; no writing."""
    data, problems = load_data(project.data, project.root)
    return data, problems + check_all(data)


@dataclass(frozen=True)
class Output:
    """A generated file's text and the keys it read while rendering (``deps``)."""

    text: str
    reads: frozenset[deps.Key]


Outputs = dict[str, Output]


class Progress:
    """How a long run shows where it is, on ``stream``: on a terminal, the files rendered out
    of the total (a tqdm bar that clears when done); elsewhere (CI, a log), one line per
    stage with its time. With no stream (the live preview, the tests), nothing."""

    def __init__(self, stream: IO[str] | None = None):
        self.stream = stream
        self.terminal = stream is not None and stream.isatty()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        if self.stream is not None and not self.terminal:
            print(f"{name}: {time.perf_counter() - started:.1f} s", file=self.stream, flush=True)

    @contextmanager
    def counter(self, total: int, what: str) -> Iterator[Callable[[], object]]:
        """A function to call once per file done, out of ``total``."""
        if not self.terminal:
            yield lambda: None
            return
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no thread of its own: the render may fork (render_jobs)
        with tqdm(total=total, desc=what, unit=" files", file=self.stream, leave=False, mininterval=0.2) as bar:
            yield bar.update


SILENT = Progress()


@dataclass
class Rendering:
    """What ``render`` made: every file, and how many it rendered (the rest it kept)."""

    outputs: Outputs = field(default_factory=dict)
    rendered: int = 0
    processes: int = 1  # how many processes rendered


# A full render of this many files or more is shared among processes, one per processor: for
# fewer, starting them costs more than they save.
PARALLEL_FROM = 5000
CHUNK = 250  # files a process renders between two reports to this one
_work: list[tuple[Callable[[], str], deps.Reads]] = []  # what forked processes render, by index


def render_jobs(total: int, full: bool) -> int:
    """How many processes render: more than one only for a full render of many files, where
    the system forks (Linux) and no other thread runs in this one (as in the live preview)."""
    if not full or total < PARALLEL_FROM or sys.platform != "linux" or threading.active_count() > 1:
        return 1
    return min(os.cpu_count() or 1, 4)


def _render_some(indices: range) -> list[tuple[str, frozenset[deps.Key]]]:
    """In a forked process: the files at ``indices`` of ``_work``, each with its reads."""
    made: dict[int, tuple[str, frozenset[deps.Key]]] = {}
    for index in indices:
        make, reads = _work[index]
        if id(make) not in made:
            with reads.recording() as keys:
                made[id(make)] = (make(), frozenset(keys))
    return [made[id(_work[index][0])] for index in indices]


def render_parallel(work: list[tuple[str, Callable[[], str], deps.Reads]], jobs: int,
                    done: Callable[[], object]) -> Outputs | None:
    """Every file of ``work`` rendered by ``jobs`` forked processes, in ``work``'s order; None
    if any failed (the caller renders again in one process, which locates the problem)."""
    global _work
    import multiprocessing

    _work = [(make, reads) for _, make, reads in work]
    chunks = [range(start, min(start + CHUNK, len(work))) for start in range(0, len(work), CHUNK)]
    outputs: Outputs = {}
    try:
        # (gc.enable: the processes collect their garbage even if this one does not, as the
        # preview's does while it rebuilds.)
        with multiprocessing.get_context("fork").Pool(jobs, initializer=gc.enable) as pool:
            for chunk, made in zip(chunks, pool.imap(_render_some, chunks), strict=True):
                for index, (text, keys) in zip(chunk, made, strict=True):
                    outputs[work[index][0]] = Output(text, keys)
                    done()
    except Exception:
        return None
    finally:
        _work = []
    return outputs


def render(data: Dataset, project: Project, previous: Outputs | None = None,
           changed: set[deps.Key] | None = None, past: History | None = None,
           progress: Progress = SILENT, jobs: int | None = None) -> tuple[Rendering, list[Problem]]:
    """Every page and download, each with what it read. Given the ``previous`` outputs and the
    keys an edit ``changed``, a file that read none of them is kept as it was; without them,
    everything is rendered (the reference every incremental run must equal), by ``jobs``
    processes (default: ``render_jobs``)."""
    rendering = Rendering()
    made: dict[int, Output] = {}  # a file every edition carries (a download) is made once
    try:
        tables = Tables(data, past or load_history(project))
        work = [(path, make, reads) for _lang, specs, reads in file_specs(data, project, tables)
                for path, make in sorted(specs.items())]
        jobs = render_jobs(len(work), changed is None) if jobs is None else jobs
        with progress.counter(len(work), "Rendering") as done:
            parallel = render_parallel(work, jobs, done) if jobs > 1 else None
            if parallel is not None:
                return Rendering(parallel, len({id(make) for _, make, _ in work}), jobs), []
            for path, make, reads in work:
                kept = (previous or {}).get(path)
                if changed is not None and kept is not None and kept.reads.isdisjoint(changed):
                    rendering.outputs[path] = kept
                elif id(make) in made:
                    rendering.outputs[path] = made[id(make)]
                else:
                    with reads.recording() as keys:
                        rendering.outputs[path] = made[id(make)] = Output(make(), frozenset(keys))
                    rendering.rendered += 1
                done()
    except InTheWay as err:
        return Rendering(), err.problems()
    except Exception as err:
        return Rendering(), [render_problem(err)]
    return rendering, []


def file_specs(data: Dataset, project: Project, tables: Tables
               ) -> list[tuple[str, dict[str, Callable[[], str]], deps.Reads]]:
    """The files to make, per edition, by where they are published (``events/x.md``,
    ``ru/events/x.md``): its pages, its copies of the hand-written pages (in the Russian and
    Chinese editions translated where a translation is written, else the English, marked),
    and the downloads, which every edition carries (each chart's data in the edition's own
    language, the rest the same in every edition)."""
    handwritten = handwritten_files(project.docs)
    site = Site(data, deps.EVERY_LANGUAGE, tables)
    downloads = download_specs(site, project.site_url)
    out = [(deps.EVERY_LANGUAGE, {i18n.PREFIX[lang] + path: make for lang in LANGUAGES
                                  for path, make in downloads.items()}, site.reads)]
    for lang in LANGUAGES:
        site = Site(data, lang, tables)
        # (each chart's data is a download of its own, in the edition's language)
        copies, specs = edition_copies(handwritten, lang), Renderer(site, project).specs() | chart_downloads(site)
        if clashes := sorted(set(copies) & set(specs)):
            raise InTheWay(clashes)
        specs = copies | specs
        out.append((lang, {i18n.PREFIX[lang] + path: make for path, make in specs.items()}, site.reads))
    return out


class InTheWay(Exception):
    """Hand-written pages where generated pages must go (their paths under docs/)."""

    def problems(self) -> list[Problem]:
        return [Problem(f"docs/{path}", 0, 0, "", f"a hand-written {'page' if path.endswith('.md') else 'file'} "
                        "is where a generated one must go", "rename the record's id, or move the hand-written page")
                for path in self.args[0]]


def edition_copies(handwritten: dict[str, bytes], lang: str) -> dict[str, Callable[[], str]]:
    """The hand-written pages, styles and scripts, as the edition in ``lang`` carries them."""
    copies: dict[str, Callable[[], str]] = {}
    for path, content in handwritten.items():
        if EDITION_SUFFIX.search(path):
            continue  # a translation: it replaces the English page in its edition
        if path.endswith(".md"):
            copies[path] = functools.partial(edition_page_text, handwritten, path, lang)
        else:
            copies[path] = functools.partial(bytes.decode, content, "utf-8", "replace")
    return copies


# Hand-written pages for developers, kept in English in every edition (the data reference, a
# generated page, says the same: render.reference_page).
DEVELOPER_PAGES = frozenset({"about/performance.md", "about/engines.md", "about/caches.md"})


def edition_page_text(handwritten: dict[str, bytes], path: str, lang: str) -> str:
    """A hand-written page in an edition: its translation, or the English with a note saying so
    (and ``lang: en``, so the page's text is marked as English)."""
    page = edition_page(handwritten, path, lang)
    assert page is not None
    text, translated = page
    if translated:
        return with_source(text, "docs/" + (path if lang == "en" else translation_path(path, lang)))
    words = i18n.language(lang)
    note = words._(DEVELOPER_NOTE if path in DEVELOPER_PAGES else "This page is not yet translated; it is shown in English.")
    return (f"{GENERATED_MARK}{path} (the English page, not yet translated) -- do not edit\n"
            f"source: docs/{path}\n"
            f"content_lang: en\nnote: {json.dumps(escape.html_text(note), ensure_ascii=False)}\n---\n\n{text}")


def translation_path(path: str, lang: str) -> str:
    """The file of a hand-written page's translation: ``about/index.md`` -> ``about/index.ru.md``."""
    return f"{path[:-3]}.{lang}.md"


def with_source(text: str, source: str) -> str:
    """A translated page as its edition carries it: its front matter names the file it is copied
    from (``source``), for the theme's "Edit this page" link."""
    if text.startswith("---\n"):
        return f"---\nsource: {source}\n{text[4:]}"
    return f"---\nsource: {source}\n---\n\n{text}"


def texts(rendering: Rendering) -> dict[str, str]:
    """The files to write, by where they are published: each output's text, and the manifest
    of the downloads."""
    return with_manifest({path: output.text for path, output in rendering.outputs.items()})


def tree_path(published: str) -> str:
    """Where a file published at ``published`` is written: in its edition's tree."""
    lang = published.split("/", 1)[0]
    return published if lang in LANGUAGES[1:] else f"{LANGUAGES[0]}/{published}"


def render_problem(err: Exception) -> Problem:
    """A failure while rendering, located at the template or code line (no traceback): a bug
    in a template or the renderer must not lose the previous site."""
    frames = traceback.extract_tb(err.__traceback__)
    in_template = [f for f in frames if f.filename.endswith(".j2")]  # Jinja maps its frames to templates
    if isinstance(err, jinja2.TemplateSyntaxError):
        name = err.filename or err.name or "templates"
        return Problem(_code_path(name), err.lineno or 0, 0, "", f"template error: {err}")
    if isinstance(err, jinja2.TemplateError) or in_template:
        frame = (in_template or frames)[-1]
        return Problem(_code_path(frame.filename), frame.lineno or 0, 0, "",
                       f"template error: {err}" if isinstance(err, jinja2.TemplateError) else
                       f"the template failed: {type(err).__name__}: {err}")
    frame = frames[-1]
    return Problem(_code_path(frame.filename), frame.lineno or 0, 0, "",
                   f"the page renderer failed: {type(err).__name__}: {err}",
                   "this is a bug in the site code, not in the data; please report it")


def _code_path(name: str) -> str:
    path = Path(name)
    root = Path(__file__).resolve().parents[3]
    if not path.is_absolute():
        path = Path(__file__).resolve().parents[1] / "render" / "templates" / name
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(name)


class Generator:
    """The pipeline with a memory: each run does only the work its changes call for.

    * A file whose stamp is unchanged is not parsed again (``load_data``'s cache).
    * Every file is rendered with its reads recorded (``deps``): a file whose reads no
      changed record touches keeps its text; a new record gets its page, a removed one
      loses it. Templates, code or settings changing means a full render.
    * Files on disk that still carry the stamp they had when written are not read back.
    * Between processes (``make generate`` twice), a fingerprint of every input and
      output in ``.cache/generated.json`` lets a run with nothing to do stop at once.
    * With ``SCOSITE_VERIFY_INCREMENTAL=1``, every incremental render is compared with a full
      one; a difference is a problem naming the file and the read that was missed.

    The live preview (``scosite.engine.plugin``) keeps one ``Generator`` for the whole session; the
    command line makes a new one per run (so only the fingerprint carries over).
    """

    def __init__(self, project: Project, progress: Progress = SILENT, warm: bool = False):
        self.project = project
        self.progress = progress
        # The live preview's: its first run renders everything even when the files on disk are
        # up to date (`make serve` generates first), so that the saves after it render only
        # what they touch; the command line's stops at the fingerprint.
        self.warm = warm
        self.cache: LoadCache = {}  # the data files parsed, by stamp (load_data keeps it)
        self.last: LastRun | None = None  # what the last successful run left
        self.rendered = 0  # files rendered by the last run (the rest were kept)

    @property
    def outputs(self) -> Outputs:
        return self.last.outputs if self.last else {}

    def run(self) -> tuple[WriteResult | None, list[Problem]]:
        project, last = self.project, self.last
        with exclusive(project.lock):
            fingerprint = Fingerprint(project)
            if last is None:  # this process's first run: the last one may have left all in order
                remove_old_layout(project.docs)
                clean_leftovers(project.editions)
                if not self.warm and fingerprint.matches():
                    self.rendered = 0
                    return WriteResult(unchanged=fingerprint.outputs), []
            elif fingerprint.digest == last.digest and self.outputs_intact(last):
                self.rendered = 0  # e.g. the rebuild that MkDocs starts because this run wrote pages
                return WriteResult(unchanged=len(last.known), known=dict(last.known)), []
            with self.progress.stage("Load"):
                data, problems = load_data(project.data, project.root, self.cache, fingerprint.stamps())
            with self.progress.stage("Validate"):
                problems += check_all(data)
            if problems:
                return None, problems
            version, past = fingerprint.version, fingerprint.past
            with self.progress.stage("Render"):
                rendering, problems = self.render(data, version, past)
            if problems:
                return None, problems
            with self.progress.stage("Write"):
                result, problems = self.write(data, rendering, fingerprint)
            if result is not None:
                self.last = LastRun(data, version, past, rendering.outputs, result.known, fingerprint.digest)
                self.rendered = rendering.rendered
            return result, problems

    def render(self, data: Dataset, version: tuple[Any, ...], past: History) -> tuple[Rendering, list[Problem]]:
        """Every file, rendering only what the changes since the last run touch (in the data,
        and in its history: a save makes a file uncommitted, a commit dates it)."""
        last = self.last if self.last is not None and self.last.version == version else None
        changed = None
        if last is not None:
            changed = deps.changed_keys(last.data, data, LANGUAGES, index_keys) | deps.history_keys(last.past, past)
        rendering, problems = render(data, self.project, self.outputs, changed, past, self.progress)
        if not problems and last is not None and self.project.verify:
            problems = verify(data, self.project, rendering, changed or set(), past)
        return rendering, problems

    def write(self, data: Dataset, rendering: Rendering, fingerprint: Fingerprint
              ) -> tuple[WriteResult | None, list[Problem]]:
        project, known = self.project, self.last.known if self.last else None
        try:
            result = write_pages({tree_path(path): text for path, text in texts(rendering).items()},
                                 project.editions, known)
        except OSError as err:
            where = rel(Path(err.filename), project.root) if err.filename else rel(project.editions, project.root)
            return None, [Problem(where, 0, 0, "", f"cannot write the pages: {err.strerror or err}",
                                  "free some disk space or fix the folder's permissions; the previous pages are unchanged")]
        editions.write_configs(project, data)
        fingerprint.store(result.known)
        return result, []

    def outputs_intact(self, last: LastRun) -> bool:
        """Every file the last run wrote or checked still has the stamp it had then."""
        output = os.fspath(self.project.editions)
        return all(stamp_of(f"{output}/{path}") == stamp for path, (stamp, _) in last.known.items())


@dataclass(frozen=True)
class LastRun:
    """What a successful run leaves for the next: the data set and the settings and code it
    was rendered with, the data's history, every file made (with what it read), the files
    as written (stamp and text) and the inputs' fingerprint."""

    data: Dataset
    version: tuple[Any, ...]
    past: History
    outputs: Outputs
    known: dict[str, tuple[Stamp | None, str]]
    digest: str


def verify(data: Dataset, project: Project, incremental: Rendering, changed: set[deps.Key],
           past: History | None = None) -> list[Problem]:
    """Compare an incremental render with a full one: each file that differs is a problem that
    names it and the reads it missed (found by rendering it again with every record access
    traced, whatever path the code took to the record)."""
    full, problems = render(data, project, past=past)
    if problems:
        return problems
    found = []
    for path in sorted(set(full.outputs) | set(incremental.outputs)):
        mine, reference = incremental.outputs.get(path), full.outputs.get(path)
        if mine is None or reference is None or mine.text != reference.text:
            missed = missed_reads(data, project, path, changed)
            where = f"{EDITIONS_FOLDER.as_posix()}/{tree_path(path)}"
            found.append(Problem(where, 0, 0, "", "the incremental render differs from a full render; "
                                 f"the page missed a read of {missed}",
                                 "a query reads the data without going through site.Site's primitives"))
    return found


def missed_reads(data: Dataset, project: Project, path: str, changed: set[deps.Key]) -> str:
    """The changed records a file's rendering touches, though its recorded reads do not say so."""
    touched: set[deps.Key] = set()
    traced = deps.traced(data, touched)
    try:
        for lang, specs, reads in file_specs(traced, project, Tables(traced)):
            if path in specs:
                touched.clear()
                with reads.recording() as keys:
                    specs[path]()
                recorded = {key[1:] for key in keys}
                missed = {key for key in touched if key not in recorded and (lang, *key) in changed}
                return ", ".join(map(str, sorted(missed))) or "a key no edit marks as changed (see deps.changed_keys)"
    except Exception as err:  # diagnosis only: a traced record may not behave like the real one everywhere
        return f"a key that could not be traced ({type(err).__name__}: {err})"
    return "(the file is not made any more)"


def generate(project: Project, progress: Progress = SILENT) -> tuple[WriteResult | None, list[Problem]]:
    """The whole pipeline once; writes only if every stage succeeded."""
    return Generator(project, progress).run()
