"""The incremental generator: after any edit, the pages are exactly what a full run makes.

``Generator`` (used by the live preview) renders only the pages whose recorded reads an
edit touches. These tests edit the real data in many ways (text, references, titles that
collide, new and deleted records) and after each edit compare every generated file on disk
with a from-scratch render of the same data, so a read the tracking misses fails here.

Most edits are made on a part of the real data (``part``): every record an edit touches, for
each of them one record of each collection that refers to it, and everything these refer to
(found by making the edits on a scratch copy, so the part follows the data and the edits). A
full render of it, the reference each edit is compared with, takes a third of the time the
whole project's takes. The edit whose point is a record it does not touch (two titles that
collide), and one of the others, are made on the whole project (``whole_session``, in
``test_incremental_runs.py`` with the other tests of the generator's runs). The edits, the
part and the comparison are in tests/support/incremental.py; the part is a fixture of
tests/conftest.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from scosite.build.generator import Generator

from .support.incremental import ON_THE_PART, assert_same_as_full_run, data, edit_and_compare, record_files, started
from .support.project import ROOT


def test_the_part_is_real_records_of_every_collection_but_the_glossary(part):
    """(No record refers to a glossary term: the part has one only if it cites a source that an
    edit touches.)"""
    whole, part_records = record_files(ROOT), record_files(part)
    assert part_records.keys() < whole.keys() and all(whole[key] == text for key, text in part_records.items())
    assert {c for c, _ in whole} - {c for c, _ in part_records} <= {"glossary"}
    assert len(part_records) < len(whole) / 2


# --- The tests ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def session(part, tmp_path_factory) -> tuple[Path, Generator]:
    """One project (the part) and one generator for every edit in turn, as in a long preview
    session. Each test compares the pages with a full render itself; the generator's own
    verification would render everything a second time (set SCOSITE_VERIFY_INCREMENTAL=1 to
    have a failure name the read the tracking missed)."""
    project = tmp_path_factory.mktemp("incremental") / "project"
    shutil.copytree(part, project)
    return started(project)


@pytest.mark.parametrize("name", ON_THE_PART)
def test_after_each_edit_the_pages_equal_a_full_run(session, name):
    edit_and_compare(session, name)


def test_a_run_with_nothing_changed_renders_and_writes_nothing(session):
    _, generator = session
    result, problems = generator.run()
    assert problems == [] and result is not None
    assert (generator.rendered, result.written, result.removed) == (0, [], [])


def test_a_bad_edit_keeps_the_pages_and_the_next_good_one_catches_up(session):
    project, generator = session
    path = data(project, "people/marat-demeuov.yml")
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("name: Marat Demeuov", "name: [unclosed"), encoding="utf-8")
    result, problems = generator.run()
    assert result is None and problems
    path.write_text(good.replace("name: Marat Demeuov", "name: Marat Demeuov (renamed)"), encoding="utf-8")
    result, problems = generator.run()
    assert problems == [] and result is not None and "en/people/marat-demeuov.md" in result.written
    assert_same_as_full_run(generator.project)


def test_the_rebuild_caused_by_writing_finds_nothing_to_do(session):
    """What `mkdocs serve` does after each save: the run its own writes trigger stops early."""
    _, generator = session
    generator.run()
    result, problems = generator.run()
    assert problems == [] and result is not None and (generator.rendered, result.written) == (0, [])
