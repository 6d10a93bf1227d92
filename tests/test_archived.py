"""Sources that outlive their pages: each source's archived copy (``archived:``, verified by an
editor) or, where there is none, a look-up in the Web Archive computed from its address and
date (scosite.queries.archives), shown beside the original link with the Robust Links
attributes (scosite.render.robust), in the downloads and the citation files; a dead original
comes second, said to be dead."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest
import rispy

from scosite.data.models import Source
from scosite.queries.archives import archive_of, lookup_url
from scosite.render.templating import make_environment

from .support.builds import mkdocs_build, shared_build
from .support.generator import rendered, settings
from .support.project import FIXTURES

SNAPSHOT = "https://web.archive.org/web/20170314101500/https://example.org/release.html"
S02_LOOKUP = "https://web.archive.org/web/*/http://example.org/ru/article?id=1&x=(2)"
# s01: a verified copy, its original alive; s02 (no date): no copy, its original dead.
S01_ARCHIVED = f"archived:\n  url: {SNAPSHOT}\n  date: 2017-03-14\n"
S02_DEAD = "status: dead\nchecked: 2025-06-02\n"


def archived_data(project: Path) -> None:
    """The fixture's data, with s01's archived copy and s02's original dead."""
    shutil.rmtree(project / "data", ignore_errors=True)
    shutil.copytree(FIXTURES / "mini" / "data", project / "data")
    for name, extra in (("s01", S01_ARCHIVED), ("s02", S02_DEAD)):
        path = project / "data" / "sources" / f"{name}.yml"
        path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def source(**fields) -> Source:
    return Source.model_validate({"id": "s09", "title": "A page", "url": "http://example.org/a?x=1&y=(2)",
                                  "publisher": "P", "language": "en", **fields})


# --- The look-up rule ----------------------------------------------------------------------


@pytest.mark.parametrize(("date", "expected"), [
    ("2019-03-14", "https://web.archive.org/web/20190314/http://example.org/a"),  # the capture closest to the day
    ("2019-03", "https://web.archive.org/web/201903*/http://example.org/a"),  # that month's captures
    ("2019", "https://web.archive.org/web/2019*/http://example.org/a"),  # that year's
    (None, "https://web.archive.org/web/*/http://example.org/a"),  # no date: every capture
])
def test_a_lookup_searches_the_web_archive_near_the_sources_date(date, expected):
    assert lookup_url("http://example.org/a", date) == expected
    copy = archive_of(source(url="http://example.org/a", date=date) if date else source(url="http://example.org/a"))
    assert (copy.url, copy.verified, copy.lookup, copy.date) == (expected, False, True, date)


def test_a_verified_copy_replaces_the_lookup():
    copy = archive_of(source(date="2017-03-13", archived={"url": SNAPSHOT, "date": "2017-03-14"}))
    assert (copy.url, copy.verified, copy.lookup, copy.date) == (SNAPSHOT, True, False, "2017-03-14")


def test_every_real_source_has_an_archived_copy_or_a_labelled_lookup(real_rendering):
    data, files = real_rendering
    sources = data.records["sources"].values()
    assert len(sources) > 100
    rows = list(csv.DictReader(io.StringIO(files["downloads/sources.csv"].lstrip("\ufeff"))))
    assert len(rows) == len(sources)
    for row in rows:  # exactly one of the two, and a look-up is never given as a copy
        assert bool(row["archived_url"]) != bool(row["archive_lookup"]), row["id"]
        assert not row["archive_lookup"] or row["archive_lookup"].startswith("https://web.archive.org/web/")


