"""Load and validate: ``data/`` folder -> typed records, or a list of problems.

``load_data(data_dir)`` reads every collection folder, parses each file with the strict
YAML reader, validates it against its model and returns a ``Dataset`` together with every
problem found, each located at file, line and column.
"""

from __future__ import annotations

import difflib
import functools
import re
import time
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import yamlstrict
from .fingerprint import RACY_NS
from .models import COLLECTIONS, ID_PATTERN, Collection, LocalText, Ref, Strict
from .problems import Problem

# Files the operating system or an editor keeps beside the data (.DS_Store, .file.swp,
# file.yml~): never records, so they are passed over. Office lock files (~$name.yml) and
# copies such as "name (1).yml" look like records and are reported instead.
IGNORED_PREFIXES = (".",)
IGNORED_SUFFIXES = ("~", ".swp", ".tmp", ".bak")
RESERVED_IDS = {"index": "the section's own index page"}


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


def load_data(data_dir: Path, root: Path | None = None, cache: LoadCache | None = None) -> tuple[Dataset, list[Problem]]:
    """Read and validate every record under ``data_dir``; never raises for bad input."""
    root = root or data_dir.parent
    dataset, problems = Dataset(), check_layout(data_dir, root)
    now = time.time_ns()
    for collection in COLLECTIONS:
        for path in collection_files(data_dir / collection.name, root, problems):
            loaded = None
            if cache is not None:
                try:
                    st = path.stat()
                    stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
                except OSError:
                    stamp = None
                if stamp and (hit := cache.get(str(path))) and hit[0] == stamp:
                    loaded = hit[1]
            if loaded is None:
                record, parsed, found = load_record(path, collection, root)
                refs = list(iter_refs(record, type(record), ())) if record is not None else []
                loaded = (record, parsed, found, refs)
                if cache is not None and stamp and stamp[1] < now - RACY_NS:
                    cache[str(path)] = (stamp, loaded)
            record, parsed, found, refs = loaded
            problems += found
            if record is not None:
                dataset.get(collection.name)[record.id] = record
                dataset.origins[(collection.name, record.id)] = (rel(path, root), parsed)
                dataset.refs[(collection.name, record.id)] = refs
            else:
                dataset.failed.add((collection.name, path.stem))
    return dataset, problems


@functools.cache
def fields_with_refs(model: type[BaseModel]) -> tuple[tuple[str, Any, tuple[Ref, ...]], ...]:
    """The fields of a model that can hold an id of another record (the rest are skipped)."""
    found = []
    for name, info in model.model_fields.items():
        meta = tuple(m for m in info.metadata if isinstance(m, Ref))
        if meta or holds_refs(info.annotation):
            found.append((name, info.annotation, meta))
    return tuple(found)


