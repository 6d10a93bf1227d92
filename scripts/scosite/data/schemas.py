"""JSON Schemas for editors' tools, exported from the models (never written by hand)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .modeldocs import collection_schema
from .models import COLLECTIONS


def schema_texts() -> dict[str, str]:
    """``{file name: JSON text}`` for every collection, deterministic."""
    return dict(_schema_texts())


@functools.cache  # the models do not change while the code is loaded
def _schema_texts() -> dict[str, str]:
    texts = {}
    for collection in COLLECTIONS:
        schema = collection_schema(collection)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["title"] = f"{collection.title}: one record (data/{collection.name}/<id>.yml)"
        texts[f"{collection.name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return texts


def write_schemas(folder: Path, *, check: bool = False) -> list[str]:
    """Write the schemas that changed (or, with ``check``, only list them)."""
    changed = []
    for name, text in schema_texts().items():
        target = folder / name
        if target.exists() and target.read_text(encoding="utf-8") == text:
            continue
        changed.append(name)
        if not check:
            folder.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    return changed
