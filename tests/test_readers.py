"""What readers get beyond the pages: open data, structured data, charts, timeline order."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Mapping

import jsonschema
import pytest
from frictionless import Package

from scosite.build.generator import Project, generate, validate
from scosite.build.write import write_pages
from scosite.data import i18n
from scosite.data.models import COLLECTION_BY_NAME
from scosite.render.export import TABLES, csv_cell

from .support.builds import SITE_URL
from .support.generator import edition_of, generated
from .support.project import ROOT


@pytest.fixture(scope="module")
def real_outputs(real_rendering) -> Mapping[str, str]:
    return real_rendering[1]


def table(text: str) -> list[dict[str, str]]:
    """A CSV download's rows. Each starts with a byte order mark, so that Excel reads it as UTF-8."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_fixture_downloads_are_a_valid_data_package(mini_project):
    assert generate(Project(mini_project))[1] == []
    report = Package(str(generated(mini_project, "downloads/datapackage.json"))).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])


def test_the_real_downloads_are_a_valid_data_package(real_outputs, tmp_path):
    write_pages({path: text for path, text in real_outputs.items() if path.startswith("downloads/")}, tmp_path)
    package = Package(str(tmp_path / "downloads" / "datapackage.json"))
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    assert sorted(r.name for r in package.resources) == sorted(t.name.replace("_", "-") for t in TABLES)


def test_every_record_is_in_its_table_and_its_json(real_rendering):
    data, real_outputs = real_rendering
    for collection in ("events", "people", "documents", "figures", "sources"):
        rows = list(table(real_outputs[f"downloads/{collection}.csv"]))
        ids = [r["id"] for r in rows]
        assert sorted(ids) == sorted(data.get(collection)) and len(ids) == len(set(ids)), collection
        records = json.loads(real_outputs[f"downloads/{collection}.json"])
        schema = json.loads(real_outputs[f"downloads/schemas/{collection}.schema.json"])
        validator = jsonschema.validators.validator_for(schema)
        validator.check_schema(schema)  # once (jsonschema.validate checks the schema again for each record)
        check = validator(schema)
        for record in records:
            check.validate(record)
        model = COLLECTION_BY_NAME[collection].model
        flat = [(r.pop("caveat_status", None), r.pop("caveat_note", None)) for r in records]
        assert [model.model_validate_json(json.dumps(r)) for r in records] == [data.get(collection)[i] for i in ids]
        if "caveat" in model.model_fields:
            # the flat columns: the status, and the note in English (its translations are in the record)
            assert flat == [((r.get("caveat") or {}).get("status"), ((r.get("caveat") or {}).get("note") or {}).get("en"))
                            for r in records]


def test_figures_keep_their_own_value_unit_and_qualifier(real_outputs):
    rows = {r["id"]: r for r in table(real_outputs["downloads/figures.csv"])}
    heroin = rows["2017-heroin-seized-2010-2015"]
    assert (heroin["value"], heroin["unit"], heroin["qualifier"], heroin["period_start"], heroin["period_end"]) == (
        "69", "tonnes", "some", "2010", "2015")


@pytest.mark.parametrize(("value", "cell"), [("=1+1", "'=1+1"), ("+7", "'+7"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"),
                                            ("\tx", "'\tx"), ("a=b", "a=b"), (69.0, "69"), (6.5, "6.5"), (True, "true"),
                                            (None, "")])
def test_spreadsheet_formulas_are_defused(value, cell):
    assert csv_cell(value) == cell


def test_downloads_list_their_checksums(real_outputs):
    import hashlib

    listed = json.loads(real_outputs["downloads/files.json"])["files"]
    for entry in listed:
        body = real_outputs[f"downloads/{entry['path']}"].encode()
        assert entry["bytes"] == len(body) and entry["sha256"] == hashlib.sha256(body).hexdigest()
    assert {f"downloads/{e['path']}" for e in listed} == {p for p in real_outputs if p.startswith("downloads/")} - {
        "downloads/files.json"}


# --- Structured data on the built site ------------------------------------------------

REQUIRED = {
    "Event": {"name", "startDate", "organizer", "performer", "url", "sameAs"},
    "Person": {"name", "url"},
    "Organization": {"name", "url"},
    "Country": {"name", "url"},
    "Legislation": {"name", "legislationDate", "url"},
    "CreativeWork": {"name", "url"},
}
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld_blocks(page: bytes) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(page.decode())]


