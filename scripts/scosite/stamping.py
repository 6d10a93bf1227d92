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

from pathlib import Path

from . import yamlstrict
from .discover import collection_files
from .models import COLLECTIONS, TRANSLATED, Collection, QuoteTranslation, stamp
from .translations import walk


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


def run(data_dir: Path, root: Path, files: list[Path]) -> int:
    """Stamp the named files (every translation), or all files (new translations only)."""
    written = 0
    chosen = {f.resolve() for f in files}
    for collection in COLLECTIONS:
        for path in collection_files(data_dir / collection.name, root, []):
            if chosen and path.resolve() not in chosen:
                continue
            written += stamp_file(path, collection, reviewed=bool(chosen))
    return written
