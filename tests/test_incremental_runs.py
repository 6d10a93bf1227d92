"""The incremental generator, continued (``test_incremental.py`` has the edits on the part):
an edit on the whole project, edits with the indexes split into groups, the generator between
processes (its fingerprint, a file saved twice in one clock tick), the live preview's way with
the pages' stamps, and what verification mode says. (A file of its own, so the two test
workers share the incremental tests.)"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from scosite.build.generator import Generator, Project

from .support.generator import generated
from .support.incremental import (
    EDITS,
    ON_THE_WHOLE_PROJECT,
    assert_same_as_full_run,
    data,
    edit_and_compare,
    first_line_edit,
    started,
    substitute,
    verified_generator,
)
from .support.project import ROOT, copy_project


@pytest.fixture(scope="module")
def whole_session(tmp_path_factory) -> tuple[Path, Generator]:
    """As ``session`` (test_incremental.py), on the whole real project."""
    project = tmp_path_factory.mktemp("whole") / "project"
    copy_project(project)
    return started(project)


# The generator's ways between runs and processes are tried on the small fixture project
# (``mini_project``): its pages are a sixth of the part's.
PERSON = "ann-example"


def test_the_real_data_generates_into_a_copy_of_the_project(whole_session):
    """(``whole_session`` is the generator's first run on a fresh copy of the whole project.)"""
    project, _ = whole_session
    assert generated(project, "events/2017-cnd60-high-level-event.md").exists()
    assert generated(project, "about/index.md").read_bytes().endswith((ROOT / "docs" / "about" / "index.md").read_bytes())


@pytest.mark.parametrize("name", ON_THE_WHOLE_PROJECT)
def test_on_the_whole_project_too_the_pages_equal_a_full_run(whole_session, name):
    edit_and_compare(whole_session, name)


def test_a_new_process_with_nothing_to_do_stops_at_the_fingerprint(mini_project):
    """`make generate` twice: the second run reads no data and writes nothing."""
    old = 1_500_000_000  # inputs well out of the racy window
    for folder, _, files in os.walk(mini_project / "data"):
        for name in files:
            os.utime(Path(folder) / name, (old, old))
    first = Generator(Project(mini_project))
    result, _ = first.run()
    assert result is not None and result.written
    second = Generator(Project(mini_project))
    again, problems = second.run()
    assert problems == [] and again is not None
    assert (again.written, again.removed, again.unchanged) == ([], [], len(result.known))
    assert second.last is None, "the data was loaded although nothing had changed"
    # An output changed behind its back is noticed: the next run repairs it.
    page = generated(mini_project, f"people/{PERSON}.md")
    page.write_text(page.read_text(encoding="utf-8") + "a line added by hand\n", encoding="utf-8")
    repaired, _ = Generator(Project(mini_project)).run()
    assert repaired is not None and repaired.written == [f"en/people/{PERSON}.md"]
    # So is an input: a data file with a new stamp.
    os.utime(mini_project / "data" / "people" / f"{PERSON}.yml", (old + 10, old + 10))
    third = Generator(Project(mini_project))
    third.run()
    assert third.last is not None


def test_a_second_save_in_the_same_clock_tick_is_not_missed(mini_project, monkeypatch):
    """A file saved twice within one tick of the clock, same size: its stamp does not change.
    Recently changed files are fingerprinted by their bytes too, so the change is seen."""
    import time

    path = mini_project / "data" / "people" / f"{PERSON}.yml"
    path.touch()  # saved just now
    # Every save below happens in that same tick: the clock stands still (a run of the
    # generator takes longer than the racy window, which a real second save in one tick cannot)
    now = path.stat().st_mtime_ns + 1_000_000
    monkeypatch.setattr(time, "time_ns", lambda: now)
    first = Generator(Project(mini_project))
    first.run()
    stamp = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Ann Example", "Ann Exampel"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert path.stat().st_size == stamp.st_size and path.stat().st_mtime_ns == stamp.st_mtime_ns
    for generator in (first, Generator(Project(mini_project))):  # the same process, and a new one
        generator.run()
        assert "Ann Exampel" in (generated(mini_project, f"people/{PERSON}.md")).read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace("Ann Exampel", "Ann Example"), encoding="utf-8")
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
        generator.run()
        assert "Ann Exampel" not in (generated(mini_project, f"people/{PERSON}.md")).read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace("Ann Example", "Ann Exampel"), encoding="utf-8")
        os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))


