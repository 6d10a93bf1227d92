"""The editions' languages: interface text from gettext catalogs, dates and numbers from CLDR.

Every word the site itself puts on a page (headings, table columns, "Source", "not stated",
page titles, descriptions) is an English message in the code or a template, translated in
``locale/<lang>/LC_MESSAGES/messages.po`` (gettext, managed with Babel: ``python -m scosite
messages`` extracts them and updates the catalogs). The catalogs are read as they are, no
compiled ``.mo`` files are kept. Dates, numbers and the plural forms of units follow each
locale's CLDR data through Babel. English is the source language: its "translation" is the
message itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent
from babel.support import Translations

from ..settings import BY_LANG, LOCALES, NAMES, PREFIX
from ..settings import EDITIONS as EDITIONS
from ..settings import TRANSLATED as TRANSLATED

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
DOMAIN = "messages"
__all__ = ["EDITIONS", "LOCALES", "NAMES", "PREFIX", "TRANSLATED"]  # the editions (settings), for the stages


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalog of a language, compiled in memory from its ``.po`` file (English: none)."""
    path = catalog_path(lang)
    if lang == "en" or not path.exists():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=LOCALES[lang])
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)


# The scripts the editions other than English are written in: a text in one has its letters.
SCRIPTS = {lang: re.compile(f"[{BY_LANG[lang].script}]") for lang in TRANSLATED}

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def fill(message: str, values: dict[str, Any]) -> str:
    """The one way a message gets its values: every ``%(name)s`` it holds is filled in, and a
    value it needs but is not given is an error, never a placeholder shown to readers."""
    if not PLACEHOLDER.search(message):
        return message
    missing = sorted(set(PLACEHOLDER.findall(message)) - set(values))
    if missing:
        raise KeyError(f"the message {message!r} needs {', '.join(missing)}")
    return message % values


class Language:
    """Everything one edition needs to say things in its language."""

    def __init__(self, code: str):
        self.code = code
        self.locale = Locale.parse(LOCALES[code])
        self.catalog = translations(code)

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    def _(self, message: str, **values: Any) -> str:
        """A message in this language, with ``%(name)s`` values filled in (see ``fill``)."""
        return fill(self.catalog.gettext(message), values)

    def n_(self, singular: str, plural: str, count: float, **values: Any) -> str:
        """A message whose words depend on a number (CLDR's plural rules for the language); its
        ``%(num)s`` is the number as the language writes it, unless given."""
        return fill(self.plural(singular, plural, count), {"num": self.number(count), **values})

    def plural(self, singular: str, plural: str, count: float) -> str:
        """The form of a message for ``count``, its values not yet filled in."""
        number = int(count) if float(count).is_integer() else 2  # a fraction takes the plural
        return self.catalog.ngettext(singular, plural, number)

    def date(self, value: Any, within: bool = False) -> str:
        """``2017-03-13``, ``2017-03`` or ``2017`` in words: 13 March 2017 / 13 марта 2017 г. / 2017年3月13日.
        ``within``: inside a phrase ("from March 2017"), where Russian puts a month alone in the
        genitive («с марта 2017 г.»), not the nominative of a heading («март 2017 г.»)."""
        return _date(self.code, str(value), within)

    def span(self, start: Any, end: Any) -> str:
        """Two dates as one span, months in full: 10–14 March 2025 / 10–14 марта 2025 г. /
        2025年3月10日—14日; 30 June – 2 July 2019 / 30 июня – 2 июля 2019 г. / 2019年6月30日—7月2日;
        years 2010–2015 / 2010–2015 гг. / 2010—2015年; else "A – B"."""
        return typeset(self._span(str(start), str(end)), self.code)

    def _span(self, start: str, end: str) -> str:
        a, b = start.split("-"), end.split("-")
        if len(a) == 1 and len(b) == 1:  # years: 2010–2015 / 2010–2015 гг. / 2010—2015年
            return self._("%(start)s–%(end)s", start=a[0], end=b[0])
        dash = "—" if self.code == "zh" else " – "
        if len(a) == 3 and len(b) == 3 and a[0] == b[0]:
            first, last = dt.date(*map(int, a)), dt.date(*map(int, b))
            if self.code == "zh":
                tail = f"{last.day}日" if a[1] == b[1] else f"{last.month}月{last.day}日"
                return f"{self.date(start)}—{tail}"
            if a[1] == b[1]:
                return f"{first.day}–{self.date(end)}"
            return f"{format_date(first, 'd MMMM', locale=self.locale)}{dash}{self.date(end)}"
        return f"{self.date(start)}{dash}{self.date(end)}"

    # Punctuation differs by language (Chinese writes full-width "，" "；" "：" "（）" "。"), so the
    # glue between composed parts is translated like any other message.
    def join(self, parts: Sequence[str]) -> str:
        """Parts of one phrase, separated as the language separates them ("a, b" / "a，b")."""
        return self._(", ").join(str(p) for p in parts if p)

    def labelled(self, label: str, value: str) -> str:
        """``label: value`` / ``label：value``."""
        return self._("%(label)s: %(value)s", label=label, value=value)

    def bracket(self, text: str, details: str) -> str:
        """``text (details)`` / ``text（details）``."""
        return self._("%(text)s (%(details)s)", text=text, details=details)

    def sentence(self, parts: list[str]) -> str:
        """Clauses as one sentence: "a; b." / "a；b。"."""
        return self._("%(text)s.", text=self._("; ").join(parts))

    def percent(self, fraction: float) -> str:
        """A share as the locale writes it, whole percent: 29% / 29 % (Russian spaces it)."""
        return format_percent(fraction, "#,##0%", locale=self.locale)

    def number(self, value: float) -> str:
        """A number as the locale writes it (6,422 / 6422 / 6422; 10,000 / 10 000 / 10,000); the
        value never changes. Russian (GOST) and Chinese (GB/T 15835) group digits only from five
        digits on."""
        grouped = self.code == "en" or abs(value) >= 10000
        return format_decimal(value, locale=self.locale, decimal_quantization=False, group_separator=grouped)


