"""Hostile data: every free-text field of every record rewritten, e.g. to carry markup and
script payloads (the browser's injection proof) or random text (the check-predicts-build test).

The fields are found from the models in scripts/scosite/data/models.py, not listed by hand: text
fields (``Line``, ``Prose``, ``LocalText``) are seeded; ids, references, dates, web addresses,
numbers and fixed choices are left alone, so the records still validate.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel
from pydantic.functional_validators import AfterValidator

from scosite.data import models, yamlstrict

MARKER = "xsspayload"  # a word to search for
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "<javascript:alert(1)>",
    "[x](javascript:alert(1))",
    "[javascript:alert(1)](javascript:alert(1))",
    "--8<-- /etc/passwd",
    "{{ 7*7 }}",
    "{% raw %}",
    "</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "' onmouseover='alert(1)",
    "| cell | [^1] *x*",
    "{: onclick=alert(1) }",  # last: attribute lists apply at the end of a block
)
PAYLOAD = f"{MARKER} " + " ".join(PAYLOADS)


def is_free_text(metadata: list[Any]) -> bool:
    """A str field is free text unless a pattern (ids, references, dates) or URL check constrains it."""
    for item in metadata:
        if getattr(item, "pattern", None) or isinstance(item, models.Ref):
            return False
        if isinstance(item, AfterValidator) and item.func is models._url:
            return False
        if type(item).__name__ == "WithJsonSchema":
            return False
    return True


def max_length(metadata: list[Any]) -> int:
    return min([m.max_length for m in metadata if getattr(m, "max_length", None)] or [5000])


def seeded_text(original: str, metadata: list[Any]) -> str:
    text = f"{original} {PAYLOAD}"
    return text if len(text) <= max_length(metadata) else PAYLOAD


# How a seeding rewrites one text: (the text in the data, its field's constraints) -> new text.
Seeder = Callable[[str, list[Any]], str]


def is_line(metadata: list[Any]) -> bool:
    """A one-line field (``Line``), as opposed to prose."""
    return any(isinstance(item, AfterValidator) and item.func is models._single_line for item in metadata)


def seed_value(annotation: Any, metadata: list[Any], value: Any, seed: Seeder = seeded_text) -> Any:
    """``value`` with every free-text part rewritten by ``seed``, following the annotation's shape."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        inner, *extra = typing.get_args(annotation)
        return seed_value(inner, [*metadata, *extra], value, seed)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        return value if value is None else seed_value(options[0], metadata, value, seed)
    if origin is list:
        (item,) = typing.get_args(annotation)
        return [seed_value(item, [], v, seed) for v in value]
    if isinstance(annotation, type) and issubclass(annotation, models.LocalText):
        # the English is seeded; translations stay (they become outdated: a warning only)
        english = annotation.model_fields["en"]
        limits = [*english.metadata, *typing.get_args(english.annotation)[1:]]  # Line or Prose: its length, one line
        if isinstance(value, str):
            return seed(value, limits)
        return {key: seed(text, limits) if key == "en" else text for key, text in value.items()}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return seed_record(annotation, value, seed)
    if annotation is str and isinstance(value, str) and is_free_text(metadata):
        return seed(value, metadata)
    return value


def seed_record(model: type[BaseModel], record: dict[str, Any], seed: Seeder = seeded_text) -> dict[str, Any]:
    fields = model.model_fields
    return {name: seed_value(fields[name].annotation, list(fields[name].metadata), value, seed) if name in fields
            else value for name, value in record.items()}


def seed_data(data_dir: Path, seed: Seeder = seeded_text) -> int:
    """Rewrite every record under ``data_dir`` with ``seed``; returns how many text values changed."""
    changed = 0
    for collection in models.COLLECTIONS:
        for file in sorted((data_dir / collection.name).glob("*.yml")):
            record = yamlstrict.parse(file.read_bytes(), str(file)).value
            seeded = seed_record(collection.model, record, seed)
            changed += sum(1 for _ in texts_changed(record, seeded))
            file.write_text(yaml.safe_dump(seeded, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return changed


def texts_changed(before: Any, after: Any) -> typing.Iterator[str]:
    """The texts ``after`` holds where ``before`` held another value."""
    if isinstance(after, dict):
        for key, value in after.items():
            yield from texts_changed(before.get(key) if isinstance(before, dict) else None, value)
    elif isinstance(after, list):
        for index, value in enumerate(after):
            yield from texts_changed(before[index] if isinstance(before, list) and index < len(before) else None, value)
    elif isinstance(after, str) and after != before:
        yield after
