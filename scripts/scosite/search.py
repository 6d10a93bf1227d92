"""The search index of a built site: Pagefind, then its entry file in a stable order.

Pagefind indexes every page under the site folder, one index per language (by each page's
``<html lang>``), into ``pagefind/``, loaded in pieces when a reader searches. Its entry
file lists the languages in no fixed order (a hash map's), so it is rewritten with sorted
keys: the same pages give byte-identical output.

    python scripts/scosite/search.py SITE_FOLDER   (a script: it needs nothing but Python)
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

OUTPUT = "pagefind"


def build_index(site: Path) -> int:
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", OUTPUT, "--quiet",
                           "--exclude-selectors", ".headerlink"], check=False)
    if done.returncode:
        return done.returncode
    entry = site / OUTPUT / "pagefind-entry.json"
    entry.write_text(json.dumps(json.loads(entry.read_text(encoding="utf-8")), sort_keys=True, ensure_ascii=False,
                                separators=(",", ":")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/scosite/search.py SITE_FOLDER")
    sys.exit(build_index(Path(sys.argv[1])))
