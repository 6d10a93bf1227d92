"""A strict YAML reader for data files written by people, not programs.

PyYAML's parser (libyaml's C parser when installed) turns the text into events; this
module builds plain values from those events itself, so that it decides what a value
means, not YAML 1.1:

* only ``true``/``false`` are booleans, only ``null``, ``~`` and an empty value are null,
  only plain decimal digits (``12``, ``-3``, ``6.5``) are numbers; everything else
  (``NO``, ``on``, ``2017-03-13``, ``012``, ``1e3``, ``1_000``, ``12:30``, ``.nan``) stays
  text, and the typed models decide whether text is acceptable there;
* anchors, aliases, merge keys, tags, several documents, duplicate keys, non-text keys
  and deep nesting are problems, reported with line and column;
* text that is not UTF-8, control characters, Unicode line separators and invisible
  characters are problems too, reported before YAML sees them.

The result is ``(value, positions)``: ``positions`` maps each path in the value, such as
``("participants", 2, "person")``, to the line and column where it stands in the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import Problem

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 1_000_000
MAX_DEPTH = 16

Path = tuple[str | int, ...]

INT_RE = re.compile(r"-?(0|[1-9][0-9]*)")
FLOAT_RE = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+")
NULLS = {"", "~", "null"}
BOOLS = {"true": True, "false": False}

# Characters that are invisible in an editor or reorder text on screen, and characters
# that YAML treats as line breaks although editors do not.
INVISIBLE = {
    "\u200b": "zero-width space",
    "\u2060": "word joiner",
    "\ufeff": "zero-width no-break space",
    "\u202a": "bidi control",
    "\u202b": "bidi control",
    "\u202c": "bidi control",
    "\u202d": "bidi control",
    "\u202e": "bidi control",
    "\u2066": "bidi control",
    "\u2067": "bidi control",
    "\u2068": "bidi control",
    "\u2069": "bidi control",
    "\u2028": "Unicode line separator",
    "\u2029": "Unicode paragraph separator",
    "\u0085": "next-line control character",
}


@dataclass
class Parsed:
    """What a file holds: its value, where each part stands, and what is wrong."""

    value: Any = None
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def where(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The closest known position of ``path`` (or of its nearest ancestor)."""
        table = self.key_positions if key else self.positions
        for end in range(len(path), -1, -1):
            found = table.get(path[:end]) or self.key_positions.get(path[:end])
            if found:
                return found
        return (1, 1)


class _Stop(Exception):
    """Ends composition at the first structural problem (the rest would mislead)."""


def decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text: UTF-8 only (a leading BOM is dropped); CRLF becomes LF."""
    if len(raw) > MAX_BYTES:
        return None, [Problem(path, 0, 0, "", f"file is too large ({len(raw):,} bytes; the limit is {MAX_BYTES:,})",
                              "split the records into one file each")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(path, 1, 1, "", "file is saved as UTF-16",
                              "save it as UTF-8 (in most editors: Save As, Encoding: UTF-8)")]
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        col = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        return None, [Problem(path, line, col, "", f"byte 0x{raw[err.start]:02x} is not valid UTF-8",
                              "the file was probably saved as Windows-1252 or Latin-1 (e.g. from Excel); save it as UTF-8")]
    return text.replace("\r\n", "\n"), []


# Control characters (C0 but tab and line feed, DEL, C1), code points that are not characters
# (U+FDD0–U+FDEF, U+xFFFE and U+xFFFF of every plane) and lone surrogates: none can be shown.
NOT_TEXT = (r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ud800-\udfff"
            + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)))
SUSPECT_RE = re.compile("[" + "".join(INVISIBLE) + NOT_TEXT + r"]|^[ \t]*\t", re.M)
VALUE_SUSPECT_RE = re.compile("[" + "".join(INVISIBLE) + NOT_TEXT + "]")


def check_characters(text: str, path: str) -> list[Problem]:
    """Control characters, tabs in indentation and invisible characters, with positions.

    One regular-expression scan of the whole text; positions are worked out only for the
    (rare) matches, so clean files cost almost nothing.
    """
    problems = []
    for match in SUSPECT_RE.finditer(text):
        start = match.end() - 1 if match.group().endswith("\t") else match.start()
        line = text.count("\n", 0, start) + 1
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        char = text[start]
        if char == "\t":
            problems.append(Problem(path, line, col, "", "tab used for indentation", "indent with spaces only (two per level)"))
        elif char in INVISIBLE:
            problems.append(Problem(path, line, col, "", f"invisible character ({INVISIBLE[char]}, U+{ord(char):04X})",
                                    "delete it; it cannot be seen but changes how the text is read"))
        else:
            problems.append(Problem(path, line, col, "", f"{character_kind(char)} U+{ord(char):04X} is not allowed",
                                    "delete it; it is usually pasted in by accident"))
    return sorted(problems)


def character_kind(char: str) -> str:
    """What a refused character is, in words."""
    if char in INVISIBLE:
        return f"invisible character ({INVISIBLE[char]})"
    return "control character" if ord(char) < 0xA0 else "code point that is not a character"


def parse(raw: bytes, path: str) -> Parsed:
    """Read one data file; every problem found is in ``Parsed.problems``."""
    text, problems = decode(raw, path)
    if text is None:
        return Parsed(problems=problems)
    problems = check_characters(text, path)
    if problems:
        return Parsed(problems=problems)
    builder = _Builder(text, path)
    try:
        builder.run()
    except _Stop:
        pass
    except yaml.YAMLError as err:
        builder.parsed.problems.append(_yaml_error(err, path))
    return builder.parsed


def _yaml_error(err: yaml.YAMLError, path: str) -> Problem:
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
    text = " ".join(str(getattr(err, "problem", None) or err).split())
    context = getattr(err, "context", None)
    if context:
        text = f"{text} ({context})"
    return Problem(path, line, col, "", f"YAML syntax: {text}", _syntax_hint(err))


# Hints for the YAML reader's errors, by the error's kind and its problem as PyYAML words it
# (the pure-Python reader names the character it found, ``%r``; libyaml's words differ).
QUOTE_SPECIAL = "a value that starts with @ ` % or another special character must be in quotes"
QUOTE_COLON = "a value that contains ': ' must be in quotes"
SYNTAX_HINTS = {
    ("ScannerError", "found character %r that cannot start any token"): QUOTE_SPECIAL,
    ("ScannerError", "found character that cannot start any token"): QUOTE_SPECIAL,
    ("ScannerError", "mapping values are not allowed here"): QUOTE_COLON,
    ("ScannerError", "mapping values are not allowed in this context"): QUOTE_COLON,
    ("ScannerError", "found a tab character that violates indentation"): "indent with spaces only (two per level)",
    ("ScannerError", "found a tab character where an indentation space is expected"):
        "indent with spaces only (two per level)",
}
TAB_HINT = "indent with spaces only (two per level)"
DEFAULT_SYNTAX_HINT = "check the indentation and quoting on this line and the one before it"


def _syntax_hint(err: yaml.YAMLError) -> str:
    problem = str(getattr(err, "problem", "") or "")
    found = re.fullmatch(r"found character (.+) that cannot start any token", problem)
    if found and found.group(1) == repr("\t"):
        return TAB_HINT
    template = "found character %r that cannot start any token" if found else problem
    return SYNTAX_HINTS.get((type(err).__name__, template), DEFAULT_SYNTAX_HINT)


class _Builder:
    """Turns parser events into plain values, recording positions and refusing surprises."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.lines = text.split("\n")
        self.path = path
        self.parsed = Parsed()
        self.events: Iterator[yaml.Event] = yaml.parse(text, Loader=Loader)

    def problem(self, mark: yaml.Mark, message: str, hint: str, field: Path = ()) -> None:
        self.parsed.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, _dotted(field), message, hint))

    def run(self) -> None:
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(event.start_mark, "the file holds more than one YAML document (a second '---')",
                                 "keep one record per file; remove the '---' line and move the rest to its own file")
                    raise _Stop
                self.parsed.value = self.node(next(self.events), (), 0)
        if documents == 0:
            self.parsed.problems.append(Problem(self.path, 1, 1, "", "the file is empty (or holds only comments)",
                                                "fill in the record, or delete the file"))

    def node(self, event: yaml.Event, path: Path, depth: int) -> Any:
        self.parsed.positions[path] = (event.start_mark.line + 1, event.start_mark.column + 1)
        if isinstance(event, yaml.AliasEvent):
            self.problem(event.start_mark, f"aliases (*{event.anchor}) are not allowed",
                         "write the value out in full; if it is text starting with *, put it in quotes", path)
            raise _Stop
        if anchor := getattr(event, "anchor", None):
            self.problem(event.start_mark, f"anchors (&{anchor}) are not allowed",
                         "remove the anchor; if it is text starting with &, put it in quotes", path)
            raise _Stop
        tag = getattr(event, "tag", None)
        if tag:
            self.problem(event.start_mark, f"tags ({tag}) are not allowed",
                         "remove the tag; if it is text starting with !, put it in quotes", path)
            raise _Stop
        if depth > MAX_DEPTH:
            self.problem(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels",
                         "records are at most a few levels deep; check the indentation", path)
            raise _Stop
        if isinstance(event, yaml.ScalarEvent):
            return self.scalar(event, path)
        if isinstance(event, yaml.SequenceStartEvent):
            return self.sequence(path, depth)
        return self.mapping(event, path, depth)

    def scalar(self, event: yaml.ScalarEvent, path: Path) -> Any:
        if event.style:  # quoted or block scalar: always text
            self.check_escapes(event, path)
            return event.value
        self.check_cut_comment(event, path)
        value = event.value
        if value in NULLS:
            return None
        if value in BOOLS:
            return BOOLS[value]
        if INT_RE.fullmatch(value):
            return int(value)
        if FLOAT_RE.fullmatch(value):
            return float(value)
        return value

    def check_escapes(self, event: yaml.ScalarEvent, path: Path) -> None:
        """A double-quoted value can write any character as an escape (``"\\x7f"``); those that
        cannot be shown are refused as they would be if typed."""
        match = VALUE_SUSPECT_RE.search(event.value)
        if match:
            char = match.group()
            self.problem(event.start_mark, f"the text holds an escaped {character_kind(char)}, U+{ord(char):04X}",
                         "remove the escape (a backslash sequence) from the text", path)

    def check_cut_comment(self, event: yaml.ScalarEvent, path: Path) -> None:
        """``title: Operation #2`` is read as ``Operation`` plus a comment; say so."""
        end = event.end_mark
        if end.line >= len(self.lines):
            return
        rest = self.lines[end.line][end.column:]
        match = re.match(r"\s+#(\S)", rest)
        if match and event.value:
            col = end.column + rest.index("#") + 1
            self.parsed.problems.append(Problem(
                self.path, end.line + 1, col, _dotted(path),
                f"the text after ' #' was read as a comment, so the value is cut to {event.value!r}",
                "put the whole value in quotes, or leave a space after # if it really is a comment"))

    def sequence(self, path: Path, depth: int) -> list[Any]:
        items: list[Any] = []
        for event in self.events:
            if isinstance(event, yaml.SequenceEndEvent):
                return items
            items.append(self.node(event, (*path, len(items)), depth + 1))
        return items

    def mapping(self, start: yaml.Event, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for event in self.events:
            if isinstance(event, yaml.MappingEndEvent):
                return result
            key = self.key(event, path)
            child = (*path, key)
            self.parsed.key_positions[child] = (event.start_mark.line + 1, event.start_mark.column + 1)
            value = self.node(next(self.events), child, depth + 1)
            if key in result:
                self.problem(event.start_mark, f"'{key}' is given twice",
                             "keep one of the two lines; other YAML tools would silently keep only the last", child)
                continue
            result[key] = value
        return result

    def key(self, event: yaml.Event, path: Path) -> str:
        if not isinstance(event, yaml.ScalarEvent) or getattr(event, "anchor", None) or event.tag:
            return self.node_key_problem(event, path)
        if not event.style and event.value == "<<":
            self.problem(event.start_mark, "merge keys (<<) are not allowed", "write the fields out in full", path)
            raise _Stop
        if not event.style and (event.value in NULLS or event.value in BOOLS or INT_RE.fullmatch(event.value)
                                or FLOAT_RE.fullmatch(event.value)):
            self.problem(event.start_mark, f"field names must be text, not {event.value!r}",
                         "field names are lower-case words such as 'title'", path)
        return event.value

    def node_key_problem(self, event: yaml.Event, path: Path) -> str:
        self.problem(event.start_mark, "a field name must be plain text",
                     "field names are lower-case words such as 'title'", path)
        raise _Stop


def _dotted(path: Path) -> str:
    """('participants', 2, 'person') -> 'participants[2].person'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


dotted = _dotted
