"""Whether a run has anything to do: stamps of every input and output (standard library only).

Imported before anything heavy, so that ``make generate`` with nothing changed costs a
directory walk rather than loading pydantic, Jinja and the models.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parent
Stamp = tuple[int, int, int]  # size, mtime (ns), inode
# A file changed within this many nanoseconds may change again in the same clock tick and keep
# its stamp ("racy" stamps, as git calls them): such files are not trusted by their stamp alone.
RACY_NS = 2_000_000_000
# An index with more records than this is split into groups (scosite.render); the setting is
# read here, without heavy imports, because it is one of the generator's inputs.
# SCOSITE_GROUP_LIMIT lowers it, for tests of the split on small data.
GROUP_LIMIT = int(os.environ.get("SCOSITE_GROUP_LIMIT", "300"))


def stamp_of(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


@dataclass(frozen=True)
class Project:
    """Where things are, relative to the repository root."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def lock(self) -> Path:
        return self.root / ".cache" / "build.lock"

    @property
    def site_url(self) -> str:
        """``site_url`` from mkdocs.yml (read as text: any engine's config may carry tags)."""
        try:
            config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        except OSError:
            return ""
        match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", config, flags=re.M)
        return match.group(1) if match else ""


def code_version(templates: Path = PACKAGE / "templates", group_limit: int | None = None) -> tuple[Any, ...]:
    """The generator's own files (code and templates), by name and stamp, and its settings."""
    if group_limit is None:
        group_limit = GROUP_LIMIT
    return (group_limit, *((str(p), stamp_of(p)) for folder in (PACKAGE, templates)
                           for p in sorted(folder.iterdir()) if p.suffix in (".py", ".j2")))


def nothing_to_do(project: Project) -> int | None:
    """The number of generated files, if the last run left them in order and no input has
    changed since; ``None`` if a run must look. Standard library only: this is how
    ``make generate`` answers in a few milliseconds when there is nothing to do."""
    render = sys.modules.get("scosite.render")  # loaded (and maybe patched in a test): use its settings
    code = code_version(render.TEMPLATES, render.GROUP_LIMIT) if render else code_version()
    fingerprint = Fingerprint(project, code)
    return fingerprint.outputs if fingerprint.matches() else None


class Fingerprint:
    """Every input's stamp (data files, code, templates, site_url), and every output's.

    A run whose inputs carry the stamps the last successful run recorded, and whose outputs
    are still as it left them, has nothing to do. A file changed less than two seconds ago
    could change again within the same clock tick and keep its stamp, so for such files the
    fingerprint holds a hash of their bytes as well (what git calls racy stamps).
    """

    def __init__(self, project: Project, code: tuple[Any, ...]):
        self.path = project.root / ".cache" / "generated.json"
        self.docs = project.docs
        recent = time.time_ns() - RACY_NS
        inputs: list[Any] = [project.site_url, code]
        for folder, _, files in sorted(os.walk(project.data)):
            for name in sorted(files):
                path = Path(folder) / name
                stamp = stamp_of(path)
                inputs.append((folder, name, stamp, racy_hash(path) if stamp and stamp[1] > recent else ""))
            inputs.append((folder, "", stamp_of(Path(folder))))
        self.digest = hashlib.sha256(repr(inputs).encode()).hexdigest()
        self.outputs = 0

    def matches(self) -> bool:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored["inputs"] != self.digest:
                return False
            outputs = stored["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            return False
        for relative, stamp in outputs.items():
            if list(stamp_of(self.docs / relative) or ()) != stamp:
                return False
        self.outputs = len(outputs)
        return True

    def store(self, known: dict[str, tuple[Stamp, Any]]) -> None:
        stored = {"inputs": self.digest, "outputs": {path: list(stamp) for path, (stamp, _) in sorted(known.items())}}
        temp = self.path.with_suffix(".tmp")
        try:
            temp.write_text(json.dumps(stored), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            self.path.unlink(missing_ok=True)  # no fingerprint just means the next run does the work


def racy_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"
