"""Live preview: `mkdocs serve` regenerates on a data edit, survives bad data, and settles."""

from __future__ import annotations

import time

import pytest

from bench.project import copy_project
from bench.serving import Server, fetch, serve_flags
from scosite.fingerprint import Project, nothing_to_do

from .conftest import hooks_module

EVENT = "events/2017-cnd60-high-level-event/"
SERVE_FLAGS = serve_flags()  # as `make serve` runs it
# Generous: `mkdocs serve` holds requests while it rebuilds, and CI has two busy cores.
CEILING = 90.0


def served(running: Server, text: str, ceiling: float = CEILING) -> bool:
    """The event page is served with ``text`` within ``ceiling`` (else NotSettled, with the log)."""
    running.wait_for_page(EVENT, text, ceiling)
    return True


# The files the tests edit: each test starts from them as they are in the repository.
EDITED = ("data/people/marat-demeuov.yml", "scripts/scosite/templates/event.md.j2", "scripts/scosite/display.py",
          "docs/about/index.md")


@pytest.fixture(scope="module")
def preview(tmp_path_factory, engine):
    """One `mkdocs serve` for the module, in a copy of the project, its first build served."""
    project = tmp_path_factory.mktemp("preview")
    copy_project(project)
    # Verification mode: each incremental regeneration is compared with a full one, and a
    # difference is reported in the log as a data problem would be (test_preview_is_verified).
    # Every edition, as `make serve` runs it (English at /, the others at /ru/ and /zh/).
    running = Server(project, SERVE_FLAGS, env={"SCOSITE_VERIFY_INCREMENTAL": "1", "SCOSITE_PREVIEW": "all"})
    try:
        running.wait_for_line("Serving on", 300)
        assert served(running, "Marat Demeuov", 300)
        running.settle(300)
        yield running, project
    finally:
        running.stop()


@pytest.fixture
def server(preview):
    """The module's preview; what a test edits is put back, and rebuilt, after it."""
    running, project = preview
    originals = {name: (project / name).read_bytes() for name in EDITED}
    yield running, project
    changed = [name for name, body in originals.items() if (project / name).read_bytes() != body]
    for name in changed:
        (project / name).write_bytes(originals[name])
    if changed:
        running.settle(CEILING)


def test_the_preview_rebuilds_only_changed_pages_and_says_so_once(server):
    running, project = server
    assert "--dirty" in SERVE_FLAGS
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov Again"))
    assert served(running, "Marat Demeuov Again")
    log = "".join(running.log)
    assert log.count("live preview rebuilds only the pages a save changes") == 1
    assert "A 'dirty' build is being performed" not in log
    assert "looks for changes every half second" not in log  # the system tells it of a save


def test_an_edit_is_served_and_the_rebuilds_stop(server):
    running, project = server
    person = project / "data" / "people" / "marat-demeuov.yml"
    before = running.builds()
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov Edited"))
    assert served(running, "Marat Demeuov Edited")
    running.settle(CEILING)
    settled = running.builds()
    # One save, one rebuild: the pages the generator writes in it trigger no other.
    assert settled - before == 1, "".join(running.log)
    # The English page is served first; the other editions follow within the same rebuild.
    assert "Marat Demeuov Edited" in fetch(running.url + "ru/" + EVENT)
    assert "Russian and Chinese editions rebuilt; reloading browsers" in running.log[-1]
    # The generator's fingerprint, stored once the page was served: a build now finds the
    # pages up to date (and the editions' builds in the preview did).
    assert nothing_to_do(Project(project)), "the fingerprint of the last save was not stored"
    time.sleep(3)
    assert running.builds() == settled, "the server keeps rebuilding with nothing changed:\n" + "".join(running.log)
    assert not any("differs from a full render" in line for line in running.log), "".join(running.log)


def test_bad_data_keeps_the_last_good_pages_and_says_why(server):
    running, project = server
    person = project / "data" / "people" / "marat-demeuov.yml"
    good = person.read_text()
    person.write_text(good.replace("name: Marat Demeuov", "name: Marat Demeuov\nname: Twice"))
    running.wait_for_line("'name' is given twice", CEILING)
    assert any("data/people/marat-demeuov.yml:3:1: name: 'name' is given twice" in line for line in running.log)
    page = fetch(running.url + EVENT)
    assert "Marat Demeuov" in page and "Twice" not in page
    assert not any("Traceback" in line for line in running.log)
    person.write_text(good.replace("name: Marat Demeuov", "name: Marat Demeuov Fixed"))
    assert served(running, "Marat Demeuov Fixed")


def test_a_generated_page_edited_by_hand_is_put_back_even_with_a_save_beside_it(server):
    """The preview's watcher tells the generator of a change under docs/ it did not make; the
    next run looks at every page then (and not on other saves)."""
    running, project = server
    page = project / "docs" / "sources" / "n01.md"  # a page the save below does not change
    made = page.read_text(encoding="utf-8")
    page.write_text(made + "\nEdited by hand.\n", encoding="utf-8")
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov Saved"))
    assert served(running, "Marat Demeuov Saved")
    running.settle(CEILING)
    assert page.read_text(encoding="utf-8") == made


