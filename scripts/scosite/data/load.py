"""Load and validate: ``data/`` folder -> typed records, or a list of problems.

``load_data(data_dir)`` finds the record files (``discover``), parses each with the strict
YAML reader (``yamlstrict``), validates it against its model, notes every id it refers to
(``refs``) and returns a ``Dataset`` together with every problem found, each located at
file, line and column (``messages``).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import yamlstrict
from .crossrefs import iter_refs
from .discover import check_file_name, check_layout, collection_files, rel
from .errors import describe, to_problem
from .files import RACY_NS, Stamp, stamp_of
from .models import COLLECTIONS, Collection, LocalText, Ref
from .problems import Problem


@dataclass
class Dataset:
    """Every valid record by collection and id, and where each came from."""

    records: dict[str, dict[str, Any]] = field(default_factory=dict)
    failed: set[tuple[str, str]] = field(default_factory=set)  # (collection, file stem) that did not validate
    origins: dict[tuple[str, str], tuple[str, yamlstrict.Parsed]] = field(default_factory=dict)
    # Every id each record refers to, as (path in the record, Ref, id): see ``iter_refs``.
    refs: dict[tuple[str, str], list[tuple[yamlstrict.Path, Ref, str]]] = field(default_factory=dict)

    def get(self, collection: str) -> dict[str, Any]:
        return self.records.setdefault(collection, {})


# What ``load_data`` read from each file, by path: the file's (size, mtime, inode) and the
# result. A file whose stamp is unchanged is not read again (a live preview re-reads only
# what was saved). A file changed within the last seconds is not cached: a second save in
# the same clock tick would keep its stamp ("racy" stamps, as git calls them).
LoadCache = dict[str, tuple[tuple[int, int, int], Any]]


def load_data(data_dir: Path, root: Path | None = None, cache: LoadCache | None = None,
              stamps: Mapping[str, Stamp | None] | None = None) -> tuple[Dataset, list[Problem]]:
    """Read and validate every record under ``data_dir``; never raises for bad input. With a
    ``cache``, a file is read only if its stamp changed: the stamps a caller already took
    (``stamps``, by path as text: the generator's fingerprint) are used, not taken again."""
    root = root or data_dir.parent
    dataset, problems = Dataset(), check_layout(data_dir, root)
    now = time.time_ns()
    for collection in COLLECTIONS:
        for path in collection_files(data_dir / collection.name, root, problems):
            loaded = None
            if cache is not None:
                key = str(path)
                stamp = stamps[key] if stamps is not None and key in stamps else stamp_of(key)
                if stamp and (hit := cache.get(key)) and hit[0] == stamp:
                    loaded = hit[1]
            if loaded is None:
                record, parsed, found = load_record(path, collection, root)
                refs = list(iter_refs(record, type(record), ())) if record is not None else []
                loaded = (record, parsed, found, refs)
                if cache is not None and stamp and stamp[1] < now - RACY_NS:
                    cache[key] = (stamp, loaded)
            record, parsed, found, refs = loaded
            problems += found
            if record is not None:
                dataset.get(collection.name)[record.id] = record
                dataset.origins[(collection.name, record.id)] = (rel(path, root), parsed)
                dataset.refs[(collection.name, record.id)] = refs
            else:
                dataset.failed.add((collection.name, path.stem))
    return dataset, problems


def load_record(path: Path, collection: Collection, root: Path) -> tuple[Any, yamlstrict.Parsed, list[Problem]]:
    """One file -> one validated record (or None) and its problems."""
    name = rel(path, root)
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, yamlstrict.Parsed(), [Problem(name, 0, 0, "", f"cannot read the file: {err.strerror}")]
    parsed = yamlstrict.parse(raw, name)
    problems = list(parsed.problems)
    problems += check_file_name(path, name)
    if problems:
        return None, parsed, problems
    if not isinstance(parsed.value, dict):
        message = f"a record is a group of fields ('field: value' lines), not {describe(parsed.value)}"
        return None, parsed, [Problem(name, 1, 1, "", message, f"start the file with 'id: {path.stem}'")]
    try:
        record = collection.model.model_validate(parsed.value)
    except ValidationError as err:
        return None, parsed, [to_problem(e, collection.model, parsed, name) for e in err.errors()]
    record_id = getattr(record, "id", "")  # (every collection's model has one)
    if record_id != path.stem:
        line, col = parsed.where(("id",))
        return None, parsed, [Problem(name, line, col, "id", f"the id '{record_id}' differs from the file name '{path.name}'",
                                      f"make them equal: rename the file to {record_id}.yml or set 'id: {path.stem}'")]
    return record, parsed, []


__all__ = ["Dataset", "LoadCache", "LocalText", "load_data", "load_record", "rel"]
