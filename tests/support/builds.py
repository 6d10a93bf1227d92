"""The site built as `make build` builds it, and the builds the tests share.

A shared build (``shared_build``) is made once for its inputs and kept under .cache/test-builds/:

* its key is its label and a digest of everything a build is made from (``BUILD_INPUTS`` as a
  fresh clone has them, the installed distributions, the site address, the last commit's time);
* the first test or pytest-xdist worker to ask builds it, holding the build's lock; the others
  wait for the lock, then find the ``built`` marker and use the build; later runs with the same
  inputs reuse it; a failed build leaves no marker, so it is not used;
* before building, an unfinished build of the same key, and the builds of the same label that
  an earlier session left, are removed: never one this session made, since each worker reads
  the inputs when it first builds, and a file edited while the tests run gives two workers two
  keys (and the other worker may be serving its build). "This session" starts when the main
  process starts (``session_start``, which tests/conftest.py gives each worker).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from filelock import FileLock

from scosite.build.steps import run_build_steps
from scosite.settings import Project

from .project import ROOT, copy_project, not_in_a_clone

# The address the test builds publish to: a project site under a path, as GitHub Pages gives.
SITE_URL = "https://example.org/sco-un-record/"
REPO_URL = "https://git.example.net/owner/sco-un-record"  # the repository address the workflow passes

Build = Callable[..., subprocess.CompletedProcess[str]]


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


def last_commit_time() -> str:
    stamp = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"], capture_output=True, text=True,
                           check=False).stdout.strip()
    return stamp if stamp.isdigit() else ""


# --- Builds shared by every test, every pytest-xdist worker and every run with the same inputs --

BUILD_CACHE = ROOT / ".cache" / "test-builds"
# What a build is made from, besides the project's own files: the tests' build steps, the copy
# of the project and the data seeding, and the versions of everything installed.
BUILD_INPUTS = ("data", "docs", "scripts", "overrides", "mkdocs.yml", "tests/support/builds.py",
                "tests/support/project.py", "tests/support/seeding.py")

# When the test session started: tests/conftest.py sets it in each pytest-xdist worker to the
# main process's time.
session_start = time.time()


def inputs_key(label: str) -> str:
    """The key of a test build: its label and the digest of what every build is made from."""
    return hashlib.sha256(label.encode() + inputs_digest()).hexdigest()[:20]


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
            if not not_in_a_clone(str(file.parent), [file.name]) and "__pycache__" not in file.parts:
                digest.update(f"{file.relative_to(ROOT).as_posix()}\n".encode())
                digest.update(hashlib.sha256(file.read_bytes()).digest())
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(installed).encode())
    return digest.digest()


def shared_build(label: str, build: Build, prepare: Callable[[Path], None] = lambda project: None) -> Path:
    """The project copied, ``prepare``d and built by ``build`` (``mkdocs_build``: the generator
    and the engine) once for its inputs: the first test or worker to ask builds it under
    .cache/test-builds/ while the others wait for the lock; later runs with the same inputs
    reuse it. Returns the project folder (the site is its site/). A failed build is not kept."""
    folder = BUILD_CACHE / f"{label}-{inputs_key(label)}"
    BUILD_CACHE.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder) + ".lock", timeout=1800):
        if not (folder / "built").is_file():
            remove_other_builds(folder)
            project = folder / "project"
            copy_project(project)
            prepare(project)
            done = build(project, project / "site")
            assert done.returncode == 0, done.stdout + done.stderr
            (folder / "build.log").write_text(done.stderr, encoding="utf-8")
            (folder / "built").touch()
    return folder / "project"


def from_an_earlier_session(path: Path) -> bool:
    """A test build (or its lock) made before this session started. Each worker reads the inputs
    when it first builds: a file edited while the tests run gives two workers different keys,
    and neither may delete the build the other is using."""
    marker = path / "built" if path.is_dir() else path
    try:
        return (marker if marker.exists() else path).stat().st_mtime < session_start
    except OSError:
        return False


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
