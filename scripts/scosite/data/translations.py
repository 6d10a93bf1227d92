"""Translations of the data's texts: where they are, how complete, and whether they say the same.

Every reader-facing text in the data is English with our translations beside it
(``models.LocalText``), each translation stamped with the English it was made from. This
module finds them all (``texts``), counts them (``status``), checks them (``check``: a
translation must carry the same numbers and dates as its English, and be in its language's
script) and reports what is missing or outdated (``gaps``), which `make check` prints as
warnings: English can be published before its translations.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..settings import BY_LANG
from .i18n import SCRIPTS
from .latin import ADDRESS
from .load import Dataset
from .models import TRANSLATED, LocalText, Quote, QuoteTranslation, Translations
from .problems import Problem
from .yamlstrict import Path, dotted


@dataclass(frozen=True)
class Text:
    """One translatable text: where it is, its English, and its translations."""

    collection: str
    record_id: str
    path: Path
    english: str  # what the translations are made from (a Russian quotation, for our translation of it)
    value: Translations
    languages: tuple[str, ...] = TRANSLATED  # the languages it is translated into

    def translations(self) -> Iterator[tuple[str, str | None]]:
        """(language, its translation or None) for each language the text needs."""
        for lang in self.languages:
            yield lang, self.value.translation(lang)


def english_quantity(figure: Any) -> str:
    """A figure as its source words it, in English: 'some 69 tonnes', 'over a hundred people'."""
    number = f"{figure.value:,.0f}" if float(figure.value).is_integer() else f"{figure.value:,}"
    words = str(figure.in_words) if figure.in_words else number
    return " ".join(part for part in (str(figure.qualifier) if figure.qualifier else "", words, figure.unit) if part)


def record_texts(data: Dataset, collection: str, record_id: str, record: Any) -> tuple[Text, ...]:
    """A record's translatable texts. A quotation is translated into the editions' languages
    other than its own."""
    found = []
    for path, value, english in walk(record, ()):
        languages = TRANSLATED
        if path == ("translation",) and getattr(record, "lang", "en") != "en":
            languages = tuple(lang for lang in ("en", *TRANSLATED) if lang != record.lang)
        found.append(Text(collection, record_id, path, english, value, languages))
    return tuple(found)


def each_record(data: Dataset) -> Iterator[tuple[str, str, Any]]:
    """(collection, id, record) of every record, in a stable order."""
    for collection, records in sorted(data.records.items()):
        for record_id, record in sorted(records.items()):
            yield collection, record_id, record


def texts(data: Dataset) -> Iterator[Text]:
    """Every translatable text of every record, in a stable order."""
    for collection, record_id, record in each_record(data):
        yield from record_texts(data, collection, record_id, record)


def walk(value: Any, path: Path) -> Iterator[tuple[Path, Translations, str]]:
    """Every translatable text in a record or part of one, as (its path of fields and list
    positions, its translations, the English they translate)."""
    if isinstance(value, LocalText):
        yield path, value, value.en
    elif isinstance(value, BaseModel):
        for name in value.__class__.model_fields:  # (a traced record, in verification, too)
            item = getattr(value, name)
            if item is None and name == "translation" and isinstance(value, Quote):
                item = QuoteTranslation()  # a quotation always needs ours: counted as missing until given
            if isinstance(item, Translations) and not isinstance(item, LocalText):
                english = english_quantity(value) if name == "amount" else str(getattr(value, "text", ""))
                yield (*path, name), item, english
            else:
                yield from walk(item, (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from walk(item, (*path, index))


@dataclass
class Count:
    total: int = 0
    translated: int = 0
    outdated: int = 0

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.outdated


def status(data: Dataset) -> dict[str, dict[str, Count]]:
    """Per collection and language: how many texts, how many translated, how many outdated."""
    counts: dict[str, dict[str, Count]] = {}
    for collection, states in (record_states(data, *each) for each in each_record(data)):
        for lang, state in states:
            count = counts.setdefault(collection, {}).setdefault(lang, Count())
            count.total += 1
            count.translated += state == "current"
            count.outdated += state == "outdated"
    return counts


def record_states(data: Dataset, collection: str, record_id: str, record: Any) -> tuple[str, tuple[tuple[str, str], ...]]:
    """A record's collection, and (language, state) for each translation its texts need."""
    return collection, tuple((lang, text.value.state(lang, text.english))
                             for text in record_texts(data, collection, record_id, record) for lang in text.languages)


# --- Does a translation say the same? -----------------------------------------------------

MONTHS = {
    "en": [name.lower() for name in calendar.month_name[1:]],  # (the C locale's: English; nothing sets LC_TIME)
    "ru": ["январ", "феврал", "март", "апрел", "ма[йяе](?!\\w)", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
           "декабр"],
}
ABBREVIATED = [("jan", "янв"), ("feb", "фев"), ("mar", "мар"), ("apr", "апр"), ("may", "мая"), ("jun", "июн"),
               ("jul", "июл"), ("aug", "авг"), ("sept?", "сент?"), ("oct", "окт"), ("nov", "ноя"), ("dec", "дек")]
