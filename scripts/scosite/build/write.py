"""Write: put the generated files into each edition's tree (``.cache/editions/<lang>/``) safely.

* Only files whose bytes change are written, so a no-op run touches nothing and a live
  preview reloads only what changed.
* Every changed file is first written beside its target under a temporary name; only when
  all of them are on disk are they moved into place (``os.replace`` is atomic), so a
  failure part-way (disk full, no permission) leaves the previous pages as they were.
* The editions' trees are the generator's alone (people write under ``docs/``, which the
  generator copies in): a file there that no run made any more is removed.
* One run at a time: a lock file stops a second, concurrent run with a clear message.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..data.files import Stamp, stamp_of
from ..data.i18n import EDITIONS
from ..settings import GENERATED_MARK
from .lock import BusyError, exclusive  # noqa: F401  (part of this module's interface)


@dataclass
class WriteResult:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    known: dict[str, tuple[Stamp | None, str]] = field(default_factory=dict)  # see ``write_pages``

    def describe(self) -> str:
        return f"{len(self.written)} written, {len(self.removed)} removed, {self.unchanged} unchanged"


def generated_files(root: Path) -> set[str]:
    """Every file in the editions' trees under ``root`` (``en/…``, ``ru/…``, ``zh/…``)."""
    found = set()
    for lang in EDITIONS:
        for folder, _, names in os.walk(root / lang):
            base = Path(folder).relative_to(root).as_posix()
            found.update(f"{base}/{name}" for name in names)
    return found


def write_pages(pages: dict[str, str], docs_dir: Path, known: dict[str, tuple[Stamp | None, str]] | None = None
                ) -> WriteResult:
    """Bring the editions' trees under ``docs_dir`` to exactly ``pages``; see module doc.

    ``known`` is what an earlier run in this process wrote or found: path -> (file stamp,
    text). A file whose stamp is unchanged and whose text is equal (the same object, usually) is
    not read again, and the files to remove are the known ones no longer wanted (without
    ``known``, every file in the trees is looked at). ``result.known`` is the new state.
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
    stale = (generated_files(docs_dir) if known is None else set(known)) - set(pages)
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
    """Remove the temporary files an interrupted run left behind."""
    count = 0
    for temp in docs_dir.rglob(".*.tmp"):
        temp.unlink(missing_ok=True)
        count += 1
    return count


# Before December 2026 the generator wrote into docs/ beside the hand-written pages: its pages
# carried GENERATED_MARK; it owned the other editions' trees, the citation files and the feed
# whole; its downloads were listed in a manifest. A checkout that still holds them is tidied
# once, so that they are not copied into the editions as hand-written files.
OLD_OWNED = ("ru", "zh", "cite", "feed.xml")
OLD_MANIFEST = "downloads/files.json"


def remove_old_layout(docs: Path) -> int:
    """Remove from ``docs`` what an older generator wrote there; the number of files removed."""
    manifest = docs / OLD_MANIFEST
    if not manifest.is_file():
        return 0
    try:
        old = [docs / "downloads" / entry["path"] for entry in json.loads(manifest.read_text(encoding="utf-8"))["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        old = []
    old += [p for p in docs.rglob("*.md") if p.read_bytes().startswith(GENERATED_MARK.encode())]
    removed = 0
    for path in [*old, manifest]:
        if path.is_file():
            path.unlink()
            remove_empty_parents(path, docs)
            removed += 1
    for name in OLD_OWNED:
        target = docs / name
        removed += sum(1 for p in target.rglob("*") if p.is_file()) if target.is_dir() else target.is_file()
        if target.is_dir():
            shutil.rmtree(target)
        elif target.is_file():
            target.unlink()
    return removed
