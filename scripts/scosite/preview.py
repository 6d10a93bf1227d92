"""The live preview's state: one generator for the session, and the writes it made.

``make serve`` previews one edition per process (English at http://127.0.0.1:8000; ``EDITION=ru``
the Russian at :8001/ru/, Chinese at :8002/zh/). On every save the engine's plugin
(``scosite.plugin``) asks the preview to regenerate: the generator re-reads the saved files
and re-renders the pages that read what changed, and writes only the files whose bytes
change; MkDocs' ``--dirty`` then rebuilds those pages. Bad data is reported in the terminal
and the last good pages stay up.

The generator's own writes under ``docs/`` are in the build under way already, so the watcher
lets them pass (``own``): they do not start another rebuild. A change to the site's code, its
templates or its catalogs is picked up without a restart (``pipeline``).
"""

from __future__ import annotations

import contextlib
import importlib
import os
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = Path(__file__).resolve().parent


@dataclass
class OwnWrites:
    """What the generator last wrote (each file with its stamp) and removed, as absolute paths."""

    written: dict[str, int] = field(default_factory=dict)
    removed: frozenset[str] = frozenset()


class Preview:
    """One ``make serve`` session: its generator, and what the generator last wrote."""

    def __init__(self, root: Path):
        self.root = root
        self.generator: Any = None  # kept for the session: a save redoes only what it changed
        self.code_version: tuple[float, ...] = ()
        self.own = OwnWrites()
        self.writing_done = threading.Event()  # set while the generator is not writing
        self.writing_done.set()

    def pipeline(self) -> ModuleType:
        """The pipeline module, imported again when the site's code or catalogs changed."""
        version = tuple(sorted(p.stat().st_mtime for p in [*PACKAGE.glob("*.py"),
                                                           *PACKAGE.glob("locale/*/LC_MESSAGES/*.po")]))
        if version != self.code_version:
            # the package too: its attributes would hand the old submodules to `from . import`
            for name in [n for n in sys.modules if (n == "scosite" or n.startswith("scosite.")) and n not in KEPT]:
                del sys.modules[name]
            self.code_version = version
        return importlib.import_module("scosite.pipeline")

    def regenerate(self) -> str | None:
        """Bring the pages up to date with the data; the problems found, as a report, if any
        (the last good pages stay)."""
        pipeline = self.pipeline()
        if not isinstance(self.generator, pipeline.Generator):  # first build, or the code was imported again
            self.generator = pipeline.Generator(pipeline.Project(self.root))
        self.writing_done.clear()
        try:
            result, problems = self.generator.run()
            if result:
                docs = Path(self.generator.project.docs)
                self.own = OwnWrites({str(docs / p): stamp for p in result.written if (stamp := mtime(docs / p))},
                                     frozenset(str(docs / p) for p in result.removed))
        finally:
            self.writing_done.set()
        if problems:
            return "\n".join(p.format() for p in sorted(problems)) + "\n" + pipeline.summary(problems)
        return None

    def written_by_the_generator(self, event: Any) -> bool:
        """A change the generator made itself in the build under way (a page written, through a
        temporary file beside it, or removed): that build shows it already. Decided once the
        generator is done writing."""
        path = event_path(event)
        if event.is_directory or not path.startswith(str(self.root / "docs") + os.sep):
            return False
        self.writing_done.wait(timeout=60)
        if os.path.basename(path).startswith(".") and path.endswith(".tmp"):  # scosite.write's staging
            return True
        if event.event_type == "deleted":
            return path in self.own.removed
        return self.own.written.get(path) == mtime(Path(path))


# Modules the running engine holds on to: not imported again (their state is the session's).
KEPT = frozenset({"scosite.plugin", "scosite.preview", "scosite.mkdocs16"})


def mtime(path: Path) -> int | None:
    with contextlib.suppress(OSError):
        return path.stat().st_mtime_ns
    return None


def event_path(event: Any) -> str:
    """The file a change is to (for a move: where to)."""
    return os.fsdecode(getattr(event, "dest_path", "") or event.src_path)


class Changes:
    """Passes on the events that change a file (a poll sees only those), but for the
    generator's own writes; the system also tells of files opened and closed, which every
    build does by reading them."""

    KINDS = frozenset({"created", "modified", "moved", "deleted"})

    def __init__(self, handler: Any, preview: Preview):
        self.handler, self.preview = handler, preview

    def dispatch(self, event: Any) -> None:
        if event.event_type in self.KINDS and not self.preview.written_by_the_generator(event):
            self.handler.dispatch(event)
