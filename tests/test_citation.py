"""Citing a record's page: the "Cite as" line in each edition's style, the BibTeX and RIS files
(read back with real parsers), and the data set's CITATION.cff."""

from __future__ import annotations

import html
import re

import bibtexparser
import pytest
import rispy
import yaml

from scosite.render.citation import Citation, bibtex, line, ris

from .support.generator import edition_of, rendered, settings
from .support.project import ROOT

ATTRIBUTES = re.compile(r"\A---\n(.*?)\n---\n", re.S)


def page_title(text: str) -> str:
    """A generated page's title, as its front matter holds it (HTML-escaped)."""
    matter = yaml.safe_load(ATTRIBUTES.match(text).group(1))
    return matter["title"].replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&")


def parse_bibtex(text: str) -> dict:
    entries = bibtexparser.loads(text).entries
    assert len(entries) == 1, text
    return entries[0]


@pytest.fixture
def pages(repo):
    return rendered(settings(repo))[1]


def record_pages(pages: dict[str, str]) -> dict[str, tuple[str, str, str]]:
    """Every record's page in every edition, with the citation files it links to."""
    found = {}
    for path, text in pages.items():
        links = re.findall(r"\[BibTeX\]\(([^)]+)\) · \[RIS\]\(([^)]+)\)", text)
        if path.endswith(".md") and links and edition_of(path)[1] != "data.md":  # (the data set's: test_versions.py)
            assert len(links) == 1, path
            folder = path.rsplit("/", 1)[0]
            bib, ris_file = (re.sub(r"^(\.\./)+", "", link) for link in links[0])
            prefix = path.split("/", 1)[0] + "/" if edition_of(path)[0] != "en" else ""
            assert links[0][0].startswith("../") and folder, path
            found[path] = (text, prefix + bib, prefix + ris_file)
    return found


def test_every_record_page_links_citation_files_that_parse_with_its_title_address_and_date(repo, pages):
    records = record_pages(pages)
    files = [f for c in ("events", "people", "organisations", "countries", "documents", "sources", "metrics")
             for f in (repo / "data" / c).glob("*.yml")]
    assert len(records) == 3 * len(files)  # every record's page, in every edition
    kinds = {edition_of(path)[1].split("/")[0] for path in records}
    assert kinds == {"events", "people", "organisations", "countries", "documents", "sources", "figures"}
    for path, (text, bib_path, ris_path) in records.items():
        lang, local = edition_of(path)
        url = "https://example.org/" + ("" if lang == "en" else f"{lang}/") + local.removesuffix(".md") + "/"
        title = page_title(text)
        # (a source's files cite the source itself too, second: tests/test_archived.py)
        itself = 1 if local.startswith("sources/") else 0
        entries = bibtexparser.loads(pages[bib_path]).entries
        assert len(entries) == 1 + itself, path
        entry = entries[0]
        assert entry["ENTRYTYPE"] == "misc"
        assert entry["title"].strip("{}").replace("\\&", "&").replace("\\%", "%") == title, path
        assert entry["url"] == url
        assert entry["language"] == {"en": "english", "ru": "russian", "zh": "chinese"}[lang]
        record, *others = rispy.loads(pages[ris_path])
        assert len(others) == itself, path
        assert record["type_of_reference"] == "ELEC"
        assert record["title"] == title and record["urls"] == [url]
        assert pages[ris_path].endswith("ER  - \n")
        if "ann-example" in path:  # edited, not yet committed: no date, and nothing says one
            assert "year" not in entry and "date" not in entry and "year" not in record
        else:
            date = "2025-03-03" if "bob-sample" in path else "2025-01-02"
            assert (entry["year"], entry["date"]) == (date[:4], date)
            assert record["year"] == date[:4] and record["date"] == date.replace("-", "/")


def test_the_cite_as_line_is_in_the_style_of_each_edition(pages):
    # (the pages are Markdown with the data's text escaped as HTML entities: read as a reader does)
    en = html.unescape(pages["people/bob-sample.md"])
    assert ("Cite as: SCO–UN counternarcotics record (2025) Robert Sample. Available at: "
            "https://example.org/people/bob-sample/ (last changed: 3 March 2025).") in en
    ru = html.unescape(pages["ru/people/bob-sample.md"])
    assert "– Текст : электронный // " in ru
    assert "– 2025. – URL: https://example.org/ru/people/bob-sample/ (дата обновления: 03.03.2025)." in ru
    zh = html.unescape(pages["zh/people/bob-sample.md"])
    assert "[EB/OL]. (2025-03-03). https://example.org/zh/people/bob-sample/." in zh


def citation(title: str, date: str | None, lang: str = "en") -> Citation:
    return Citation(key="scoun-events-x", title=title, site="The Site", url="https://example.org/events/x/",
                    date=date, lang=lang)


def test_characters_tex_reads_as_commands_are_escaped_and_the_entry_still_parses():
    title = r"R&D {draft} 100% $5 #1 a_b ~c ^d \e"
    entry = parse_bibtex(bibtex(citation(title, "2024-05-06")))
    assert entry["title"] == ("{R\\&D \\{draft\\} 100\\% \\$5 \\#1 a\\_b \\textasciitilde{}c "
                              "\\textasciicircum{}d \\textbackslash{}e}")
    assert entry["ID"] == "scoun-events-x" and entry["year"] == "2024"
    (record,) = rispy.loads(ris(citation("A title\non two lines", None)))
    assert record["title"] == "A title on two lines" and "year" not in record


def test_without_a_date_each_style_leaves_out_only_the_parts_that_carry_it():
    assert line(citation("T", None)) == "The Site (n.d.) T. Available at: https://example.org/events/x/."
    assert line(citation("T", None, "ru")) == \
        "T. – Текст : электронный // The Site : [сайт]. – URL: https://example.org/events/x/."
    assert line(citation("T", None, "zh")) == "The Site. T[EB/OL]. https://example.org/events/x/."
    assert line(citation("T", "2024-05-06", "zh")) == "The Site. T[EB/OL]. (2024-05-06). https://example.org/events/x/."


def test_the_data_set_has_a_citation_file_naming_the_site():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for key in ("cff-version", "message", "title", "authors"):  # what CFF 1.2.0 requires
        assert cff.get(key), key
    assert cff["cff-version"] == "1.2.0" and cff["type"] == "dataset"
    assert all(author.get("name") or author.get("family-names") for author in cff["authors"])
    site_name = re.search(r"^site_name: (.+)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    assert cff["title"] == site_name
    assert set(cff["languages"]) == {"en", "ru", "zh"}