@pytest.mark.parametrize(("section", "types"), [("events", {"Event"}), ("people", {"Person"}),
                                                ("organisations", {"Organization"}), ("countries", {"Country"}),
                                                ("documents", {"Legislation", "CreativeWork"})])
def test_every_record_page_has_parseable_json_ld_with_required_properties(built_site, section, types):
    _, site = built_site
    pages = [name for name in site if re.fullmatch(rf"{section}/[a-z0-9-]+/index\.html", name)]
    assert pages
    data, _ = validate(Project(ROOT))
    for name in pages:
        blocks = json_ld_blocks(site[name])
        if data.get(section)[name.split("/")[1]].caveat:  # uncertain: no structured data (test_faithfulness)
            assert blocks == [], name
            continue
        assert len(blocks) == 1, name
        block = blocks[0]
        assert block["@context"] == "https://schema.org" and block["@type"] in types, name
        missing = REQUIRED[block["@type"]] - set(block)
        assert not missing, f"{name}: {missing}"
        assert block["url"].endswith("/" + name.removesuffix("index.html")), name


def test_the_event_json_ld_describes_the_2017_event(built_site):
    _, site = built_site
    (event,) = json_ld_blocks(site["events/2017-cnd60-high-level-event/index.html"])
    assert event["startDate"] == "2017-03-13"
    assert event["location"] == {"@type": "Place", "name": "United Nations Office at Vienna", "address": "Vienna"}
    assert {p["name"] for p in event["performer"]} >= {"Rashid Alimov", "Yury Fedotov", "Alexander Schmidt"}
    assert "http://eng.sectsco.org/news/20170313/231902.html" in event["sameAs"]


def test_pages_carry_a_description_and_a_canonical_url(built_site):
    _, site = built_site
    for name, content in site.items():
        if name.endswith(".html") and edition_of(name)[1] != "404.html":
            page = content.decode()
            # at least a short sentence (a Chinese character says about what a Latin word does)
            least = 10 if edition_of(name)[0] == "zh" else 20
            assert re.search(rf'<meta name="description" content="[^"]{{{least},}}">', page), name
            assert re.search(rf'<link rel="canonical" href="{re.escape(SITE_URL)}[^"]*">', page), name


def test_pages_carry_opengraph_title_description_and_address(built_site):
    """What a link preview shows: the page's own title and summary, from the data."""
    _, site = built_site
    for name, content in site.items():
        if not name.endswith(".html") or edition_of(name)[1] == "404.html":
            continue
        page = content.decode()
        og = dict(re.findall(r'<meta property="og:(\w+)" content="([^"]*)">', page))
        description = re.search(r'<meta name="description" content="([^"]*)">', page).group(1)
        canonical = re.search(r'<link rel="canonical" href="([^"]*)">', page).group(1)
        assert og["description"] == description and og["url"] == canonical, name
        assert og["type"] == ("website" if edition_of(name)[1] == "index.html" else "article"), name
        assert og["site_name"] and og["title"] and page.count('property="og:title"') == 1, name
    event = site["events/2017-cnd60-high-level-event/index.html"].decode()
    title = re.search(r'<meta property="og:title" content="([^"]*)">', event).group(1)
    assert html.unescape(title).startswith("The United Nations and the Shanghai Cooperation Organisation in the Fight"), title


def test_the_sitemap_lists_real_urls(built_site):
    _, site = built_site
    urls = re.findall(r"<loc>(.*?)</loc>", site["sitemap.xml"].decode())
    assert f"{SITE_URL}events/2017-cnd60-high-level-event/" in urls
    for url in urls:
        path = url.removeprefix(SITE_URL)
        assert (path + "index.html" if path.endswith("/") or not path else path) in site, url


ABSOLUTE = re.compile(r'(?:href|src|content|action)="(https?://[^"]+)"|<loc>(https?://[^<]+)</loc>'
                      r'|"(?:url|@id)":"(https?://[^"]+)"')


