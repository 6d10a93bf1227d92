"""When each record last changed, from the git history of its YAML file.

One ``git log`` over ``data/`` gives, for every file, the date of the last commit that touched
it, and the recent commits with the files each touched (the "Recent changes" page and the
Atom feeds). ``git status`` adds the files changed but not committed yet (a live preview while
an editor works): those say "not yet committed". Everything is read from git, so a build of a
given commit gives the same dates anywhere; with no git history (a copy of the folder) or
only part of it (a shallow clone, whose oldest commit would claim every file), no date is
claimed and the pages say why.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RECENT = 40  # commits on the Recent changes page and in the feeds


@dataclass(frozen=True)
class Commit:
    id: str
    date: str  # YYYY-MM-DD (the committer's date)
    added: tuple[str, ...]  # data files (relative to the project) the commit created
    changed: tuple[str, ...]  # ... and those it changed


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""  # why not: "no-git" or "shallow"
    head: str = ""
    dates: dict[str, str] = field(default_factory=dict)  # data file -> date of its last commit
    uncommitted: frozenset[str] = frozenset()
    recent: tuple[Commit, ...] = ()

    def state(self) -> tuple[str, ...]:
        """What the pages depend on: the commit built, and the files not committed."""
        return (self.head, self.reason, *sorted(self.uncommitted))

    def changed_on(self, path: str) -> str | None:
        """The date ``path`` last changed in a commit, or None (not committed, or no history)."""
        return None if path in self.uncommitted else self.dates.get(path)


def git(root: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def last_commit_time(root: Path) -> str | None:
    """The time of the last commit (seconds since 1970), for ``SOURCE_DATE_EPOCH``: dates a build
    writes (the sitemap's, an archive's entries) then depend on the sources, not on the clock."""
    stamp = (git(root, "log", "-1", "--format=%ct") or "").strip()
    return stamp if stamp.isdigit() else None


def load(root: Path) -> History:
    """The history of ``root``'s data/ folder (``root`` may sit inside a larger repository)."""
    top = git(root, "rev-parse", "--show-toplevel")
    head = git(root, "rev-parse", "HEAD")
    if top is None or head is None:
        return History(False, "no-git")
    if (git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true":
        return History(False, "shallow", head.strip())
    data = (root / "data").resolve()
    prefix = data.relative_to(Path(top.strip()).resolve()).as_posix()
    log = git(root, "log", "--format=%x00%H %cs", "--name-status", "--no-renames", "--", str(data)) or ""
    dates: dict[str, str] = {}
    recent: list[Commit] = []
    for block in log.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        commit_id, date = lines[0].split()
        added, changed = [], []
        for line in lines[1:]:
            status, name = line.split("\t", 1)
            path = "data/" + name.removeprefix(prefix + "/")
            dates.setdefault(path, date)
            if status.startswith("A"):
                added.append(path)
            elif status.startswith("M"):
                changed.append(path)
        if (added or changed) and len(recent) < RECENT:
            recent.append(Commit(commit_id, date, tuple(sorted(added)), tuple(sorted(changed))))
    status = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--", str(data)) or ""
    uncommitted = frozenset("data/" + entry[3:].split(prefix + "/", 1)[-1] for entry in status.split("\0") if entry)
    return History(True, "", head.strip(), dates, uncommitted, tuple(recent))
