"""The three editions of the built site: every page in each, marked with its language, linked
to its twins, and stating on every twin the same numbers, dates and sources.

Run on the real site as built for a project address under a path (``SITE_URL``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from posixpath import dirname, join, normpath

import pytest

from scosite.build.generator import validate
from scosite.data import latin, translations
from scosite.data.i18n import EDITIONS, PREFIX
from scosite.settings import Project

from .support.builds import SITE_URL
from .support.htmlscan import Element, Page, scan_text
from .support.latin import page_words
from .support.project import ROOT

# Pages that differ by edition on purpose: the translation status counts each language's own.
OWN_NUMBERS = ("about/translations/index.html",)


def english_pages(site: dict[str, bytes]) -> list[str]:
    return sorted(name for name in site if name.endswith(".html") and not name.startswith(("ru/", "zh/", "pagefind/"))
                  and not name.startswith("assets/"))


def url_of(lang: str, page: str) -> str:
    path = "" if page == "index.html" else page.removesuffix("index.html")
    return SITE_URL + PREFIX[lang] + path


def test_every_page_is_in_every_edition(built_site):
    _, site = built_site
    english = english_pages(site)
    assert len(english) > 250
    for lang in ("ru", "zh"):
        twins = sorted(name.removeprefix(f"{lang}/") for name in site if name.startswith(f"{lang}/")
                       and name.endswith(".html") and not name.startswith(f"{lang}/assets/"))
        assert twins == english, lang


def lang_of(page: Page) -> str | None:
    """``<html lang>``."""
    return next((e.attrs.get("lang") for e in page.all("html")), None)


def alternates(page: Page) -> dict[str, str]:
    """``<link rel=alternate hreflang href>``: the address of each language's twin."""
    return {e.attrs["hreflang"]: e.attrs["href"] for e in page.all("link")
            if e.attrs.get("rel", "").strip() == "alternate" and e.attrs.get("hreflang")}


def canonicals(page: Page) -> list[str]:
    return [e.attrs["href"] for e in page.all("link") if e.attrs.get("rel") == "canonical"]


def switcher(page: Page) -> dict[str, str]:
    """The language switcher's links, by language."""
    return {e.attrs["hreflang"]: e.attrs["href"] for e in page.all("a") if "md-select__link" in e.attrs.get("class", "")}


def test_each_page_says_its_language_and_links_its_twins(built_site):
    """``<html lang>``, ``<link rel=alternate hreflang>`` for en, ru, zh and x-default, the
    canonical address in its own edition, and a language switcher that leads to the twins."""
    _, site = built_site
    for page in english_pages(site):
        if page == "404.html":
            continue
        for lang in EDITIONS:
            name = PREFIX[lang] + page
            scanned = scan_text(site[name].decode("utf-8"))
            assert lang_of(scanned) == lang, name
            assert canonicals(scanned) == [url_of(lang, page)], name
            assert alternates(scanned) == {**{other: url_of(other, page) for other in EDITIONS},
                                           "x-default": url_of("en", page)}, name
            links = switcher(scanned)
            for other, href in links.items():
                assert normpath(join(dirname(name), href)) == normpath(PREFIX[other] + page.removesuffix("index.html")), \
                    (name, href)
            assert set(links) == set(EDITIONS), name


def test_the_not_found_page_of_each_edition_is_in_its_language(built_site):
    _, site = built_site
    for lang in EDITIONS:
        assert lang_of(scan_text(site[f"{PREFIX[lang]}404.html"].decode("utf-8"))) == lang


def test_the_sitemaps_list_every_page_with_its_alternates(built_site):
    _, site = built_site
    pages = {url_of("en", p) for p in english_pages(site) if p != "404.html"}
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    for lang in EDITIONS:
        root = ET.fromstring(site[f"{PREFIX[lang]}sitemap.xml"])
        urls = root.findall("s:url", ns)
        listed = set()
        for url in urls:
            loc = url.find("s:loc", ns).text
            assert loc.startswith(SITE_URL + PREFIX[lang]), loc
            english = SITE_URL + loc.removeprefix(SITE_URL + PREFIX[lang])
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
            assert links == {**{other: SITE_URL + PREFIX[other] + english.removeprefix(SITE_URL) for other in EDITIONS},
                             "x-default": english}, loc
            listed.add(english)
        assert listed == pages, lang


# --- The same record in each language --------------------------------------------------------