@pytest.mark.parametrize(("extra", "message"), [
    ("archived:\n  url: https://web.archive.org/web/2019*/https://example.org/release.html\n  date: 2019-03-14\n",
     "archived: this Wayback Machine address is a look-up, not a snapshot"),
    ("archived:\n  url: https://web.archive.org/web/20190314/https://example.org/release.html\n  date: 2019-03-14\n",
     "archived: this Wayback Machine address is a look-up, not a snapshot"),
    ("archived:\n  url: https://web.archive.org/web/20190316093512/https://example.org/release.html\n"
     "  date: 2019-03-14\n", "archived: the snapshot was taken on 2019-03-16 (its address says so), not 2019-03-14"),
    ("archived:\n  url: https://archive.ph/abcde\n  date: 2019-03\n", "archived.date: '2019-03' is not a whole date"),
    ("archived:\n  url: https://example.org/release.html\n  date: 2019-03-14\n",
     "the archived copy's address is the original address"),
    ("status: dead\n", "a dead link needs the day it was found dead"),
    ("checked: 2025-06-02\n", "'checked' is the day the link was found dead"),
    ("status: gone\nchecked: 2025-06-02\n", "status: 'gone' is not an allowed value"),
])
def test_what_an_editor_writes_is_checked(mini_project, extra, message):
    from scosite.build.generator import validate
    from scosite.settings import Project

    path = mini_project / "data" / "sources" / "s01.yml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    problems = validate(Project(mini_project))[1]
    assert [p.format() for p in problems if message in p.format()], [p.format() for p in problems]


def test_an_archive_snapshot_of_any_archive_with_its_day_is_accepted():
    assert source(archived={"url": "https://archive.ph/abcde", "date": "2019-03-14"}, status="dead",
                  checked="2025-06-02").archived is not None


# --- The links, in each edition's words ------------------------------------------------------


def links(lang: str = "en"):
    return make_environment(lang=lang).globals["source_links"]


def test_a_verified_copy_is_shown_beside_the_original_with_robust_links_attributes():
    s = source(date="2017-03-13", archived={"url": SNAPSHOT, "date": "2017-03-14"})
    assert str(links().footnote(s)) == (
        f'[original](http://example.org/a?x=1&amp;y=%282%29){{: data-versionurl="{SNAPSHOT}" data-versiondate="2017-03-14" }}'
        f' · [archived copy of 14 March 2017]({SNAPSHOT})'
        '{: data-originalurl="http://example.org/a?x=1&amp;y=%282%29" data-versiondate="2017-03-14" }')


def test_a_lookup_is_labelled_as_one_and_carries_no_version_attributes():
    footnote = str(links().footnote(source(date="2019-03-14")))
    assert footnote == ("[original](http://example.org/a?x=1&amp;y=%282%29) · [look it up in the Web Archive]"
                        "(https://web.archive.org/web/20190314/http://example.org/a?x=1&amp;y=%282%29)")
    assert "data-version" not in footnote and "archived copy" not in footnote


@pytest.mark.parametrize("archived", [None, {"url": SNAPSHOT, "date": "2017-03-14"}])
def test_a_dead_original_comes_second_and_says_so(archived):
    s = source(status="dead", checked="2025-06-02", **({"archived": archived} if archived else {}))
    first, second = str(links().footnote(s)).split(" · ")
    assert first.startswith("[archived copy of 14 March 2017](" if archived else "[look it up in the Web Archive](")
    assert second.startswith("[original](") and second.endswith(" (dead link, checked 2 June 2025)")
    rows = str(links().rows(s)).splitlines()
    assert [r.split(" | ")[0] for r in rows] == ["| Archived copy", "| Original"]
    assert rows[1].endswith("(dead link, checked 2 June 2025) |")


def test_a_live_original_comes_first_on_the_source_page():
    rows = str(links().rows(source(date="2019"))).splitlines()
    assert rows == ["| Original | [http&#58;//example.org/a&#63;x&#61;1&#38;y&#61;&#40;2&#41;]"
                    "(http://example.org/a?x=1&amp;y=%282%29) |",
                    "| Archived copy | [look it up in the Web Archive](https://web.archive.org/web/2019*/http://example.org/a?x=1"
                    "&amp;y=%282%29) (no copy verified yet) |"]