ZH_MONTHS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]
SCALES = {"million": 10**6, "billion": 10**9, "млн": 10**6, "миллион": 10**6, "млрд": 10**9, "миллиард": 10**9,
          "万": 10**4, "亿": 10**8}
NUMBER = re.compile(r"(?<![0-9A-Za-z.])(\d{1,3}(?:[ \u00a0\u202f,]\d{3})+|\d+)(?:[.,](\d+))?\s*(million|billion|млн|миллион\w*|"
                    r"млрд|миллиард\w*|万|亿)?", re.I)


def numbers(text: str, lang: str, ordinals: bool = False) -> list[float]:
    """The numbers a text states, as values: '1,500' and '1 500' are 1500, '3 млн' and '300万'
    are 3000000, a month name is its number (so '13 March 2017' and '2017年3月13日' agree).
    ``ordinals``: a Russian or Chinese ordinal in words is its number too («восьмое», 第八次:
    a title as a source writes it); not for the translation check, where "first" is as often
    a rank as a count (第一副局长)."""
    # A month name counts as its number ("13 March 2017" and "2017年3月13日" agree); English
    # "may" only as the month: capitalised, or beside a number ("may be" is not May).
    text = re.sub(r"(?<![\w])May(?![\w])|(?<=\d )may(?![\w])|(?<![\w])may(?=[\s,]+\d)", " 5 ", text)
    text = text.casefold()
    for months in {lang: MONTHS.get(lang, []), "en": MONTHS["en"]}.values():
        for index, stem in enumerate(months):
            if stem == "may":
                continue
            # (English month names in any language: a page may show an English text not yet translated)
            text = re.sub(rf"(?<![\w]){stem}\w*", f" {index + 1} ", text)
    # abbreviated months with their full stop: "30 Aug. 2019", «30 авг. 2019 г.»; English also
    # without one beside a number ("30 Aug 2019")
    for index, (english, russian) in enumerate(ABBREVIATED):
        text = re.sub(rf"(?<![\w])(?:{english}\.|{russian}\.|{english}(?=[\s\u00a0]+\d)|(?<=\d )({english}))(?![\w])",
                      f" {index + 1} ", text)
    if lang == "zh":  # 三月, 十二月: a month written in Chinese numerals
        text = re.sub(r"(十[一二]|[一二三四五六七八九十])月", lambda m: f" {ZH_MONTHS.index(m.group(1)) + 1} ", text)
    if ordinals:
        text = ORDINAL_WORDS.sub(lambda m: f" {ORDINAL_STEMS.index(m.group(1)) + 1} ", text)
        text = re.sub(r"第([一二三四五六七八九十]{1,3})", lambda m: f" {chinese_number(m.group(1))} ", text)
    found = []
    for match in NUMBER.finditer(text):
        whole, fraction, scale = match.group(1), match.group(2), match.group(3)
        digits = re.sub(r"[ \u00a0\u202f,]", "", whole)
        separator = match.group(0)[len(whole):len(whole) + 1]
        value = float(f"{digits}.{fraction}") if fraction and (lang == "ru" or separator == ".") else float(digits)
        if fraction and not (lang == "ru" or separator == "."):  # "6,5" in English: two numbers
            found.append(float(fraction))
        if scale:
            value *= next(factor for key, factor in SCALES.items() if scale.casefold().startswith(key))
        found.append(value)
    return sorted(found)


ORDINAL_STEMS = ["перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят"]
ORDINAL_WORDS = re.compile(rf"(?<![\w])({'|'.join(ORDINAL_STEMS)})(?=[а-я]{{1,3}}(?![\w]))")


def chinese_number(text: str) -> int:
    """一 … 九十九 in Chinese numerals: 八 = 8, 十二 = 12, 二十 = 20, 六十八 = 68."""
    digits = "一二三四五六七八九"
    tens, _, units = text.rpartition("十")
    if "十" not in text:
        return digits.index(text) + 1
    return (digits.index(tens) + 1 if tens else 1) * 10 + (digits.index(units) + 1 if units else 0)




@functools.lru_cache(maxsize=1 << 16)  # the live preview checks every text on each save; most are as before
def differences(english: str, translation: str, lang: str) -> str | None:
    """What a translation says differently from its English, in numbers, or None."""
    # Compared as sets of values: a translation may repeat a number (a quotation kept verbatim,
    # then our translation of it), but states no number the English does not, and leaves none out.
    mine, theirs = set(numbers(translation, lang)), set(numbers(english, "en"))
    if mine == theirs:
        return None
    extra, lost = mine - theirs, theirs - mine
    show = ", ".join(f"{n:g}" for n in sorted(set(extra))) or "none"
    where = ", ".join(f"{n:g}" for n in sorted(set(lost))) or "none"
    return f"{lang}: {show} where en has {where}"


