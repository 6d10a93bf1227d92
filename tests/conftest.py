"""Shared fixtures: paths to the fixture projects and a scratch copy of them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from scosite.cli import build_commands
from scosite.fingerprint import Project
from scosite.models import TRANSLATED
from scosite.pipeline import render, texts, validate
from scosite.write import is_generated

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A writable copy of the small, valid fixture project (data/ and an empty docs/)."""
    shutil.copytree(FIXTURES / "mini" / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A writable copy of the real project (data, docs, config, scripts) without build output."""
    copy_project(tmp_path)
    return tmp_path


def copy_project(target: Path) -> None:
    """The hand-written parts of the project: what a fresh clone has (no generated pages)."""
    for name in ("data", "docs", "scripts", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=_not_in_a_clone)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def _not_in_a_clone(folder: str, names: list[str]) -> set[str]:
    skipped = {n for n in names if n in ("__pycache__", ".cache")}
    return skipped | {n for n in names if n.endswith(".md") and is_generated(Path(folder) / n)}


def settings(root: Path, **overrides: object) -> Project:
    """A project's settings for tests: a fixed site address, whatever the environment says."""
    return Project(root, **{"site_url": "https://example.org/", **overrides})  # type: ignore[arg-type]


def rendered(project: Project) -> tuple[object, dict[str, str]]:
    """A project's data and every file the generator makes from it (the one render path)."""
    data, problems = validate(project)
    assert problems == []
    rendering, problems = render(data, project)
    assert problems == []
    return data, texts(rendering)


def edition_of(path: str) -> tuple[str, str]:
    """'ru/events/x.md' -> ('ru', 'events/x.md'); an English path -> ('en', path)."""
    first, _, rest = path.partition("/")
    return (first, rest) if rest and first in TRANSLATED else ("en", path)


# The address the test builds publish to: a project site under a path, as GitHub Pages gives.
SITE_URL = "https://example.org/sco-un-record/"
REPO_URL = "https://git.example.net/owner/sco-un-record"  # the repository address the workflow passes


def mkdocs_build(project: Path, site: Path, site_url: str = SITE_URL,
                 engine: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """The project's generator, then the engine's strict build of each edition (English into
    ``site``, the others into ``site/ru`` and ``site/zh``) and the search index, as `make build`
    does, without its output checks and staging folder. Stops at the first step that fails."""
    generated = subprocess.run([sys.executable, "-m", "scosite", "generate", "--root", str(project)], cwd=project,
                               env=dict(os.environ, PYTHONPATH=str(project / "scripts"), SITE_URL=site_url,
                                        REPO_URL=REPO_URL), text=True,
                               capture_output=True, timeout=600, check=False)
    if generated.returncode:
        return generated
    # A copy has no git history, so give it the repository's last commit time as the build
    # date (as the hook does in the repository): builds on either side of midnight agree.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url, REPO_URL=REPO_URL)
    stamp = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                           check=False).stdout.strip()
    if stamp.isdigit():
        env.setdefault("SOURCE_DATE_EPOCH", stamp)
    steps = [command for _, command in build_commands(Project(project), site, engine)]
    out, err = [], []
    for command in steps:
        done = subprocess.run(command, cwd=project, env=env, text=True, capture_output=True, timeout=600, check=False)
        out.append(done.stdout)
        err.append(done.stderr)
        if done.returncode:
            break
    return subprocess.CompletedProcess(steps, done.returncode, "".join(out), "".join(err))


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """The real site, built once per test run from a fresh copy of the project."""
    project = tmp_path_factory.mktemp("project")
    copy_project(project)
    done = mkdocs_build(project, project / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return project, site_files(project / "site")


def git(root, *args, date: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path):
    """The fixture's data in a repository of its own: everything committed on 2 January 2025,
    Bob's record corrected on 3 March 2025, and Ann's record edited but not committed."""
    tmp_path = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini" / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "The record", date="2025-01-02")
    bob = tmp_path / "data" / "people" / "bob-sample.yml"
    bob.write_text(bob.read_text(encoding="utf-8").replace("Bob Sample", "Robert Sample"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "A correction", date="2025-03-03")
    ann = tmp_path / "data" / "people" / "ann-example.yml"
    ann.write_text(ann.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return tmp_path
