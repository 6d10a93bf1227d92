"""Property-based: reading and validating never fails with anything but problem values."""

from __future__ import annotations

import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scosite.data.load import load_record
from scosite.data.models import COLLECTIONS
from scosite.data.problems import Problem
from scosite.data.yamlstrict import parse

YAML_ALPHABET = string.printable + "\u00e9\u2028\u200b\ufeff\u4e2d\u0416\x00\x1b"

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=20))
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=YAML_ALPHABET, max_size=200))
def test_any_text_either_parses_or_gives_problems(text):
    result = parse(text.encode("utf-8", errors="surrogatepass"), "f.yml")
    assert all(isinstance(p, Problem) and p.path == "f.yml" for p in result.problems)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_either_parse_or_give_problems(raw):
    result = parse(raw, "f.yml")
    assert all(isinstance(p, Problem) for p in result.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(collection=st.sampled_from(COLLECTIONS), value=structures)
def test_any_structure_either_validates_or_gives_located_problems(tmp_path, collection, value):
    import yaml

    folder = tmp_path / "data" / collection.name
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "rec.yml"
    if isinstance(value, dict):
        value = {"id": "rec", **value}
    path.write_text(yaml.safe_dump(value, allow_unicode=True), encoding="utf-8")
    record, _, problems = load_record(path, collection, tmp_path)
    assert (record is None) == bool(problems)
    for problem in problems:
        assert problem.path == f"data/{collection.name}/rec.yml"
        assert problem.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(st.sampled_from(["id", "name", "sources", "aliases", "summary", "positions", "x"]),
                              structures, max_size=6))
def test_people_with_arbitrary_field_values_never_crash(tmp_path, fields):
    import yaml

    folder = tmp_path / "data" / "people"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rec.yml").write_text(yaml.safe_dump(fields, allow_unicode=True), encoding="utf-8")
    record, _, problems = load_record(folder / "rec.yml", COLLECTIONS[1], tmp_path)
    assert record is not None or problems
