"""Validation: the everything-wrong fixture gives exactly its list of problems (tests/support/broken.py);
real data passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from scosite.build.generator import Project, validate
from scosite.data.models import COLLECTIONS
from scosite.data.schemas import schema_texts

from .support.broken import BROKEN_EXPECTED
from .support.project import FIXTURES, ROOT


def test_everything_wrong_fixture_reports_every_problem_in_order():
    _, problems = validate(Project(FIXTURES / "broken"))
    found = [(p.path, p.line, p.col, p.field, p.message) for p in sorted(problems)]
    assert found == BROKEN_EXPECTED


@pytest.mark.parametrize(
    ("field", "hint"),
    [
        ("kind", "did you mean 'side-event'?"),
        ("language", "did you mean 'en'?"),
        ("metric", "did you mean 'heroin-seized'?"),
        ("speaker", "add data/people/nobody.yml, or correct the id"),
        ("name", "add a line 'name: ...'"),
    ],
)
def test_problems_carry_a_plain_language_hint(field, hint):
    _, problems = validate(Project(FIXTURES / "broken"))
    assert hint in [p.hint for p in problems if p.field == field]


def test_the_real_data_validates():
    data, problems = validate(Project(ROOT))
    assert [p.format() for p in problems] == []
    assert all(data.get(c.name) for c in COLLECTIONS), "every collection has at least one record"


def test_the_fixture_data_validates():
    _, problems = validate(Project(FIXTURES / "mini"))
    assert [p.format() for p in problems] == []


def test_committed_json_schemas_match_the_models():
    folder = ROOT / "data" / "schemas"
    for name, text in schema_texts().items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"{name} is stale: run 'make schemas'"
    assert sorted(p.name for p in folder.glob("*.json")) == sorted(schema_texts())


def write(project: Path, relative: str, text: str) -> None:
    path = project / "data" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("relative", "text", "field", "message"),
    [
        ("figures/f.yml", "id: f\nmetric: heroin-seized\nlabel: x\nvalue: -1\nunit: tonnes\nperiod: {}\n"
         "speaker: ann-example\nsources: [s01]\n", "value", "a figure must be a finite number, zero or more"),
        ("figures/f.yml", "id: f\nmetric: heroin-seized\nlabel: x\nvalue: 1\nunit: tonnes\nperiod: {}\nsources: [s01]\n",
         "speaker", "a figure needs a speaker or attributed_to"),
        ("figures/f.yml", "id: f\nmetric: heroin-seized\nlabel: x\nvalue: 1\nunit: barrels\nperiod: {}\n"
         "speaker: ann-example\nsources: [s01]\n", "unit", "'barrels' is not an allowed value"),
        ("figures/f.yml", "id: f\nmetric: heroin-seized\nlabel: x\nvalue: '69'\nunit: tonnes\nperiod: {}\n"
         "speaker: ann-example\nsources: [s01]\n", "value", "expected a number, found text ('69')"),
        ("figures/f.yml", "id: f\nmetric: heroin-seized\nlabel: x\nvalue: 1\nunit: tonnes\n"
         "period: {start: 2015, end: 2010}\nspeaker: ann-example\nsources: [s01]\n", "period.end",
         "the period ends before it starts"),
        ("people/p.yml", "id: p\nname: [A, B]\nsources: [s01]\n", "name", "expected text, found a list"),
        ("people/p.yml", "id: p\nname: 1961\nsources: [s01]\n", "name", "expected text, found a number (1961)"),
        ("people/p.yml", "id: p\nname: ' P'\nsources: [s01]\n", "name", "text starts or ends with spaces"),
        ("people/p.yml", "id: p\nname: P\nnmae: Q\nsources: [s01]\n", "nmae", "unknown field 'nmae'"),
        ("sources/s9.yml", "id: s9\ntitle: T\nurl: data:text/html,x\npublisher: P\nlanguage: en\n", "url",
         "a link must start with https:// (or http:// for pages that have no https version)"),
        ("sources/s9.yml", "id: s9\ntitle: T\nurl: https://exa mple.org\npublisher: P\nlanguage: en\n", "url",
         "a link must not contain spaces, quotes or angle brackets"),
        ("sources/s9.yml", "id: s9\ntitle: T\nurl: https://user:pw@example.org/\npublisher: P\nlanguage: en\n", "url",
         "a link needs a host name such as www.unodc.org"),
        ("sources/s9.yml", "id: s9\ntitle: T\nurl: https://example.org/\npublisher: P\nlanguage: en\ndate: 2017-13\n",
         "date", "not a real date (2017-13): month must be in 1..12"),
        ("events/2017-test-event.yml", "id: 2017-test-event\ntitle: T\nkind: side-event\ndate: 2017-03-13\n"
         "end_date: 2017-03-12\nsummary: S\nsources: [s01]\n", "end_date", "ends before it starts"),
        ("events/2017-test-event.yml", "id: 2017-test-event\ntitle: T\nkind: side-event\ndate: 13.03.2017\n"
         "summary: S\nsources: [s01]\n", "date", "'13.03.2017' is not a date"),
        ("countries/kazakhstan.yml", "id: kazakhstan\nname: K\nsco:\n  - status: member\n    start: 2001\n"
         "    sources: [s01]\nsources: [S01]\n", "sources[0]", "'S01' is not a valid id"),
        ("quotes/2017-ann.yml", "id: 2017-ann\nperson: ann-example\ntext: T\nlang: en\nsaid_on: 2017-03-13\n"
         "online: yes\nsources: [s01]\n", "online", "unknown field 'online'"),
    ],
)
def test_rules(mini_project, relative, text, field, message):
    write(mini_project, relative, text)
    _, problems = validate(Project(mini_project))
    assert [(p.field, p.message) for p in problems] == [(field, message)]
