"""Writing pages: only what changed, never a hand-written page, nothing on failure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from scosite.build.generator import Project, generate
from scosite.build.write import BusyError, exclusive, write_pages
from scosite.settings import GENERATED_MARK

from .support.generator import generated
from .support.project import ROOT, snapshot


def test_first_run_writes_every_page_and_a_second_writes_nothing(mini_project):
    result, problems = generate(Project(mini_project))
    assert problems == [] and result is not None
    assert "en/events/2017-test-event.md" in result.written and result.removed == []
    before = snapshot(generated(mini_project))
    again, _ = generate(Project(mini_project))
    assert again is not None and again.written == [] and again.removed == []
    assert again.unchanged == len(result.written)
    assert snapshot(generated(mini_project)) == before


def test_editing_one_record_rewrites_only_the_pages_that_show_it(mini_project):
    generate(Project(mini_project))
    path = mini_project / "data" / "people" / "bob-sample.yml"
    path.write_text(path.read_text().replace("Bob Sample", "Robert Sample"))
    result, _ = generate(Project(mini_project))
    assert result is not None
    # Bob appears on his own page, the people index, the event he moderated, the country he
    # spoke for, the source that cites him, and (as the first person by name) in the data
    # reference's example; no other page shows his name. Of the downloads, the people table
    # and records change, and so does the list of files with their checksums. The same pages
    # change in each edition (the name has no Russian or Chinese form, so each shows it), and
    # each edition has its copy of the downloads. His page's citation files name him too.
    pages = ["about/data-reference.md", "cite/people/bob-sample.bib", "cite/people/bob-sample.ris",
             "countries/kazakhstan.md", "downloads/files.json", "downloads/people.csv",
             "downloads/people.json", "events/2017-test-event.md", "people/bob-sample.md", "people/index.md",
             "sources/s01.md"]
    assert sorted(result.written) == sorted(f"{lang}/{page}" for lang in ("en", "ru", "zh") for page in pages)


def test_a_deleted_record_loses_its_page_and_hand_written_pages_stay(mini_project):
    docs = mini_project / "docs"
    (docs / "about").mkdir()
    (docs / "about" / "index.md").write_text("# About\n")
    generate(Project(mini_project))
    (mini_project / "data" / "milestones" / "start-2004.yml").unlink()
    (mini_project / "data" / "quotes" / "2017-ann.yml").unlink()
    result, problems = generate(Project(mini_project))
    assert problems == [] and result is not None
    assert (docs / "about" / "index.md").read_text() == "# About\n"
    assert generated(mini_project, "about/index.md").read_text().endswith("# About\n")
    assert "Relations begin" not in generated(mini_project, "timeline.md").read_text()
    assert "en/quotes/index.md" in result.written


def test_a_stale_generated_page_is_removed_with_its_empty_folder(mini_project):
    generate(Project(mini_project))
    (mini_project / "data" / "documents" / "test-mou.yml").unlink()
    result, _ = generate(Project(mini_project))
    assert result is not None and result.removed == [
        f"{lang}/{path}" for lang in ("en", "ru", "zh")
        for path in ("cite/documents/test-mou.bib", "cite/documents/test-mou.ris", "documents/test-mou.md")]
    assert not generated(mini_project, "documents/test-mou.md").exists()
    assert not generated(mini_project, "zh/documents/test-mou.md").exists()


def test_a_hand_written_page_in_the_way_is_a_problem_not_an_overwrite(mini_project):
    target = mini_project / "docs" / "people" / "bob-sample.md"
    target.parent.mkdir()
    target.write_text("# Bob, written by hand\n")
    result, problems = generate(Project(mini_project))
    assert result is None
    assert [(p.path, p.message) for p in problems] == [
        ("docs/people/bob-sample.md", "a hand-written page is where a generated one must go")]
    assert target.read_text() == "# Bob, written by hand\n"
    assert not generated(mini_project).exists(), "nothing is written when there is a problem"


def test_bad_data_leaves_the_previous_pages_untouched(mini_project):
    generate(Project(mini_project))
    before = snapshot(generated(mini_project))
    (mini_project / "data" / "people" / "bob-sample.yml").write_text("id: bob-sample\nname: [\n")
    result, problems = generate(Project(mini_project))
    assert result is None and problems
    assert snapshot(generated(mini_project)) == before


def test_a_failure_while_writing_leaves_the_previous_pages_untouched(mini_project, monkeypatch):
    generate(Project(mini_project))
    output = generated(mini_project)
    before = snapshot(output)
    pages = {p.relative_to(output).as_posix(): p.read_text() + "changed\n" for p in output.rglob("*.md")}
    real_fdopen, calls = os.fdopen, []

    def failing_fdopen(fd, *args, **kwargs):
        calls.append(fd)
        if len(calls) == 3:
            os.close(fd)
            raise OSError(28, "No space left on device")
        return real_fdopen(fd, *args, **kwargs)

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    with pytest.raises(OSError, match="No space left"):
        write_pages(pages, output)
    monkeypatch.undo()
    assert snapshot(output) == before, "no page changed and no temporary file is left"


def test_generated_pages_start_with_the_do_not_edit_line(mini_project):
    generate(Project(mini_project))
    pages = list(generated(mini_project).rglob("*.md"))
    assert pages and all(page.read_text().startswith(GENERATED_MARK) for page in pages)


def test_a_second_concurrent_run_is_refused(tmp_path):
    lock = tmp_path / "build.lock"
    # Another process holds the lock as a build does (filelock), until it is killed.
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from filelock import FileLock; held = FileLock(sys.argv[1]); "
         "held.acquire(); print('locked', flush=True); time.sleep(30)", str(lock)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(BusyError, match="another build is running"), exclusive(lock):
            pass
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    with exclusive(lock):  # free again once the other run has ended
        pass


# The real data generated into a copy of the project: test_incremental_runs (whole_session).


SHARED_RENDER = """
import sys
from pathlib import Path