def test_the_words_are_the_editions():
    s = source(status="dead", checked="2025-06-02", archived={"url": SNAPSHOT, "date": "2017-03-14"})
    ru, zh = str(links("ru").footnote(s)), str(links("zh").footnote(s))
    assert "[оригинал](" in ru and "[原文](" in zh  # (the catalogs' words; the new ones once translated)


# --- The pages, the downloads and the citation files ---------------------------------------------


@pytest.fixture(scope="module")
def archived_files(tmp_path_factory) -> dict[str, str]:
    project = tmp_path_factory.mktemp("archived")
    archived_data(project)
    (project / "docs").mkdir()
    return rendered(settings(project, history=False))[1]


def test_the_pages_show_the_copy_the_lookup_and_the_dead_link(archived_files):
    s01 = archived_files["sources/s01.md"]
    assert f'{{: data-versionurl="{SNAPSHOT}" data-versiondate="2017-03-14" }}' in s01
    assert f"| Archived copy | [https&#58;//web.archive.org/web/20170314101500/https&#58;//example.org/release.html]" \
           f"({SNAPSHOT}){{: data-originalurl" in s01
    s02 = archived_files["sources/s02.md"]
    assert s02.index("| Archived copy | [look it up in the Web Archive]") < s02.index("| Original |")
    assert "(dead link, checked 2 June 2025) |" in s02
    footnotes = [line for line in archived_files["events/2017-test-event.md"].splitlines() if line.startswith("[^s01]:")]
    assert footnotes and "· [archived copy of 14 March 2017](" in footnotes[0]