def check(data: Dataset) -> list[Problem]:
    """Each translation states the numbers and dates its English states, and is written in its
    language's script (a ``zh`` text with no Chinese character is in the wrong place).

    A translation stamped from an earlier English is only outdated (a warning, so the English
    can be corrected and published first): its numbers are compared again once it is reviewed
    and stamped. A new translation, not yet stamped, is compared at once."""
    return [problem for each in each_record(data) for problem in check_record(data, *each)]


def check_record(data: Dataset, collection: str, record_id: str, record: Any) -> tuple[Problem, ...]:
    """``check`` for one record."""
    problems = []
    for text in record_texts(data, collection, record_id, record):
        for lang, translation in text.translations():
            if not translation:
                continue
            path = (*text.path, lang)
            lagging = getattr(text.value, f"{lang}_of", None) and text.value.state(lang, text.english) == "outdated"
            if lang in SCRIPTS and not SCRIPTS[lang].search(translation):
                problems.append(_locate(data, text, path, f"a '{lang}' text with no {BY_LANG[lang].script_name}",
                                        f"write the {lang} translation here, or remove the line"))
            elif not lagging and (difference := differences(text.english, translation, lang)):
                problems.append(_locate(data, text, path, f"the numbers differ from the English ({difference})",
                                        "a translation states exactly the numbers and dates of its English"))
    return tuple(problems)


# --- Terms: a translation writes a recurring term as the glossary does ---------------------

CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{5,}")


def _pattern(form: str, lang: str) -> re.Pattern[str]:
    """A glossary form as it may appear in running text: whole words; a Russian word of five
    letters or more in any case ending (its last two letters may change: ШОС stays, «Шанхайской
    организации» matches «Шанхайская организация»)."""
    def stem(word: str) -> str:
        if lang == "ru" and CYRILLIC_WORD.fullmatch(word):
            return re.escape(word[:-2]) + r"[\u0400-\u04ff]{0,4}"
        return re.escape(word)

    parts = ["-".join(stem(piece) for piece in word.split("-")) for word in form.split()]
    body = r"[\s\u00a0-]+".join(parts)
    return re.compile(body if lang == "zh" else rf"(?<![\w]){body}(?![\w])", re.I if lang != "zh" else 0)


def term_forms(data: Dataset) -> list[tuple[str, list[re.Pattern[str]], dict[str, list[re.Pattern[str]]]]]:
    """Every glossary term: its id, its English forms, and its forms in each other language."""
    found = []
    for term_id, term in sorted(data.get("glossary").items()):
        by_lang: dict[str, list[re.Pattern[str]]] = {}
        for form in term.forms:
            by_lang.setdefault(form.lang, []).append(_pattern(form.text, form.lang))
        found.append((term_id, by_lang.pop("en", []), by_lang))
    return found


def term_gaps(data: Dataset) -> list[Problem]:
    """Warnings: a translation whose English names a glossary term and that writes it in none
    of the glossary's forms for its language."""
    problems = []
    terms = term_forms(data)
    for text in texts(data):
        for lang, translation in text.translations():
            if not translation or text.value.state(lang, text.english) == "outdated":
                continue  # (an outdated translation is reported as such)
            named = ADDRESS.sub(" ", text.english)  # (a domain such as sco-russia2015.ru names no term)
            for term_id, english, forms in terms:
                if lang in forms and any(p.search(named) for p in english) \
                        and not any(p.search(translation) for p in forms[lang]):
                    problems.append(_locate(data, text, (*text.path, lang),
                                            f"the English names '{term_id}' (glossary); the {lang} text uses none of "
                                            "its forms", f"see data/glossary/{term_id}.yml", warning=True))
    return problems


def gaps(data: Dataset, lang: str) -> list[Problem]:
    """Every text without a current translation into ``lang``, as warnings (``make check --missing``)."""
    found = []
    for text in texts(data):
        if lang not in text.languages:
            continue
        state = text.value.state(lang, text.english)
        if state == "missing":
            found.append(_locate(data, text, text.path, f"not yet translated into {lang}", "", warning=True))
        elif state == "outdated":
            found.append(_locate(data, text, (*text.path, lang), f"the {lang} translation is outdated: the English "
                                 "changed since it was made (or it was never stamped)",
                                 "review it, then run `make stamp FILES=<this file>`", warning=True))
    return found


def _locate(data: Dataset, text: Text, path: Path, message: str, hint: str, warning: bool = False) -> Problem:
    name, parsed = data.origins[(text.collection, text.record_id)]
    line, col = parsed.where(path)
    return Problem(name, line, col, dotted(path), message, hint, warning=warning)
