"""`make check` passing means `make build` passes.

Property: random text in every free-text field of every record either fails the data check
with problems located at a YAML file's line and column, or the site builds (MkDocs strict and
the output checks) and each text appears literally in the main content of its record's own
page (compared after collapsing whitespace). Nothing about the data may first surface as a
failed build, where the messages name HTML files an editor cannot act on.
"""

from __future__ import annotations

import html
import os
import shutil
import string
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from scosite.build.generator import Project, validate
from scosite.data import models, yamlstrict

from .support.htmlscan import scan
from .support.project import FIXTURES, ROOT, copy_project
from .support.seeding import is_line, max_length, seed_record

# Characters and pieces of syntax an editor (or a paste from a web page or a PDF) may bring.
CHARACTERS = [*string.printable,
    "\u00a0", "\u2028", "\u2029", "\u3000", "\u200b", "\u200e", "\u202e", "\ufeff", "\u0301", "é", "Ж", "中", "😀",
    "\x00", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\ufffe", "\U0010ffff",
]
SYNTAX = [
    "{{", "}}", "{%", "%}", "{:", "{ #x }", "--8<--", "[^1]", "[^s01]", "<!--", "-->", "<script>", "</p>", "&#123;",
    "&amp;", "&", "| a |", "**", "`", "\\", ":smile:", "[x](y)", "*[HTML]: x", "# ", "1. ", "- ", "> ", "    ",
    "\n\n", "---", "!!! note", "$$", "~~~", "==", "^^", "<br>", "<", ">",
]
pieces = st.one_of(st.sampled_from(CHARACTERS), st.sampled_from(SYNTAX))
texts = st.lists(pieces, min_size=1, max_size=24).map("".join)

# Where each collection's records are shown in full, relative to the built site.
OWN_PAGE = {
    "events": "events/{id}/index.html", "people": "people/{id}/index.html",
    "organisations": "organisations/{id}/index.html", "countries": "countries/{id}/index.html",
    "documents": "documents/{id}/index.html", "sources": "sources/{id}/index.html",
    "metrics": "figures/{id}/index.html", "quotes": "quotes/index.html", "milestones": "timeline/index.html",
}
# Fields that are not shown to readers by design.
NOT_SHOWN = {("people", "sort_name")}


def own_page(collection: str, record: dict[str, Any]) -> str:
    if collection == "figures":
        return f"figures/{record['metric']}/index.html"
    return OWN_PAGE[collection].format(id=record["id"])


def fitted(text: str, metadata: list[Any], tidy: bool) -> str:
    """The random text cut to the field's length; with ``tidy``, also shaped as an editor
    who follows the field's rules would write it (one line, no control characters)."""
    if tidy:
        text = "".join(c for c in text if c.isprintable() or c in "\n\t")
        if is_line(metadata):
            text = " ".join(text.split())
        text = text.strip() or "x"
    return text[: max_length(metadata)]


def main_text(page: Path) -> str:
    """The text of a page's main content (the article), references decoded."""
    return collapse("".join(text for element, text in scan(page).texts if element and any(
        e.tag == "article" and "md-content__inner" in e.attrs.get("class", "") for e in element.lineage())))


def collapse(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """The real project's code and hand-written pages with the small fixture's data."""
    root = tmp_path_factory.mktemp("predicts")
    copy_project(root)
    shutil.rmtree(root / "data")
    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    shutil.copytree(ROOT / "data" / "schemas", root / "data" / "schemas")
    return root


def seed(project: Path, text: str, tidy: bool) -> dict[tuple[str, str], tuple[str, list[str]]]:
    """Put ``text`` in every free-text field of every record; returns, per record, its own page
    and the texts it now holds."""
    shown: dict[tuple[str, str], tuple[str, list[str]]] = {}
    for collection in models.COLLECTIONS:
        for file in sorted((FIXTURES / "mini" / "data" / collection.name).glob("*.yml")):
            record = yamlstrict.parse(file.read_bytes(), str(file)).value
            written: list[str] = []

            def rewrite(original: str, metadata: list[Any], field: list[str] = written) -> str:
                value = fitted(text, metadata, tidy)
                field.append(value)
                return value

            seeded = seed_record(collection.model, {k: v for k, v in record.items()
                                                    if (collection.name, k) not in NOT_SHOWN}, rewrite)
            seeded.update({k: v for k, v in record.items() if (collection.name, k) in NOT_SHOWN})
            target = project / "data" / collection.name / file.name
            target.write_text(yaml.safe_dump(seeded, allow_unicode=True, sort_keys=False, width=10_000),
                              encoding="utf-8")
            shown[(collection.name, record["id"])] = (own_page(collection.name, record), written)
    return shown


def build(project: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(project / "scripts"), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "scosite", "build", "--root", str(project)], cwd=project, env=env,
                          text=True, capture_output=True, timeout=600, check=False)


@pytest.mark.engine  # each example that passes the check is built (`scosite build`)
@settings(max_examples=int(os.environ.get("SCOSITE_PREDICT_EXAMPLES", "12")), deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(text=texts, tidy=st.booleans())
def test_random_text_either_fails_the_check_at_a_yaml_line_or_builds_and_shows_literally(project, text, tidy):
    shown = seed(project, text, tidy)
    _, problems = validate(Project(project))
    if problems:
        event(f"check failed: {problems[0].message[:50]}")
        for problem in problems:
            assert problem.path.startswith("data/") and problem.path.endswith(".yml") and problem.line > 0, \
                problem.format()
        return
    event("built")
    done = build(project)
    assert done.returncode == 0, f"make check passed but make build failed for {text!r}:\n{done.stderr[-3000:]}"
    for (collection, record_id), (page, values) in shown.items():
        content = main_text(project / "site" / page)
        for value in values:
            assert collapse(value) in content, f"{collection}/{record_id}: {value!r} not shown on {page}"


def test_the_literal_check_sees_escaped_text(tmp_path):
    """The comparison decodes references, as a reader's browser does."""
    page = tmp_path / "p.html"
    page.write_text('<article class="md-content__inner md-typeset"><p>a &#123;&#123; b<br>&lt;c&gt;</p></article>'
                    "<footer>d</footer>", encoding="utf-8")
    assert main_text(page) == html.unescape("a {{ b<c>")