def test_the_sources_download_carries_the_copy_the_lookup_and_the_status(archived_files):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(archived_files["downloads/sources.csv"].lstrip("\ufeff")))}
    assert (rows["s01"]["archived_url"], rows["s01"]["archived_date"], rows["s01"]["archive_lookup"]) == \
        (SNAPSHOT, "2017-03-14", "")
    assert (rows["s01"]["status"], rows["s01"]["checked"]) == ("", "")
    assert (rows["s02"]["archived_url"], rows["s02"]["archive_lookup"]) == ("", S02_LOOKUP)
    assert (rows["s02"]["status"], rows["s02"]["checked"]) == ("dead", "2025-06-02")
    records = {r["id"]: r for r in json.loads(archived_files["downloads/sources.json"])}
    assert records["s01"]["archived"] == {"url": SNAPSHOT, "date": "2017-03-14"}
    assert (records["s02"]["status"], records["s02"]["checked"]) == ("dead", "2025-06-02")
    package = json.loads(archived_files["downloads/datapackage.json"])
    (table,) = [r for r in package["resources"] if r["name"] == "sources"]
    names = [f["name"] for f in table["schema"]["fields"]]
    assert names[-5:] == ["archived_url", "archived_date", "archive_lookup", "status", "checked"]


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_a_sources_citation_files_cite_the_source_itself_with_its_archive(archived_files, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    page, original = bibtexparser.loads(archived_files[f"{prefix}cite/sources/s01.bib"]).entries
    assert page["url"].endswith("/sources/s01/") and original["ID"] == page["ID"] + "-original"
    assert original["url"] == "https://example.org/release.html" and original["date"] == "2017-03-13"
    assert original["note"] == rf"Archived copy of 2017-03-14: \url{{{SNAPSHOT}}}"
    _, dead = bibtexparser.loads(archived_files[f"{prefix}cite/sources/s02.bib"]).entries
    assert dead["note"] == (r"Original address dead (checked 2025-06-02). No archived copy verified; look it up in "
                            rf"the Web Archive: \url{{{S02_LOOKUP}}}")
    _, record = rispy.loads(archived_files[f"{prefix}cite/sources/s01.ris"])
    assert record["urls"] == ["https://example.org/release.html"] and record["id"].endswith("sources-s01-original")
    assert record["notes"] == [f"Archived copy of 2017-03-14: {SNAPSHOT}"]
    assert "L2  - " + SNAPSHOT in archived_files[f"{prefix}cite/sources/s01.ris"]  # the link to the text: a copy only
    assert "L2  - " not in archived_files[f"{prefix}cite/sources/s02.ris"]


# --- The built HTML ------------------------------------------------------------------------


class Anchors(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[dict[str, str], str]] = []
        self.open: dict[str, str] | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.open, self.text = {k: v or "" for k, v in attrs}, ""

    def handle_data(self, data):
        if self.open is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "a" and self.open is not None:
            self.found.append((self.open, self.text))
            self.open = None


def anchors(page: bytes, part: str = "") -> list[tuple[dict[str, str], str]]:
    """The links of a built page (in ``part`` only: from the first occurrence of that text)."""
    text = page.decode()
    parser = Anchors()
    parser.feed(text[text.index(part):] if part else text)
    return parser.found


@pytest.fixture(scope="module")
def built(engine) -> Path:
    """The fixture's data with an archived copy and a dead link, built by the engine with the real
    configuration and hand-written pages (once for its inputs: tests/support/builds.py)."""
    # (the fixture and the lines added to it are not among the shared builds' inputs: in the label)
    digest = hashlib.sha256((S01_ARCHIVED + S02_DEAD).encode())
    for path in sorted((FIXTURES / "mini" / "data").rglob("*.yml")):
        digest.update(path.read_bytes())
    return shared_build(f"mini-archived-{digest.hexdigest()[:8]}", mkdocs_build, prepare=archived_data) / "site"


@pytest.mark.parametrize("lang", ["en", "ru", "zh"])
def test_the_built_source_page_and_footnote_carry_the_robust_links_attributes(built, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    robust = {"data-versionurl": SNAPSHOT, "data-versiondate": "2017-03-14"}
    copy = {"data-originalurl": "https://example.org/release.html", "data-versiondate": "2017-03-14"}
    page = anchors((built / f"{prefix}sources/s01/index.html").read_bytes(), 'class="md-content"')
    original = [a for a, _ in page if a.get("href") == "https://example.org/release.html"]
    assert original == [{"href": "https://example.org/release.html", **robust}]
    assert [a for a, _ in page if a.get("href") == SNAPSHOT] == [{"href": SNAPSHOT, **copy}]
    footnotes = anchors((built / f"{prefix}events/2017-test-event/index.html").read_bytes(), 'class="footnote"')
    assert {"href": "https://example.org/release.html", **robust} in [a for a, _ in footnotes]
    assert {"href": SNAPSHOT, **copy} in [a for a, _ in footnotes]
    assert "{:" not in (built / f"{prefix}sources/s01/index.html").read_text(encoding="utf-8")


def test_the_built_dead_link_comes_after_its_lookup_and_says_so(built):
    html = (built / "sources/s02/index.html").read_text(encoding="utf-8")
    page = anchors(html.encode(), 'class="md-content"')
    hrefs = [a["href"] for a, _ in page]
    lookup = "https://web.archive.org/web/*/http://example.org/ru/article?id=1&x=%282%29"
    assert hrefs.index(lookup) < hrefs.index("http://example.org/ru/article?id=1&x=%282%29")
    assert not any(k.startswith("data-version") for a, _ in page for k in a)  # a look-up is no copy
    assert "(dead link, checked 2 June 2025)" in html
    footnote = (built / "figures/heroin-seized/index.html").read_text(encoding="utf-8")
    text = footnote[footnote.index('id="fn:s02"'):]
    assert text.index("look it up in the Web Archive") < text.index(">original<") < text.index("dead link, checked")


def test_the_built_pages_pass_the_output_checks(built):
    from scosite.build.outputcheck import check_site

    assert check_site(built) == []