def test_a_hand_written_page_saved_after_a_data_edit_is_served(server):
    """After a save the engine takes as changed only what the generator wrote, unless the
    watcher told of another change under docs/: a hand-written page's is one."""
    running, project = server
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov First"))
    assert served(running, "Marat Demeuov First")
    running.settle(CEILING)
    page = project / "docs" / "about" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# About this site", "# About this site, edited"),
                    encoding="utf-8")
    running.wait_for_page("about/", "About this site, edited", CEILING)


def test_a_template_or_code_change_is_picked_up_without_a_restart(server):
    running, project = server
    template = project / "scripts" / "scosite" / "templates" / "event.md.j2"
    template.write_text(template.read_text().replace("Titles are those the source gives", "Titles (edited) are those"))
    assert served(running, "Titles (edited) are those")
    code = project / "scripts" / "scosite" / "display.py"
    code.write_text(code.read_text().replace(
        'return f"{number}{suffix}"', 'return f"{number}{suffix} reloaded"'))
    assert served(running, "60th reloaded session")


def test_the_preview_lists_its_pages_without_walking_the_other_editions_folders(tmp_path, monkeypatch):
    import os

    import mkdocs.structure.files
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    docs = tmp_path / "docs"
    for name in ("index.md", "about/index.md", "ru/index.md", "ru/people/a.md", "zh/index.md", "tags.ru.md",
                 "rules/ru/index.md"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Page\n")
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nexclude_docs: |\n  /ru/\n  /zh/\n  *.ru.md\n")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    listed = sorted(f.src_uri for f in get_files(config) if f.inclusion.is_included())
    hooks = hooks_module()
    monkeypatch.setattr(mkdocs.structure.files, "os", os)  # put back after the test
    monkeypatch.setattr(hooks, "_command", "serve")

    hooks.skip_excluded_folders(config)
    files = get_files(config)

    assert listed == ["about/index.md", "index.md", "rules/ru/index.md"]
    assert sorted(f.src_uri for f in files if f.inclusion.is_included()) == listed
    assert sorted(f.src_uri for f in files) == [*listed, "tags.ru.md"]  # only whole folders are skipped


def test_a_rebuild_leaves_garbage_collection_on_whether_it_was_served_or_failed(monkeypatch):
    """(The preview turns collection off while it rebuilds: after_serving, or the build's error
    event, turns it back on.)"""
    import gc

    hooks = hooks_module()
    try:
        gc.disable()
        hooks.after_serving("unused", editions=False)
        assert gc.isenabled()
        gc.disable()
        hooks.on_build_error(RuntimeError("a failed rebuild"))
        assert gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("edition", ["", "ru"])
def test_after_a_save_the_engine_takes_as_changed_only_what_the_generator_wrote(tmp_path, monkeypatch, edition):
    """(``on_files``: MkDocs' own check of each file is replaced while the watcher has told of
    no change under docs/ but the generator's since the last finished build. ``ru``: the
    Russian edition previewed alone, from docs/ru/.)"""
    from types import SimpleNamespace

    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    docs = tmp_path / "docs"
    for name in ("index.md", "people/a.md", "people/b.md", "assets/site.css"):
        (docs / edition / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / edition / name).write_text("# Page\n")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Test\ndocs_dir: {docs / edition}\n")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))  # nothing built: all changed
    hooks = hooks_module()
    for name, value in (("_command", "serve"), ("_dirty", True), ("_watched", True),
                        ("_generator", SimpleNamespace(project=SimpleNamespace(docs=docs), touches=0))):
        monkeypatch.setattr(hooks, name, value)
    hooks._unbuilt.update({f"{edition}/people/a.md".lstrip("/"), "zh/people/b.md"})  # what the generator wrote

    def changed() -> list[str]:
        return sorted(f.src_uri for f in hooks.on_files(get_files(config), config) if f.is_modified())

    every = ["assets/site.css", "index.md", "people/a.md", "people/b.md"]
    assert changed() == every  # before the engine has finished a build
    hooks._built_touches = hooks._build_touches = hooks._touches  # it has, and this one started
    assert changed() == ["people/a.md"]
    hooks.touched()  # a change under docs/ the generator did not make
    assert changed() == every
    hooks._build_touches = hooks._touches  # the next rebuild: no build has finished since
    assert changed() == every


def test_one_edition_alone_is_rebuilt_when_a_page_in_docs_changes():
    """``make serve EDITION=ru`` serves docs/ru/, which the generator makes from the pages in
    docs/ (a translation such as about/index.ru.md): the preview watches docs/ too."""
    from types import SimpleNamespace

    hooks = hooks_module()
    for served, expected in (("docs/ru", True), ("docs", False)):  # (MkDocs watches its own docs_dir)
        watched: list[str] = []
        server = SimpleNamespace(observer=SimpleNamespace(_handlers={}), _watch_refs={}, watch=watched.append)
        hooks.on_serve(server, SimpleNamespace(docs_dir=str(hooks.ROOT / served)), builder=None)
        assert (str(hooks.ROOT / "docs") in watched) is expected, watched
