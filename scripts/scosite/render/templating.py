"""The template environment: Jinja2 files in ``templates/``, made safe for text from data.

``StrictUndefined`` makes a misspelt name an error. Autoescaping is on and ``finalize``
escapes every printed value for Markdown (``escape.md_inline``), so text from data is inert
unless a template asks for another context explicitly (``|attr``, ``|url``, ``|paragraphs``).
Macro output is ``Markup`` and is not escaped twice. Compiled templates are kept in
``.cache/jinja`` between runs (Jinja checks each against its source).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
import yaml
from babel.lists import format_list
from markupsafe import Markup

from ..data.i18n import fill, language
from ..data.models import PROCEEDING_KINDS, editor_order
from ..queries import display
from . import escape, robust

TEMPLATES = Path(__file__).parent / "templates"
BYTECODE = Path(__file__).resolve().parents[3] / ".cache" / "jinja"
PLAIN = (str, int, float)  # values printed as they are (exact types: Shown and Markup are str too)
MARKED = ("missing", "outdated")  # the states of a text that ``Words.marker`` marks


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


class Words:
    """How text from the data and the site's own words are printed in one edition's pages.

    Every value a template prints goes through ``finalize``: text from the data is escaped for
    Markdown (``escape.md_inline``) and shown in the edition's language (``display.text``);
    text in another language is wrapped in an element carrying its ``lang``, so screen readers
    pronounce it right; a missing or outdated translation gets a quiet marker.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.words = language(lang)
        # names in our own translation already shown on the page being rendered (the first
        # mention carries the original beside it); None outside a page
        self.mentioned: set[str] | None = None

    def _(self, message: str, **values: Any) -> Markup:
        """A message in the edition's language; values from the data are escaped as they go in."""
        return Markup(fill(self.words.catalog.gettext(message), {k: self.finalize(v) for k, v in values.items()}))

    def n_(self, singular: str, plural: str, count: float, **values: Any) -> Markup:
        """A message whose words follow a number (``%(num)s``, written as the locale writes it)."""
        translated = self.words.plural(singular, plural, count)
        filled = {"num": Markup(escape.md_inline(self.words.number(count))),
                  **{k: self.finalize(v) for k, v in values.items()}}
        return Markup(fill(translated, filled))

    # Composed phrases, punctuated as the language punctuates them (i18n.Language).
    def join(self, *parts: Any) -> Markup:
        """Parts of one phrase: "a, b" / "a，b" (empty parts are left out)."""
        return Markup(self.words._(", ")).join(self.finalize(p) for p in parts if p)

    def listing(self, items: list[Any]) -> Markup:
        """Items as a list in words, as the language lists them: "A, B and C" / "А, Б и В" / "A、B和C"."""
        escaped = [str(self.finalize(item)) for item in items]
        return Markup(format_list(escaped, locale=self.words.locale)) if escaped else Markup("")

    def sentences(self, *parts: Any) -> Markup:
        """Parts as sentences: "a. b" / "a。b"; no second full stop after one that ends a part
        already («5 апреля 2010 г.»)."""
        out = Markup("")
        for part in (self.finalize(p) for p in parts if p):
            if out:
                out += Markup(" ") if str(out).rstrip().endswith((".", "。")) else Markup(self.words._(". "))
            out += part
        return out

    def clauses(self, *parts: Any) -> Markup:
        """Clauses: "a; b" / "a；b"."""
        return Markup(self.words._("; ")).join(self.finalize(p) for p in parts if p)

    def labelled(self, label: Any, value: Any) -> Markup:
        """``label: value`` / ``label：value``."""
        return self._("%(label)s: %(value)s", label=label, value=value)

    def bracket(self, text: Any, details: Any) -> Markup:
        """``text (details)`` / ``text（details）``."""
        return self._("%(text)s (%(details)s)", text=text, details=details)

    def finalize(self, value: Any) -> Markup:
        if isinstance(value, Markup):
            return value
        if type(value) in PLAIN:  # text composed here, or a number: in the page's language, unmarked
            return escape.md_inline(value)
        if value is None:
            raise ValueError("a template printed None; guard optional fields with 'if'")
        return self.mark(display.text(value, self.lang), escape.md_inline)

    def paragraphs(self, value: Any) -> Markup:
        """Text from the data as Markdown paragraphs, each marked like ``finalize`` marks text."""
        shown = display.text(value, self.lang)
        parts = [p for p in re.split(r"\n\s*\n", str(shown).strip()) if p.strip()]
        return Markup("\n\n".join(self.mark(display.Shown(p, shown.lang, shown.state), escape.md_inline,
                                               last=i == len(parts) - 1) for i, p in enumerate(parts)))

    def mark(self, shown: Any, escaper: Any, last: bool = True) -> Markup:
        body = Markup(escaper(shown))
        if not isinstance(shown, display.Shown):
            return body
        if shown.state == "ours":
            return self.ours(shown, body, escaper)
        if shown.lang != self.lang:
            body = Markup(f'<span lang="{shown.lang}">{body}</span>')
        return body + self.marker(shown.state) if last and shown.state in MARKED else body

    def ours(self, shown: Any, body: Markup, escaper: Any) -> Markup:
        """A name in our own translation: at its first mention on a page, the name as its
        source writes it follows in brackets («Интерпол (INTERPOL)»)."""
        if self.mentioned is None or shown.original in self.mentioned:
            return body
        self.mentioned.add(shown.original)
        original = Markup(f'<span lang="{display.script_of(shown.original)}">{escaper(shown.original)}</span>')
        return self._("%(text)s (%(details)s)", text=body, details=original)

    def marker(self, state: str) -> Markup:
        """The quiet note after a text that stands in for a translation."""
        if state == "missing":
            text, title = self.words._("EN"), self.words._("not yet translated: shown in English")
        elif state == "outdated":
            text, title = self.words._("outdated"), self.words._("the English has changed since this was translated")
        else:
            return Markup("")
        return Markup(f' <span class="sco-untranslated" title="{escape.html_attr(title)}">'
                      f"{escape.md_inline(text)}</span>")

    def doubt(self, value: Any) -> Markup:
        """A short marker after a listed record or part that the sources do not state outright:
        the word ("inference", "not verified") is visible, its note a tooltip; the record's page
        (the link beside it) shows the note in full."""
        if not value:
            return Markup("")
        note = display.text(value.note, self.lang)
        return Markup(f' <span class="sco-doubt" title="{escape.html_attr(note)}">'
                      f"{escape.md_inline(display.label(value.status, self.lang))}</span>")

    def caveat(self, value: Any) -> Markup:
        """' **Not verified:** note' after a fact the dossier flags; nothing otherwise."""
        if not value:
            return Markup("")
        status = display.label(value.status, self.lang)
        return Markup(" ") + self._("**%(status)s:** %(note)s", status=status[:1].upper() + status[1:], note=value.note)


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
    """A record as an editor would write it (defaults left out, English-only text as text).
    Kept by the record's content: each edition's data reference shows the same examples, and
    the live preview renders them again on most saves."""
    return _example_yaml(record.model_dump_json(exclude_defaults=True))


