"""Reference extraction: every id a record refers to, found by following its model's annotations.

A field annotated with ``models.Ref(collection)`` holds the id of a record in that
collection; ``iter_refs`` yields each one with its path inside the record, so that
``checks.check_references`` can report a missing one at its line and column.
"""

from __future__ import annotations

import functools
import types
import typing
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from . import yamlstrict
from .models import Ref


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
