"""The repository, its fixture projects, and copies of it: what a fresh clone has (shared with
the benchmark, scripts/bench), a repository of its own for the history, and where the tests'
scratch folders go."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
HAND_WRITTEN = ("docs", "scripts", "overrides")


def not_in_a_clone(folder: str, names: list[str]) -> set[str]:
    """``shutil.copytree`` ignore: the caches, which a clone does not have (the generated pages
    among them: ``.cache/editions/``)."""
    return {n for n in names if n in ("__pycache__", ".cache")}


def copy_project(target: Path, data: bool = True) -> None:
    """The hand-written parts of the project: what a fresh clone has (no generated pages);
    ``data=False``: without ``data/`` (the benchmark writes its own)."""
    for name in ("data", *HAND_WRITTEN) if data else HAND_WRITTEN:
        shutil.copytree(ROOT / name, target / name, ignore=not_in_a_clone)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and modification time."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def git(root, *args, date: str | None = None) -> None:
    """``git -C root args`` as an editor who commits on ``date`` (YYYY-MM-DD, at noon UTC)."""
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


# --- Scratch folders --------------------------------------------------------------------------

# The tests' scratch folders (``tmp_path``) go to memory where the system offers it with room to
# spare (conftest.py's pytest_configure): a run makes and deletes tens of thousands of small files
# (copies of the project, the pages generated into them), and on a disk-backed /tmp, after many
# deletions, each new file cost the file system a search for a free inode (`make test-fast` spent
# 13-18 s in the system, 5 s now). A root set by hand (PYTEST_DEBUG_TEMPROOT, or --basetemp) is
# kept; the pytest-xdist workers get their folders from the main process. A run keeps a test's
# folder only if the test failed, and the last run's alone (pyproject.toml: ``tmp_path_retention_*``),
# so the memory is given back.
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
