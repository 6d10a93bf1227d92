"""The builds the tests share (``conftest.shared_build``): what a new one removes."""

from __future__ import annotations

import os
import time

from .conftest import remove_other_builds


def test_a_new_build_removes_earlier_sessions_builds_and_keeps_this_sessions(tmp_path):
    """Each pytest-xdist worker reads the inputs when it first builds: a file edited while the
    tests run gives two workers different keys, and the second must not delete the build the
    first is serving (its pages answered 404 in the middle of the browser tests)."""
    hour_ago = time.time() - 3600
    earlier, this_session, other_label = tmp_path / "real-0aa", tmp_path / "real-0bb", tmp_path / "injected-0cc"
    unfinished = tmp_path / "real-0dd"  # the build to make: an attempt left it without its marker
    for folder in (earlier, this_session, other_label, unfinished):
        (folder / "project").mkdir(parents=True)
        (tmp_path / f"{folder.name}.lock").touch()
    for folder in (earlier, this_session, other_label):
        (folder / "built").touch()
    for path in (earlier / "built", tmp_path / "real-0aa.lock", other_label / "built"):
        os.utime(path, (hour_ago, hour_ago))

    remove_other_builds(unfinished)

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "injected-0cc", "injected-0cc.lock", "real-0bb", "real-0bb.lock", "real-0dd.lock"]
