"""Bad input, class by class: exit code, exact location and message, previous output intact.

Each case writes one file into the fixture project, already built once, runs the generator's
command (`scosite generate`, the build's first step) in-process, and checks that the first
problem reported is exactly the expected `path:line:col: field: message`, that nothing under
docs/ changed, and that the data is valid again once the file is removed (the cases share one
project: each leaves it as it found it, which is what they check). For one case of each kind,
`scosite build` itself (which runs that command in a process of its own) reports the same
lines, exits non-zero, leaves both docs/ and site/ as they were, and the next run builds.
"""

from __future__ import annotations

import shutil

import pytest

from scosite import cli
from scosite.build.generator import Project, generate, validate

from .support.generator import generated
from .support.project import FIXTURES, snapshot

P = "data/people/"
F = "data/figures/"
E = "data/events/"
S = "data/sources/"


def person(body: str) -> bytes:
    return f"id: zed\n{body}sources: [s01]\n".encode()


def figure(value: str, unit: str = "tonnes") -> bytes:
    return (f"id: fig\nmetric: heroin-seized\nlabel: x\nvalue: {value}\nunit: {unit}\nperiod: {{}}\n"
            "speaker: ann-example\nsources: [s01]\n").encode()


def source(url: str) -> bytes:
    return f"id: s09\ntitle: T\nurl: {url}\npublisher: P\nlanguage: en\n".encode()


def event_date(date: str) -> bytes:
    return f"id: ev\ntitle: T\nkind: meeting\ndate: {date}\nsummary: S\nsources: [s01]\n".encode()