@functools.lru_cache(maxsize=256)
def _example_yaml(dumped: str) -> str:
    def simplify(value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"en"}:
                return value["en"]
            return {k: simplify(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [simplify(v) for v in value]
        return value

    data = simplify(editor_order(json.loads(dumped)))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=88)


def make_environment(folder: Path = TEMPLATES, lang: str = "en") -> Environment:
    """The template environment of a template folder and an edition, made once per process:
    compiled templates are kept and recompiled only when their file changes (Jinja checks on
    each use)."""
    key = (str(folder), lang)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(folder, lang)
    return _ENVIRONMENTS[key]


_ENVIRONMENTS: dict[tuple[str, str], Environment] = {}


class Environment(jinja2.Environment):
    """The templates' environment, with the edition's words (which know the page being rendered)."""

    words: Words


def _new_environment(folder: Path, lang: str) -> Environment:
    try:
        BYTECODE.mkdir(parents=True, exist_ok=True)
        bytecode: jinja2.BytecodeCache | None = jinja2.FileSystemBytecodeCache(str(BYTECODE))
    except OSError:
        bytecode = None  # a read-only checkout compiles the templates each time
    words = Words(lang)
    env = Environment(
        loader=jinja2.FileSystemLoader(folder),
        bytecode_cache=bytecode,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        finalize=words.finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.words = words  # the renderer tells it when a page starts (Words.mentioned)
    env.globals.update(
        _=words._, n_=words.n_, lang=lang, caveat=words.caveat, doubt=words.doubt,
        join=words.join, clauses=words.clauses, sentences=words.sentences, labelled=words.labelled, bracket=words.bracket,
        md_link=lambda text, target: Markup(f"[{words.finalize(text)}]({target})"),
        ours=functools.partial(display.quote_translation, lang=lang),
        title_is_ours=functools.partial(display.title_is_ours, lang=lang),
        shown_variant=lambda record: display.shown_variant(record, lang),
        period=functools.partial(display.period, lang=lang),
        place=functools.partial(display.place, lang=lang),
        spoke_for=display.spoke_for, proceeding_kinds=PROCEEDING_KINDS,
        name_of=functools.partial(display.name, lang=lang),
        short_name_of=functools.partial(display.short_name, lang=lang),
        title_of=functools.partial(display.title, lang=lang),
        original=lambda text, language: display.Shown(text, language, "current" if language == lang else "original"),
        source_links=robust.SourceLinks(words, lang),  # a source's original link, archived copy or look-up
    )
    env.filters.update(
        attr=lambda v: escape.html_attr(display.text(v, lang)),
        url=escape.url,
        paragraphs=words.paragraphs,
        date=functools.partial(display.format_date, lang=lang),
        in_sentence=functools.partial(display.in_sentence, lang=lang),
        quantity=functools.partial(display.format_quantity, lang=lang),
        label=functools.partial(display.label, lang=lang),
        first_upper=lambda v: v[:1].upper() + v[1:],
        ident=ident,
        field_name=field_name,
        ordinal=functools.partial(display.ordinal, lang=lang),
        number=language(lang).number,
        pre=escape.html_pre,
    )
    return env