def test_every_address_of_the_site_is_under_the_address_it_was_built_for(built_site):
    """Built for a given address (the Pages address the workflow passes), every absolute link
    the site makes to itself (canonical, og:url, sitemap, structured data) is under it, and
    each page's canonical address is its own."""
    _, site = built_site
    host = SITE_URL.split("/")[2]
    own = 0
    for name, content in site.items():
        if not name.endswith((".html", ".xml")):
            continue
        text = content.decode()
        for match in ABSOLUTE.finditer(text):
            url = next(g for g in match.groups() if g)
            if url.split("/")[2] == host:
                assert url.startswith(SITE_URL), f"{name}: {url}"
                own += 1
        canonical = re.search(r'<link rel="canonical" href="([^"]+)">', text)
        if name.endswith("index.html") and name != "404.html":
            assert canonical and canonical.group(1) == SITE_URL + name.removesuffix("index.html"), name
    assert own > 1000


# --- Charts and the timeline ------------------------------------------------------------


def test_a_statement_with_several_figures_gets_an_accessible_chart(built_site):
    _, site = built_site
    page = site["events/2017-cnd60-high-level-event/index.html"].decode()
    svg = re.search(r"<svg class=\"sco-chart sco-chart--narrow\".*?</svg>", page, re.S)
    assert svg, "no chart on the event page"
    chart = svg.group()
    assert 'role="img"' in chart and "<title id=" in chart and "<desc id=" in chart
    for amount in ("some 69 tonnes", "over 17 tonnes", "over 349 tonnes", "28 tonnes"):
        assert amount in chart
    assert "style=" not in chart, "inline styles would be blocked by the Content-Security-Policy"


def test_the_timeline_is_in_date_order(built_site):
    _, site = built_site
    page = site["timeline/index.html"].decode()
    years = [int(y) for y in re.findall(r'<h2 id="year-(\d{4})"', page)]
    assert years == sorted(years) and len(years) == len(set(years))
    # ... and every date a reader sees under a year heading is in that year
    for year in years:
        section = page.split(f'<h2 id="year-{year}"', 1)[1].split("<h2 ", 1)[0]
        assert all(str(year) in d for d in re.findall(r"<strong>([^<]*)</strong>", section)), year


# Rows and items on record pages that are our own classification or navigation, or say that the
# sources give nothing (no source states an absence), not facts: in each edition's words.
def not_facts(lang: str) -> re.Pattern[str]:
    words = i18n.language(lang)._
    escaped = [html.escape(words(w), quote=False) for w in ("Kind", "not stated", "our own form: no source gives one")]
    backs = "|".join(re.escape(html.escape(words(f"All {c}"), quote=False))
                     for c in ("events", "people", "organisations", "countries", "documents"))
    # (a form of a name of ours, marked as such, has no source to cite)
    return re.compile(rf"<td>{re.escape(escaped[0])}</td>|{backs}|<td>{re.escape(escaped[1])}</td>|"
                      rf"<td>{re.escape(escaped[2])}</td>")


@pytest.mark.parametrize("section", ["events", "people", "organisations", "countries", "documents"])
def test_every_fact_on_a_record_page_carries_a_source_reference(built_site, section):
    """In every edition: the translated pages cite as the English do."""
    _, site = built_site
    names = [n for n in site if re.fullmatch(rf"(?:(?:ru|zh)/)?{section}/[a-z0-9-]+/index\.html", n)]
    assert {n[:3] for n in names} >= {"ru/", "zh/", f"{section[:3]}"}
    for name in names:
        skip = not_facts(edition_of(name)[0])
        page = site[name].decode()
        content = re.search(r'<article class="md-content__inner md-typeset"[^>]*>(.*?)<div class="footnote">', page, re.S)
        assert content, f"{name}: no cited content"
        article = content.group(1)
        for row in re.findall(r"<tr>\s*<td>.*?</tr>", article, re.S) + re.findall(r"<li>.*?</li>", article, re.S):
            if skip.search(row):
                continue
            assert 'class="footnote-ref"' in row, f"{name}: {re.sub(r'<[^>]+>', '', row)[:120]}"
