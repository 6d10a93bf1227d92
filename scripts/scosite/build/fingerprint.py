"""Whether a run has anything to do: stamps of every input and output (standard library only).

Imported before anything heavy, so that ``make generate`` with nothing changed costs a
directory walk rather than loading pydantic, Jinja and the models.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from typing import Any

from ..data.files import RACY_NS, Stamp, handwritten_files, stamp_of
from ..queries.history import History, load
from ..settings import Project

PACKAGE = Path(__file__).resolve().parents[1]
def project_settings(project: Project) -> tuple[Any, ...]:
    """Everything besides the data and the code that the generated files depend on (the
    hand-written pages by content: the editions carry copies of them)."""
    handwritten = hashlib.sha256(repr(sorted(handwritten_files(project.docs).items())).encode()).hexdigest()
    return (project.site_url, project.repo_url, project.repo_branch, project.group_limit, project.directory_urls,
            handwritten)


def load_history(project: Project) -> History:
    """When each data file last changed (git), unless the project reads no history."""
    return load(project.root) if project.history else History(False, "no-git")


def code_version(templates: Path = PACKAGE / "render" / "templates") -> tuple[Any, ...]:
    """The generator's own files (code and templates), by name and content: the same code
    gives the same version in any copy of the project (a few dozen small files to read)."""
    files = sorted(PACKAGE.rglob("*.py")) + [p for p in sorted(templates.iterdir()) if p.suffix == ".j2"]
    files += sorted((PACKAGE / "locale").glob("*/LC_MESSAGES/*.po"))  # the editions' words
    return tuple((p.parent.name, p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)


def nothing_to_do(project: Project) -> int | None:
    """The number of generated files, if the last run left them in order and no input has
    changed since; ``None`` if a run must look. Standard library only: this is how
    ``make generate`` answers in a few milliseconds when there is nothing to do."""
    fingerprint = Fingerprint(project)
    return fingerprint.outputs if fingerprint.matches() else None


class Fingerprint:
    """Every input's stamp (data files, code, templates, site_url), and every output's.

    A run whose inputs carry the stamps the last successful run recorded, and whose outputs
    are still as it left them, has nothing to do. A file changed less than two seconds ago
    could change again within the same clock tick and keep its stamp, so for such files the
    fingerprint holds a hash of their bytes as well (what git calls racy stamps).
    """

    def __init__(self, project: Project):
        self.path = project.root / ".cache" / "generated.json"
        self.output = project.editions
        recent = time.time_ns() - RACY_NS
        self.files: list[tuple[str, str, Stamp | None]] = []
        for folder, _, files in sorted(os.walk(project.data)):
            for name in sorted(files):
                self.files.append((folder, name, stamp_of(f"{folder}/{name}")))
            self.files.append((folder, "", stamp_of(folder)))
        self.racy = sorted(f"{folder}/{name}" for folder, name, stamp in self.files
                           if name and stamp and stamp[1] > recent)
        # Read once a run: the render uses them too (the settings and code it renders with, and
        # the history the pages date their records from: the commit built, its versions, the
        # files not committed).
        self.version = (project_settings(project), code_version(project.templates))
        self.past = load_history(project)
        self.settings = [*self.version, self.past.state()]
        self.digest = self.digest_with(self.racy)
        self.outputs = 0

    def stamps(self) -> dict[str, Stamp | None]:
        """Every data file's stamp as taken here, by its path as text (``load_data`` uses them)."""
        return {f"{folder}/{name}": stamp for folder, name, stamp in self.files if name}

    def digest_with(self, racy: list[str]) -> str:
        """The inputs' digest, with the bytes of the ``racy`` files (changed less than two
        seconds before a run) hashed too."""
        hashed = set(racy)
        inputs: list[Any] = list(self.settings)
        for folder, name, stamp in self.files:
            path = f"{folder}/{name}"
            inputs.append((folder, name, stamp, racy_hash(Path(path)) if path in hashed else "") if name
                          else (folder, "", stamp))
        return hashlib.sha256(repr(inputs).encode()).hexdigest()

    def matches(self) -> bool:
        """Whether the last run recorded these inputs (the files that were racy then are
        compared by their bytes now as well) and its outputs are as it left them."""
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            racy = sorted(set(self.racy) | set(stored.get("racy", [])))
            if stored["inputs"] != (self.digest if racy == self.racy else self.digest_with(racy)):
                return False
            outputs = stored["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            return False
        output = os.fspath(self.output)
        for relative, stamp in outputs.items():
            if list(stamp_of(f"{output}/{relative}") or ()) != stamp:
                return False
        self.outputs = len(outputs)
        return True

    def store(self, known: dict[str, tuple[Stamp | None, Any]]) -> None:
        stored = {"inputs": self.digest, "racy": self.racy,
                  "outputs": {path: list(stamp or ()) for path, (stamp, _) in sorted(known.items())}}
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
