"""The strict YAML reader: what each input becomes, and what is refused, with positions."""

from __future__ import annotations

import pytest
import yaml

from scosite.data import yamlstrict
from scosite.data.yamlstrict import parse

LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if getattr(yaml, "CSafeLoader", None):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.fixture(params=LOADERS, autouse=True)
def loader(request, monkeypatch):
    """Every test runs with the pure-Python parser and with libyaml's C parser."""
    monkeypatch.setattr(yamlstrict, "Loader", request.param)
    return request.param


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: NO", "NO"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: 2017-03-13", "2017-03-13"),
        ("a: 012", "012"),
        ("a: 1e3", "1e3"),
        ("a: 1_000", "1_000"),
        ("a: 12:30", "12:30"),
        ("a: .nan", ".nan"),
        ("a: .inf", ".inf"),
        ("a: 0x1F", "0x1F"),
        ("a: True", "True"),
        ("a: 69", 69),
        ("a: -3", -3),
        ("a: 6.5", 6.5),
        ("a: true", True),
        ("a: false", False),
        ("a:", None),
        ("a: ~", None),
        ("a: null", None),
        ("a: '69'", "69"),
        ('a: "true"', "true"),
        ("a: >-\n  folded\n  text", "folded text"),
    ],
)
def test_scalars_mean_what_an_editor_expects(text, expected):
    result = parse(text.encode(), "f.yml")
    assert result.problems == []
    assert result.value == {"a": expected}
    assert type(result.value["a"]) is type(expected)


@pytest.mark.parametrize(
    ("raw", "line", "col", "message"),
    [
        (b"a: 1\na: 2\n", 2, 1, "'a' is given twice"),
        (b"a: &x 1\nb: *x\n", 1, 4, "anchors (&x) are not allowed"),
        (b"a: *x\n", 1, 4, "aliases (*x) are not allowed"),
        (b"a: [1]\nb: !x 2\n", 2, 4, "tags (!x) are not allowed"),
        (b"a: !!python/object/apply:os.system ['ls']\n", 1, 4, "tags (tag:yaml.org,2002:python/object/apply:os.system)"),
        (b"<<: {a: 1}\n", 1, 1, "merge keys (<<) are not allowed"),
        (b"a: 1\n---\nb: 2\n", 2, 1, "more than one YAML document"),
        (b"", 1, 1, "the file is empty"),
        (b"# only a comment\n", 1, 1, "the file is empty"),
        (b"a: @x\n", 1, 4, "cannot start any token"),
        (b"a: `x\n", 1, 4, "cannot start any token"),
        (b"a: %x\n", 1, 4, "cannot start any token"),
        (b"title: Operation #2\n", 1, 18, "the text after ' #' was read as a comment"),
        (b"a:\n\tb: 1\n", 2, 1, "tab used for indentation"),
        (b"a: caf\xe9\n", 1, 7, "byte 0xe9 is not valid UTF-8"),
        (b"\xff\xfea\x00:\x00", 1, 1, "saved as UTF-16"),
        (b"a: x\x07y\n", 1, 5, "control character U+0007"),
        ("a: x\u2028y\n".encode(), 1, 5, "Unicode line separator"),
        ("a: x\u202ey\n".encode(), 1, 5, "bidi control"),
        ("id: ab\u200bc\n".encode(), 1, 7, "zero-width space"),
        ("a: x\u0091y\n".encode(), 1, 5, "control character U+0091"),
        ("a: x\ufdd0y\n".encode(), 1, 5, "code point that is not a character U+FDD0"),
        (b'a: "x\\x7fy"\n', 1, 4, "an escaped control character, U+007F"),
        (b'a: "x\\u2028y"\n', 1, 4, "an escaped invisible character (Unicode line separator), U+2028"),
        (b'a: "\\uFFFF"\n', 1, 4, "an escaped code point that is not a character, U+FFFF"),
        (b'a: ["ok", "\\0"]\n', 1, 11, "an escaped control character, U+0000"),
        (b"1: a\n", 1, 1, "field names must be text"),
        (b"? [a]\n: b\n", 1, 3, "a field name must be plain text"),
        (b"a: b: c\n", 1, 5, "mapping values are not allowed"),
    ],
)
def test_surprises_are_problems_with_positions(raw, line, col, message):
    problems = parse(raw, "f.yml").problems
    assert problems, "expected a problem"
    first = problems[0]
    assert (first.path, first.line, first.col) == ("f.yml", line, col)
    assert message in first.message
    assert first.hint


def test_alias_bomb_stops_at_the_first_anchor():
    bomb = b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\nd: &d [*c,*c]\n'
    result = parse(bomb, "f.yml")
    assert [p.message for p in result.problems] == ["anchors (&a) are not allowed"]


def test_deep_nesting_is_refused():
    deep = ("a: " + "[" * 40 + "]" * 40 + "\n").encode()
    problems = parse(deep, "f.yml").problems
    assert problems and "nesting deeper than" in problems[0].message


def test_bom_and_crlf_are_accepted():
    result = parse(b"\xef\xbb\xbfa: 1\r\nb: two\r\n", "f.yml")
    assert result.problems == []
    assert result.value == {"a": 1, "b": "two"}


def test_positions_point_at_values_and_keys():
    result = parse(b"id: x\nparticipants:\n  - person: ann\n    role: speaker\n", "f.yml")
    assert result.where(("participants", 0, "person")) == (3, 13)
    assert result.where(("participants", 0, "role"), key=True) == (4, 5)
    assert result.where(("participants", 0, "missing")) == (3, 5)  # nearest known ancestor


def test_oversized_file_is_refused_before_parsing():
    problems = parse(b"a: " + b"x" * (yamlstrict.MAX_BYTES + 1), "f.yml").problems
    assert problems and "too large" in problems[0].message
