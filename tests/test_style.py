"""The style sheet of each language (the editing guide), as far as the renderer applies it:
dates, spans and numbers as the language writes them, and Russian non-breaking spaces."""

from __future__ import annotations

import re

import pytest

from scosite.data.i18n import language, typeset

from .support import generator
from .support.generator import edition_of, settings
from .support.project import FIXTURES

NBSP = "\u00a0"


@pytest.mark.parametrize(("text", "expected"), [
    ("в 2017 г. и в 2010–2015 гг.", f"в 2017{NBSP}г. и в 2010–2015{NBSP}гг."),
    ("около 3 млн человек, 2 млрд и 5 тыс. и 29 %", f"около 3{NBSP}млн человек, 2{NBSP}млрд и 5{NBSP}тыс. и 29{NBSP}%"),
    ("13 марта 2017 г.", f"13{NBSP}марта 2017{NBSP}г."),
    ("ШОС — это организация", f"ШОС{NBSP}— это организация"),
    ("с 8 по 12 июля", f"с 8 по 12{NBSP}июля"),
    ("в 1.5 мая", "в 1.5 мая"),  # not a day
])
def test_russian_ties_numbers_days_and_dashes_with_non_breaking_spaces(text, expected):
    assert typeset(text, "ru") == expected
    assert typeset(text, "zh") == typeset(text, "en") == text


@pytest.mark.parametrize(("text", "expected"), [
    ("международная антинаркотическая операция «Паутина»", "международная антинаркотическая операция «Паутина»"),
    ("«международная операция «Паутина»»", "«международная операция „Паутина“»"),
    ("«НИАТ «Ховар»» и «ТАСС»", "«НИАТ „Ховар“» и «ТАСС»"),
    ("«a «b «c»»»", "«a „b „c““»"),
    ("«непарная «кавычка»", "«непарная «кавычка»"),  # unpaired: left as it is
    ("»«", "»«"),
])
def test_russian_quotation_marks_inside_quotation_marks_are_the_other_kind(text, expected):
    assert typeset(text, "ru") == expected
    assert typeset(text, "zh") == text


@pytest.mark.parametrize(("lang", "start", "end", "expected"), [
    ("en", "2019-07-08", "2019-07-12", "8–12 July 2019"),
    ("ru", "2019-07-08", "2019-07-12", f"8–12{NBSP}июля 2019\u202fг."),
    ("zh", "2019-07-08", "2019-07-12", "2019年7月8日—12日"),
    ("en", "2019-06-30", "2019-07-02", "30 June – 2 July 2019"),
    ("ru", "2019-06-30", "2019-07-02", f"30{NBSP}июня{NBSP}– 2{NBSP}июля 2019\u202fг."),
    ("zh", "2019-06-30", "2019-07-02", "2019年6月30日—7月2日"),
    ("ru", "2019-12-30", "2020-01-02", f"30{NBSP}декабря 2019\u202fг.{NBSP}– 2{NBSP}января 2020\u202fг."),
    ("zh", "2019-12-30", "2020-01-02", "2019年12月30日—2020年1月2日"),
])
def test_a_span_of_dates_writes_its_months_in_full(lang, start, end, expected):
    assert language(lang).span(start, end) == expected


@pytest.mark.parametrize(("lang", "value", "expected"), [
    ("en", 2000, "2,000"), ("ru", 2000, "2000"), ("zh", 2000, "2000"),
    ("en", 10000, "10,000"), ("ru", 10000, f"10{NBSP}000"), ("zh", 10000, "10,000"),
    ("ru", 6422.5, "6422,5"), ("zh", 1800, "1800"),
])
def test_digits_are_grouped_from_five_digits_in_russian_and_chinese(lang, value, expected):
    assert language(lang).number(value) == expected


@pytest.fixture(scope="module", params=["real", "mini"])
def rendered(request):
    if request.param == "real":
        return request.getfixturevalue("real_rendering")
    return generator.rendered(settings(FIXTURES / "mini"))


ABBREVIATED_MONTH = re.compile(r"\d[\s\u00a0\u202f—–-]*(янв|фев|мар|апр|июн|июл|авг|сен|окт|ноя|дек)\.")
FOUR_DIGITS_GROUPED = re.compile(r"(?<![\d.,\u00a0\u202f ])\d[,\u00a0\u202f ]\d{3}(?![\d,]|[\u00a0\u202f ]\d{3})")
OTHER_LANGUAGE = re.compile(r'<span lang="(?!ru|zh)[^"]*">.*?</span>')


def test_the_pages_of_each_edition_follow_its_style_sheet(rendered):
    """Russian pages spell months in full in dates (no «июл.»); Russian and Chinese pages
    group no four-digit number (2000, 1800吨), outside text shown in another language."""
    _, pages = rendered
    checked = 0
    for path, page in pages.items():
        lang, _ = edition_of(path)
        if lang == "en" or not path.endswith(".md") or "\ncontent_lang: en\n" in page.split("\n---\n", 1)[0]:
            continue  # (a page shown in English, marked as such: the developers' reports)
        body = OTHER_LANGUAGE.sub("", page.split("\n---\n", 1)[-1].split("<script")[0])
        body = re.sub(r"\([^)\s]*\)|\[\^[^\]]*\]", "", body)  # link targets and footnote labels
        if lang == "ru":
            assert not ABBREVIATED_MONTH.search(body), f"{path}: {ABBREVIATED_MONTH.search(body).group()}"
        assert not FOUR_DIGITS_GROUPED.search(body), f"{path}: {FOUR_DIGITS_GROUPED.search(body).group()!r}"
        checked += 1
    assert checked
