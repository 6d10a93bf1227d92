"""MkDocs hooks: the live preview's generator, and a guard for builds.

The generator knows nothing about MkDocs (see ``scosite.pipeline``): ``make build`` runs it
as a step of its own and then the engine, so any engine that reads ``mkdocs.yml`` can build
the site (ProperDocs does, in the tests; Zensical runs no hooks: see ``make engines``). This
file is the only bridge, and only a convenience:

* serve: one ``Generator`` lives as long as the server, so a save re-reads the saved file
  and re-renders only the pages that show what changed.
* serve: the system notifies the preview of a save (inotify and its like), not a poll every
  half second.
* serve: bad data is reported in the terminal and the last good pages stay up; the next
  save that fixes it brings the preview back. Changes under ``data/`` and ``scripts/``
  trigger a rebuild; the pages the generator writes in it do not trigger another (the build
  under way shows them already).
* serve: the theme's templates are compiled once for the session, not on every rebuild.
* serve: what can wait until the edited page is served waits (the generator's fingerprint,
  the other editions, garbage collection), and MkDocs lists the previewed edition's pages
  without walking the other editions' folders.
* the site navigation of a page that is not in it (a record's page) is rendered once per
  folder and reused for its neighbours: it is the same for every page of a folder, as it
  marks no page of theirs (``overrides/base.html``; ``SCOSITE_NAV_MEMO=off`` turns it off).
* every page is written without the theme's indentation (``scosite.compact``).
* a generated page is read for the part of Markdown the generator writes, and every page is
  read without the inline patterns it has not the characters for (``scosite.subset``).
* build: the generated pages must be up to date with the data (the generator's fingerprint
  says so in milliseconds); if not, the build stops and says how to build.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import logging
import os
import sys
import threading
import time
from pathlib import Path
from types import ModuleType

import jinja2
import jinja2.bccache
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.scosite")
ROOT = Path(__file__).resolve().parent.parent
PACKAGE = Path(__file__).resolve().parent / "scosite"
_command = "build"
_code_version: tuple[float, ...] = ()


def importable(name: str) -> ModuleType:
    if str(PACKAGE.parent) not in sys.path:  # MkDocs restores sys.path after loading hooks
        sys.path.insert(0, str(PACKAGE.parent))
    return importlib.import_module(name)


def generator() -> ModuleType:
    """The pipeline module, re-imported when its code or its catalogs changed (so `serve` picks
    up edits to either)."""
    global _code_version
    importable("scosite")
    version = tuple(sorted(p.stat().st_mtime for p in [*PACKAGE.glob("*.py"), *PACKAGE.glob("locale/*/LC_MESSAGES/*.po")]))
    if version != _code_version:
        for name in [n for n in sys.modules if n == "scosite" or n.startswith("scosite.")]:
            del sys.modules[name]
        _code_version = version
    return importlib.import_module("scosite.pipeline")


OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"  # vendored: see the file's header


@event_priority(100)  # before Material's offline plugin, which would add the shim from unpkg.com
def on_config(config):
    # The build date MkDocs writes (sitemap) from the last commit: the same commit builds to the
    # same bytes on any day.
    if "SOURCE_DATE_EPOCH" not in os.environ and (stamp := importable("scosite.history").last_commit_time(ROOT)):
        os.environ["SOURCE_DATE_EPOCH"] = stamp
    offline = config.plugins.get("material/offline")
    if offline is not None and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
        config.extra["offline_copy"] = True  # overrides/main.html: the CSP of the offline copy
    global _subset
    subset = importable("scosite.subset")
    _subset = subset.GeneratedPages()
    config.markdown_extensions += [_subset, subset.NeededPatterns()]
    if _command == "serve":
        skip_excluded_folders(config)
    return config


def skip_excluded_folders(config) -> None:
    """`serve`: MkDocs looks for the pages of the edition it previews without walking the other
    editions' folders under docs/ (``/ru/``, ``/zh/``), which ``exclude_docs`` leaves out of it
    anyway: at 10,000 records, 36,000 files it would list, and then exclude, on every rebuild.
    (MkDocs' ``get_files`` walks the folder with ``os.walk``; MkDocs 1.6 is frozen.)"""
    import mkdocs.structure.files

    spec = config.exclude_docs
    docs = os.path.abspath(config.docs_dir)
    skipped = frozenset(name for name in importable("scosite.i18n").TRANSLATED
                        if spec is not None and spec.match_file(f"{name}/") and os.path.isdir(os.path.join(docs, name)))
    if skipped:
        mkdocs.structure.files.os = WalkSkipping(docs, skipped)


class WalkSkipping:
    """The ``os`` module as ``mkdocs.structure.files`` sees it: its ``walk`` of ``docs`` leaves
    out the folders ``skipped`` (a walk of any other folder, another edition's, is the same)."""

    def __init__(self, docs: str, skipped: frozenset[str]):
        self.docs, self.skipped = docs, skipped

    def __getattr__(self, name: str):
        return getattr(os, name)

    def walk(self, top, *args, **kwargs):
        for folder, folders, files in os.walk(top, *args, **kwargs):
            if os.path.abspath(folder) == self.docs:
                folders[:] = [name for name in folders if name not in self.skipped]
            yield folder, folders, files


_subset = None  # the Markdown extension that reads a generated page as the part it uses (scosite.subset)


def on_page_markdown(markdown: str, page, config, files) -> str:
    """A generated page is read for the part of Markdown the generator writes (``scosite.subset``:
    the same HTML, a fifth less work); a hand-written one for the whole syntax."""
    if _subset is not None:
        _subset.next_is_generated = page.meta.get("generated") is True
    return markdown


class _DirtyNotice(logging.Filter):
    """`make serve` rebuilds only the pages whose files changed (MkDocs' --dirty), which is what
    the generator's write-only-what-changed is for. MkDocs warns about it on every rebuild;
    editors are told once instead, in plain words."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DirtyNotice())
        log.info("scosite: live preview rebuilds only the pages a save changes; "
                 "'make build' builds the whole site")


_generator = None  # kept for the whole `serve` session: later rebuilds redo only what changed
_dirty = False  # `serve --dirty` (as `make serve` runs it): a rebuild builds the pages whose files changed
_watched = False  # `serve`: the system tells the preview of every change under docs/ (``notified``)
_touches = 0  # `serve`: changes under docs/ that the generator did not make, told by the watcher
# `serve`: the generator's files written or removed since the engine last finished a build, and
# ``_touches`` when that build started (and when the build under way did).
_unbuilt: set[str] = set()
_built_touches: int | None = None
_build_touches = 0
# What the generator last wrote and removed (absolute paths; a written file with its stamp),
# and whether it is writing now: the preview's watcher lets these writes pass unseen.
_own_writes: dict[str, int] = {}
_own_removals: set[str] = set()
_not_writing = threading.Event()
_not_writing.set()


def on_pre_build(config) -> None:
    """`serve`: regenerate what the last save changed. `build`: the generator has run as a step
    of its own (`make build`); make sure it did, rather than publish stale pages."""
    if _command != "serve":
        fingerprint = importable("scosite.fingerprint")
        if fingerprint.nothing_to_do(fingerprint.Project(ROOT)) is None:
            raise Abort("The pages under docs/ are not up to date with data/. Build with `make build` "
                        "(or run `python -m scosite generate` before the engine).")
        return
    global _build_touches
    _build_touches = _touches
    if _after_save is not None:  # what the last save left for after serving: done before the next
        _after_save.join()
    # After a save, no garbage collection until the page is served (after_serving collects):
    # with the whole data set in memory, each full collection looks at millions of objects,
    # and a rebuild at 10,000 records spent a quarter of its time in them. (Not in the first
    # build, which makes everything.)
    if _server is not None:
        gc.disable()
    regenerate()


def regenerate() -> None:
    global _generator
    pipeline = generator()
    if not isinstance(_generator, pipeline.Generator):  # first build, or the code was re-imported
        _generator = pipeline.Generator(pipeline.Project(ROOT))
        _generator.defer_store = True  # stored once the page is served (after_serving)
        _generator.watched = _watched
    _not_writing.clear()
    try:
        result, problems = _generator.run()
        if result:
            remember_writes(Path(_generator.project.docs), result.written, result.removed)
            _unbuilt.update(result.written, result.removed)
    except pipeline.BusyError as err:
        raise Abort(str(err)) from None
    finally:
        _not_writing.set()
    if not problems:
        if result and (result.written or result.removed):
            log.info("scosite: files under docs/: %s", result.describe())
        return
    report = "\n".join(p.format() for p in sorted(problems)) + "\n" + pipeline.summary(problems)
    # Keep serving the last good pages; the editor sees what to fix in the terminal. Printed,
    # not logged: a logged error would count as a warning, and a strict `serve` would then
    # hold every request until the data is fixed.
    print(f"ERROR   -  The data has problems; the preview shows the last good version.\n{report}",
          file=sys.stderr, flush=True)


def remember_writes(docs: Path, written: list[str], removed: list[str]) -> None:
    _own_writes.clear()
    _own_removals.clear()
    for relative in written:
        with contextlib.suppress(OSError):
            _own_writes[str(docs / relative)] = (docs / relative).stat().st_mtime_ns
    _own_removals.update(str(docs / relative) for relative in removed)


def written_by_the_generator(event) -> bool:
    """A change the generator made itself in the build under way (a page written, through a
    temporary file beside it, or removed): that build shows it already, so it needs no
    rebuild of its own. Decided once the generator is done writing."""
    path = event_path(event)
    if event.is_directory or not in_docs(path):
        return False
    _not_writing.wait(timeout=60)
    if os.path.basename(path).startswith(".") and path.endswith(".tmp"):  # scosite.write's staging
        return True
    if event.event_type == "deleted":
        return path in _own_removals
    try:
        return _own_writes.get(path) == os.stat(path).st_mtime_ns
    except OSError:
        return False


def on_files(files, config):
    """`serve --dirty`, after a save: a file under docs/ counts as changed (MkDocs'
    ``File.is_modified``) only if the generator wrote it since the engine last finished a build,
    while the watcher has told of no other change under docs/ since that build started.
    MkDocs' own check costs three file-system calls a file, twice for each page: at 10,000
    records, a seventh of a rebuild. (One edition alone, ``make serve EDITION=ru``, has its
    pages in the generator's ``docs/ru``.)"""
    if not (_command == "serve" and _dirty and _watched and _generator is not None
            and _built_touches == _build_touches == _touches):
        return files
    edition = os.path.relpath(os.path.realpath(config.docs_dir), os.path.realpath(_generator.project.docs))
    if edition.startswith(".."):
        return files
    prefix = "" if edition == "." else edition.replace(os.sep, "/") + "/"
    written = {path[len(prefix):] for path in _unbuilt if path.startswith(prefix)}
    docs = os.path.join(config.docs_dir, "")
    for file in files:
        if file.src_uri not in written and (file.abs_src_path or "").startswith(docs):
            file.is_modified = _unchanged
    return files


def _unchanged() -> bool:
    return False


def event_path(event) -> str:
    """The file a change is to (for a move: where to)."""
    return os.fsdecode(getattr(event, "dest_path", "") or event.src_path)


def in_docs(path: str) -> bool:
    """Whether a changed file is under docs/."""
    return path.startswith(str(ROOT / "docs") + os.sep)


class BytecodeInMemory(jinja2.BytecodeCache):
    """The theme's templates, compiled once for the whole `serve` session (each rebuild makes
    a new template environment; a template whose text changed is compiled again)."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


_bytecode = BytecodeInMemory()


def on_env(env, config, files):
    env.bytecode_cache = _bytecode
    # One build's rendered navigations, by the folder of the pages they were rendered for.
    env.globals["nav_memo"] = {} if os.environ.get("SCOSITE_NAV_MEMO") != "off" else None
    return env


def on_post_page(output: str, page, config) -> str:
    """Each page without the theme's indentation (``scosite.compact``; an engine that runs no
    hooks publishes the same pages, only larger)."""
    return importable("scosite.compact").compact(output)


def on_post_template(output: str, template_name: str, config) -> str:
    """The theme's own pages (404.html) likewise."""
    return importable("scosite.compact").compact(output) if template_name.endswith(".html") else output


def on_serve(server, config, builder):
    global _server
    _server = server
    notified(server)
    server.watch(str(ROOT / "data"))
    server.watch(str(ROOT / "scripts"))
    if os.path.realpath(config.docs_dir) != os.path.realpath(ROOT / "docs"):
        # One edition alone (`make serve EDITION=ru`) serves docs/ru/, which the generator makes
        # from the hand-written pages and their translations (about/index.ru.md) in docs/.
        server.watch(str(ROOT / "docs"))
    return server


def notified(server) -> None:
    """Have the system tell the preview of a save, instead of MkDocs looking for changes every
    half second (its ``PollingObserver``): the rebuild starts as soon as the file is written.
    The folders MkDocs already watches move to the new watcher, and those watched later go to
    it. MkDocs 1.6 is frozen, so its attributes used here stay; were they not there, the
    preview would keep polling."""
    global _watched
    import watchdog.observers

    class Notified(watchdog.observers.Observer):  # the system's own: inotify on Linux
        def schedule(self, event_handler, path, *, recursive=False, **options):
            return super().schedule(Changes(event_handler), path, recursive=recursive, **options)

    old = server.observer
    try:
        handlers = {path: list(old._handlers[watch]) for path, watch in server._watch_refs.items()}
    except (AttributeError, KeyError):
        log.info("scosite: the preview looks for changes every half second (MkDocs' own watcher)")
        return
    native = Notified()
    for path, watch in list(server._watch_refs.items()):
        old.unschedule(watch)
        for handler in handlers[path]:
            server._watch_refs[path] = native.schedule(handler, path, recursive=watch.is_recursive)
    server.observer = native
    _watched = True
    if _generator is not None:
        _generator.watched = True


class Changes:
    """Passes on the events that change a file (a poll sees only those); the system also
    tells of files opened and closed, which every build does by reading them."""

    KINDS = frozenset({"created", "modified", "moved", "deleted"})

    def __init__(self, handler):
        self.handler = handler

    def dispatch(self, event) -> None:
        if event.event_type in self.KINDS and not written_by_the_generator(event):
            if in_docs(event_path(event)) and not event.is_directory:
                touched()
            self.handler.dispatch(event)


def touched() -> None:
    """A change under docs/ that the generator did not make: the engine's next rebuild looks at
    every file (``on_files``), and the generator's next run at every page's stamp."""
    global _touches
    _touches += 1
    if _generator is not None:
        _generator.touches += 1


_server = None  # `serve`: MkDocs' live-reload server
_after_save: threading.Thread | None = None  # `serve`: what a save leaves for after serving


def on_post_build(config) -> None:
    """`make serve`: what can wait until the page is served (``after_serving``) is done in a
    thread of its own, and the next rebuild waits for it; the first build has it all before
    serving starts."""
    global _after_save, _built_touches
    if _command != "serve":
        return
    _built_touches = _build_touches
    _unbuilt.clear()
    editions = os.environ.get("SCOSITE_PREVIEW", "en") == "all" and config.extra.get("edition") == "en"
    if _server is None:
        after_serving(config.site_dir, editions)
        return
    _after_save = threading.Thread(target=after_serving, args=(config.site_dir, editions, _server), daemon=True,
                                   name="scosite-after-save")
    _after_save.start()


def after_serving(site_dir: str, editions: bool, server=None) -> None:
    """The generator's fingerprint, which only the next process reads (and the editions' builds,
    which check that the pages are up to date); then, with all editions, the Russian and
    Chinese ones: after a save, the English page is served at once and the others follow
    (then the browsers showing them reload); then the garbage the rebuild left."""
    if _generator is not None:
        _generator.store_fingerprint()
    if editions:
        build_editions(site_dir, server)
    gc.collect()
    gc.enable()


def on_build_error(error) -> None:
    """`serve`: a rebuild that failed leaves garbage collection on (after_serving is not run)."""
    gc.enable()


def on_shutdown() -> None:
    """The end of `make serve`: a fingerprint not yet stored is stored (a stopped preview
    leaves the pages as a `make build` finds them up to date)."""
    if _after_save is not None:
        _after_save.join()
    if _generator is not None:
        _generator.store_fingerprint()


def build_editions(site_dir: str, server=None) -> None:
    """The Russian and Chinese editions into ``site_dir`` (only the pages that changed), then,
    if the server is idle, a reload of the browsers (as MkDocs does after a build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    editions = importable("scosite.editions")
    project = importable("scosite.fingerprint").Project(ROOT)
    try:
        for lang in ("ru", "zh"):
            path = editions.config_path(project, lang)
            if not path.exists():
                continue
            edition = load_config(config_file=str(path), site_dir=str(Path(site_dir) / lang))
            edition.plugins.on_startup(command="build", dirty=True)
            try:
                build(edition, dirty=True)
            finally:
                edition.plugins.on_shutdown()
    except Exception as err:  # as MkDocs reports a failed rebuild, and keeps serving
        if server is None:
            raise
        log.error("scosite: the Russian and Chinese previews were not rebuilt: %s", err)
        return
    if server is not None:
        with server._epoch_cond:
            if server._visible_epoch == server._wanted_epoch:  # no rebuild under way
                server._visible_epoch = server._wanted_epoch = round(time.monotonic() * 1000)
                server._epoch_cond.notify_all()
        log.info("scosite: Russian and Chinese editions rebuilt; reloading browsers")
