"""The search index of a built site: Pagefind, one index per language, loaded in pieces.

Every page under the site folder is indexed under its ``<html lang>`` (en, ru, zh) into
``pagefind/``; a reader's browser fetches only the parts of its edition's index that the
words typed need (``overrides/assets/javascripts/search.js``).

Chinese is written without spaces, so words must be found inside runs of characters.
Pagefind segments Chinese into words when it indexes (with a dictionary) and segments the
query with the browser's segmenter (ICU), and the two disagree, above all on transliterated
names: 阿利莫夫 is one word to one and two to the other, and the search finds nothing (a known
Pagefind issue, pagefind#1237). So the Chinese edition is indexed character by character
(a space beside each Han character, in a copy of the pages that Pagefind reads; the pages
themselves are unchanged), and
search.js looks for the characters of a Chinese query as an exact phrase: any run of
characters in the text is found, names and words alike. search.js takes the spaces out of
the titles and excerpts it shows.

The entry file lists the languages in no fixed order (a hash map's), so it is rewritten with
sorted keys: the same pages give byte-identical output.

    python scripts/scosite/search.py SITE_FOLDER   (a script: it needs only Pagefind)
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
# A boundary beside a Han character, inside text (not in a tag): where a space goes.
BOUNDARY = re.compile(rf"(?<=[{HAN}])(?=[{HAN}\w])|(?<=\w)(?=[{HAN}])")
EDGE = re.compile(rf"^(?=[{HAN}])|(?<=[{HAN}])$")
TAG = re.compile(r"(<[^>]*>)")
LANG = re.compile(r'<html[^>]*\blang="([^"]+)"')


def spaced(html: str) -> str:
    """The page with a space at every boundary beside a Han character in its text, and where
    such a character meets a tag (联合国 inside a link stays apart from the 与 before it)."""
    return "".join(part if part.startswith("<") else EDGE.sub(" ", BOUNDARY.sub(" ", part)) for part in TAG.split(html))


def index_site(site: Path) -> int:
    """Pagefind's indexer over a copy of the site's pages (the Chinese ones spaced), writing
    its bundle into the site."""
    with tempfile.TemporaryDirectory(prefix="search-") as temporary:
        pages = Path(temporary)
        for page in sorted(site.rglob("*.html")):
            if page.relative_to(site).parts[0] in (OUTPUT, "assets"):
                continue
            html = page.read_text(encoding="utf-8")
            found = LANG.search(html)
            if found and found.group(1).split("-")[0] == "zh":
                html = spaced(html)
            target = pages / page.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(pages), "--output-path",
                               str(site.resolve() / OUTPUT), "--quiet", "--exclude-selectors", ".headerlink",
                               "--exclude-selectors", ".footnote-backref"],
                              capture_output=True, text=True, check=False)
        if done.returncode:  # otherwise only its note that Chinese has no stemming (known: see above)
            print(done.stdout + done.stderr, file=sys.stderr)
        return done.returncode


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
        sys.exit("usage: python scripts/scosite/search.py SITE_FOLDER")
    sys.exit(build_index(Path(sys.argv[1])))
