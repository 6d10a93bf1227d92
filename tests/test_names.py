"""Names in the reader's language: a source's form, else ours marked as such; no Latin noun
phrase left inside a Russian or Chinese text (``scosite.data.latin``)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scosite.data import latin
from scosite.data.models import Alias, Person
from scosite.queries.display import Shown, script_of, sourced_name
from scosite.render.escape import md_inline

from .support.generator import rendered, settings
from .support.latin import page_words
from .support.project import FIXTURES

OURS_ZH = "联合国毒品和犯罪问题办公室"  # the fixture's UNODC in Chinese, a form of ours
ORIGINAL = '（<span lang="en">United Nations Office on Drugs and Crime</span>）'


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return rendered(settings(FIXTURES / "mini", history=False))[1]


def body_of(page: str) -> str:
    """A page's Markdown without its front matter and structured data."""
    return page.split("\n---\n", 1)[-1].split("<script")[0]


def test_an_alias_is_sourced_or_ours_never_both_nor_neither():
    assert Alias.model_validate({"name": "Интерпол", "lang": "ru", "ours": True}).ours
    assert Alias.model_validate({"name": "Интерпол", "lang": "ru", "sources": ["s01"]}).sources == ["s01"]
    for bad in ({"name": "Интерпол", "lang": "ru"}, {"name": "Интерпол", "lang": "ru", "ours": True, "sources": ["s01"]}):
        with pytest.raises(ValidationError):
            Alias.model_validate(bad)


def test_a_sourced_form_is_shown_before_one_of_ours():
    person = Person.model_validate({"id": "p", "name": "Sergey Vershinin", "sources": ["n10"], "aliases": [
        {"name": "Сергей Вершинин (ours)", "lang": "ru", "ours": True},
        {"name": "Сергей Вершинин", "lang": "ru", "sources": ["n11"]}]})
    shown = sourced_name(person, "ru")
    assert (shown, shown.state) == ("Сергей Вершинин", "current")


def test_a_name_of_ours_shows_its_original_at_its_first_mention_on_each_page(pages):
    bodies = {path: body_of(text) for path, text in pages.items() if path.startswith("zh/") and path.endswith(".md")}
    mentioning = {path: body for path, body in bodies.items() if OURS_ZH in body}
    assert "zh/organisations/unodc.md" in mentioning and "zh/events/2017-test-event.md" in mentioning
    for path, body in mentioning.items():
        listed = body.count(f"| {OURS_ZH} | ")  # (the page's own table of forms lists it as a form)
        assert body.count(OURS_ZH + ORIGINAL) == 1, path
        assert body.index(OURS_ZH + ORIGINAL) == body.index(OURS_ZH), f"{path}: the first mention lacks its original"
        assert body.count(OURS_ZH) - listed >= 1


def test_the_heading_of_an_organisation_named_by_us_gives_the_original(pages):
    heading = next(line for line in body_of(pages["zh/organisations/unodc.md"]).splitlines() if line.startswith("# "))
    assert heading.startswith(f"# {OURS_ZH}{ORIGINAL}")


@pytest.mark.parametrize(("name", "lang"), [("曾伟雄", "zh"), ("Рашид Алимов", "ru"), ("Zhang Ming", "en")])
def test_a_name_as_its_source_spells_it_is_tagged_with_its_script(name, lang):
    person = Person.model_validate({"id": "p", "name": name, "sources": ["s01"]})
    for edition in ("ru", "zh"):
        shown = sourced_name(person, edition)
        assert isinstance(shown, Shown) and shown.lang == lang


@pytest.mark.parametrize(("text", "found"), [
    ("Директор Drug Control Agency under the President Таджикистана", ["Drug Control Agency under the President"]),
    ("сообщил TASS; по данным Xinhua", ["TASS", "Xinhua"]),
    ("операции «Web» (наш перевод: «Паутина»)", []),  # a verbatim title in quotation marks
    ("中国Ministry of Public Security所属Narcotics Control Bureau局长", ["Ministry of Public Security",
                                                                     "Narcotics Control Bureau"]),
    ("据“Almost 70 tons”报道", []),
    ("на сайте eng.sectsco.org (https://example.org/a b)", ["b"]),
    ("программа EU-CADAP и Сергей Вершинин (Sergey Vershinin)", []),  # allowed: a ru alias, a person's name
    ("раздел IV, пункт A", []),  # numerals and list letters
    ("по данным CLDR", []),  # an allowed abbreviation
    ("документ UNIS/MA/244 и A/RES/71/14, зал M2; M2会议室; 材料20071005.O1C", []),  # symbols and codes
])
def test_runs_of_latin_words_are_found_outside_quotations_names_and_abbreviations(text, found):
    allowed = frozenset({"EU-CADAP", "Sergey", "Vershinin"})
    assert [words for _, words in latin.runs(text, allowed)] == found


def test_page_words_count_only_text_in_the_page_language():
    page = ('<html lang="ru"><body><p>Сообщил TASS и <span lang="en">Drug Control Agency</span></p>'
            '<script>var x = "Latin";</script><code>make check</code></body></html>')
    assert list(page_words(page)) == ["TASS"]


def test_a_real_page_of_each_edition_is_counted_by_its_language():
    page = '<html lang="zh"><body><p>上合组织Secretariat</p><p lang="en">Made with</p></body></html>'
    assert list(page_words(page)) == ["Secretariat"]


@pytest.fixture(scope="module", params=["real", "mini"])
def every_page(request):
    if request.param == "real":
        return request.getfixturevalue("real_rendering")
    return rendered(settings(FIXTURES / "mini", history=False))


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_heading_is_a_sourced_title_or_ours_marked_as_ours(every_page, lang):
    """The heading of every Russian or Chinese page of an event or a document is a title a
    source gives in that language (a title variant that may be shown), or our translation with
    the note that says so and gives the English, or the English marked as not yet translated;
    an organisation's or a person's heading is a form a source gives, or ours with the original
    beside it, or the name as its source spells it, marked as such."""
    from scosite.queries import display

    data, pages = every_page
    checked = 0
    for collection in ("events", "documents", "organisations", "people"):
        for record in data.get(collection).values():
            body = body_of(pages[f"{lang}/{collection}/{record.id}.md"])
            heading = next(line for line in body.splitlines() if line.startswith("# "))
            shown = display.page_title(collection, record, lang)
            variant = display.shown_variant(record, lang) if collection in ("events", "documents") else None
            if variant is not None:
                assert variant.sources and not display.refused(variant) and not variant.short, record.id
            elif getattr(shown, "state", "") == "ours":
                assert f'<span lang="{script_of(shown.original)}">{md_inline(shown.original)}</span>' in heading, record.id
            elif display.title_is_ours(collection, record, lang):
                note = body[:body.index("{: .sco-title-note }")].rstrip().rsplit("\n", 1)[-1]
                assert md_inline(record.title.en) in note and '<span lang="en">' in note, record.id
            elif getattr(shown, "lang", lang) != lang:
                assert f'<span lang="{shown.lang}">' in heading or "sco-untranslated" in heading, record.id
            checked += 1
    assert checked
