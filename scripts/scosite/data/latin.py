"""Latin words inside Russian and Chinese text: English left inside a translation.

A Russian or Chinese text names organisations, media, documents and ranks in its own language
(a form a source gives, the body's own, or ours marked as such). Latin letters stay only:

* inside quotation marks («…», “…”, „…“, 《…》, 「…」): a verbatim title or quotation;
* in a name the data gives in that language in Latin: an alias or a glossary form with
  ``lang: ru`` or ``lang: zh`` (EU-CADAP, Sputnik, CGTN), or a person's name as the sources
  spell it;
* in a web address or a domain name (sectsco.org), a document's symbol (A/RES/71/14) or a
  catalogue code (the room M2);
* in the abbreviations of ``ABBREVIATIONS`` (names of standards and file formats, which
  Russian and Chinese write in Latin too), a Roman numeral, or a single capital letter (a
  section or list item: «раздел A»).

``warnings`` reports every other run of Latin words in the data's translations (``make check``
counts them; ``make check MISSING=ru`` lists them). The tests count, by the same rule, the
Latin words a built page shows in its own language (``tests/support/latin.py``).
"""

from __future__ import annotations

import re

from .i18n import SCRIPTS
from .load import Dataset
from .problems import Problem

LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:['’.\-][A-Za-z0-9]+)*")
# a run of Latin words, with the spaces, hyphens and punctuation between them
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9'’.\-]*(?:[ ,&/()\-]+[A-Za-z][A-Za-z0-9'’.\-]*)*")
QUOTED = re.compile(r"«[^«»]*(?:«[^«»]*»[^«»]*)*»|“[^“”]*”|„[^“”]*“|《[^《》]*》|「[^「」]*」|『[^『』]*』|\"[^\"]*\"")
ADDRESS = re.compile(r"\bhttps?://\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?![a-z0-9-])(?:/[!-~]*)?")
# a source's id as the pages print it (S01, X-DOC-24KG-339559)
SOURCE_ID = re.compile(r"(?<![A-Za-z0-9-])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+(?![A-Za-z0-9-])")
# a document's symbol (A/RES/71/14, UNIS/MA/244, SG/T/2722) or a catalogue code (M2, 20071005.O1C)
SYMBOL = re.compile(r"(?<![A-Za-z0-9])(?:[A-Z]+(?:/[A-Z0-9.\-]+)+|[A-Z0-9.]*\d[A-Z0-9.]*[A-Z][A-Z0-9]*|[A-Z]+\d+[A-Z0-9]*)"
                    r"(?![A-Za-z0-9])")


# Names of standards and formats that Russian and Chinese texts write in Latin letters as well
# (GOST's and GB/T 7714's citations write URL and [EB/OL]).
ABBREVIATIONS = frozenset({"CLDR", "Unicode", "BibTeX", "RIS", "CSV", "JSON", "Schema", "URL", "EB", "OL", "DOI", "PDF",
                           "HTML", "ISO", "GB", "GOST", "Atom", "UTF-8", "SHA-256", "zip", "Frictionless", "Data", "Package",
                           "YAML", "Excel", "git"})
NUMERAL = re.compile(r"[IVXLC]+|[A-Z]")


def allowed_words(data: Dataset, lang: str) -> frozenset[str]:
    """The Latin words a ``lang`` text may hold outside quotation marks: those of the names the
    data gives in ``lang`` in Latin letters, and people's names as the sources spell them."""
    words: set[str] = set()
    for person in data.get("people").values():
        words.update(LATIN_WORD.findall(str(person.name)))
        for alias in person.aliases:
            words.update(LATIN_WORD.findall(alias.name))
    for collection in ("organisations", "countries"):
        for record in data.get(collection).values():
            for alias in record.aliases:
                if alias.lang == lang:
                    words.update(LATIN_WORD.findall(alias.name))
    for term in data.get("glossary").values():
        for form in term.forms:
            if form.lang == lang:
                words.update(LATIN_WORD.findall(form.text))
    return frozenset(words)


def blanked(text: str) -> str:
    """``text`` with what may be Latin blanked out: quotations, addresses, symbols and codes."""
    for pattern in (QUOTED, ADDRESS, SYMBOL, SOURCE_ID):
        text = pattern.sub(lambda m: " " * len(m.group()), text)
    return text


def counted(word: str, allowed: frozenset[str]) -> bool:
    """Whether a Latin word counts as English left in a text: not an allowed name, not a
    standard's or format's name, not a numeral or a list letter."""
    return word not in allowed and word not in ABBREVIATIONS and not NUMERAL.fullmatch(word)


def runs(text: str, allowed: frozenset[str]) -> list[tuple[int, str]]:
    """The runs of Latin words in ``text`` that are not allowed: (offset, the words)."""
    blank = blanked(text)
    found = []
    for match in LATIN_RUN.finditer(blank):
        if any(counted(w, allowed) for w in LATIN_WORD.findall(match.group())):
            found.append((match.start(), match.group().strip(" ,&/()-")))
    return found


def warnings(data: Dataset) -> dict[str, list[Problem]]:
    """Warnings, by language: each run of Latin words inside a Russian or Chinese translation."""
    from .translations import _locate, texts

    allowed = {code: allowed_words(data, code) for code in SCRIPTS}
    found: dict[str, list[Problem]] = {code: [] for code in SCRIPTS}
    for text in texts(data):
        for text_lang, translation in text.translations():
            if not translation or text_lang not in SCRIPTS:
                continue
            for _, words in runs(translation, allowed[text_lang]):
                found[text_lang].append(_locate(
                    data, text, (*text.path, text_lang), f"Latin words in a {text_lang} text: {words}",
                    "name it in the language's own form (a source's, or ours marked as such), or quote it as a "
                    "verbatim title", warning=True))
    return found
