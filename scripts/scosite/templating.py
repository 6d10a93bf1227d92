"""The template environment: Jinja2 files in ``templates/``, made safe for text from data.

``StrictUndefined`` makes a misspelt name an error. Autoescaping is on and ``finalize``
escapes every printed value for Markdown (``escape.md_inline``), so text from data is inert
unless a template asks for another context explicitly (``|attr``, ``|url``, ``|paragraphs``).
Macro output is ``Markup`` and is not escaped twice. Compiled templates are kept in
``.cache/jinja`` between runs (Jinja checks each against its source).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from . import display, escape
from .models import PROCEEDING_KINDS, editor_order

TEMPLATES = Path(__file__).parent / "templates"
BYTECODE = Path(__file__).resolve().parents[2] / ".cache" / "jinja"


@dataclass
class Citations:
    """Sources cited on one page, in the order of first citation (footnote numbers)."""

    numbers: dict[str, int] = field(default_factory=dict)

    @property
    def order(self) -> list[str]:
        return list(self.numbers)

    def __call__(self, sources: list[str] | tuple[str, ...]) -> Markup:
        for source in sources:
            self.numbers.setdefault(source, len(self.numbers) + 1)
        return Markup("".join(f"[^{source}]" for source in sources))


def finalize(value: Any) -> Any:
    if isinstance(value, Markup):
        return value
    if value is None:
        raise ValueError("a template printed None; guard optional fields with 'if'")
    return escape.md_inline(value)


def doubt(value: Any) -> Markup:
    """A short marker after a listed record or part that the sources do not state outright: the
    word ("inference", "not verified") is visible, its note a tooltip; the record's page (the
    link beside it) shows the note in full."""
    if not value:
        return Markup("")
    label = value.status.replace("-", " ")
    return Markup(f' <span class="sco-doubt" title="{escape.html_attr(value.note)}">{escape.md_inline(label)}</span>')


def caveat(value: Any) -> Markup:
    """' **Not verified:** note' after a fact the dossier flags; nothing otherwise."""
    if not value:
        return Markup("")
    status = value.status.replace("-", " ").capitalize()
    return Markup(f" **{status}:** {escape.md_inline(value.note)}")


def ident(value: object) -> Markup:
    """An id (already validated) for anchors and footnote labels; refuses anything else."""
    text = str(value)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", text):
        raise ValueError(f"not an id: {text!r}")
    return Markup(text)


def field_name(value: object) -> Markup:
    """A model field name (lower-case words joined by underscores), printed as it is."""
    text = str(value)
    if not re.fullmatch(r"[a-z][a-z_]*", text):
        raise ValueError(f"not a field name: {text!r}")
    return Markup(text)


def example_yaml(record: Any) -> str:
    """A record as an editor would write it (defaults left out, English-only text as text)."""

    def simplify(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"en"}:
                return value["en"]
            return {k: simplify(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [simplify(v) for v in value]
        return value

    data = simplify(editor_order(record.model_dump(mode="json", exclude_defaults=True)))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def make_environment(folder: Path = TEMPLATES) -> jinja2.Environment:
    """The template environment of a template folder, made once per process: compiled
    templates are kept and recompiled only when their file changes (Jinja checks on each use)."""
    key = str(folder)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(folder)
    return _ENVIRONMENTS[key]


_ENVIRONMENTS: dict[str, jinja2.Environment] = {}


def _new_environment(folder: Path) -> jinja2.Environment:
    try:
        BYTECODE.mkdir(parents=True, exist_ok=True)
        bytecode: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache(str(BYTECODE))
    except OSError:
        bytecode = None  # a read-only checkout compiles the templates each time
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=bytecode,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(caveat=caveat, doubt=doubt, period=display.period, place=display.place,
                       spoke_for=display.spoke_for, proceeding_kinds=PROCEEDING_KINDS)
    env.filters.update(
        attr=escape.html_attr,
        url=escape.url,
        paragraphs=escape.md_paragraphs,
        date=display.format_date,
        quantity=display.format_quantity,
        label=lambda v: v.replace("-", " "),
        first_upper=lambda v: v[:1].upper() + v[1:],
        ident=ident,
        field_name=field_name,
        ordinal=display.ordinal,
        pre=escape.html_pre,
    )
    return env
