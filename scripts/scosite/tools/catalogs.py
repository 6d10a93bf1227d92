"""The message catalogs: every word the site itself writes, for translators (gettext, with Babel).

``python -m scosite messages`` collects the messages from the code (``_()``, ``n_()``,
``N_()``, ``NN_()``), the templates, and the site's configuration (the navigation titles,
the site's name and description, in ``mkdocs.yml``) into ``locale/messages.pot``, and brings
each language's catalog (``locale/<lang>/LC_MESSAGES/messages.po``) up to date with it:
new messages are added untranslated, messages no longer used are dropped, translations are
kept. ``--check`` changes nothing and fails if the template is out of date or a catalog has a
message without its translation, as the tests require.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from ..build import editions
from ..data.i18n import EDITIONS, KEYWORDS, LOCALE_DIR, LOCALES, catalog_path

PACKAGE = Path(__file__).resolve().parents[1]
TEMPLATE = LOCALE_DIR / "messages.pot"
HEADER = "The SCO–UN counternarcotics record: the site's own words"


def found_messages(root: Path) -> Iterator[tuple[str | tuple[str, ...], str, int]]:
    """Every message (a string, or a singular and plural pair) with where it was found."""
    for path in sorted(PACKAGE.rglob("*.py")):
        yield from _extracted(path, "python", root)
    for path in sorted((PACKAGE / "render" / "templates").glob("*.j2")):
        yield from _extracted(path, "jinja2", root)
    for message in editions.config_messages(root / "mkdocs.yml"):
        yield message, "mkdocs.yml", 0


def _extracted(path: Path, method: str, root: Path) -> Iterator[tuple[str | tuple[str, ...], str, int]]:
    location = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
    for line, message, _comments, _context in extract_from_file(method, str(path), keywords=KEYWORDS,
                                                                 options={"trimmed": "false"}):
        if isinstance(message, tuple):
            message = tuple(m for m in message if m)  # the keyword's unused argument positions
            if len(message) == 1:
                message = message[0]
        if message:
            yield message, location, line


COMMENT = ("# The site's own words (interface text) for the SCO–UN counternarcotics record.\n"
           "# Made by `make messages` (python -m scosite messages) from the code, the templates and\n"
           "# mkdocs.yml. Translate each msgstr; keep %(name)s placeholders and Markdown as they are.")


def new_catalog(locale: str | None = None) -> Catalog:
    catalog = Catalog(locale=locale, project=HEADER, version="1", copyright_holder="the SCO–UN counternarcotics record",
                      msgid_bugs_address="the project's issue tracker", last_translator="the editors",
                      language_team="the editors", charset="utf-8", fuzzy=False, header_comment=COMMENT)
    return catalog


def template_catalog(root: Path) -> Catalog:
    catalog = new_catalog()
    for message, location, line in found_messages(root):
        catalog.add(message, locations=[(location, line)])
    return catalog


def render(catalog: Catalog) -> str:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, omit_header=False, sort_output=True, include_lineno=False,
             no_location=False)
    text = buffer.getvalue().decode("utf-8")
    # The header's dates change on every run; the catalogs are compared by their messages.
    return "\n".join(line for line in text.splitlines()
                     if not line.startswith(('"POT-Creation-Date', '"PO-Revision-Date', '"Generated-By'))) + "\n"


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=LOCALES[lang] if lang else None)


def updated(lang: str, template: Catalog) -> Catalog:
    """A language's catalog brought up to date with the template, its translations kept."""
    path = catalog_path(lang)
    catalog = read(path, lang) if path.exists() else new_catalog(LOCALES[lang])
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.header_comment = COMMENT
    return catalog


def untranslated(catalog: Catalog) -> list[Any]:
    """The messages of a catalog that have no translation (or only a guessed, fuzzy one)."""
    out = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            out.append(message.id)
    return out


def run(root: Path, check: bool = False) -> list[str]:
    """Update (or, with ``check``, only verify) the template and the catalogs; returns what is
    wrong or changed, one line each."""
    template = template_catalog(root)
    lines = []

    def refresh(path: Path, text: str, against: str) -> None:
        """Write ``text`` to ``path`` if it differs (unless checking), and say so."""
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            lines.append(f"{path.relative_to(root)}: out of date with {against}")
            if not check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")

    refresh(TEMPLATE, render(template), "the code and templates")
    for lang in EDITIONS[1:]:
        path = catalog_path(lang)
        catalog = updated(lang, template)
        refresh(path, render(catalog), "the template")
        missing = untranslated(catalog)
        if missing:
            lines.append(f"{path.relative_to(root)}: {len(missing)} messages without a translation, "
                         f"e.g. {missing[0]!r}")
    return lines
