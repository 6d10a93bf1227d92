"""Rendering: the fixture data gives exactly the golden Markdown pages.

To accept an intended change, run `UPDATE_GOLDEN=1 make test` and read the diff in
tests/golden/ before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from scosite.data.models import Figure
from scosite.queries.display import format_date, format_quantity, ordinal

from .support.generator import rendered, settings
from .support.project import FIXTURES

GOLDEN = Path(__file__).parent / "golden" / "mini"


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return rendered(settings(FIXTURES / "mini", history=False))[1]  # (no dates from git: stable golden files)


# The downloads each edition makes in its own language: each chart's data, and so the list of
# downloads with their checksums. The others are the same in every edition.
OWN_DOWNLOADS = re.compile(r"downloads/(charts/|files\.json$)")


def golden_files(pages: dict[str, str]) -> dict[str, str]:
    """Every page of every edition, and the data downloads once (each edition has the same
    copy), but for each edition's own (its charts' data and the list of its downloads)."""
    return {path: text for path, text in pages.items()
            if not re.match(r"(ru|zh)/downloads/", path) or OWN_DOWNLOADS.search(path)}


def test_each_edition_has_the_same_data_downloads(pages):
    english = {path: text for path, text in pages.items() if path.startswith("downloads/") and not OWN_DOWNLOADS.match(path)}
    assert len(english) > 30
    for lang in ("ru", "zh"):
        assert {path.removeprefix(f"{lang}/"): text for path, text in pages.items()
                if path.startswith(f"{lang}/downloads/") and not OWN_DOWNLOADS.search(path)} == english


def test_each_edition_has_its_charts_data_in_its_own_language(pages):
    charts = sorted(path for path in pages if path.startswith("downloads/charts/"))
    assert charts
    for lang in ("ru", "zh"):
        assert sorted(p.removeprefix(f"{lang}/") for p in pages if p.startswith(f"{lang}/downloads/charts/")) == charts
        assert all(pages[f"{lang}/{path}"] != pages[path] for path in charts)


def test_pages_match_the_golden_files(pages):
    pages = golden_files(pages)
    if os.environ.get("UPDATE_GOLDEN"):
        for old in GOLDEN.rglob("*.*"):
            old.unlink()
        for path, text in pages.items():
            (GOLDEN / path).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / path).write_text(text, encoding="utf-8")
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_text(encoding="utf-8") for p in GOLDEN.rglob("*.*")}
    assert sorted(pages) == sorted(golden)
    for path, text in pages.items():
        assert text == golden[path], f"{path} differs from tests/golden/mini/{path}"


def test_rendering_twice_gives_identical_pages(pages):
    again = rendered(settings(FIXTURES / "mini", history=False))[1]
    assert again == pages


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2017-03-13", "13 March 2017"), ("2011-06", "June 2011"), ("2004", "2004"), ("2017-12-01", "1 December 2017")],
)
def test_dates_read_naturally(value, expected):
    assert format_date(value) == expected


@pytest.mark.parametrize(("number", "expected"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (11, "11th"), (60, "60th"),
                                                  (61, "61st"), (62, "62nd"), (112, "112th")])
def test_ordinals(number, expected):
    assert ordinal(number) == expected


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "expected"),
    [(69, "tonnes", "some", "some 69 tonnes"), (28, "tonnes", None, "28 tonnes"),
     (6422, "kg", "a total of", "a total of 6,422 kg"), (1500.5, "tons", None, "1,500.5 tons"),
     (3, "million people", "over", "over 3 million people")],
)
def test_quantities_keep_the_source_wording(value, unit, qualifier, expected):
    figure = Figure.model_validate({"id": "f", "metric": "m", "label": "l", "value": value, "unit": unit,
                                    "qualifier": qualifier, "period": {}, "speaker": "p", "sources": ["s"]})
    assert format_quantity(figure) == expected