# (case id, file written, its bytes, the first problem: (path, line, col, field, message))
CASES = [
    # YAML surprises
    ("duplicate-key", P + "zed.yml", person("name: A\nname: B\n"), (P + "zed.yml", 3, 1, "name", "'name' is given twice")),
    ("impossible-date", E + "ev.yml", event_date("2023-02-30"),
     (E + "ev.yml", 4, 7, "date", "not a real date (2023-02-30): day is out of range for month")),
    ("time-as-date", E + "ev.yml", event_date("12:30"), (E + "ev.yml", 4, 7, "date", "'12:30' is not a date")),
    ("leading-zero", F + "fig.yml", figure("012"), (F + "fig.yml", 4, 8, "value", "expected a number, found text ('012')")),
    ("exponent", F + "fig.yml", figure("1e3"), (F + "fig.yml", 4, 8, "value", "expected a number, found text ('1e3')")),
    ("underscore", F + "fig.yml", figure("1_000"), (F + "fig.yml", 4, 8, "value", "expected a number, found text ('1_000')")),
    ("nan", F + "fig.yml", figure(".nan"), (F + "fig.yml", 4, 8, "value", "expected a number, found text ('.nan')")),
    ("infinity", F + "fig.yml", figure(".inf"), (F + "fig.yml", 4, 8, "value", "expected a number, found text ('.inf')")),
    ("cut-by-comment", P + "zed.yml", person("name: Ann #2\n"),
     (P + "zed.yml", 2, 11, "name", "the text after ' #' was read as a comment, so the value is cut to 'Ann'")),
    ("starts-with-at", P + "zed.yml", person("name: @ann\n"),
     (P + "zed.yml", 2, 7, "", "YAML syntax: found character that cannot start any token (while scanning for the next token)")),
    ("starts-with-star", P + "zed.yml", person("name: *ann\n"), (P + "zed.yml", 2, 7, "name", "aliases (*ann) are not allowed")),
    ("starts-with-ampersand", P + "zed.yml", person("name: &ann x\n"),
     (P + "zed.yml", 2, 7, "name", "anchors (&ann) are not allowed")),
    ("starts-with-bang", P + "zed.yml", person("name: !ann x\n"), (P + "zed.yml", 2, 7, "name", "tags (!ann) are not allowed")),
    ("starts-with-percent", P + "zed.yml", person("name: %ann\n"),
     (P + "zed.yml", 2, 7, "", "YAML syntax: found character that cannot start any token (while scanning for the next token)")),
    ("tab", P + "zed.yml", b"id: zed\naliases:\n\t- name: x\n", (P + "zed.yml", 3, 1, "", "tab used for indentation")),
    ("merge-key", P + "zed.yml", b"id: zed\n<<: {name: x}\n", (P + "zed.yml", 2, 1, "", "merge keys (<<) are not allowed")),
    ("alias-bomb", P + "zed.yml", b"id: zed\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n",
     (P + "zed.yml", 2, 4, "a", "anchors (&a) are not allowed")),
    ("recursion", P + "zed.yml", b"id: zed\na: &a [*a]\n", (P + "zed.yml", 2, 4, "a", "anchors (&a) are not allowed")),
    ("deep-nesting", P + "zed.yml", b"id: zed\nname: " + b"[" * 30 + b"]" * 30 + b"\n",
     (P + "zed.yml", 2, 23, "name" + "[0]" * 16, "nesting deeper than 16 levels")),
    ("two-documents", P + "zed.yml", b"id: zed\n---\nid: two\n",
     (P + "zed.yml", 2, 1, "", "the file holds more than one YAML document (a second '---')")),
    ("python-tag", P + "zed.yml", b"id: zed\nname: !!python/object/apply:os.system ['id']\n",
     (P + "zed.yml", 2, 7, "name", "tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed")),
    ("empty-file", P + "zed.yml", b"", (P + "zed.yml", 1, 1, "", "the file is empty (or holds only comments)")),
    ("comment-only", P + "zed.yml", b"# to do\n", (P + "zed.yml", 1, 1, "", "the file is empty (or holds only comments)")),
    ("top-level-list", P + "zed.yml", b"- id: zed\n",
     (P + "zed.yml", 1, 1, "", "a record is a group of fields ('field: value' lines), not a list")),
    ("top-level-text", P + "zed.yml", b"just text\n",
     (P + "zed.yml", 1, 1, "", "a record is a group of fields ('field: value' lines), not text ('just text')")),
    # Files
    ("windows-1252", P + "zed.yml", "id: zed\nname: Sérgio\n".encode("cp1252"),
     (P + "zed.yml", 2, 8, "", "byte 0xe9 is not valid UTF-8")),
    ("utf-16", P + "zed.yml", "id: zed\n".encode("utf-16"), (P + "zed.yml", 1, 1, "", "file is saved as UTF-16")),
    ("control-character", P + "zed.yml", person("name: a\x1bb\n"),
     (P + "zed.yml", 2, 8, "", "control character U+001B is not allowed")),
    ("line-separator", P + "zed.yml", person("name: a\u2028b\n"),
     (P + "zed.yml", 2, 8, "", "invisible character (Unicode line separator, U+2028)")),
    ("zero-width-in-id", P + "zed.yml", "id: z\u200bed\nname: Z\nsources: [s01]\n".encode(),
     (P + "zed.yml", 1, 6, "", "invisible character (zero-width space, U+200B)")),
    ("bidi-in-id", P + "zed.yml", "id: zed\u202e\nname: Z\nsources: [s01]\n".encode(),
     (P + "zed.yml", 1, 8, "", "invisible character (bidi control, U+202E)")),
    ("very-large", P + "zed.yml", b"id: zed\nname: " + b"x" * 1_000_001 + b"\n",
     (P + "zed.yml", 0, 0, "", "file is too large (1,000,016 bytes; the limit is 1,000,000)")),
    ("office-lock-file", P + "~$zed.yml", b"\x00\x01", (P + "~$zed.yml", 0, 0, "", "a temporary file left by an office program")),
    ("copy-with-number", P + "zed (1).yml", person("name: Z\n"),
     (P + "zed (1).yml", 0, 0, "", "the file name is not a valid id (lower-case letters, digits and hyphens)")),
    ("yaml-extension", P + "zed.yaml", person("name: Z\n"), (P + "zed.yaml", 0, 0, "", "record files end in .yml, not .yaml")),
    ("other-file", P + "notes.txt", b"notes", (P + "notes.txt", 0, 0, "", "not a record file (record files end in .yml)")),
    ("differs-in-case", P + "Zed.yml", person("name: Z\n"),
     (P + "Zed.yml", 0, 0, "", "the file name is not a valid id (lower-case letters, digits and hyphens)")),
    ("reserved-id", P + "index.yml", b"id: index\nname: I\nsources: [s01]\n",
     (P + "index.yml", 0, 0, "", "'index' cannot be an id: it is the name of the section's own index page")),
    # Schema and references
    ("misspelt-field", P + "zed.yml", person("name: Z\nsort_nmae: Z\n"),
     (P + "zed.yml", 3, 1, "sort_nmae", "unknown field 'sort_nmae'")),
    ("missing-field", P + "zed.yml", person(""), (P + "zed.yml", 1, 1, "name", "required field is missing")),
    ("list-for-text", P + "zed.yml", person("name: [A, B]\n"), (P + "zed.yml", 2, 7, "name", "expected text, found a list")),
    ("same-id-twice", P + "zed.yml", b"id: bob-sample\nname: Bob\nsources: [s01]\n",
     (P + "zed.yml", 1, 5, "id", "the id 'bob-sample' differs from the file name 'zed.yml'")),
    ("unknown-reference", P + "zed.yml",
     person("name: Z\npositions:\n  - title: T\n    organisation: unodx\n    sources: [s01]\n"),
     (P + "zed.yml", 5, 19, "positions[0].organisation", "no organisation with id 'unodx'")),
    ("escaping-id", P + "zed.yml", person("name: Z\npositions:\n  - title: T\n    country: ../../etc\n    sources: [s01]\n"),
     (P + "zed.yml", 5, 14, "positions[0].country", "'../../etc' is not a valid id")),
    ("negative-figure", F + "fig.yml", figure("-5"),
     (F + "fig.yml", 4, 8, "value", "a figure must be a finite number, zero or more")),
    ("unit-not-allowed", F + "fig.yml", figure("5", "lbs"), (F + "fig.yml", 5, 7, "unit", "'lbs' is not an allowed value")),
    ("ftp-url", S + "s09.yml", source("ftp://example.org/x"),
     (S + "s09.yml", 3, 6, "url", "a link must start with https:// (or http:// for pages that have no https version)")),
    ("javascript-url", S + "s09.yml", source("javascript:alert(1)"),
     (S + "s09.yml", 3, 6, "url", "a link must start with https:// (or http:// for pages that have no https version)")),
    ("data-url", S + "s09.yml", source("data:text/html;base64,PHNjcmlwdD4="),
     (S + "s09.yml", 3, 6, "url", "a link must start with https:// (or http:// for pages that have no https version)")),
    ("url-with-quote", S + "s09.yml", source("'https://example.org/\"onmouseover=x'"),
     (S + "s09.yml", 3, 6, "url", "a link must not contain spaces, quotes or angle brackets")),
]


