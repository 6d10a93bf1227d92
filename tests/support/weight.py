"""Page weight: what a reader's browser fetches for a page, counted from the built files
(tests/test_budget.py's budget, and the benchmark's page weight: scripts/bench/weight.py), and
a default Material for MkDocs site to compare with. Deterministic: no browser, no network."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

from .htmlscan import scan_text

REAL_EVENT = "events/2017-cnd60-high-level-event"
FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot))(?:[?#][^'\")]*)?['\"]?\s*\)")


@dataclass
class Weight:
    bytes: int
    requests: int
    other_hosts: list[str]


def page_weight(site: Path, page: str) -> Weight:
    """Bytes and requests of ``page`` (e.g. ``index.html``) with every same-site file it loads:
    CSS, JS, icons, images, and the fonts that its CSS references. Files on other hosts are
    listed in ``other_hosts`` (their size cannot be known offline)."""
    base = f"https://site.invalid/{page}"
    queue, seen, other, total = [base], set(), [], 0
    while queue:
        url = queue.pop()
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.netloc != "site.invalid":
            other.append(url)
            continue
        body = (site / parts.path.lstrip("/")).read_bytes()
        total += len(body)
        queue += [urljoin(url, found) for found in linked_urls(parts.path, body)]
    return Weight(total, len(seen) - len(other), sorted(other))


def linked_urls(path: str, body: bytes) -> list[str]:
    if path.endswith(".html"):
        return scan_text(body.decode("utf-8")).fetched_urls()
    if path.endswith(".css"):
        return FONT_URL.findall(body.decode("utf-8"))
    return []


def default_material_site(docs: dict[str, str], target: Path, markdown_extensions: list[Any]) -> Path:
    """Build a default Material site holding ``docs`` ({path: Markdown}); return its site folder."""
    for path, text in docs.items():
        (target / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / path).write_text(text, encoding="utf-8")
    config = {"site_name": "Default Material", "theme": {"name": "material"}, "markdown_extensions": markdown_extensions}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target / "site")], cwd=target,
                   env=dict(os.environ, NO_MKDOCS_2_WARNING="1"), check=True, capture_output=True)
    return target / "site"


class ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml``; MkDocs' own tags (``!ENV``, ``!!python/name:``) read as null."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def markdown_extensions(project: Path) -> list[Any]:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)["markdown_extensions"]
