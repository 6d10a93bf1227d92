"""Shared fixtures: paths to the fixture projects and a scratch copy of them."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

import pytest
from filelock import FileLock

from bench.project import copy_project
from bench.project import not_in_a_clone as _not_in_a_clone
from scosite.build.generator import render, texts, tree_path, validate
from scosite.build.steps import run_build_steps
from scosite.data.models import TRANSLATED
from scosite.settings import Project

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


# copy_project (the hand-written parts of the project, as a fresh clone has them) and
# _not_in_a_clone are the benchmark's own (bench.project): the tests import them from here.


def generated(project: Path, published: str = "") -> Path:
    """The file the generator wrote in ``project`` for what is published at ``published``
    (``people/x.md``: in the English edition's tree; ``ru/people/x.md``: the Russian's); with
    no ``published``, the folder of the editions' trees."""
    return Project(project).editions / tree_path(published) if published else Project(project).editions


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


@pytest.fixture(scope="session")
def real_rendering() -> tuple[object, Mapping[str, str]]:
    """``rendered(settings(ROOT))``: the real project's data and every file made from it, once
    per test process (many modules read it). Read it; the files cannot be changed."""
    data, files = rendered(settings(ROOT))
    return data, MappingProxyType(files)


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
    ``site``, the others into ``site/ru`` and ``site/zh``, in parallel) and the search index, as
    `make build` does, without its output checks and staging folder."""
    generated = subprocess.run([sys.executable, "-m", "scosite", "generate", "--root", str(project)], cwd=project,
                               env=dict(os.environ, PYTHONPATH=str(project / "scripts"), SITE_URL=site_url,
                                        REPO_URL=REPO_URL), text=True,
                               capture_output=True, timeout=600, check=False)
    if generated.returncode:
        return generated
    # A copy has no git history, so give it the repository's last commit time as the build
    # date (as the hook does in the repository): builds on either side of midnight agree.
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=site_url, REPO_URL=REPO_URL)
    if stamp := last_commit_time():
        env.setdefault("SOURCE_DATE_EPOCH", stamp)
    steps = run_build_steps(Project(project), site, engine, env, timeout=600)  # as `make build` runs them
    return subprocess.CompletedProcess([s.command for s in steps], next((s.returncode for s in steps if s.returncode), 0),
                                       "".join(s.stdout for s in steps), "".join(s.stderr for s in steps))


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


# --- Builds shared by every test, every pytest-xdist worker and every run with the same inputs --

BUILD_CACHE = ROOT / ".cache" / "test-builds"
# What a build is made from, besides the project's own files: the tests' build steps and the
# data seeding, and the versions of everything installed.
BUILD_INPUTS = ("data", "docs", "scripts", "overrides", "mkdocs.yml", "tests/conftest.py", "tests/seeding.py")


def inputs_key(label: str) -> str:
    """The key of a test build: its label and the digest of what every build is made from."""
    return hashlib.sha256(label.encode() + inputs_digest()).hexdigest()[:20]


# When the test session started: pytest-xdist gives its main process's time to each worker.
SESSION_START = "scosite_session_start"
_session_start = time.time()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    node.workerinput[SESSION_START] = _session_start


def pytest_configure(config: pytest.Config) -> None:
    global _session_start
    _session_start = getattr(config, "workerinput", {}).get(SESSION_START, _session_start)
    if not hasattr(config, "workerinput") and not config.option.basetemp and TEMPROOT not in os.environ:
        memory = scratch_in_memory()
        if memory:
            os.environ[TEMPROOT] = memory


# The tests' scratch folders (``tmp_path``) go to memory where the system offers it with room to
# spare: a run makes and deletes tens of thousands of small files (copies of the project, the
# pages generated into them), and on a disk-backed /tmp, after many deletions, each new file cost
# the file system a search for a free inode (`make test-fast` spent 13-18 s in the system, 5 s now).
# A root set by hand (PYTEST_DEBUG_TEMPROOT, or --basetemp) is kept; the pytest-xdist workers get
# their folders from the main process. A run keeps a test's folder only if the test failed, and
# the last run's alone (pyproject.toml: ``tmp_path_retention_*``), so the memory is given back.
TEMPROOT = "PYTEST_DEBUG_TEMPROOT"
MEMORY = Path("/dev/shm")
ROOM = 2 * 2**30  # bytes free: a whole `make test` held 250 MB there at its peak


def scratch_in_memory(folder: Path = MEMORY, room: int = ROOM) -> str | None:
    """``folder`` (Linux's file system in memory, by default) if it is a writable folder with
    ``room`` bytes free, else None."""
    try:
        in_memory = folder.is_dir() and os.access(folder, os.W_OK) and shutil.disk_usage(folder).free >= room
    except OSError:
        return None
    return str(folder) if in_memory else None


def from_an_earlier_session(path: Path) -> bool:
    """A test build (or its lock) made before this session started. Each worker reads the inputs
    when it first builds: a file edited while the tests run gives two workers different keys,
    and neither may delete the build the other is using."""
    marker = path / "built" if path.is_dir() else path
    try:
        return (marker if marker.exists() else path).stat().st_mtime < _session_start
    except OSError:
        return False


@functools.cache
def inputs_digest() -> bytes:
    """A digest of everything a test build is made from: the files a fresh clone copies, the
    installed distributions, the site address and the last commit's time (the build date).
    Read once a session."""
    digest = hashlib.sha256(f"{SITE_URL}\n{REPO_URL}\n{last_commit_time()}\n".encode())
    for name in BUILD_INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if not _not_in_a_clone(str(file.parent), [file.name]) and "__pycache__" not in file.parts:
                digest.update(f"{file.relative_to(ROOT).as_posix()}\n".encode())
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(installed).encode())
    return digest.digest()


def last_commit_time() -> str:
    stamp = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                           check=False).stdout.strip()
    return stamp if stamp.isdigit() else ""


def shared_build(label: str, prepare: Callable[[Path], None] = lambda project: None) -> Path:
    """The project copied, ``prepare``d and built (generator and engine) once for its inputs:
    the first test or worker to ask builds it under .cache/test-builds/ while the others wait
    for the lock; later runs with the same inputs reuse it. Returns the project folder (the
    site is its site/). A failed build is not kept."""
    folder = BUILD_CACHE / f"{label}-{inputs_key(label)}"
    BUILD_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock", timeout=1800):
        if not (folder / "built").is_file():
            remove_other_builds(folder)
            project = folder / "project"
            copy_project(project)
            prepare(project)
            done = mkdocs_build(project, project / "site")
            assert done.returncode == 0, done.stdout + done.stderr
            (folder / "build.log").write_text(done.stderr, encoding="utf-8")
            (folder / "built").touch()
    return folder / "project"


def remove_other_builds(folder: Path) -> None:
    """Before ``folder`` is built: an unfinished build in it, and the builds of other inputs that
    earlier sessions left (with their locks)."""
    label = folder.name.rsplit("-", 1)[0]
    for old in folder.parent.glob(f"{label}-*"):
        if old.name.split(".", 1)[0].rsplit("-", 1)[0] != label:
            continue  # another label's (``real-seeded-…`` for ``real``)
        if old == folder or (old.name != f"{folder.name}.lock" and from_an_earlier_session(old)):
            if old.is_dir():
                shutil.rmtree(old)
            else:
                old.unlink(missing_ok=True)


# --- Marks, from what a test needs --------------------------------------------------------

# A test that builds with the engine asks for the ``engine`` fixture (directly, or through a
# fixture such as ``built_site``); one that drives Chromium asks for ``browser``. Marks follow.
MARKS_BY_FIXTURE = {"engine": "engine", "browser": "browser"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for fixture, mark in MARKS_BY_FIXTURE.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(mark)


@pytest.fixture(scope="session")
def engine() -> Callable[..., subprocess.CompletedProcess[str]]:
    """The engine's build (MkDocs; ``engine="properdocs"`` for the other), as `make build` runs
    it: ``engine(project, site)``. A test that builds another way (`scosite build`) asks for
    this fixture too, so it is marked ``engine``."""
    return mkdocs_build


@pytest.fixture(scope="session")
def built_site(engine) -> tuple[Path, dict[str, bytes]]:
    """The real site, built from a fresh copy of the project (once for its inputs: see
    ``shared_build``). Read it; do not change it."""
    project = shared_build("real")
    log = (project.parent / "build.log").read_text(encoding="utf-8")
    assert "WARNING" not in log, log
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