def test_a_file_racy_at_the_last_run_is_compared_by_its_bytes_later_too(mini_project, monkeypatch):
    """The last run hashed a file saved just before it (its stamp could not be trusted). Later,
    when that file is out of the racy window: unchanged, there is nothing to do; changed in
    the same tick as before (same stamp), the change is seen."""
    from scosite.build import fingerprint

    path = mini_project / "data" / "people" / f"{PERSON}.yml"
    path.touch()  # saved just now: racy at the next run
    Generator(Project(mini_project)).run()
    later = fingerprint.time.time_ns() + 10 * fingerprint.RACY_NS
    monkeypatch.setattr(fingerprint.time, "time_ns", lambda: later)
    assert fingerprint.nothing_to_do(Project(mini_project)) is not None, "unchanged, yet the work is redone"
    stamp = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("Ann Example", "Ann Exampel"), encoding="utf-8")
    os.utime(path, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    assert fingerprint.stamp_of(path) == (stamp.st_size, stamp.st_mtime_ns, stamp.st_ino)
    assert fingerprint.nothing_to_do(Project(mini_project)) is None, "a change with the same stamp was missed"


@pytest.mark.parametrize("bad_save_between", [False, True])
def test_in_the_preview_a_page_changed_by_hand_is_put_back_with_the_next_save(mini_project, bad_save_between):
    """A generated page edited by hand is put back by the next run that writes, even if a save
    comes with it (and even if a run with bad data came in between)."""
    _, generator = started(mini_project)
    page = generated(mini_project, f"people/{PERSON}.md")
    made = page.read_text(encoding="utf-8")
    page.write_text(made + "\nEdited by hand.\n", encoding="utf-8")
    person = data(mini_project, f"people/{PERSON}.yml")
    good = person.read_text(encoding="utf-8")
    if bad_save_between:
        person.write_text(good + "name: twice\n", encoding="utf-8")
        assert generator.run()[0] is None
    first_line_edit("name", "organisations")(mini_project)
    person.write_text(good, encoding="utf-8")
    result, problems = generator.run()
    assert problems == [] and result is not None and f"en/people/{PERSON}.md" in result.written
    assert page.read_text(encoding="utf-8") == made
    assert_same_as_full_run(generator.project)


# Indexes longer than this are split into groups: in the part, every index the edits below touch
# (the shortest, of quotes, has 2 records; in the whole project a limit of 10 splits them all).
SPLIT_LIMIT = 1


@pytest.fixture(scope="module")
def split_session(part, tmp_path_factory) -> tuple[Path, Generator]:
    """As ``session``, with every index longer than ``SPLIT_LIMIT`` records split into groups."""
    project = tmp_path_factory.mktemp("split") / "project"
    shutil.copytree(part, project)
    project, generator = started(project, group_limit=SPLIT_LIMIT)
    for collection in ("events", "people", "documents", "quotes", "sources"):
        assert any(path.startswith(f"{collection}/index/") for path in generator.outputs), f"{collection}: not split"
    return project, generator


@pytest.mark.parametrize("name", ["person name", "event title", "new person", "deleted quote", "quote text",
                                  "source publisher", "document title"])
def test_with_split_indexes_each_edit_still_equals_a_full_run(split_session, name):
    project, generator = split_session
    EDITS[name](project)
    result, problems = generator.run()
    assert [p.format() for p in problems] == [] and result is not None
    assert_same_as_full_run(generator.project)
    assert any("/index/" in path for path in generator.outputs), "nothing was split"


def test_verification_names_the_page_and_the_read_a_query_missed(mini_project, monkeypatch):
    """A query that reaches the data around the recording primitives (as a careless new query
    would) makes the preview stale; verification mode says which page and which read."""
    from scosite.queries import records as site_module

    def untracked_quotes_by(self, person_id):  # reads the index without recording it
        return self._tables.index["quotes_by"].get(person_id, [])

    monkeypatch.setattr(site_module.Site, "quotes_by", untracked_quotes_by)
    generator = verified_generator(Project(mini_project))
    assert generator.run()[1] == []  # a full render: the patched query's reads are recorded
    substitute(data(mini_project, "quotes/2017-ann.yml"), r"^(lang: en)$", r"\1\ncontext: Edited.")  # a quote of PERSON
    result, problems = generator.run()
    assert result is None
    messages = [p.format() for p in problems]
    assert any(m.startswith(f".cache/editions/en/people/{PERSON}.md: the incremental render differs from a full render")
               and "('rec', 'quotes', '2017-ann')" in m for m in messages), messages


def test_the_previews_first_save_renders_only_what_it_touches_though_the_pages_were_up_to_date(mini_project):
    """`make serve` generates before the engine starts, so the preview's generator finds the
    pages up to date; it renders them all once anyway (warm), and the first save after that is
    incremental. The command line's generator stops at the fingerprint."""
    assert Generator(Project(mini_project)).run()[1] == []
    cold = Generator(Project(mini_project))
    assert cold.run()[1] == [] and cold.rendered == 0 and cold.last is None
    warm = Generator(Project(mini_project), warm=True)
    result, problems = warm.run()
    assert problems == [] and result is not None and result.written == [] and warm.rendered > 100
    everything = warm.rendered
    path = mini_project / "data" / "people" / f"{PERSON}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("Ann Example", "Ann Exampel"), encoding="utf-8")
    result, problems = warm.run()
    assert problems == [] and result is not None and f"en/people/{PERSON}.md" in result.written
    assert 0 < warm.rendered < everything / 2
