"""When each record last changed, from the git history of its YAML file.

One ``git log`` over ``data/`` gives, for every file, the date of the last commit that touched
it, and the recent commits with the files each touched (the "Recent changes" page and the
Atom feeds). ``git status`` adds the files changed but not committed yet (a live preview while
an editor works): those say "not yet committed". Everything is read from git, so a build of a
given commit gives the same dates anywhere; with no git history (a copy of the folder) or
only part of it (a shallow clone, whose oldest commit would claim every file), no date is
claimed and the pages say why.

The versions of the record come from git too (``releases``). A release is a tag reachable from
the commit built whose name is a version (``VERSION_TAG``): a date, ``2026-12-08`` (the
project's choice: the record is versioned by calendar, CalVer), or a SemVer number,
``1.2.0``; either may start with ``v``, which the version drops, and a second release on
one day adds ``.1``, ``.2``… (``2026-12-08.1``). A pre-release (``v1.2.0-rc.1``) or any
other tag is not a release. The version of a build is its release's when its data is
exactly that release's (later commits that leave ``data/`` alone keep it); else it is the
date of the last commit that changed the data (``2026-12-08``, or ``2026-12-08.1`` if a
release already has that name): the name its release would take. A version is created
(``Release.created``) when its commit was made, so the same commit gives the same version
anywhere. The changes of each version are those of its data since the version before: one
``git diff-tree`` per version, so the cost grows with the number of releases (a few a year),
not with the number of commits.
"""

from __future__ import annotations

import datetime as dt
import re
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


# A tag that names a release: a date (CalVer, this project's) or a SemVer number, with an
# optional "v" (see the module's docstring).
VERSION_TAG = re.compile(r"v?(?P<version>(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)"
                         r"|\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:\.[1-9]\d*)?)")
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree, in a SHA-1 repository
EMPTY_TREE_SHA256 = "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321"  # ... a SHA-256 one


def tag_version(tag: str) -> str | None:
    """The version a tag names (``v1.2.0`` -> ``1.2.0``, ``2026-12-08``), or None if it names none."""
    match = VERSION_TAG.fullmatch(tag)
    return match["version"] if match else None


@dataclass(frozen=True)
class Release:
    """One version of the record: a release (its tag), or the data committed since the last one."""

    version: str  # 1.2.0, 2026-12-08
    tag: str  # the tag that names it; "" for data not released yet
    date: str  # YYYY-MM-DD: the day its commit was made (the committer's date)
    created: str  # ISO 8601 / RFC 3339: when its commit was made (the committer's time and offset)
    commit: str  # the tagged commit; for data not released yet, the last commit that changed it
    added: tuple[str, ...] = ()  # data files it added since the version before (all, for the first)
    changed: tuple[str, ...] = ()  # ... changed
    removed: tuple[str, ...] = ()  # ... and removed

    @property
    def released(self) -> bool:
        return bool(self.tag)


@dataclass(frozen=True)
class History:
    available: bool
    reason: str = ""  # why not: "no-git" or "shallow"
    head: str = ""
    dates: dict[str, str] = field(default_factory=dict)  # data file -> date of its last commit
    uncommitted: frozenset[str] = frozenset()
    recent: tuple[Commit, ...] = ()
    releases: tuple[Release, ...] = ()  # newest first; the first is the version built (if any)

    def state(self) -> tuple[str, ...]:
        """What the pages depend on: the commit built, its versions (a new tag makes one), and
        the files not committed."""
        versions = tuple(f"{r.version} {r.tag} {r.commit}" for r in self.releases)
        return (self.head, self.reason, *versions, *sorted(self.uncommitted))

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
    log = git(root, "log", "--format=%x00%H %cs %cI", "--name-status", "--no-renames", "--", str(data)) or ""
    dates: dict[str, str] = {}
    recent: list[Commit] = []
    last: Release | None = None  # the last commit that changed the data
    for block in log.split("\0")[1:]:
        lines = [line for line in block.splitlines() if line.strip()]
        commit_id, date, created = lines[0].split()
        last = last or Release(date, "", date, created, commit_id)
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
    releases = versions(root, str(data), prefix, last)
    return History(True, "", head.strip(), dates, uncommitted, tuple(recent), releases)


def versions(root: Path, data: str, prefix: str, last: Release | None) -> tuple[Release, ...]:
    """The releases reachable from HEAD, newest first, each with its changes since the one
    before; first, if the data committed differs from the last release's, the version it
    would be released as (``last``: the last commit that changed the data)."""
    refs = git(root, "for-each-ref", "--merged", "HEAD", "refs/tags", "--format=%(refname:strip=2)%00%(objectname)"
               "%00%(*objectname)%00%(committerdate:iso-strict)%00%(*committerdate:iso-strict)") or ""
    tagged: dict[str, Release] = {}  # by commit: one release per commit (its tags' last name, if several)
    names: set[str] = set()
    for line in refs.splitlines():
        tag, target, peeled, created, peeled_created = line.split("\0")
        version = tag_version(tag)
        commit, created = peeled or target, peeled_created or created
        if version is None or not created:  # (not a version, or a tag of no commit)
            continue
        names.add(version)
        if commit not in tagged or tag > tagged[commit].tag:
            tagged[commit] = Release(version, tag, created[:10], created, commit)
    ordered = sorted(tagged.values(), key=release_order, reverse=True)
    out = []
    if last is not None:
        since = ordered[0].commit if ordered else empty_tree(root)
        found = changes(root, data, prefix, since, "HEAD")
        if not ordered or any(found):
            version, n = last.date, 0
            while version in names:
                n += 1
                version = f"{last.date}.{n}"
            out.append(Release(version, "", last.date, last.created, last.commit, *found))
    for at, newer in enumerate(ordered):
        since = ordered[at + 1].commit if at + 1 < len(ordered) else empty_tree(root)
        found = changes(root, data, prefix, since, newer.commit)
        out.append(Release(newer.version, newer.tag, newer.date, newer.created, newer.commit, *found))
    return tuple(out)


def empty_tree(root: Path) -> str:
    """Git's empty tree, which the first version's changes are counted from (every file added)."""
    sha256 = (git(root, "rev-parse", "--show-object-format") or "").strip() == "sha256"
    return EMPTY_TREE_SHA256 if sha256 else EMPTY_TREE


def release_order(release: Release) -> tuple[str, str]:
    """Releases in the order they were made: by their commit's time (in UTC), then tag."""
    moment = dt.datetime.fromisoformat(release.created).astimezone(dt.UTC).isoformat()
    return moment, release.tag


def changes(root: Path, data: str, prefix: str, old: str, new: str
            ) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The data files added, changed and removed between two commits (``data/…`` paths, sorted)."""
    diff = git(root, "diff-tree", "-r", "--no-renames", "--name-status", old, new, "--", data) or ""
    found: dict[str, list[str]] = {"A": [], "M": [], "D": []}
    for line in diff.splitlines():
        status, _, name = line.partition("\t")
        kind = "M" if status[:1] == "T" else status[:1]  # (T: a file became a link, or the reverse)
        if kind in found:
            found[kind].append("data/" + name.removeprefix(prefix + "/"))
    return tuple(sorted(found["A"])), tuple(sorted(found["M"])), tuple(sorted(found["D"]))
