"""The search index of a built edition: Pagefind, loaded in pieces.

Each edition's pages are indexed under their ``<html lang>`` (en, ru, zh) into the edition's
own ``pagefind/`` folder (``/pagefind/``, ``/ru/pagefind/``, ``/zh/pagefind/``; built as soon as
the edition is, beside the others, each with a third of the memory one index of the whole
site takes); a reader's browser fetches only the parts of that index that the words typed
need (``overrides/assets/javascripts/search.js``).

Chinese is written without spaces, so words must be found inside runs of characters.
Pagefind segments Chinese into words when it indexes (with a dictionary) and segments the
query with the browser's segmenter (ICU), and the two disagree, above all on transliterated
names: 阿利莫夫 is one word to one and two to the other, and the search finds nothing (a known
Pagefind issue, pagefind#1237). So the Chinese edition is indexed character by character
(a space beside each Han character, in a copy of the pages that Pagefind reads, which holds
only the part of each page that it indexes; the pages themselves are unchanged), and
search.js looks for the characters of a Chinese query as an exact phrase: any run of
characters in the text is found, names and words alike. search.js takes the spaces out of
the titles and excerpts it shows.

The entry file lists the languages in no fixed order (a hash map's), so it is rewritten with
sorted keys: the same pages give byte-identical output.

    python scripts/scosite/search.py EDITION_FOLDER   (a script: it needs only Pagefind)
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

OUTPUT = "pagefind"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Spaced as a Han character is: the middle dot of a transliterated name (拉希德·阿利莫夫).
# Joined to 德 and 阿, it would make them one other word; search.js looks for the parts of a
# name on either side of the dot each as a phrase.
SPACED = HAN + "\u00b7\u30fb"
# A boundary beside a Han character, inside text (not in a tag): where a space goes.
BOUNDARY = re.compile(rf"(?<=[{SPACED}])(?=[{SPACED}\w])|(?<=\w)(?=[{SPACED}])")
EDGE = re.compile(rf"^(?=[{SPACED}])|(?<=[{SPACED}])$")
TAG = re.compile(r"(<[^>]*>)")
HAN_CHARACTER = re.compile(f"[{HAN}]")
LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')
OPENING = re.compile(r"<html\b[^>]*>")
TITLE = re.compile(r"<title>.*?</title>", re.S)
INDEXED = re.compile(r"<article\b[^>]*\bdata-pagefind-body\b[^>]*>.*</article>", re.S)


def spaced(html: str) -> str:
    """The page with a space at every boundary beside a Han character in its text, and where
    such a character meets a tag (联合国 inside a link stays apart from the 与 before it)."""
    return "".join(EDGE.sub(" ", BOUNDARY.sub(" ", part)) if not part.startswith("<") and HAN_CHARACTER.search(part)
                   else part for part in TAG.split(html))  # (most text has no Han character: not looked at twice)


def indexed_part(html: str) -> str:
    """A page as Pagefind reads it: its ``<html lang>``, its ``<title>`` and the part marked
    ``data-pagefind-body`` (which holds the ``<h1>`` that Pagefind takes for the title). The
    header, navigation and footer around it, which Pagefind would parse only to skip, are
    left out of the copy it reads; a page without the mark is kept whole."""
    body, opening = INDEXED.search(html), OPENING.search(html)
    if not body or not opening:
        return html
    title = TITLE.search(html)
    return (f'<!doctype html>{opening.group()}<head><meta charset="utf-8">{title.group() if title else ""}</head>'
            f"<body>{body.group()}</body></html>")


def language(html: str) -> str:
    """The page's ``<html lang>`` (its primary part)."""
    found = LANG.search(html)
    return found.group(1).split("-")[0] if found else ""


def language_of(page: Path) -> str:
    with page.open(encoding="utf-8", errors="replace") as text:
        return language(text.read(4096))  # the <html> tag opens the page


# Left out of the index: the heading anchors' "¶" and the footnotes' "↩", and the two lines
# every record page ends with about itself: when it last changed and how to cite it (its
# title again, the site's name and its address). Indexed, they put the same words on
# thousands of pages: more to download per search, matches that are not the page's subject,
# and about a fifth of Pagefind's memory at 10,000 records. The list of sources stays: a
# source's headline is often where a name appears in another form (a Russian genitive). The
# charts' drawings (each drawn twice, wide and narrow) and the lines under them are left out
# too: the table beside each chart holds the same facts, once.
EXCLUDED = (".headerlink", ".footnote-backref", ".sco-record-meta", ".sco-cite", ".sco-chart", ".sco-chart-notes")


def pagefind(site: Path, output: Path) -> int:
    excluded = [arg for selector in EXCLUDED for arg in ("--exclude-selectors", selector)]
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(output),
                           "--quiet", *excluded], capture_output=True, text=True, check=False)
    if done.returncode:  # otherwise only its note that Chinese has no stemming (known: see above)
        print(done.stdout + done.stderr, file=sys.stderr)
    return done.returncode


def index_site(site: Path) -> int:
    """Pagefind's indexer over the pages, writing its bundle into ``site/pagefind/``: over the
    folder itself, or, where Chinese pages are, over a copy with those pages spaced."""
    pages = [p for p in sorted(site.rglob("*.html")) if p.relative_to(site).parts[0] not in (OUTPUT, "assets")]
    if not any(language_of(page) == "zh" for page in pages):
        return pagefind(site, site.resolve() / OUTPUT)
    with tempfile.TemporaryDirectory(prefix="search-") as temporary:
        copy = Path(temporary)
        for page in pages:
            html = page.read_text(encoding="utf-8")
            if language(html) == "zh":
                html = spaced(indexed_part(html))
            target = copy / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        return pagefind(copy, site.resolve() / OUTPUT)


def build_index(site: Path) -> int:
    status = index_site(site)
    if status:
        print(f"{site}: the search index could not be built", file=sys.stderr)
        return status
    entry = site / OUTPUT / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/scosite/search.py EDITION_FOLDER")
    sys.exit(build_index(Path(sys.argv[1])))
