"""Error messages: pydantic's validation errors as plain-language problems at a line and column.

The path of an error is mapped back to the YAML (without pydantic's union-branch names);
the message and hint come from the error's type, and a rule of our own (``models.rule``)
carries its message and hint in the error's context.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

from . import yamlstrict
from .fields import DAY_PATTERN
from .models import ID_PATTERN, STAMP_PATTERN, Strict
from .problems import Problem


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
        if "ru_of" in allowed and re.fullmatch(r"[a-z]{2,3}(?:[-_][A-Za-z]+)?", str(loc[-1])):
            # a text with its translations: the unknown key is most likely a language
            return Problem(name, line, col, yamlstrict.dotted(loc), f"'{loc[-1]}' is not a language of the site",
                           "the languages are en (the English, required), ru and zh")
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
    """The message and hint for an error, by its type (a rule of our own brings its own)."""
    ctx = error.get("ctx") or {}
    if "hint" in ctx:
        return str(ctx["message"]), str(ctx["hint"])
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
        if pattern == STAMP_PATTERN:
            return (f"{value!r} is not a stamp",
                    "a stamp is 8 characters (0-9, a-f) that `make stamp` writes; remove the line and run `make stamp`")
        if pattern == DAY_PATTERN:
            return f"{value!r} is not a whole date", "write the day as YYYY-MM-DD, e.g. 2025-06-02"
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
    return error["msg"], ""


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
