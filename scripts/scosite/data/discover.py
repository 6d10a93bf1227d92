"""File discovery: which files under ``data/`` are records, and which are problems.

One folder per collection, one ``.yml`` file per record named by its id. Files an operating
system or editor keeps beside the data are passed over; anything else that is not a record
file is reported (a stray folder, a ``.yaml`` file, an Office lock file).
"""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

from .models import COLLECTIONS, ID_PATTERN
from .problems import Problem

# Files the operating system or an editor keeps beside the data (.DS_Store, .file.swp,
# file.yml~): never records, so they are passed over. Office lock files (~$name.yml) and
# copies such as "name (1).yml" look like records and are reported instead.
IGNORED_PREFIXES = (".",)
IGNORED_SUFFIXES = ("~", ".swp", ".tmp", ".bak")
RESERVED_IDS = {"index": "the section's own index page"}


def rel(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` for messages (plain string work: this runs per file)."""
    text, prefix = path.as_posix(), root.as_posix().rstrip("/") + "/"
    return text[len(prefix):] if text.startswith(prefix) else text


def check_layout(data_dir: Path, root: Path) -> list[Problem]:
    """Only collection folders (and a README) belong directly in ``data/``."""
    if not data_dir.is_dir():
        return [Problem(rel(data_dir, root), 0, 0, "", "the data folder is missing")]
    known = {c.name for c in COLLECTIONS}
    problems = []
    for entry in sorted(data_dir.iterdir()):
        if entry.name.startswith(IGNORED_PREFIXES) or entry.name in known or entry.name in ("schemas", "README.md"):
            continue
        hint = f"records go in one of the folders: {', '.join(sorted(known))}"
        close = difflib.get_close_matches(entry.name, known, n=1)
        if close:
            hint = f"did you mean '{close[0]}'?"
        problems.append(Problem(rel(entry, root), 0, 0, "", "not a collection folder", hint))
    return problems


def collection_files(folder: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The record files of one collection, in name order; stray files are problems. (Listed
    with ``os.scandir``, which tells a folder from a file without asking for each.)"""
    try:
        with os.scandir(folder) as listing:
            entries = sorted((entry.name, entry.is_dir()) for entry in listing)
    except (FileNotFoundError, NotADirectoryError):
        return []
    files = []
    for name, is_dir in entries:
        if name.startswith(IGNORED_PREFIXES) or name.endswith(IGNORED_SUFFIXES):
            continue
        entry = folder / name
        if name.startswith("~$"):
            problems.append(Problem(rel(entry, root), 0, 0, "", "a temporary file left by an office program",
                                    "close the program that has it open, or delete the file"))
        elif is_dir:
            problems.append(Problem(rel(entry, root), 0, 0, "", "folders are not allowed inside a collection",
                                    "move the files up into the collection folder"))
        elif entry.suffix == ".yaml":
            problems.append(Problem(rel(entry, root), 0, 0, "", "record files end in .yml, not .yaml",
                                    f"rename it to {entry.stem}.yml"))
        elif entry.suffix != ".yml":
            problems.append(Problem(rel(entry, root), 0, 0, "", "not a record file (record files end in .yml)",
                                    "move or delete it"))
        else:
            files.append(entry)
    return files


def check_file_name(path: Path, name: str) -> list[Problem]:
    if path.stem in RESERVED_IDS:
        return [Problem(name, 0, 0, "", f"'{path.stem}' cannot be an id: it is the name of {RESERVED_IDS[path.stem]}",
                        "choose a more specific id")]
    if re.fullmatch(ID_PATTERN, path.stem):
        return []
    suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "new-record"
    return [Problem(name, 0, 0, "", "the file name is not a valid id (lower-case letters, digits and hyphens)",
                    f"rename it to {suggestion}.yml and set 'id: {suggestion}'")]
