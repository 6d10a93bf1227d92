"""The three editions of the built site: every page in each, marked with its language, linked
to its twins, and stating on every twin the same numbers, dates and sources.

Run on the real site as built for a project address under a path (``SITE_URL``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from html.parser import HTMLParser
from posixpath import dirname, join, normpath

import pytest

from scosite.build.generator import validate
from scosite.data import latin, translations
from scosite.data.i18n import EDITIONS, PREFIX
from scosite.settings import Project

from .conftest import ROOT, SITE_URL

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


class Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.alternates: dict[str, str] = {}
        self.canonical = None
        self.switcher: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "link" and (a.get("rel") or "").strip() == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a["href"]
        elif tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        elif tag == "a" and "md-select__link" in (a.get("class") or ""):
            self.switcher[a["hreflang"]] = a["href"]


def test_each_page_says_its_language_and_links_its_twins(built_site):
    """``<html lang>``, ``<link rel=alternate hreflang>`` for en, ru, zh and x-default, the
    canonical address in its own edition, and a language switcher that leads to the twins."""
    _, site = built_site
    for page in english_pages(site):
        if page == "404.html":
            continue
        for lang in EDITIONS:
            name = PREFIX[lang] + page
            head = Head()
            head.feed(site[name].decode("utf-8"))
            assert head.lang == lang, name
            assert head.canonical == url_of(lang, page), name
            assert head.alternates == {**{other: url_of(other, page) for other in EDITIONS},
                                       "x-default": url_of("en", page)}, name
            for other, href in head.switcher.items():
                assert normpath(join(dirname(name), href)) == normpath(PREFIX[other] + page.removesuffix("index.html")), \
                    (name, href)
            assert set(head.switcher) == set(EDITIONS), name


def test_the_not_found_page_of_each_edition_is_in_its_language(built_site):
    _, site = built_site
    for lang in EDITIONS:
        head = Head()
        head.feed(site[f"{PREFIX[lang]}404.html"].decode("utf-8"))
        assert head.lang == lang


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


class Article(HTMLParser):
    """The main content of a page: its text in pieces, each with the language it is marked
    with (a text shown in English on a Russian page is inside ``lang="en"``), and the sources
    its footnotes cite."""

    def __init__(self, lang: str) -> None:
        super().__init__(convert_charrefs=True)
        self.langs = [lang]
        self.stack: list[str] = []
        self.depth = 0  # inside <article> (and how deep)
        self.pieces: list[tuple[str, str]] = []
        self.footnotes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.depth += 1
        if not self.depth or tag in ("br", "img", "input", "hr", "meta", "link", "rect", "path"):
            return
        self.stack.append(tag)
        self.langs.append(a.get("lang") or self.langs[-1])
        if tag == "li" and (a.get("id") or "").startswith("fn:"):
            self.footnotes.append(a["id"])

    def handle_endtag(self, tag):
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()
            self.langs.pop()

    def handle_data(self, data):
        # footnote numbers (in <sup>) are the page's own numbering, not something stated
        if self.depth and "script" not in self.stack and "sup" not in self.stack:
            self.pieces.append((self.langs[-1], data))


def stated(page: bytes, lang: str) -> tuple[Counter, list[str]]:
    article = Article(lang)
    article.feed(page.decode("utf-8"))
    numbers: Counter = Counter()
    # each run of text in one language read as one text, so "13 марта 2017 г." stays together
    runs: list[tuple[str, str]] = []
    for piece_lang, text in article.pieces:
        if runs and runs[-1][0] == piece_lang:
            runs[-1] = (piece_lang, f"{runs[-1][1]} {text}")
        else:
            runs.append((piece_lang, text))
    for run_lang, text in runs:  # (a twin's ordinals in words count: «Восьмое совещание», 第八次)
        numbers.update(translations.numbers(text, run_lang, ordinals=lang != "en"))
    return numbers, sorted(article.footnotes)


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

    from .conftest import ROOT

    slugify = load_config(str(ROOT / "mkdocs.yml")).mdx_configs["toc"]["slugify"]
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
            words.update(latin.page_words(html, allowed))
            assert "Made with" not in html and "Jump back to footnote" not in html, name
    assert sum(words.values()) <= LATIN_WORDS_AT_MOST, words.most_common(40)
