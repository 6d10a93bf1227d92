"""Write: put rendered pages into ``docs/`` safely.

* Only files whose bytes change are written, so a no-op run touches nothing and a live
  preview reloads only what changed.
* Every changed file is first written beside its target under a temporary name; only when
  all of them are on disk are they moved into place (``os.replace`` is atomic), so a
  failure part-way (disk full, no permission) leaves the previous pages as they were.
* Generated pages are recognised by their first line. A page that would replace a file
  without that line (a hand-written page) is a problem, not an overwrite; generated pages
  whose record is gone are removed.
* One run at a time: a lock file stops a second, concurrent run with a clear message.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from .export import MANIFEST
from .fingerprint import GENERATED_MARK, OWNED_FILES, OWNED_FOLDERS, Stamp, stamp_of
from .lock import BusyError, exclusive  # noqa: F401  (part of this module's interface)
from .problems import Problem


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    known: dict[str, tuple[Stamp, str]] = field(default_factory=dict)  # see ``write_pages``

    def describe(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def is_generated(path: Path) -> bool:
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            return (handle.readline() + handle.readline()).startswith(GENERATED_MARK)
    except OSError:
        return False


def owned(relative: str) -> bool:
    """A file the generator owns whole: in another edition's tree (``ru/…``, ``zh/…``), a
    citation file (``cite/…``), the feed (``feed.xml``)."""
    return relative.split("/", 1)[0] in OWNED_FOLDERS or relative in OWNED_FILES


def generated_files(docs_dir: Path, known: Container[str] = frozenset()) -> set[str]:
    """Every generated file under ``docs_dir``: pages carry a mark, downloads are listed, and
    the other editions' trees are the generator's alone. Files in ``known`` are taken as
    generated without being read (they were just written)."""
    found = set(listed_downloads(docs_dir))
    for folder, _, names in os.walk(docs_dir):
        base = Path(folder).relative_to(docs_dir).as_posix()
        for name in names:
            relative = name if base == "." else f"{base}/{name}"
            if relative in known or owned(relative) or (name.endswith(".md") and is_generated(Path(folder) / name)):
                found.add(relative)
    return found


def listed_downloads(docs_dir: Path) -> set[str]:
    """The download files the previous run listed in its manifest (and the manifest itself)."""
    manifest = docs_dir / MANIFEST
    try:
        entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        listed = {f"downloads/{entry['path']}" for entry in entries}
    except (OSError, ValueError, KeyError, TypeError):
        return set()
    return {p for p in listed | {MANIFEST} if (docs_dir / p).is_file()}


def check_targets(pages: dict[str, str], docs_dir: Path) -> list[Problem]:
    """A generated page must never replace a hand-written one."""
    problems = []
    ours = listed_downloads(docs_dir)
    for relative in pages:
        target = docs_dir / relative
        if target.exists() and relative not in ours and not owned(relative) and not is_generated(target):
            kind = "page" if relative.endswith(".md") else "file"
            problems.append(Problem(f"docs/{relative}", 0, 0, "", f"a hand-written {kind} is where a generated {kind} must go",
                                    "rename the record's id, or move the hand-written page"))
    return problems


def write_pages(pages: dict[str, str], docs_dir: Path, known: dict[str, tuple[Stamp, str]] | None = None
                ) -> WriteResult:
    """Bring ``docs_dir`` to exactly ``pages`` (for generated files); see module doc.

    ``known`` is what an earlier run in this process wrote or found: path -> (file stamp,
    text). A file whose stamp is unchanged and whose text is equal (the same object, usually) is
    not read again, and the files to remove are the known ones no longer wanted (without
    ``known``, every page under ``docs_dir`` is looked at). ``result.known`` is the new state.
    """
    result = WriteResult()
    changed = {}
    docs = os.fspath(docs_dir)
    for relative, text in pages.items():
        if known is not None and (entry := known.get(relative)) and entry[1] == text \
                and stamp_of(f"{docs}/{relative}") == entry[0]:
            result.unchanged += 1
            result.known[relative] = entry
            continue
        target = docs_dir / relative
        data = text.encode("utf-8")
        if target.exists() and target.read_bytes() == data:
            result.unchanged += 1
            result.known[relative] = (stamp_of(target), text)
        else:
            changed[relative] = data
    staged = stage(changed, docs_dir)
    for relative, temp in staged.items():
        os.replace(temp, docs_dir / relative)
        result.written.append(relative)
        result.known[relative] = (stamp_of(docs_dir / relative), pages[relative])
    if known is None:
        stale = generated_files(docs_dir, pages.keys()) - set(pages)
    else:
        stale = {p for p in set(known) - set(pages)
                 if owned(p) or is_generated(docs_dir / p) or p.startswith("downloads/")}
    for relative in sorted(stale):
        (docs_dir / relative).unlink(missing_ok=True)
        result.removed.append(relative)
        remove_empty_parents(docs_dir / relative, docs_dir)
    return result


def stage(changed: dict[str, bytes], docs_dir: Path) -> dict[str, Path]:
    """Write every changed page to a temporary file beside its target; all or nothing."""
    staged: dict[str, Path] = {}
    folders: set[Path] = set()
    try:
        for relative, data in sorted(changed.items()):
            target = docs_dir / relative
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
            staged[relative] = Path(name)
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.chmod(name, 0o644)
    except BaseException:
        for temp in staged.values():
            temp.unlink(missing_ok=True)
        raise
    return staged


def remove_empty_parents(path: Path, stop: Path) -> None:
    parent = path.parent
    while parent != stop and parent.is_dir() and not any(parent.iterdir()):
        parent.rmdir()
        parent = parent.parent


def clean_leftovers(docs_dir: Path) -> int:
    """Remove temporary files an interrupted run left behind."""
    count = 0
    for temp in docs_dir.rglob(".*.tmp"):
        temp.unlink(missing_ok=True)
        count += 1
    return count