@pytest.fixture(scope="module")
def built_once(tmp_path_factory):
    """The fixture project with pages generated and a previous site/ in place (made once: the
    tests change a copy, ``built_project``)."""
    project = tmp_path_factory.mktemp("built") / "project"
    shutil.copytree(FIXTURES / "mini" / "data", project / "data")
    (project / "docs").mkdir()
    result, problems = generate(Project(project))
    assert problems == [] and result is not None
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<p>the previous site</p>")
    return project


@pytest.fixture
def built_project(built_once, tmp_path):
    """A writable copy of ``built_once``."""
    shutil.copytree(built_once, tmp_path / "project")
    return tmp_path / "project"


@pytest.fixture
def same_project(built_once):
    """``built_once`` itself, for a case that must change nothing in it: the files a case adds
    under data/ are taken away after it."""
    before = set((built_once / "data").rglob("*"))
    yield built_once
    for path in set((built_once / "data").rglob("*")) - before:
        path.unlink()


def reported(project, capsys, command: str) -> tuple[int, list[str]]:
    """``scosite command`` on ``project``: its exit status and the lines it wrote to stderr."""
    status = cli.main([command, "--root", str(project)])
    return status, capsys.readouterr().err.splitlines()


@pytest.mark.parametrize(("relative", "content", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_is_reported_precisely_and_changes_nothing(same_project, capsys, relative, content, expected):
    docs_before = snapshot(generated(same_project))
    target = same_project / relative
    target.write_bytes(content)

    status, lines = reported(same_project, capsys, "generate")

    assert status == 1
    assert not any("Traceback" in line for line in lines)
    path, line, col, field, message = expected
    where = f"{path}:{line}:{col}" if line else path
    first = next(line for line in lines if line.startswith(path))
    assert first == (f"{where}: {field}: {message}" if field else f"{where}: {message}")
    assert snapshot(generated(same_project)) == docs_before

    target.unlink()
    assert validate(Project(same_project))[1] == []


# One case of each kind above: YAML, the file itself, the schema and references.
BUILT_CASES = {"duplicate-key", "windows-1252", "unknown-reference"}


@pytest.mark.parametrize(("relative", "content"), [c[1:3] for c in CASES if c[0] in BUILT_CASES],
                         ids=[c[0] for c in CASES if c[0] in BUILT_CASES])
def test_the_build_reports_what_the_generator_reports_and_keeps_the_site(built_project, capsys, relative, content):
    (built_project / relative).write_bytes(content)
    docs_before, site_before = snapshot(generated(built_project)), snapshot(built_project / "site")
    by_generate = reported(built_project, capsys, "generate")

    status, lines = reported(built_project, capsys, "build")

    assert by_generate[0] == status == 1
    assert lines[:-1] == by_generate[1] and lines[-1].startswith("Generator: failed in ")
    assert snapshot(generated(built_project)) == docs_before
    assert snapshot(built_project / "site") == site_before
    (built_project / relative).unlink()
    assert generate(Project(built_project))[1] == []


@pytest.mark.parametrize(
    ("content", "shown"),
    [
        (person("name: NO\n"), "NO"),
        (person("name: yes\n"), "yes"),
        (person("name: on\n"), "on"),
        (b"\xef\xbb\xbfid: zed\r\nname: Windows Editor\r\nsources: [s01]\r\n", "Windows Editor"),
    ],
    ids=["NO", "yes", "on", "bom-and-crlf"],
)
def test_yaml_1_1_surprises_are_neutralised_and_accepted(built_project, content, shown):
    (built_project / P / "zed.yml").write_bytes(content)
    result, problems = generate(Project(built_project))
    assert problems == [] and result is not None
    page = generated(built_project, "people/zed.md").read_text()
    assert f"# {shown} {{ #top }}" in page


def test_a_hand_written_page_where_a_record_page_goes_is_refused(built_project, capsys):
    (built_project / "docs" / "people").mkdir()
    (built_project / "docs" / "people" / "zed.md").write_text("# Written by hand\n")
    (built_project / P / "zed.yml").write_bytes(person("name: Z\n"))
    assert cli.main(["build", "--root", str(built_project)]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "docs/people/zed.md: a hand-written page is where a generated one must go")
    assert (built_project / "docs" / "people" / "zed.md").read_text() == "# Written by hand\n"


def test_a_template_that_fails_is_a_problem_not_a_traceback(built_project, tmp_path):
    from scosite.render.templating import TEMPLATES

    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    (templates / "person.md.j2").write_text("# {{ record.no_such_field }}\n")
    before = snapshot(generated(built_project))
    result, problems = generate(Project(built_project, templates=templates))
    assert result is None
    (problem,) = problems
    assert problem.message.startswith("template error") and "no_such_field" in problem.message
    assert problem.path.endswith("templates/person.md.j2") and problem.line == 1
    assert snapshot(generated(built_project)) == before


def test_a_full_disk_is_a_problem_and_the_previous_pages_stay(built_project, monkeypatch, capsys):
    import os

    (built_project / P / "zed.yml").write_bytes(person("name: Z\n"))
    before = snapshot(generated(built_project))

    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", no_space)
    assert cli.main(["generate", "--root", str(built_project)]) == 1
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert "cannot write the pages: No space left on device" in err and "Traceback" not in err
    assert snapshot(generated(built_project)) == before


def test_leftovers_of_an_interrupted_run_are_cleaned_up(built_project):
    leftover = generated(built_project, "people/.zed.md.x1y2.tmp")
    leftover.write_text("half a page")
    staging = built_project / ".cache" / "site-abc123"
    staging.mkdir(parents=True)
    assert generate(Project(built_project))[1] == []
    assert not leftover.exists()
    site_before = snapshot(built_project / "site")
    # The fixture project has no mkdocs.yml, so MkDocs itself fails here: the leftover
    # staging folder is still removed, and the previous site/ is still untouched.
    assert cli.main(["build", "--root", str(built_project)]) == 1
    assert not staging.exists()
    assert list((built_project / ".cache").glob("site-*")) == []
    assert snapshot(built_project / "site") == site_before
