"""Files as the data stage reads them (standard library only): their stamps, and the pages
people write under ``docs/``, which the generator copies into each edition.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..settings import EDITION_SUFFIX

Stamp = tuple[int, int, int]  # size, mtime (ns), inode
# A file changed within this many nanoseconds may change again in the same clock tick and keep
# its stamp ("racy" stamps, as git calls them): such files are not trusted by their stamp alone.
RACY_NS = 2_000_000_000


def stamp_of(path: str | os.PathLike[str]) -> Stamp | None:
    """A file's (size, modification time, inode), or None if it is not there. (Called for every
    generated file on each run: a path as text saves making a ``Path`` for each.)"""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def handwritten_files(docs: Path) -> dict[str, bytes]:
    """Every file under ``docs`` (all written by people), by path: pages (and their
    translations, ``name.ru.md``), stylesheets and scripts. The generator copies them into each
    edition."""
    found = {}
    for folder, subfolders, files in os.walk(docs):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            try:
                found[path.relative_to(docs).as_posix()] = path.read_bytes()
            except OSError:
                continue
    return found


def edition_page(files: dict[str, bytes], path: str, lang: str) -> tuple[str, bool] | None:
    """A hand-written page as an edition shows it: its translation (``path`` with ``.ru.md``) if
    there is one, else the English; and whether it is translated."""
    if lang != "en" and (own := files.get(path.removesuffix(".md") + f".{lang}.md")) is not None:
        return own.decode("utf-8", errors="replace"), True
    english = files.get(path)
    return (english.decode("utf-8", errors="replace"), lang == "en") if english is not None else None


def handwritten_titles(docs: Path, lang: str = "en") -> tuple[str, ...]:
    """The titles of an edition's hand-written pages (front matter ``title``, else the first
    heading): the generator gives no record page the same title."""
    files = handwritten_files(docs)
    titles = []
    for path in sorted(files):
        if path.endswith(".md") and not EDITION_SUFFIX.search(path):
            page = edition_page(files, path, lang)
            if page and (title := title_of(page[0])):
                titles.append(title)
    return tuple(titles)


def title_of(text: str) -> str | None:
    meta = re.match(r"---\n(.*?)\n---\n", text, flags=re.S)
    if meta and (found := re.search(r"^title:\s*(.+)$", meta.group(1), flags=re.M)):
        return found.group(1).strip().strip("'\"")
    heading = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", text, flags=re.M)
    return heading.group(1).strip() if heading else None
