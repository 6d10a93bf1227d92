"""Shared fixtures and the hooks: the fixture projects and scratch copies of them, the real site
built once, and the marks. The helpers these use, and the tests too, are in tests/support/."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

from .support import builds
from .support.builds import mkdocs_build, shared_build, site_files
from .support.generator import rendered, settings
from .support.incremental import make_part
from .support.project import FIXTURES, ROOT, TEMPROOT, copy_project, git, scratch_in_memory


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


@pytest.fixture(scope="session")
def real_rendering() -> tuple[object, Mapping[str, str]]:
    """``rendered(settings(ROOT))``: the real project's data and every file made from it, once
    per test process (many modules read it). Read it; the files cannot be changed."""
    data, files = rendered(settings(ROOT))
    return data, MappingProxyType(files)


@pytest.fixture(scope="module")
def part(tmp_path_factory) -> Path:
    """A copy of the project whose data is the part of the real data the incremental
    generator's edits need (tests/support/incremental.py), not yet generated, made again in
    each module that asks (test_incremental.py, test_incremental_runs.py). Copy it; do not
    change it."""
    return make_part(tmp_path_factory.mktemp("scratch"), tmp_path_factory.mktemp("part") / "project")


# --- The session's start and its scratch folders -------------------------------------------

# When the test session started (the shared builds' rule: tests/support/builds.py): pytest-xdist
# gives its main process's time to each worker.
SESSION_START = "scosite_session_start"


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    node.workerinput[SESSION_START] = builds.session_start


def pytest_configure(config: pytest.Config) -> None:
    builds.session_start = getattr(config, "workerinput", {}).get(SESSION_START, builds.session_start)
    # The scratch folders in memory where there is room (tests/support/project.py: scratch_in_memory).
    if not hasattr(config, "workerinput") and not config.option.basetemp and TEMPROOT not in os.environ:
        memory = scratch_in_memory()
        if memory:
            os.environ[TEMPROOT] = memory


# --- Marks, from what a test needs --------------------------------------------------------

# A test that builds with the engine asks for the ``engine`` fixture (directly, or through a
# fixture that builds with it, such as ``built_site``); one that drives Chromium asks for
# ``browser``. Marks follow. A test that runs the engine another way (`scosite build`, `mkdocs
# serve`) is marked ``@pytest.mark.engine`` itself (or its module, with ``pytestmark``).
MARKS_BY_FIXTURE = {"engine": "engine", "browser": "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, mark in MARKS_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(mark)


@pytest.fixture(scope="session")
def engine() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The engine's build (MkDocs; ``engine="properdocs"`` for the other), as `make build` runs
    it: ``engine(project, site)``."""
    return mkdocs_build


@pytest.fixture(scope="session")
def built_site(engine) -> tuple[Path, dict[str, bytes]]:
    """The real site, built by ``engine`` from a fresh copy of the project (once for its inputs:
    see tests/support/builds.py). Read it; do not change it."""
    project = shared_build("real", engine)
    log = (project.parent / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log
    return project, site_files(project / "site")


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
