"""What the models allow, in words: for the data reference page and for new-record files.

Both read the models' JSON Schema (the same one editors' tools use), so the page, the
scaffolds and the validation can never disagree.
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Any

from .models import COLLECTION_BY_NAME, COLLECTIONS, Collection


@dataclass(frozen=True)
class FieldDoc:
    """One field of a model, described for people."""

    name: str
    kind: str  # "text, one line", "list of source ids", …
    required: bool
    description: str
    allowed: tuple[str, ...]  # for fields with a fixed list of values
    nested: str | None  # name of the group of fields it holds, if any


@dataclass(frozen=True)
class ModelDoc:
    name: str
    description: str
    fields: tuple[FieldDoc, ...]


def collection_schema(collection: Collection) -> dict[str, Any]:
    """The model's JSON Schema (a fresh copy: callers may change it)."""
    return copy.deepcopy(_schema(collection.model))


@functools.cache  # pydantic takes a while to build a schema; the models do not change
def _schema(model: type) -> dict[str, Any]:
    return model.model_json_schema(mode="validation")


@functools.cache  # the models do not change; each edition's data reference and every render read them
def model_docs(collection: Collection) -> tuple[ModelDoc, ...]:
    """The collection's record model first, then every group of fields it contains."""
    schema = _schema(collection.model)  # read, not changed
    definitions = schema.get("$defs", {})
    docs = [describe_model(collection.title, schema, definitions)]
    for name in sorted(definitions):
        if name != "LocalText":
            docs.append(describe_model(name, definitions[name], definitions))
    return tuple(docs)


def field_order(name: str) -> int:
    """The id first, what the record says next, its sources and caveat last (as editors write them)."""
    return 0 if name == "id" else 2 if name in ("sources", "caveat") else 1


def describe_model(name: str, schema: dict[str, Any], definitions: dict[str, Any]) -> ModelDoc:
    required = set(schema.get("required", []))
    properties = sorted(schema.get("properties", {}).items(), key=lambda item: field_order(item[0]))
    fields = tuple(describe_field(field, node, field in required, definitions) for field, node in properties)
    return ModelDoc(name, " ".join(schema.get("description", "").split()), fields)


def describe_field(name: str, node: dict[str, Any], required: bool, definitions: dict[str, Any]) -> FieldDoc:
    kind, allowed, nested = describe_type(strip_null(node), definitions)
    return FieldDoc(name, kind, required, " ".join(node.get("description", "").split()), allowed, nested)


def strip_null(node: dict[str, Any]) -> dict[str, Any]:
    """``X | None`` -> ``X`` (optional fields are marked by ``required`` instead)."""
    options = [o for o in node.get("anyOf", []) if o.get("type") != "null"]
    if "anyOf" in node and len(options) == 1:
        return {**options[0], **{k: v for k, v in node.items() if k not in ("anyOf", "default")}}
    return node


# What each kind of text field (``x-kind``, set by ``models.Kind``) holds, in words.
TEXT_KINDS = {
    "date": "date: YYYY-MM-DD, or YYYY-MM or YYYY when the source gives no day",
    "id": "id: lower-case letters, digits and hyphens",
    "url": "web address (https://…)",
    "line": "text, one line",
    "prose": "text",
}


def describe_type(node: dict[str, Any], definitions: dict[str, Any]) -> tuple[str, tuple[str, ...], str | None]:
    """Plain words for one JSON Schema node: (kind, allowed values, nested group name)."""
    if node.get("x-kind") in TEXT_KINDS:
        return TEXT_KINDS[node["x-kind"]], (), None
    if "x-refers-to" in node:
        targets = " or ".join(COLLECTION_BY_NAME[c].singular for c in node["x-refers-to"])
        article = "an" if targets[0] in "aeiou" else "a"
        return f"id of {article} {targets}", (), None
    if "enum" in node:
        return "one of the allowed values", tuple(node["enum"]), None
    ref = node.get("$ref") or next((o["$ref"] for o in node.get("anyOf", []) if "$ref" in o), None)
    if ref and ref.endswith("/LocalText"):
        return "text (or translations: en, ru, zh)", (), None
    if ref and ref.endswith("/LocalLine"):
        return "text, one line (or translations: en, ru, zh)", (), None
    if ref and ref.endswith("/Translations"):
        return "translations: ru, zh (each with the stamp of the English it was made from)", (), None
    if ref:
        return "group of fields", (), ref.rsplit("/", 1)[-1]
    kind = node.get("type")
    if kind == "array":
        item, allowed, nested = describe_type(strip_null(node["items"]), definitions)
        least = node.get("minItems", 0)
        at_least = " (at least one)" if least == 1 else f" (at least {least})" if least else ""
        return f"list{at_least} of: {item}", allowed, nested
    if kind == "string":
        return "text", (), None
    if kind == "number":
        return "number, 0 or more", (), None
    if kind == "integer":
        return "whole number", (), None
    if kind == "boolean":
        return "true or false", (), None
    return "value", (), None


# --- New record files -----------------------------------------------------------------


def find_collection(name: str) -> Collection | None:
    """'event' or 'events' -> the events collection."""
    for collection in COLLECTIONS:
        if name in (collection.name, collection.singular):
            return collection
    return None


def scaffold(collection: Collection, record_id: str) -> str:
    """A new record file: every required field to fill in, the optional ones as comments."""
    docs = {doc.name: doc for doc in model_docs(collection)}
    record = docs[collection.title]
    required = [f for f in record.fields if f.required and f.name != "id"]
    required.sort(key=lambda f: f.name == "sources")  # sources last, as in the existing files
    lines = [
        f"# yaml-language-server: $schema=../schemas/{collection.name}.schema.json",
        f"# A new {collection.singular}. Fill in every field below, then run `make check`.",
        "# Optional fields are listed at the end as comments: remove the '# ' to use one.",
        "# Every field is described on the site under About > Data reference.",
        f"id: {record_id}",
    ]
    for field in required:
        lines += field_lines(field, docs, commented=False)
    lines += ["", "# Optional:"]
    for field in record.fields:
        if not field.required:
            lines += field_lines(field, docs, commented=True)
    return "\n".join(lines) + "\n"


def field_lines(field: FieldDoc, docs: dict[str, ModelDoc], *, commented: bool, indent: str = "") -> list[str]:
    """One field as YAML lines with a comment saying what goes there."""
    note = field.kind + (f": {field.nested}" if field.nested else "")
    note += f" ({', '.join(field.allowed)})" if field.allowed else ""
    if field.description:
        note += f"; {field.description}"
    prefix = indent + ("# " if commented else "")
    lines = [f"{prefix}{field.name}:  # {note}"]
    if field.kind.startswith("list") and not field.nested:
        lines.append(f"{prefix}  - ")
    elif field.nested and not field.kind.startswith("list") and not commented:
        for inner in docs[field.nested].fields:
            lines += field_lines(inner, docs, commented=not inner.required, indent=indent + "  ")
    return lines