def in_article(element: Element | None) -> list[Element]:
    """The elements from ``element`` out to the <article> it is in; none if it is in none."""
    found: list[Element] = []
    for outer in element.lineage() if element else ():
        found.append(outer)
        if outer.tag == "article":
            return found
    return []


def main_content(page: Page, lang: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The main content of a page (the <article>): its text in pieces, each with the language
    it is marked with (a text shown in English on a Russian page is inside ``lang="en"``;
    unmarked, ``lang``), and the sources its footnotes cite."""
    pieces = []
    for element, text in page.texts:
        inside = in_article(element)
        # footnote numbers (in <sup>) are the page's own numbering, not something stated
        if inside and not {"script", "sup"} & {e.tag for e in inside}:
            pieces.append((next((e.attrs["lang"] for e in inside if e.attrs.get("lang")), lang), text))
    footnotes = [e.attrs["id"] for e in page.all("li") if e.attrs.get("id", "").startswith("fn:") and in_article(e)]
    return pieces, footnotes


def stated(page: bytes, lang: str) -> tuple[Counter, list[str]]:
    pieces, footnotes = main_content(scan_text(page.decode("utf-8")), lang)
    numbers: Counter = Counter()
    # each run of text in one language read as one text, so "13 марта 2017 г." stays together
    runs: list[tuple[str, str]] = []
    for piece_lang, text in pieces:
        if runs and runs[-1][0] == piece_lang:
            runs[-1] = (piece_lang, f"{runs[-1][1]} {text}")
        else:
            runs.append((piece_lang, text))
    for run_lang, text in runs:  # (a twin's ordinals in words count: «Восьмое совещание», 第八次)
        numbers.update(translations.numbers(text, run_lang, ordinals=lang != "en"))
    return numbers, sorted(footnotes)


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_twins_state_the_same_numbers_dates_and_sources(built_site, lang):
    """Every number and date on an English page is on its twin (compared as values: 13 March
    2017, 13 марта 2017 г. and 2017年3月13日 agree; 60th, 60-я and 第60届 count as 60), and
    the twin cites the same sources."""
    _, site = built_site
    checked = 0
    for page in english_pages(site):
        if page in OWN_NUMBERS:
            continue
        english, english_notes = stated(site[page], "en")
        twin, twin_notes = stated(site[f"{lang}/{page}"], lang)
        assert twin_notes == english_notes, page
        # A twin may state more (a title as a Russian source gives it, with the years in it), never
        # less; compared as values (a quotation's number stated once in its own language, twice in
        # another with our translation, is the same number).
        assert set(english) <= set(twin), f"{lang}/{page}: lacks {sorted(set(english) - set(twin))}"
        checked += bool(english)
    assert checked > 250


def test_headings_in_chinese_get_readable_anchors():
    """Material's default slugify drops CJK; the configured one keeps it."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))  # (its docs_dir is generated)
    slugify = config.mdx_configs["toc"]["slugify"]
    assert slugify("上合组织与联合国 禁毒合作", "-") == "上合组织与联合国-禁毒合作"
    assert slugify("Шанхайская организация", "-") == "шанхайская-организация"
    assert re.fullmatch(r"[a-z-]+", slugify("What they said", "-"))


# Latin words a reader may meet in running text and headings of the Russian or Chinese edition,
# outside what is marked as another language (verbatim titles, quotations, names as the sources
# spell them) and the abbreviations the languages write in Latin (scosite.data.latin): issue 25's bound.
LATIN_WORDS_AT_MOST = 100


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_the_russian_and_chinese_editions_read_in_their_own_language(built_site, lang):
    """Every page of the edition, counted as a reader meets it: at most LATIN_WORDS_AT_MOST Latin
    words in the edition's own text; the footer credit and the footnotes' back links (read
    aloud) in the edition's language."""
    _, site = built_site
    data, problems = validate(Project(ROOT))
    assert problems == []
    allowed = latin.allowed_words(data, lang)  # the names the data gives in the language in Latin letters
    words: Counter[str] = Counter()
    for name, body in site.items():
        if name.startswith(f"{lang}/") and name.endswith(".html"):
            html = body.decode("utf-8")
            words.update(page_words(html, allowed))
            assert "Made with" not in html and "Jump back to footnote" not in html, name
    assert sum(words.values()) <= LATIN_WORDS_AT_MOST, words.most_common(40)
