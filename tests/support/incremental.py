"""The edits the incremental generator's tests make (test_incremental.py on a part of the real
data, test_incremental_runs.py on the whole project and with split indexes), the part of the
real data they are made on, and the comparison with a full run after each edit."""

from __future__ import annotations

import dataclasses
import re
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from scosite.build.generator import Generator, Project, tree_path
from scosite.build.write import generated_files
from scosite.data.load import Dataset, load_data

from .generator import edition_of, generated, rendered
from .project import ROOT, copy_project


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


def make_part(scratch: Path, project: Path) -> Path:
    """A copy of the project in ``project`` whose data is the part of the real data the edits
    ``ON_THE_PART`` need (``part_of_the_data``), not yet generated; the edits are tried on a
    copy of the data in ``scratch``."""
    shutil.copytree(ROOT / "data", scratch / "data")
    before, problems = load_data(scratch / "data")
    assert problems == []
    edits = [EDITS[name] for name in ON_THE_PART]
    touched = records_edited(scratch, edits)
    after, problems = load_data(scratch / "data")
    assert problems == []
    keep = part_of_the_data(touched, references(before, after))  # the references before and after the edits
    copy_project(project)
    for path in (project / "data").glob("*/*.yml"):
        if (path.parent.name, path.stem) not in keep:
            path.unlink()
    return project


# --- Runs and the comparison with a full run ---------------------------------------------


def verified_generator(settings: Project) -> Generator:
    """A generator in verification mode: each incremental run is also compared with a full one."""
    return Generator(dataclasses.replace(settings, verify=True))


def started(project: Path, **settings: object) -> tuple[Path, Generator]:
    """``project`` and a generator that has made its pages once."""
    generator = Generator(Project(project, **settings))  # type: ignore[arg-type]
    result, problems = generator.run()
    assert problems == [] and result is not None and result.written
    return project, generator


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
