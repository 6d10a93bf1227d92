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
``test_incremental_runs.py`` with the other tests of the generator's runs).
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from scosite.build.generator import Generator, Project, tree_path
from scosite.build.write import generated_files
from scosite.data.load import Dataset, load_data

from .conftest import ROOT, copy_project, edition_of, generated, rendered


def assert_same_as_full_run(settings: Project) -> None:
    """Every generated file on disk is what a full render of the same data makes."""
    expected = rendered(settings)[1]
    assert generated_files(settings.editions) == {tree_path(path) for path in expected}, \
        "generated files differ from a full run's"
    differing = [path for path, text in expected.items()
                 if generated(settings.root, path).read_text(encoding="utf-8") != text]
    assert differing == []


def substitute(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new, count = re.subn(pattern, replacement, text, count=1, flags=re.M)
    assert count == 1, f"{pattern!r} not found in {path}"
    path.write_text(new, encoding="utf-8")


def data(project: Path, relative: str) -> Path:
    return project / "data" / relative


def first_line_edit(field: str, collection: str) -> Callable[[Path], None]:
    """Change the English text of ``field`` in the first record of ``collection`` that has it on
    one line (``field: text``, or ``field:`` with ``en: text`` under it)."""
    def edit(project: Path) -> None:
        for path in sorted(data(project, collection).glob("*.yml")):
            if re.search(rf"^{field}:(?:\n  en:)? [^\s>|]", path.read_text(encoding="utf-8"), flags=re.M):
                substitute(path, rf"^({field}:(?:\n  en:)? )(.*)$", r"\1\2 (edited)")
                return
        raise AssertionError(f"no {collection} record with a one-line {field}")
    return edit


def add_person(project: Path) -> None:
    data(project, "people/zz-new-person.yml").write_text(
        "id: zz-new-person\nname: Zz New Person\nsources: [s01]\n", encoding="utf-8")


def delete_first(collection: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        path = sorted(data(project, collection).glob("*.yml"))[0]
        path.unlink()
    return edit


def move_delegation(project: Path) -> None:
    """A participant now speaks for another country: both countries' pages change."""
    substitute(data(project, "events/2017-cnd60-high-level-event.yml"), r"^(    delegation: )kazakhstan$", r"\1russia")


def clashing_titles(project: Path) -> None:
    """Two documents with one title: both pages' titles must now say what tells them apart."""
    substitute(data(project, "documents/sco-anti-drug-strategy-2024.yml"), r"^title:\n(?:  .*\n)+",
               "title: SCO Anti-Drug Strategy 2018–2023\n")  # (its translations would now misstate the years)


def detach_part(project: Path) -> None:
    substitute(data(project, "documents/sco-anti-drug-action-plan-2024.yml"), r"^part_of: .*\n", "")


def change_figure(project: Path) -> None:
    substitute(data(project, "figures/2012-afghan-narcotics-production-2011.yml"), r"^value: .*$", "value: 1801")


def change_chair(project: Path) -> None:
    substitute(data(project, "countries/kazakhstan.yml"), r"^(  - end: )2017-06$", r"\g<1>2017-07")


def translate_first(field: str, collection: str, lang: str, text: str, last: bool = False) -> Callable[[Path], None]:
    """Change the ``lang`` translation of ``field`` in the first (or ``last``) record of
    ``collection`` whose translation is on one line; the English stays as it is."""
    def edit(project: Path) -> None:
        pattern = rf"^({field}:\n(?:  .*\n)*?  {lang}: )([^>|\n].*)$"
        for path in sorted(data(project, collection).glob("*.yml"), reverse=last):
            if re.search(pattern, path.read_text(encoding="utf-8"), flags=re.M):
                substitute(path, pattern, rf"\g<1>{text}")
                return
        raise AssertionError(f"no {collection} record with a one-line {lang} {field}")
    return edit


def add_chinese_name(project: Path) -> None:
    """A Chinese form of a name: what the Chinese edition shows for that person."""
    substitute(data(project, "people/marat-demeuov.yml"), r"^(aliases:)$",
               "\\1\n  - name: 马拉特·杰梅乌奥夫\n    lang: zh\n    sources: [s01]")


EDITS: dict[str, Callable[[Path], None]] = {
    "person name": first_line_edit("name", "people"),
    "organisation name": first_line_edit("name", "organisations"),
    "country name": first_line_edit("name", "countries"),
    "event title": first_line_edit("title", "events"),
    "document title": first_line_edit("title", "documents"),
    "metric name": first_line_edit("name", "metrics"),
    "source publisher": first_line_edit("publisher", "sources"),
    "milestone title": first_line_edit("title", "milestones"),
    "quote text": first_line_edit("text", "quotes"),
    "figure label": first_line_edit("label", "figures"),
    "new person": add_person,
    "deleted quote": delete_first("quotes"),
    "deleted figure": delete_first("figures"),
    "delegation moved": move_delegation,
    "titles clash": clashing_titles,
    "part detached": detach_part,
    "figure value": change_figure,
    "chair dates": change_chair,
    "metric name translated": translate_first("name", "metrics", "ru", "Изъятия (перевод)"),
    # not the first figure: the data reference shows that one as its example, in every edition
    "figure label translated": translate_first("label", "figures", "zh", "数字（译文）", last=True),
    "Chinese name added": add_chinese_name,
}


# "titles clash" gives a document the title of another, which no edit touches: it is made on the
# whole project only. "person name" is made there too: a name that pages of every kind show.
ON_THE_PART = [name for name in EDITS if name != "titles clash"]
ON_THE_WHOLE_PROJECT = ["person name", "titles clash"]
# Edits of a translation alone: the pages they render and write are all in their edition.
TRANSLATIONS = {"metric name translated": "ru", "figure label translated": "zh"}


# --- The part of the real data the edits are made on ------------------------------------

Key = tuple[str, str]  # (collection, id)


def record_files(project: Path) -> dict[Key, bytes]:
    return {(p.parent.name, p.stem): p.read_bytes() for p in (project / "data").glob("*/*.yml")}


def records_edited(project: Path, edits: Iterable[Callable[[Path], None]]) -> set[Key]:
    """The records that ``edits``, made in turn on ``project``, change, add or delete."""
    touched: set[Key] = set()
    before = record_files(project)
    for edit in edits:
        edit(project)
        after = record_files(project)
        touched |= {key for key in before.keys() | after.keys() if before.get(key) != after.get(key)}
        before = after
    return touched


def references(*datasets: Dataset) -> dict[Key, set[Key]]:
    """The records each record refers to, in any of ``datasets``."""
    found: dict[Key, set[Key]] = {}
    for dataset in datasets:
        for key, refs in dataset.refs.items():
            found.setdefault(key, set()).update(
                next((c, target) for c in ref.collection.split("|") if target in dataset.get(c)) for _, ref, target in refs)
    return found


def with_references(keys: Iterable[Key], refers: dict[Key, set[Key]]) -> set[Key]:
    """``keys`` and every record they refer to, directly or through others."""
    found: set[Key] = set()
    todo = list(keys)
    while todo:
        key = todo.pop()
        if key not in found:
            found.add(key)
            todo += refers.get(key, ())
    return found


def part_of_the_data(touched: set[Key], refers: dict[Key, set[Key]]) -> set[Key]:
    """The ``touched`` records; for each of them, of each collection that refers to it, the
    record that brings in the fewest others (so each kind of page that shows it is made); and
    everything these refer to."""
    part = with_references(touched, refers)
    for key in sorted(touched):
        referrers = sorted(other for other, named in refers.items() if key in named)
        for collection in sorted({c for c, _ in referrers}):
            closures = (with_references([r], refers) for r in referrers if r[0] == collection)
            part |= min(closures, key=lambda closure: len(closure - part))
    return part


def fresh_copy(project: Path) -> None:
    """The project as a fresh clone has it."""
    copy_project(project)


@pytest.fixture(scope="module")
def part(tmp_path_factory) -> Path:
    """A copy of the project whose data is the part of the real data the edits of this module
    need (``part_of_the_data``), not yet generated. Copy it; do not change it."""
    scratch = tmp_path_factory.mktemp("scratch")
    shutil.copytree(ROOT / "data", scratch / "data")
    before, problems = load_data(scratch / "data")
    assert problems == []
    edits = [EDITS[name] for name in ON_THE_PART]
    touched = records_edited(scratch, edits)
    after, problems = load_data(scratch / "data")
    assert problems == []
    keep = part_of_the_data(touched, references(before, after))  # the references before and after the edits
    project = tmp_path_factory.mktemp("part") / "project"
    fresh_copy(project)
    for path in (project / "data").glob("*/*.yml"):
        if (path.parent.name, path.stem) not in keep:
            path.unlink()
    return project


def test_the_part_is_real_records_of_every_collection_but_the_glossary(part):
    """(No record refers to a glossary term: the part has one only if it cites a source that an
    edit touches.)"""
    whole, part_records = record_files(ROOT), record_files(part)
    assert part_records.keys() < whole.keys() and all(whole[key] == text for key, text in part_records.items())
    assert {c for c, _ in whole} - {c for c, _ in part_records} <= {"glossary"}
    assert len(part_records) < len(whole) / 2


# --- The tests ----------------------------------------------------------------------------


def verified_generator(settings: Project) -> Generator:
    """A generator in verification mode: each incremental run is also compared with a full one."""
    return Generator(dataclasses.replace(settings, verify=True))


def started(project: Path, **settings: object) -> tuple[Path, Generator]:
    """``project`` and a generator that has made its pages once."""
    generator = Generator(Project(project, **settings))  # type: ignore[arg-type]
    result, problems = generator.run()
    assert problems == [] and result is not None and result.written
    return project, generator


@pytest.fixture(scope="module")
def session(part, tmp_path_factory) -> tuple[Path, Generator]:
    """One project (the part) and one generator for every edit in turn, as in a long preview
    session. Each test compares the pages with a full render itself; the generator's own
    verification would render everything a second time (set SCOSITE_VERIFY_INCREMENTAL=1 to
    have a failure name the read the tracking missed)."""
    project = tmp_path_factory.mktemp("incremental") / "project"
    shutil.copytree(part, project)
    return started(project)


@pytest.fixture(scope="module")
def whole_session(tmp_path_factory) -> tuple[Path, Generator]:
    """As ``session``, on the whole real project."""
    project = tmp_path_factory.mktemp("whole") / "project"
    fresh_copy(project)
    return started(project)


def edit_and_compare(session: tuple[Path, Generator], name: str) -> None:
    project, generator = session
    total, before = len(generator.outputs), dict(generator.outputs)
    EDITS[name](project)
    result, problems = generator.run()
    assert [p.format() for p in problems] == [] and result is not None
    assert result.written or result.removed, "the edit changed nothing on the site"
    assert_same_as_full_run(generator.project)
    # Incremental: an edit of one record renders a part of the site, not all of it.
    assert generator.rendered < total / 2, f"{generator.rendered} of {total} rendered"
    if name in TRANSLATIONS:
        # Pages of the other editions are neither rendered (a page kept is the last run's very
        # output) nor written, but for those that read everything in every language.
        lang = TRANSLATIONS[name]
        rendered = [path for path, output in generator.outputs.items() if before.get(path) is not output]
        for made in (rendered, result.written):
            pages = [edition_of(p) for p in made if p.endswith(".md")]
            assert [p for edition, p in pages if edition == lang and p not in READ_EVERYTHING], made
            assert all(p in READ_EVERYTHING for edition, p in pages if edition != lang), made


# The pages that read every record in every language, made again after any edit: the open-data
# page and the data reference (the downloads' row counts), and the translation status.
READ_EVERYTHING = ("data.md", "about/data-reference.md", "about/translations.md")


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
