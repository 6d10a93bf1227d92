"""Where the generated pages live, and how one page's address is written from another's.

Paths are relative to an edition's ``docs/`` tree (``events/x.md``); a link in Markdown is
the relative path (the engine turns it into the served address), a link in HTML is the
served address itself (``page_address``), which the engine does not rewrite.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable

from markupsafe import Markup


def group_path(collection: str, slug: str) -> str:
    return f"{collection}/index/{slug}.md"


def citation_files(collection: str, record_id: str) -> tuple[str, str]:
    """A record's BibTeX and RIS files, in its edition's tree."""
    return f"cite/{collection}/{record_id}.bib", f"cite/{collection}/{record_id}.ris"


def linker(here: str) -> Callable[..., Markup]:
    """``link(target)``: the relative address of another generated page from this one (what
    ``posixpath.relpath`` gives, without its cost: this runs for every link of every page)."""
    folders = here.split("/")[:-1]
    prefix = "/".join(folders) + "/" if folders else ""

    def link(target: str, anchor: str = "") -> Markup:
        if target.startswith(prefix):
            relative = target[len(prefix):]
        else:
            parts, common = target.split("/"), 0
            while common < len(folders) and common < len(parts) - 1 and folders[common] == parts[common]:
                common += 1
            relative = "../" * (len(folders) - common) + "/".join(parts[common:])
        return Markup(relative + (f"#{anchor}" if anchor else ""))

    return link


def page_address(path: str, directory_urls: bool) -> str:
    """Where a page is served, relative to the site: 'events/x.md' -> 'events/x/' (or
    'events/x.html' in the offline copy); 'index.md' -> '' (or 'index.html')."""
    stem = path.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def html_href(here: str, target: str, directory_urls: bool) -> str:
    """A link written in HTML (a chart's mark), which the engine does not rewrite: the served
    address of ``target`` relative to the served address of ``here``."""
    origin, goal = page_address(here, directory_urls), page_address(target, directory_urls)
    folder = origin.rstrip("/") if directory_urls else posixpath.dirname(origin)
    relative = posixpath.relpath(goal or ".", folder or ".")
    return relative + "/" if goal.endswith("/") or (directory_urls and not goal) else relative
