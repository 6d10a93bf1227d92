"""What the everything-wrong fixture project (tests/fixtures/broken) must report: its problems
in report order (the data check's specification: test_validation.py, and the command line's
summary: test_cli.py)."""

from __future__ import annotations

# Every problem in tests/fixtures/broken, in report order, by file: (line, column, field, message).
# Line 0 means the problem is about the file as a whole (its name or kind), not a place in it.
BROKEN_BY_FILE = {
    "data/countries/empty.yml": [(1, 1, "", "the file is empty (or holds only comments)")],
    "data/documents/latin1.yml": [(2, 11, "", "byte 0xe9 is not valid UTF-8")],
    "data/events/bad-event.yml": [
        (3, 7, "kind", "'side-evnt' is not an allowed value"),
        (4, 7, "date", "not a real date (2017-02-30): day is out of range for month"),
        (6, 1, "speakers", "unknown field 'speakers'"),
        (7, 10, "sources", "needs at least one item"),
        (9, 5, "other_values[0]", "an other value for the session needs 'number'"),
    ],
    "data/events/notes.txt": [(0, 0, "", "not a record file (record files end in .yml)")],
    "data/events/wrong-facts.yml": [
        (9, 10, "sources_for.date[0]", "'s03' is not among the record's sources"),
        (9, 10, "sources_for.date[0]", "no source with id 's03'"),
        (10, 11, "sources_for.place[0]", "'s01' is cited for the place and also gives another value for it"),
    ],
    "data/figures/fig.yml": [(4, 8, "value", "expected a number, found text ('1e3')")],
    "data/figures/refs.yml": [
        (2, 9, "metric", "no metric with id 'heroin-sezed'"),
        (8, 10, "speaker", "no person with id 'nobody'"),
        (9, 16, "sources[1]", "no source with id 's99'"),
    ],
    "data/milestones/cut.yml": [
        (3, 18, "title", "the text after ' #' was read as a comment, so the value is cut to 'Operation'"),
    ],
    "data/organisations/missing.yml": [(1, 1, "name", "required field is missing")],
    "data/organisations/unodc.yaml": [(0, 0, "", "record files end in .yml, not .yaml")],
    "data/people/Bad Name.yml": [
        (0, 0, "", "the file name is not a valid id (lower-case letters, digits and hyphens)"),
    ],
    "data/people/dup-keys.yml": [(3, 1, "name", "'name' is given twice")],
    "data/people/wrong-id.yml": [(1, 5, "id", "the id 'other-id' differs from the file name 'wrong-id.yml'")],
    "data/quotes/tagged.yml": [(2, 7, "text", "tags (tag:yaml.org,2002:python/object:os.system) are not allowed")],
    "data/sources/s02.yml": [
        (3, 6, "url", "a link must start with https:// (or http:// for pages that have no https version)"),
        (5, 11, "language", "'EN' is not an allowed value"),
    ],
    "data/stuff": [(0, 0, "", "not a collection folder")],
}
BROKEN_EXPECTED = [(path, *problem) for path, problems in BROKEN_BY_FILE.items() for problem in problems]