@functools.cache
def holds_refs(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        return any(isinstance(m, Ref) for m in meta) or holds_refs(base)
    if origin in (typing.Union, types.UnionType, list):
        return any(holds_refs(arg) for arg in typing.get_args(annotation) if arg is not type(None))
    return isinstance(annotation, type) and issubclass(annotation, BaseModel) and bool(fields_with_refs(annotation))


def iter_refs(value: Any, annotation: Any, path: yamlstrict.Path, refs: tuple[Ref, ...] = ()
              ) -> Iterator[tuple[yamlstrict.Path, Ref, str]]:
    """Every (path, Ref, id) inside ``value``, following the model's annotations."""
    if value is None:
        return
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *meta = typing.get_args(annotation)
        yield from iter_refs(value, base, path, refs + tuple(m for m in meta if isinstance(m, Ref)))
    elif origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            if arg is not type(None):
                yield from iter_refs(value, arg, path, refs)
                return
    elif origin is list:
        (item,) = typing.get_args(annotation)
        for index, element in enumerate(value):
            yield from iter_refs(element, item, (*path, index), refs)
    elif isinstance(value, BaseModel):
        for name, annotation, meta in fields_with_refs(type(value)):
            yield from iter_refs(getattr(value, name), annotation, (*path, name), meta)
    elif isinstance(value, str):
        for ref in refs:
            yield path, ref, value


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
    """The record files of one collection, in name order; stray files are problems."""
    if not folder.is_dir():
        return []
    files = []
    for entry in sorted(folder.iterdir()):
        name = entry.name
        if name.startswith(IGNORED_PREFIXES) or name.endswith(IGNORED_SUFFIXES):
            continue
        if name.startswith("~$"):
            problems.append(Problem(rel(entry, root), 0, 0, "", "a temporary file left by an office program",
                                    "close the program that has it open, or delete the file"))
        elif entry.is_dir():
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
    if record.id != path.stem:
        line, col = parsed.where(("id",))
        return None, parsed, [Problem(name, line, col, "id", f"the id '{record.id}' differs from the file name '{path.name}'",
                                      f"make them equal: rename the file to {record.id}.yml or set 'id: {path.stem}'")]
    return record, parsed, []


def check_file_name(path: Path, name: str) -> list[Problem]:
    if path.stem in RESERVED_IDS:
        return [Problem(name, 0, 0, "", f"'{path.stem}' cannot be an id: it is the name of {RESERVED_IDS[path.stem]}",
                        "choose a more specific id")]
    if re.fullmatch(ID_PATTERN, path.stem):
        return []
    suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "new-record"
    return [Problem(name, 0, 0, "", "the file name is not a valid id (lower-case letters, digits and hyphens)",
                    f"rename it to {suggestion}.yml and set 'id: {suggestion}'")]


def describe(value: object) -> str:
    """Plain words for the kind of value an editor wrote."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return f"text ({value!r})"


# --- Pydantic errors -> plain language ---------------------------------------------------


def to_problem(error: Any, model: type[BaseModel], parsed: yamlstrict.Parsed, name: str) -> Problem:
    """Translate one pydantic error into a located, plain-language problem."""
    kind, value = error["type"], error.get("input")
    loc = clean_loc(model, error["loc"], extra=kind == "extra_forbidden")
    if kind == "missing":
        line, col = parsed.where(loc[:-1], key=True)
        return Problem(name, line, col, yamlstrict.dotted(loc), "required field is missing",
                       f"add a line '{loc[-1]}: ...'" + (" (at least one source id)" if loc[-1] == "sources" else ""))
    if kind == "extra_forbidden":
        line, col = parsed.where(loc, key=True)
        allowed = allowed_fields(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"allowed fields here: {', '.join(allowed)}"
        return Problem(name, line, col, yamlstrict.dotted(loc), f"unknown field '{loc[-1]}'", hint)
    line, col = parsed.where(loc)
    message, hint = explain(kind, error, value)
    return Problem(name, line, col, yamlstrict.dotted(loc), message, hint)


def clean_loc(model: type[BaseModel], loc: tuple[Any, ...], *, extra: bool = False) -> tuple[Any, ...]:
    """Drop pydantic's union-branch names (``str``, ``LocalText``…) so the path matches the YAML.

    Walks the model along the path and keeps only field names and list indexes; with
    ``extra`` the last part is an unknown field name and is kept as it is.
    """
    kept: list[Any] = []
    annotation: Any = model
    for index, part in enumerate(loc):
        current = unwrap(annotation)
        if extra and index == len(loc) - 1:
            kept.append(part)
        elif isinstance(part, int) and typing.get_origin(current) is list:
            kept.append(part)
            annotation = typing.get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel) and part in current.model_fields:
            kept.append(part)
            annotation = current.model_fields[part].annotation
    return tuple(kept)


def explain(kind: str, error: Any, value: Any) -> tuple[str, str]:
    ctx = error.get("ctx") or {}
    got = describe(value)
    if value is None and kind.endswith("_type"):
        return "is empty", "fill in a value, or remove the line if the field is optional"
    if kind in ("string_type",):
        hint = "put the value in quotes" if isinstance(value, int | float | bool) else "write it as one line of text"
        return f"expected text, found {got}", hint
    if kind in ("int_type", "float_type", "int_parsing", "float_parsing", "int_from_float"):
        return (f"expected a number, found {got}",
                "write digits only, e.g. 69 or 6.5 (no quotes, units, spaces, commas or underscores)")
    if kind == "bool_type":
        return f"expected true or false, found {got}", "write true or false in lower case"
    if kind == "list_type":
        return f"expected a list, found {got}", "write each item on its own line starting with '- '"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a group of fields, found {got}", "write 'field: value' lines, indented under this one"
    if kind == "literal_error":
        allowed = [s.strip().strip("'") for s in ctx.get("expected", "").replace(" or ", ", ").split(",")]
        folded = {a.casefold(): a for a in allowed}
        close = [folded[c] for c in difflib.get_close_matches(str(value).casefold(), list(folded), n=1)]
        return (f"{value!r} is not an allowed value",
                f"did you mean '{close[0]}'?" if close else f"allowed: {ctx.get('expected', '')}")
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == ID_PATTERN:
            return (f"{value!r} is not a valid id",
                    "ids use lower-case letters, digits and single hyphens, e.g. rashid-alimov")
        return f"{value!r} is not a date", "write the date as YYYY-MM-DD (or YYYY-MM, or YYYY), in quotes or not"
    if kind == "too_short":
        return "needs at least one item", "add an item on a line starting with '- '"
    if kind == "string_too_short":
        return "must not be empty", "write the text, or remove the field if it is optional"
    if kind == "string_too_long":
        return f"too long (the limit is {ctx.get('max_length')} characters)", "shorten it"
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return f"expected a date, found {got}", "write the date as YYYY-MM-DD, e.g. 2017-03-13"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return error["msg"].lower(), "check the number"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"])), value_hint(str(ctx.get("error", "")))
    return error["msg"], ""


def value_hint(message: str) -> str:
    if "date" in message:
        return "check the day and month; write the date as YYYY-MM-DD"
    if "link" in message:
        return "copy the address from the browser's address bar, e.g. https://www.unodc.org/..."
    if "spaces" in message:
        return "remove the spaces at the start and end"
    if "one line" in message:
        return "write it on one line, or use a field meant for longer text"
    if "other value" in message:
        return "write the value the source gives under the field named, beside 'fact' and 'sources'"
    return ""


def allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model``."""
    annotation: Any = model
    for part in loc:
        annotation = unwrap(annotation)
        if isinstance(part, int):
            args = typing.get_args(annotation)
            annotation = args[0] if args else annotation
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
            annotation = annotation.model_fields[part].annotation
    annotation = unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def unwrap(annotation: Any) -> Any:
    """Strip Optional/Annotated down to the model or list type underneath."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = next((a for a in args if isinstance(a, type) and issubclass(a, Strict)), args[0])
        else:
            return annotation


__all__ = ["Dataset", "LocalText", "load_data"]
