"""The stage entry: one generator stage in a fresh interpreter, timed from its start.

    python -m bench.stage check|generate PROJECT_ROOT     (PYTHONPATH=PROJECT_ROOT/scripts)

Prints ``{"seconds": …, "written": […]}`` as JSON. The clock starts before anything else is
imported, so the time is what `make generate` pays (imports included), without the
interpreter's own start-up.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

# ruff: noqa: E402  (the imports come after STARTED on purpose)

import sys
from typing import Any


def stage_main(name: str, root: str) -> None:
    """Time a stage from the start of this module to its end; print it as JSON.

    Runs before this script imports anything else, so the time is what the command pays."""
    import json
    from pathlib import Path

    sys.path.insert(0, str(Path(root) / "scripts"))
    from scosite.build.fingerprint import nothing_to_do  # the copy under ``root``
    from scosite.settings import Project

    project = Project(Path(root))
    written: list[str] = []
    problems: list[Any] = []
    # As `make generate` (scosite.cli): nothing to do is answered before the heavy imports.
    if name == "check" or nothing_to_do(project) is None:
        from scosite.build import generator as pipeline

        if name == "check":
            _, problems = pipeline.validate(project)
        else:
            result, problems = pipeline.generate(project)
            written = result.written if result else []
    if problems:
        raise SystemExit("\n".join(p.format() for p in problems[:20]))
    print(json.dumps({"seconds": time.perf_counter() - STARTED, "written": sorted(written)}))


if __name__ == "__main__":
    stage_main(sys.argv[1], sys.argv[2])
