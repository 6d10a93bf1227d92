"""Live preview: `mkdocs serve` regenerates on a data edit, survives bad data, and settles."""

from __future__ import annotations

import re
import subprocess
import sys
import time

import pytest

from scosite.build.fingerprint import nothing_to_do
from scosite.settings import Project

from .support.generator import generated
from .support.project import copy_project
from .support.serving import Server, fetch, serve_flags

EVENT = "events/2017-cnd60-high-level-event/"
SERVE_FLAGS = serve_flags()  # as `make serve` runs it
# Generous: `mkdocs serve` holds requests while it rebuilds, and CI has two busy cores.
CEILING = 90.0


def served(running: Server, text: str, ceiling: float = CEILING) -> bool:
    """The event page is served with ``text`` within ``ceiling`` (else NotSettled, with the log)."""
    running.wait_for_page(EVENT, text, ceiling)
    return True


# The files the tests edit: each test starts from them as they are in the repository.
EDITED = ("data/people/marat-demeuov.yml", "scripts/scosite/render/templates/event.md.j2", "scripts/scosite/queries/display.py",
          "docs/about/index.md")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    """One `mkdocs serve` for the module, in a copy of the project, its first build served (the
    tests that use it are marked ``engine``: the server is the engine's)."""
    project = tmp_path_factory.mktemp("preview")
    copy_project(project)
    # Verification mode: each incremental regeneration is compared with a full one, and a
    # difference is reported in the log as a data problem would be (test_preview_is_verified).
    # The English edition, as `make serve` runs it.
    running = Server(project, SERVE_FLAGS, env={"SCOSITE_VERIFY_INCREMENTAL": "1"})
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


@pytest.mark.engine
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


@pytest.mark.engine
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
    # The generator's fingerprint is stored with each run: a build now finds the pages up to
    # date, the Russian and Chinese ones too.
    assert nothing_to_do(Project(project)), "the fingerprint of the last save was not stored"
    time.sleep(3)
    assert running.builds() == settled, "the server keeps rebuilding with nothing changed:\n" + "".join(running.log)
    assert not any("differs from a full render" in line for line in running.log), "".join(running.log)


@pytest.mark.engine
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


@pytest.mark.engine
def test_a_generated_page_edited_by_hand_is_put_back_even_with_a_save_beside_it(server):
    """The next run looks at the stamp of every page it made, and writes back one changed."""
    running, project = server
    page = generated(project, "sources/n01.md")  # a page the save below does not change
    made = page.read_text(encoding="utf-8")
    page.write_text(made + "\nEdited by hand.\n", encoding="utf-8")
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov Saved"))
    assert served(running, "Marat Demeuov Saved")
    running.settle(CEILING)
    assert page.read_text(encoding="utf-8") == made


@pytest.mark.engine
def test_a_hand_written_page_saved_after_a_data_edit_is_served(server):
    running, project = server
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov First"))
    assert served(running, "Marat Demeuov First")
    running.settle(CEILING)
    page = project / "docs" / "about" / "index.md"
    page.write_text(page.read_text(encoding="utf-8").replace("# About this site", "# About this site, edited"),
                    encoding="utf-8")
    running.wait_for_page("about/", "About this site, edited", CEILING)


@pytest.mark.engine
def test_a_template_or_code_change_is_picked_up_without_a_restart(server):
    running, project = server
    template = project / "scripts" / "scosite" / "render" / "templates" / "event.md.j2"
    template.write_text(template.read_text().replace("Titles are those the source gives", "Titles (edited) are those"))
    assert served(running, "Titles (edited) are those")
    code = project / "scripts" / "scosite" / "queries" / "display.py"
    code.write_text(code.read_text().replace(
        'return f"{number}{suffix}"', 'return f"{number}{suffix} reloaded"'))
    assert served(running, "60th reloaded session")


@pytest.mark.engine
def test_after_the_saves_the_preview_serves_what_a_clean_build_makes(preview):
    """Hugo's rule: after the module's sequence of saves (edits, bad data, hand edits, code
    changes, each put back), every page the preview serves equals the page a clean `make build`
    of the same tree makes, but for what a preview adds on purpose: the live-reload script, its
    own address in place of the site's, and its language links to where each edition is
    served."""
    running, project = preview
    running.settle(CEILING)
    assert not any("differs from a full render" in line for line in running.log), "".join(running.log)
    done = subprocess.run([sys.executable, "-m", "scosite", "build", "--root", str(project)], cwd=project,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    site = project / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                   if p.relative_to(site).parts[0] not in ("ru", "zh"))
    assert len(pages) > 300
    different, root = [], Project(project).site_url
    for page in pages:
        address = "" if page == "index.html" else page.removesuffix("index.html")
        served = as_built(fetch(running.url + address), running.url, root)
        built = as_built((site / page).read_text(encoding="utf-8"), root)
        if served != built:
            first = next(i for i, (a, b) in enumerate(zip(served, built, strict=False)) if a != b)
            different.append(f"{page}: served {served[first - 60:first + 60]!r}, built {built[first - 60:first + 60]!r}")
    assert not different, f"{len(different)} pages differ from a clean build, e.g. {different[:3]}"


LIVE_RELOAD = re.compile(r"<script>\s*var livereload\s*=.*?</script>", re.S)
SWITCHER = re.compile(r'<ul class="md-select__list">.*?</ul>', re.S)


def as_built(page: str, *roots: str) -> str:
    """A page without what differs between a preview and a build on purpose, its addresses
    relative to ``roots`` (the preview's own, and the site's)."""
    page = LIVE_RELOAD.sub("", page)
    page = SWITCHER.sub("", page)
    for root in roots:
        page = page.replace(root, "/")
    return page


def test_the_language_switcher_of_a_preview_leads_to_where_each_edition_is_served():
    """One edition per preview process, each on the port after the one before and under its
    prefix, as published: the Russian preview's switcher leads to :8000/, :8001/ru/, :8002/zh/."""
    from types import SimpleNamespace

    from scosite.engine.plugin import served_at

    config = SimpleNamespace(dev_addr=SimpleNamespace(host="127.0.0.1", port=8001),
                             extra={"edition": "ru", "alternate": [{"lang": lang} for lang in ("en", "ru", "zh")]})
    served_at(config)
    assert [alt["served_at"] for alt in config.extra["alternate"]] == [
        "http://127.0.0.1:8000/", "http://127.0.0.1:8001/ru/", "http://127.0.0.1:8002/zh/"]
