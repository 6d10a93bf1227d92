"""A second engine: the same generated docs/ built by ProperDocs, the maintained fork of MkDocs 1.6.

The site must not rest on one engine. ProperDocs reads the same mkdocs.yml and runs the same
theme and plugins; built in strict mode it must give the same pages with the same main
content as the MkDocs build. (Zensical, which runs no hooks or third-party plugins, is
compared in a report instead: `make engines`, docs/about/engines.md.)
"""

from __future__ import annotations

import re
import subprocess

import pytest

from .support.builds import site_files

ARTICLE = re.compile(rb'<article class="md-content__inner md-typeset"[^>]*>(.*?)</article>', re.S)


def main_content(page: bytes) -> bytes:
    found = ARTICLE.search(page)
    return found.group(1) if found else b""


@pytest.fixture(scope="module")
def properdocs_site(built_site, engine, tmp_path_factory) -> dict[str, bytes]:
    """The same project built by ProperDocs: every edition, as `make build --engine properdocs`."""
    project, _ = built_site
    site = tmp_path_factory.mktemp("properdocs") / "site"
    done = engine(project, site, engine="properdocs")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return site_files(site)


def test_properdocs_builds_the_same_pages(built_site, properdocs_site):
    _, mkdocs_site = built_site
    pages = sorted(name for name in mkdocs_site if name.endswith(".html"))
    assert len(pages) > 250
    assert pages == sorted(name for name in properdocs_site if name.endswith(".html"))


def test_properdocs_pages_have_the_same_main_content(built_site, properdocs_site):
    _, mkdocs_site = built_site
    differing = [name for name in mkdocs_site if name.endswith(".html")
                 and main_content(mkdocs_site[name]) != main_content(properdocs_site[name])]
    assert differing == []
    assert all(main_content(mkdocs_site[name]) for name in mkdocs_site
               if name.endswith("index.html") and name != "tags/index.html"), "the pattern found no main content"


def test_the_build_command_runs_with_either_engine():
    """Each engine `scosite build --engine` offers is installed and starts."""
    from scosite.cli import ENGINES

    for command in ENGINES.values():
        done = subprocess.run([*command, "--version"], capture_output=True, text=True, check=False, timeout=60)
        assert done.returncode == 0 and "version" in done.stdout, done.stderr