@functools.cache
def language(code: str) -> Language:
    return Language(code)


@functools.lru_cache(maxsize=1 << 16)
def _date(code: str, value: str, within: bool) -> str:
    """``Language.date``, kept (as the language sets it: ``typeset``): Babel builds its
    formatter anew on every call, and a large data set shows the same few thousand dates on
    many pages."""
    return typeset(_date_words(code, value, within), code)


def _date_words(code: str, value: str, within: bool) -> str:
    """A date in words, as CLDR's patterns for the language write it."""
    locale = language(code).locale
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return format_date(dt.date(*parts), "long", locale=locale)
    if len(parts) == 2:
        month = dt.date(parts[0], parts[1], 1)
        if within:
            pattern = str(locale.datetime_skeletons["yMMMM"].pattern).replace("L", "M")
            return format_date(month, pattern, locale=locale)
        return format_skeleton("yMMMM", month, locale=locale)
    return format_skeleton("y", dt.date(parts[0], 1, 1), locale=locale)


# Russian typography (the editing guide's style sheet), applied to our Russian texts: a
# non-breaking space ties a number to «г.», «гг.», «млн», «млрд», «тыс.» and «%», a day to its
# month, and a dash to the word before it.
RU_MONTHS = "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
RU_TIES = (
    (re.compile(r"(\d) (?=(?:гг?\.|млн|млрд|тыс\.|%))"), "\\1\u00a0"),
    (re.compile(rf"(?<![\d.,])(\d{{1,2}}) (?=(?:{RU_MONTHS})\b)"), "\\1\u00a0"),
    (re.compile(r" (?=[—–] )"), "\u00a0"),
)


def typeset(text: str, lang: str) -> str:
    """A text of ours as its language sets it (Russian: „…“ inside «…», and the non-breaking
    spaces of RU_TIES)."""
    if lang != "ru":
        return text
    text = nested_quotes(text)
    for pattern, tie in RU_TIES:
        text = pattern.sub(tie, text)
    return text


def nested_quotes(text: str) -> str:
    """Russian quotation marks inside quotation marks as „…“: «операция «Паутина»» ->
    «операция „Паутина“». A text whose marks do not pair is left as it is."""
    if "«" not in text:
        return text
    out, depth = [], 0
    for char in text:
        if char == "«":
            out.append("„" if depth else char)
            depth += 1
        elif char == "»":
            depth -= 1
            if depth < 0:
                return text
            out.append("“" if depth else char)
        else:
            out.append(char)
    return "".join(out) if depth == 0 else text


def N_(message: str) -> str:
    """Marks a message for the catalogs where it is defined; it is translated where it is shown."""
    return message


def NN_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a message with plural forms for the catalogs (translated with ``Language.n_``)."""
    return singular, plural


# What ``python -m scosite messages`` looks for in the code and the templates.
KEYWORDS = {"_": None, "N_": None, "n_": (1, 2), "NN_": (1, 2)}


# --- Order: each edition sorts names in its own language's order --------------------------

RUSSIAN = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def _pinyin(text: str) -> str:
    from pypinyin import Style, lazy_pinyin  # loaded only for the Chinese edition

    return " ".join(lazy_pinyin(text, style=Style.TONE3))


def collation_key(text: str, lang: str) -> tuple[int, str]:
    """Sorts names in the edition's order: Russian А–Я (Cyrillic before Latin); Chinese by
    pinyin (hanyu pinyin, tones numbered, as dictionaries order it); English A–Z."""
    folded = " ".join(text.split()).casefold()
    if lang == "ru":
        first = next((c for c in folded if c.isalpha()), "")
        script = 0 if first in RUSSIAN else 1
        return script, "".join(chr(0x400 + RUSSIAN.index(c)) if c in RUSSIAN else c for c in folded)
    if lang == "zh":
        return 0, _pinyin(folded).casefold()
    return 0, folded


def initial(text: str, lang: str) -> str:
    """The letter a name files under in an index split by initial: А–Я in Russian (Ё under Е),
    a pinyin letter for Chinese, a Latin letter (accents dropped) or ``0-9`` or ``other``."""
    import unicodedata

    folded = " ".join(text.split()).casefold()
    first = folded[:1]
    if lang == "zh" and first and "\u4e00" <= first <= "\u9fff":
        first = _pinyin(first)[:1]
    if first in RUSSIAN:
        return "е" if first == "ё" else first
    first = unicodedata.normalize("NFKD", first)[:1]
    if "a" <= first <= "z":
        return first
    return "0-9" if first.isdigit() else "other"