from scosite.build import generator as pipeline
from scosite.build.generator import Project, render, validate

project = Project(Path(sys.argv[1]))
data, problems = validate(project)
assert problems == [], problems
single, _ = render(data, project, jobs=1)
pipeline.CHUNK = 9  # several chunks per process, the last one short
assert len(single.outputs) % pipeline.CHUNK, "the last chunk is not short"
shared, problems = render(data, project, jobs=2)
assert problems == [] and (single.processes, shared.processes) == (1, 2), (problems, single.processes, shared.processes)
assert list(shared.outputs) == list(single.outputs), "another order"
assert shared.outputs == single.outputs and shared.rendered == single.rendered, "other texts or reads"


def failing(self, *args, **kwargs):
    raise ZeroDivisionError("in a template helper")


pipeline.Renderer.page = failing
broken, problems = render(data, project, jobs=2)
assert broken.outputs == {} and [p.message for p in problems] == [
    "the page renderer failed: ZeroDivisionError: in a template helper"], problems
print("same", len(single.outputs))
"""


def test_a_render_shared_among_processes_equals_one_in_a_single_process(mini_project):
    """A full render of many files is shared among forked processes: the same files, texts and
    recorded reads as one process makes, in the same order; a failure in a process is located
    by rendering again in one. In a fresh interpreter: the build forks only where no other
    thread runs (``pipeline.render_jobs``), and a pytest-xdist worker runs some. (On the small
    fixture project, in chunks of a few files.)"""
    done = subprocess.run([sys.executable, "-c", SHARED_RENDER, str(mini_project)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "scripts")), timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("same ") and int(done.stdout.split()[1]) > 200


def test_what_an_older_generator_left_in_docs_is_removed_and_nothing_written_by_hand(mini_project):
    """Before the editions' trees, the generator wrote into docs/: a checkout that still holds
    its pages, downloads, other editions and feed is tidied once; hand-written files stay."""
    docs = mini_project / "docs"
    old = {"people/bob-sample.md": GENERATED_MARK + "people/bob-sample.yml\n---\n# Bob\n",
           "downloads/files.json": '{"files": [{"path": "people.csv"}]}', "downloads/people.csv": "id\n",
           "ru/index.md": GENERATED_MARK + "\n---\n", "ru/stylesheets/site.css": "a{}", "feed.xml": "<feed/>"}
    mine = {"about/index.md": "# About\n", "downloads/notes.txt": "kept\n", "people/guide.md": "# People\n"}
    for path, text in (old | mine).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text)
    result, problems = generate(Project(mini_project))
    assert problems == [] and result is not None
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == sorted(mine)
    assert generated(mini_project, "people/guide.md").read_text().endswith("# People\n")
