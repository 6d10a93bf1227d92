"""The live preview's state: one generator for the session.

``make serve`` previews one edition per process (English at http://127.0.0.1:8000; ``EDITION=ru``
the Russian at :8001/ru/, Chinese at :8002/zh/). On every save the engine's plugin
(``scosite.engine.plugin``) asks the preview to regenerate: the generator re-reads the saved files
and re-renders the pages that read what changed, and writes only the files whose bytes
change; MkDocs' ``--dirty`` then rebuilds those pages. Bad data is reported in the terminal
and the last good pages stay up.

The engine watches what people change (``data/``, ``docs/``, the site's code), not the
editions' trees the generator writes: a rebuild's own writes start no other. A change to the
site's code, its templates or its catalogs is picked up without a restart (``pipeline``).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1]


class Preview:
    """One ``make serve`` session: its generator, kept while the site's code is the same."""

    def __init__(self, root: Path):
        self.root = root
        self.generator: Any = None  # kept for the session: a save redoes only what it changed
        self.code_version: tuple[float, ...] = ()

    def pipeline(self) -> ModuleType:
        """The pipeline module, imported again when the site's code or catalogs changed."""
        version = tuple(sorted(p.stat().st_mtime for p in [*PACKAGE.rglob("*.py"),
                                                           *PACKAGE.glob("locale/*/LC_MESSAGES/*.po")]))
        if version != self.code_version:
            # the package too: its attributes would hand the old submodules to `from . import`
            for name in [n for n in sys.modules if (n == "scosite" or n.startswith("scosite.")) and n not in KEPT]:
                del sys.modules[name]
            self.code_version = version
        return importlib.import_module("scosite.build.generator")

    def regenerate(self) -> str | None:
        """Bring the pages up to date with the data; the problems found, as a report, if any
        (the last good pages stay)."""
        pipeline = self.pipeline()
        if not isinstance(self.generator, pipeline.Generator):  # first build, or the code was imported again
            self.generator = pipeline.Generator(pipeline.Project(self.root), warm=True)
        _, problems = self.generator.run()
        if problems:
            return "\n".join(p.format() for p in sorted(problems)) + "\n" + pipeline.summary(problems)
        return None


# Modules the running engine holds on to: not imported again (their state is the session's).
KEPT = frozenset({"scosite.engine.plugin", "scosite.engine.preview", "scosite.engine.mkdocs16"})
