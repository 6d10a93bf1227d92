"""The tests' own arrangements: what a new shared build (``support.builds.shared_build``) removes,
and where the scratch folders go (``support.project.scratch_in_memory``)."""

from __future__ import annotations

import os
import shutil
import time

from .support.builds import remove_other_builds
from .support.project import scratch_in_memory


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


def test_scratch_folders_go_to_memory_only_with_room_to_spare(tmp_path):
    free = shutil.disk_usage(tmp_path).free
    assert scratch_in_memory(tmp_path, room=free // 2) == str(tmp_path)
    assert scratch_in_memory(tmp_path, room=free * 2) is None
    assert scratch_in_memory(tmp_path / "absent", room=0) is None
    (tmp_path / "a file").touch()
    assert scratch_in_memory(tmp_path / "a file", room=0) is None
