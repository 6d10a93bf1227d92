"""`make stamp`: record, beside each translation, the English it was made from.

A translation's stamp (``ru_of: 1a2b3c4d``) is the short hash of the English text it
translates (``models.stamp``). When the English changes, the stamp no longer matches and
`make check` reports the translation as outdated until someone reviews it.

* ``python -m scosite stamp`` stamps every translation that has no stamp yet (a new one);
* ``python -m scosite stamp FILE…`` stamps every translation in those files, outdated ones
  included: say so only for files whose translations you have reviewed.

The YAML files are edited line by line (a ``ru_of:`` line is added after the ``ru:`` value
or its value replaced), so comments and layout stay as the editor wrote them.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..data import yamlstrict
from ..data.discover import collection_files
from ..data.models import COLLECTIONS, TRANSLATED, Collection, QuoteTranslation, stamp
from ..data.problems import Problem
from ..data.translations import walk
from ..settings import EDITION_SUFFIX


def stamp_file(path: Path, collection: Collection, reviewed: bool) -> int:
    """Stamp the translations in one record file; returns how many stamps were written."""
    raw = path.read_bytes()
    parsed = yamlstrict.parse(raw, str(path))
    if parsed.problems or not isinstance(parsed.value, dict):
        return 0
    record = collection.model.model_validate(parsed.value)
    lines = raw.decode("utf-8").split("\n")
    edits: list[tuple[int, str, bool]] = []  # (line index, text, replace the line)
    for place, value, english in walk(record, ()):
        for lang in ("en", *TRANSLATED) if isinstance(value, QuoteTranslation) else TRANSLATED:
            have, want = getattr(value, f"{lang}_of"), stamp(english)
            written = f'"{want}"' if want.isdigit() else want  # all digits would read as a number
            if not value.translation(lang) or have == want or (have and not reviewed):
                continue
            if have:
                line, col = parsed.key_positions[(*place, f"{lang}_of")]
                edits.append((line - 1, " " * (col - 1) + f"{lang}_of: {written}", True))
            else:
                line, col = parsed.key_positions[(*place, lang)]
                edits.append((value_end(lines, line - 1, col - 1), " " * (col - 1) + f"{lang}_of: {written}", False))
    for index, text, replace in sorted(edits, reverse=True):
        if replace:
            lines[index] = text
        else:
            lines.insert(index, text)
    if edits:
        path.write_text("\n".join(lines), encoding="utf-8")
    return len(edits)


def value_end(lines: list[str], key_line: int, indent: int) -> int:
    """The index of the first line after a mapping entry's value (its key at ``key_line``,
    ``indent`` spaces in): the next line that is not blank and not indented further."""
    index = key_line + 1
    while index < len(lines):
        line = lines[index]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= indent:
            break
        index += 1
    while index > key_line + 1 and not lines[index - 1].strip():  # keep blank lines after the entry
        index -= 1
    return index


def run(data_dir: Path, root: Path, files: list[Path], docs: Path | None = None) -> int:
    """Stamp the named files (every translation), or all files (new translations only): the
    records under ``data_dir``, and the translated hand-written pages under ``docs``."""
    written = 0
    chosen = {f.resolve() for f in files}
    for collection in COLLECTIONS:
        for path in collection_files(data_dir / collection.name, root, []):
            if chosen and path.resolve() not in chosen:
                continue
            written += stamp_file(path, collection, reviewed=bool(chosen))
    for path in translated_pages(docs) if docs else []:
        if chosen and path.resolve() not in chosen:
            continue
        written += stamp_page(path, reviewed=bool(chosen))
    return written


# --- Hand-written pages: ``page.ru.md`` records the English page it was made from -----------

PAGE_STAMP = re.compile(r"\A---\ntranslated_from: ([0-9a-f]{8})\n---\n\n?")


def translated_pages(docs: Path) -> list[Path]:
    """The translations of hand-written pages (``index.ru.md`` beside ``index.md``)."""
    return sorted(p for p in docs.rglob("*.md") if EDITION_SUFFIX.search(p.name)
                  and p.with_name(EDITION_SUFFIX.sub(".md", p.name)).is_file())


def page_state(path: Path) -> tuple[str, str | None]:
    """(the stamp of the English page now, the stamp the translation records, or None)."""
    english = path.with_name(EDITION_SUFFIX.sub(".md", path.name)).read_text(encoding="utf-8")
    found = PAGE_STAMP.match(path.read_text(encoding="utf-8"))
    return stamp(english), found.group(1) if found else None


def stamp_page(path: Path, reviewed: bool) -> int:
    """Record in a translated page's front matter the English page it was made from."""
    want, have = page_state(path)
    if have == want or (have and not reviewed):
        return 0
    text = PAGE_STAMP.sub("", path.read_text(encoding="utf-8"), count=1)
    path.write_text(f"---\ntranslated_from: {want}\n---\n\n{text}", encoding="utf-8")
    return 1


def page_gaps(docs: Path, root: Path) -> list[Problem]:
    """Warnings: a translated hand-written page made from an earlier version of its English
    page (or never stamped)."""
    found = []
    for path in translated_pages(docs):
        want, have = page_state(path)
        if have != want:
            english = path.with_name(EDITION_SUFFIX.sub(".md", path.name)).relative_to(root).as_posix()
            found.append(Problem(path.relative_to(root).as_posix(), 1, 1, "", f"the translation is outdated: {english} "
                                 "changed since it was made (or it was never stamped)",
                                 f"review it, then run `make stamp FILES={path.relative_to(root).as_posix()}`",
                                 warning=True))
    return found
