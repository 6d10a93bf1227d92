"""Every internal link and anchor in the built HTML resolves (no browser needed).

All links count, including those written as raw HTML in Markdown, stylesheets, scripts and
icons, the pages sitemap.xml lists, and links to other sites (which must be http(s) or mailto).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from scosite.build.outputcheck import ICON_DATA_URL, is_page_icon

from ..support.builds import SITE_URL
from ..support.htmlscan import Page, html_pages, scan

# Pages are resolved as the server at the built-for address would: under its path.
HOST = "http://site.invalid" + urlsplit(SITE_URL).path
LINKING = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src", "iframe": "src", "area": "href"}
OTHER_SITES = ("http", "https", "mailto")


def target_file(site: Path, path: str) -> Path | None:
    """The file the server sends for ``path``: a file, or a folder's index.html."""
    mount = urlsplit(HOST).path
    if not path.startswith(mount):
        return None
    file = site / unquote(path[len(mount):]).lstrip("/")
    if path.endswith("/"):
        file = file / "index.html"
    return file if file.is_file() else None


def broken_links(site: Path) -> list[str]:
    pages = html_pages(site)
    scanned: dict[Path, Page] = {}

    def page_of(file: Path) -> Page:
        if file not in scanned:
            scanned[file] = scan(file)
        return scanned[file]

    problems = []
    for path, file in pages.items():
        page_url = urljoin(HOST, path)
        for element in page_of(file).elements:
            attribute = LINKING.get(element.tag)
            value = element.attrs.get(attribute) if attribute else None
            if value is None or (is_page_icon(element.tag, element.attrs) and value.startswith(ICON_DATA_URL)):
                continue  # the page's icon is written into the page (see scosite.build.outputcheck)
            url = urljoin(page_url, value.strip())
            parts = urlsplit(url)
            if not url.startswith(HOST):
                if parts.scheme not in OTHER_SITES:
                    problems.append(f"/{path}: <{element.tag} {attribute}={value!r}>: not a link to a web page")
                continue
            target = target_file(site, parts.path)
            if target is None:
                problems.append(f"/{path}: <{element.tag} {attribute}={value!r}>: no such file")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in page_of(target).ids:
                problems.append(f"/{path}: <{element.tag} {attribute}={value!r}>: no element with id {parts.fragment!r}")
    return problems


def test_every_internal_link_and_anchor_resolves(site_dir):
    assert len(html_pages(site_dir)) > 10
    assert broken_links(site_dir) == []


def test_every_page_in_the_sitemap_exists(site_dir):
    locations = [e.text or "" for e in ET.parse(site_dir / "sitemap.xml").iter() if e.tag.endswith("loc")]
    assert locations
    assert [loc for loc in locations if not loc.startswith(SITE_URL) or target_file(site_dir, urlsplit(loc).path) is None] == []


def test_the_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing page, a missing anchor and a javascript: link are reported."""
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<link rel="icon" href="data:image/svg+xml,%3Csvg%3E">'
        '<p id="here"><a href="a/">ok</a> <a href="#here">ok</a> <a href="a/#there">ok</a> <a href="b/">gone</a>'
        ' <a href="a/#nowhere">no anchor</a> <a href="javascript:alert(1)">js</a> <a href="https://x.org/">out</a></p>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="there">A</h1>')
    assert broken_links(tmp_path) == [
        "/: <a href='b/'>: no such file",
        "/: <a href='a/#nowhere'>: no element with id 'nowhere'",
        "/: <a href='javascript:alert(1)'>: not a link to a web page",
    ]
