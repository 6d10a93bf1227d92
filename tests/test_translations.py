"""Translations in the data: how `make check` counts and checks them, how a page shows a
missing or outdated one, and how `make stamp` records what a translation was made from."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess

import pytest

from scosite import cli
from scosite.build.generator import generate, validate
from scosite.data import i18n, translations
from scosite.data.models import stamp
from scosite.settings import Project

from .support.generator import generated
from .support.project import ROOT, not_in_a_clone

EVENT = "data/events/2017-test-event.yml"


def run(*args: str, root) -> subprocess.CompletedProcess[str]:
    """``python -m scosite ARGS --root ROOT``, run in this process (as ``__main__`` runs it):
    its exit status and what it printed. (The command as a process: ``test_cli``.)"""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli.main([*args, "--root", str(root)])
        except SystemExit as exit:  # argparse's usage errors
            status = exit.code if isinstance(exit.code, int) else 1
    return subprocess.CompletedProcess(["scosite", *args], status, out.getvalue(), err.getvalue())


def edit(project, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def where(project, path: str, line_text: str, column_of: str) -> str:
    """'path:line:col' of the first line that contains ``line_text``, at ``column_of``."""
    lines = (project / path).read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line_text in line)
    return f"{path}:{number}:{lines[number - 1].index(column_of) + 1}"


# --- Counting ------------------------------------------------------------------------------


def test_check_counts_untranslated_and_outdated_texts_per_language_as_warnings(mini_project):
    done = run("check", root=mini_project)
    assert done.returncode == 0, done.stderr
    data, _ = validate(Project(mini_project))
    total = sum(1 for _ in translations.texts(data))
    # The fixture translates the event's summary and city, a figure's label and qualifier, a
    # metric's name and a source's publisher into both languages; the Chinese summary was made
    # from an earlier English.
    assert f"warning: ru: {total - 6} of {total} texts not yet translated, 0 outdated" in done.stderr
    assert f"warning: zh: {total - 6} of {total} texts not yet translated, 1 outdated" in done.stderr


def test_check_counts_and_lists_latin_words_left_inside_a_translation(mini_project):
    event = mini_project / EVENT
    event.write_text(event.read_text(encoding="utf-8").replace(
        "ru: Тестовое мероприятие с двумя докладчиками.",
        "ru: Тестовое мероприятие Drug Control Agency с двумя «Test Hall» докладчиками."), encoding="utf-8")
    done = run("check", root=mini_project)
    assert done.returncode == 0, done.stderr
    assert "warning: ru: 1 runs of Latin words inside ru texts (list them: make check MISSING=ru)" in done.stderr
    assert "runs of Latin words inside zh" not in done.stderr
    listed = run("check", "--missing", "ru", root=mini_project)
    at = where(mini_project, EVENT, "  ru: Тестовое", "Тестовое")
    assert f"{at}: summary.ru: warning: Latin words in a ru text: Drug Control Agency" in listed.stderr
    assert "Test Hall" not in listed.stderr.split("Latin words")[-1]  # quoted: a verbatim title


def test_check_lists_each_missing_text_with_where_it_is(mini_project):
    done = run("check", "--missing", "zh", root=mini_project)
    assert done.returncode == 0
    venue = where(mini_project, EVENT, "venue:", "Test Hall")
    assert f"{venue}: venue: warning: not yet translated into zh" in done.stderr
    outdated = where(mini_project, EVENT, "  zh: 有两位", "有")
    assert f"{outdated}: summary.zh: warning: the zh translation is outdated" in done.stderr
    assert "not yet translated into ru" not in done.stderr


# --- What `make check` refuses -----------------------------------------------------------


@pytest.mark.parametrize(("old", "new", "line", "column", "message"), [
    # a translation that states another number than its English
    ("  en: A test event with two speakers.\n  ru: Тестовое мероприятие с двумя докладчиками.",
     "  en: A test event with some 69 speakers.\n  ru: Тестовое мероприятие с около 96 докладчиками.",
     "  ru: Тестовое", "Тестовое", "summary.ru: the numbers differ from the English (ru: 96 where en has 69)"),
    # ... or another date
    ("  en: A test event with two speakers.\n  ru: Тестовое мероприятие с двумя докладчиками.",
     "  en: A test event on 13 March 2017.\n  ru: Тестовое мероприятие 14 марта 2017 г.",
     "  ru: Тестовое", "Тестовое", "summary.ru: the numbers differ from the English (ru: 14 where en has 13)"),
    # a language the site does not have
    ("  zh: 维也纳\n", "  zh: 维也纳\n  de: Wien\n", "  de: Wien", "de", "city.de: 'de' is not a language of the site"),
    # a text in the wrong script
    ("  zh: 维也纳\n", "  zh: Vienna\n", "  zh: Vienna", "Vienna", "city.zh: a 'zh' text with no Chinese characters"),
    ("  ru: Вена\n", "  ru: Wien\n", "  ru: Wien", "Wien", "city.ru: a 'ru' text with no Cyrillic letters"),
])
def test_a_translation_that_says_something_else_is_an_error_with_its_place(mini_project, old, new, line, column,
                                                                           message):
    edit(mini_project, EVENT, old, new)
    if "summary" in message:  # a new translation of a new English: not yet stamped
        edit(mini_project, EVENT, "  ru_of: 4d039259\n", "")
    done = run("check", root=mini_project)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{where(mini_project, EVENT, line, column)}: {message}" in done.stderr


def test_a_number_corrected_in_the_english_makes_its_translations_outdated_not_wrong(mini_project):
    """English is published first: correcting its number leaves the stamped translation outdated
    (a warning) until it is reviewed; an unstamped translation is compared at once."""
    edit(mini_project, EVENT, "  en: A test event with two speakers.\n  ru: Тестовое мероприятие с двумя докладчиками.",
         "  en: A test event with 69 speakers.\n  ru: Тестовое мероприятие с 69 докладчиками.")
    assert run("stamp", EVENT, root=mini_project).returncode == 0
    edit(mini_project, EVENT, "  en: A test event with 69 speakers.", "  en: A test event with 96 speakers.")
    done = run("check", "--missing", "ru", root=mini_project)
    assert done.returncode == 0, done.stderr
    assert "summary.ru: warning: the ru translation is outdated" in done.stderr


def test_generate_refuses_what_check_refuses_and_leaves_the_pages(mini_project):
    generate(Project(mini_project))
    before = generated(mini_project, "ru/events/2017-test-event.md").read_bytes()
    edit(mini_project, EVENT, "  ru: Вена\n", "  ru: Wien\n")
    result, problems = generate(Project(mini_project))
    assert result is None and [p.field for p in problems] == ["city.ru"]
    assert generated(mini_project, "ru/events/2017-test-event.md").read_bytes() == before


# English figures and dates, each as the Russian and the Chinese edition write it.
SAME_VALUES = {
    "some 69 tonnes in 2010–2015": {"ru": "около 69 тонн в 2010–2015 гг.", "zh": "2010–2015年约69吨"},
    "1,500.5 tons": {"ru": "1 500,5 тонны", "zh": "1,500.5吨"},
    "the 60th session on 13 March 2017": {"ru": "60-я сессия 13 марта 2017 г.", "zh": "2017年3月13日第60届会议"},
    "3 billion people": {"ru": "3 млрд человек", "zh": "30亿人"},
    "the 12th meeting and the 8th session": {"ru": "12-е совещание и 8-я сессия", "zh": "第12次会议和第8届会议"},
}


@pytest.mark.parametrize(("english", "translation", "lang"), [
    (english, translation, lang) for english, written in SAME_VALUES.items() for lang, translation in written.items()])
def test_numbers_and_dates_compare_as_values_whatever_the_language_writes(english, translation, lang):
    assert translations.differences(english, translation, lang) is None


# --- Outdated translations ----------------------------------------------------------------


def test_an_outdated_translation_is_marked_until_it_is_reviewed_and_stamped(mini_project):
    ru_page = generated(mini_project, "ru/events/2017-test-event.md")
    outdated = i18n.language("ru")._("outdated")
    generate(Project(mini_project))
    assert "Тестовое мероприятие с двумя докладчиками.[^s01]" in ru_page.read_text()  # current: no marker

    edit(mini_project, EVENT, "  en: A test event with two speakers.", "  en: A test event with two speakers and a film.")
    done = run("check", "--missing", "ru", root=mini_project)
    assert done.returncode == 0  # a warning, not an error: English can be published first
    assert f"{where(mini_project, EVENT, '  ru: Тестовое', 'Тестовое')}: summary.ru: warning: the ru translation " \
           "is outdated" in done.stderr
    generate(Project(mini_project))
    assert "Тестовое мероприятие с двумя докладчиками. <span class=\"sco-untranslated\"" in ru_page.read_text()
    assert f">{outdated}</span>" in ru_page.read_text()

    # `make stamp` alone stamps only new translations: an outdated one needs a reviewer's word
    assert run("stamp", root=mini_project).returncode == 0
    assert "the ru translation is outdated" in run("check", "--missing", "ru", root=mini_project).stderr
    # reviewed (say the translator added the film): stamping the file records the new English
    edit(mini_project, EVENT, "  ru: Тестовое мероприятие с двумя докладчиками.",
         "  ru: Тестовое мероприятие с двумя докладчиками и фильмом.")
    done = run("stamp", EVENT, root=mini_project)
    assert done.returncode == 0, done.stderr
    text = (mini_project / EVENT).read_text(encoding="utf-8")
    assert f"  ru_of: {stamp('A test event with two speakers and a film.')}\n" in text
    assert "  zh_of: 0badf00d\n" not in text  # the file's translations were all reviewed
    assert "translation is outdated" not in run("check", "--missing", "ru", root=mini_project).stderr
    assert run("stamp", "data/events/no-such-event.yml", root=mini_project).returncode == 2
    generate(Project(mini_project))
    assert "Тестовое мероприятие с двумя докладчиками и фильмом.[^s01]" in ru_page.read_text()


def test_stamp_adds_a_stamp_after_a_new_translation_and_keeps_the_file_as_written(mini_project):
    edit(mini_project, "data/metrics/opium-seized.yml", "name: Opium seized\n",
         "name:\n  en: Opium seized   # the English\n  ru: >-\n    Изъятия\n    опия\n")
    done = run("stamp", root=mini_project)
    assert done.returncode == 0 and "Stamped 1 translation" in done.stdout
    assert (mini_project / "data/metrics/opium-seized.yml").read_text() == (
        f"id: opium-seized\nname:\n  en: Opium seized   # the English\n  ru: >-\n    Изъятия\n    опия\n"
        f"  ru_of: {stamp('Opium seized')}\n")
    assert run("stamp", root=mini_project).stdout.startswith("Stamped 0 translations")


def test_a_stamp_that_is_all_digits_is_written_as_text(mini_project, monkeypatch):
    from scosite.tools import stamping

    monkeypatch.setattr(stamping, "stamp", lambda text: "12345678")
    edit(mini_project, "data/metrics/opium-seized.yml", "name: Opium seized\n", "name:\n  en: Opium seized\n  ru: Опий\n")
    assert stamping.run(mini_project / "data", mini_project, []) == 1
    assert '  ru_of: "12345678"\n' in (mini_project / "data/metrics/opium-seized.yml").read_text()


# --- Order -------------------------------------------------------------------------------


def test_each_language_sorts_names_in_its_own_order():
    names = ["Юрий", "Zhang Ming", "Ёлкин", "Андрей", "Елена", "Жуков"]
    assert sorted(names, key=lambda n: i18n.collation_key(n, "ru")) == [
        "Андрей", "Елена", "Ёлкин", "Жуков", "Юрий", "Zhang Ming"]  # А–Я (Ё after Е), then Latin
    # Chinese by pinyin: 阿 (a), 费 (fei), 拉 (la), 张 (zhang)
    assert sorted(["张明", "拉希德·阿利莫夫", "阿利莫夫", "费多托夫"], key=lambda n: i18n.collation_key(n, "zh")) == [
        "阿利莫夫", "费多托夫", "拉希德·阿利莫夫", "张明"]
    assert [i18n.initial(n, "ru") for n in ("Ёлкин", "Андрей", "Zhang", "Ångström", "7th")] == ["е", "а", "z", "a", "0-9"]
    assert [i18n.initial(n, "zh") for n in ("张明", "阿利莫夫", "UNODC")] == ["z", "a", "u"]


# --- The real record: all of it in every edition ----------------------------------------------


@pytest.fixture(scope="module")
def real_data():
    data, problems = validate(Project(ROOT))
    assert problems == []
    return data


@pytest.mark.parametrize("lang", ["ru", "zh"])
def test_every_text_of_the_record_is_translated_and_none_is_outdated(real_data, lang):
    gaps = translations.gaps(real_data, lang)
    assert not gaps, f"{len(gaps)} texts; the first: {gaps[0].format()}"


def test_every_glossary_term_of_the_english_is_in_a_glossary_form_in_each_translation(real_data):
    assert len(real_data.get("glossary")) >= 10
    assert [p.format() for p in translations.term_gaps(real_data)] == []


def test_quotations_show_the_original_and_our_translation_labelled_as_ours(real_data, real_rendering):
    from scosite.queries import display
    from scosite.render.escape import md_inline

    _, pages = real_rendering
    checked = 0
    for quote in real_data.get("quotes").values():
        for lang in ("ru", "zh"):
            page = pages[f"{lang}/quotes/index.md"]
            words = i18n.language(lang)
            version = next((v for v in quote.versions if v.lang == lang), None)
            original = md_inline(quote.text)
            if quote.lang != lang:
                original = f'<span lang="{quote.lang}">{original}</span>'
            assert original in page, (lang, quote.id)
            if version:
                assert md_inline(version.text) in page and words._("In the original (%(language)s):",
                                                                   language=display.label(quote.lang, lang)) in page
            elif quote.lang != lang:
                ours = md_inline(quote.translation.translation(lang))
                assert words._("Our translation: %(text)s", text=ours) in page, (lang, quote.id)
            checked += 1
    assert checked == 2 * len(real_data.get("quotes"))


@pytest.fixture
def real_pages(mini_project):
    """The real project's hand-written pages, with the fixture's data (the data is not what
    these tests are about, and the fixture's is checked in a fraction of the time)."""
    shutil.copytree(ROOT / "docs", mini_project / "docs", ignore=not_in_a_clone, dirs_exist_ok=True)
    return mini_project


def test_a_translated_page_is_outdated_when_its_english_page_changes(real_pages):
    """Hand-written pages too: index.ru.md records the English page it was made from."""
    assert "translation is outdated" not in run("check", root=real_pages).stderr
    english = real_pages / "docs" / "about" / "index.md"
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    done = run("check", root=real_pages)
    assert done.returncode == 0
    for lang in ("ru", "zh"):
        assert (f"docs/about/index.{lang}.md:1:1: warning: the translation is outdated: docs/about/index.md changed"
                in done.stderr)
    assert run("stamp", "docs/about/index.ru.md", root=real_pages).returncode == 0
    done = run("check", root=real_pages)
    assert "index.ru.md:1:1: warning" not in done.stderr and "index.zh.md:1:1: warning" in done.stderr


# --- Interface messages: every one is filled in, in every language -------------------------


def catalog_messages():
    """(language, msgid, each translated form) of every message in the catalogs."""
    from babel.messages.pofile import read_po

    for lang in ("ru", "zh"):
        po = ROOT / "scripts" / "scosite" / "locale" / lang / "LC_MESSAGES" / "messages.po"
        with po.open("rb") as handle:
            catalog = read_po(handle)
        for message in catalog:
            if message.id:
                forms = message.string if isinstance(message.string, tuple) else (message.string,)
                yield lang, message.id, tuple(f for f in forms if f)


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_every_message_of_every_catalog_is_filled_in_with_sample_values(lang):
    """Each message, in each plural form, formatted through the one function that fills
    messages in (``i18n.fill``) with a sample value for each placeholder it names (a page passes
    one for each; a translation may use one its English leaves out, as «%(number)s-я сессия»
    does): no placeholder is left in what a reader sees."""
    from scosite.data.i18n import PLACEHOLDER, fill, language

    words = language(lang)
    checked = 0
    for catalog_lang, msgid, forms in catalog_messages():
        if catalog_lang != (lang if lang != "en" else "ru"):
            continue
        english = msgid if isinstance(msgid, tuple) else (msgid,)
        values = {name: f"<{name}>" for text in (*english, *forms) for name in PLACEHOLDER.findall(text)}
        texts = english if lang == "en" else forms
        for text in texts:
            filled = fill(text, values)
            assert not PLACEHOLDER.search(filled), (msgid, text)
            checked += 1
        if isinstance(msgid, tuple):  # the function a page calls, for a singular and a plural count
            for count in (1, 2, 5):
                assert "%(" not in words.n_(*msgid, count, **{k: v for k, v in values.items() if k != "num"})
    assert checked > 300


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Восьмое Совещание руководителей; десятое мероприятие", "ru", [8.0, 10.0]),
    ("第八次会议，第六十八届会议，第十二次", "zh", [8.0, 12.0, 68.0]),
    ("第一副局长", "zh", [1.0]),
])
def test_ordinals_in_words_count_as_numbers_where_asked(text, lang, expected):
    """A title as a source writes it may give an ordinal in words (the editions' twins are
    compared so); the translation check does not read them (第一副局长 is a rank)."""
    assert translations.numbers(text, lang, ordinals=True) == expected
    assert translations.numbers(text, lang) == []
