"""The real site, built by MkDocs: strict, deterministic, complete, self-contained.

These tests build the whole site (a few seconds each) in a copy of the project.
"""

from __future__ import annotations

import html
import re

import pytest

from .support.builds import site_files

pytestmark = pytest.mark.engine  # every test here builds (or reads a build of) the whole site


@pytest.fixture(scope="module")
def built(built_site):
    return built_site


def text_of(page: bytes) -> str:
    """The visible text of a page, roughly: tags removed, entities decoded, spaces folded."""
    body = page.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"</?(a|span|strong|em|code|abbr)\b[^>]*>", "", body)  # inline: no word break
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_two_builds_are_byte_identical(built, engine, monkeypatch):
    """The second without the navigation rendered once per folder (the plugin's ``nav_memo``
    off): it is the same as each page's own."""
    project, first = built
    monkeypatch.setenv("SCOSITE_NAV_MEMO", "false")  # mkdocs.yml: the plugin's nav_memo
    done = engine(project, project / "site-again")
    assert done.returncode == 0
    second = site_files(project / "site-again")
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_clean_urls_come_from_ids(built):
    _, site = built
    for page in ("events/2017-cnd60-high-level-event/index.html", "people/rashid-alimov/index.html",
                 "organisations/unodc/index.html", "countries/kazakhstan/index.html",
                 "documents/sco-unodc-mou-2011/index.html", "figures/heroin-seized/index.html",
                 "sources/s01/index.html", "timeline/index.html", "about/editing/index.html"):
        assert page in site
    assert not any("generated" in name for name in site)


def test_no_page_requests_another_host(built):
    """What the output checks do not look at: a connection to another host opened ahead
    (``preconnect``, ``dns-prefetch``), and Google Fonts named anywhere in a page (in inline
    CSS or script, say). A script, stylesheet, icon or image loaded from another host is the
    output checks' rule, run on this same build (test_output.py), and the browser sees every
    request of a sample of pages (tests/browser/test_pages.py)."""
    _, site = built
    for name, content in site.items():
        if not name.endswith(".html"):
            continue
        page = content.decode()
        for tag in re.findall(r"<link\b[^>]*>", page):
            if re.search(r'rel="(preconnect|dns-prefetch)"', tag):
                assert not re.search(r'href="(https?:)?//', tag), f"{name}: {tag}"
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


def test_navigation_does_not_list_every_record(built):
    _, site = built
    home = site["index.html"].decode()
    assert "people/rashid-alimov/" not in re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', home, re.S).group()


# Every category of fact in the SCO Secretariat's release of 13 March 2017 (source s01), and
# the page where a reader finds it. Each phrase is checked in the page's visible text.
RELEASE_FACTS = {
    "events/2017-cnd60-high-level-event/index.html": [
        # title, date, venue, occasion
        "The United Nations and the Shanghai Cooperation Organisation in the Fight against Drugs: "
        "Common Threats and Joint Actions",
        "13 March 2017", "United Nations Office at Vienna, Vienna", "60th session of the UN Commission on Narcotic Drugs",
        "special high-level event",
        # organisers
        "United Nations and Shanghai Cooperation Organisation",
        # every speaker, with the title they had at this event
        "Rashid Alimov", "SCO Secretary-General",
        "Yury Fedotov", "UN Under-Secretary-General and UNODC Executive Director",
        "Marat Demeuov", "First Deputy Minister of Internal Affairs of Kazakhstan",
        "Shi Zhongjun", "Permanent Representative of China to the UN Office in Vienna",
        "Damir Sagynbaev", "Head of the Department of Defence, Law, Order and Emergency Situations of the Executive "
        "Office of the Government of Kyrgyzstan",
        "Oleg Syromolotov", "Deputy Foreign Minister of Russia",
        "Ismatullo Nasredinov", "Permanent Representative of Tajikistan to the UN Office in Vienna",
        "Ahmed Mansurov", "Director of the National Information and Analytical Centre on Drug Control under the "
        "Government of Uzbekistan",
        # moderator
        "Alexander Schmidt", "Chief of the UNODC Regional Section for Europe, West and Central Asia",
        # what was said, the quotations exactly as published, the figures with their qualifiers
        "Counternarcotics Strategy with its Action Plan, adopted in 2011",
        "“Over 3 million people have overcome drug addiction in SCO countries”",
        "the SCO has an efficient three-level institutional mechanism",
        "“The threat of narcotic drugs knows no bounds",
        "based on the MoU, we are working together",
        "some 69 tonnes", "over 17 tonnes", "over 349 tonnes", "28 tonnes", "over 3 million people",
        # documentary, discussion, participants, papers, background
        "documentary", "heads of the SCO member states' delegations", "NGOs, civil society and research",
        "printed and electronic copies of papers", "developing since 2004",
    ],
    "documents/un-sco-joint-declaration-2010/index.html": ["5 April 2010", "Tashkent, Uzbekistan"],
    "documents/sco-unodc-mou-2011/index.html": ["14 June 2011", "Astana, Kazakhstan"],
    "documents/sco-counternarcotics-action-plan-2011/index.html": ["2011", "SCO Counternarcotics Strategy"],
    "timeline/index.html": ["2004", "SCO–UN relations begin to develop", "5 April 2010", "14 June 2011", "13 March 2017"],
    "people/rashid-alimov/index.html": ["SCO Secretary-General", "Over 3 million people", "Рашид Алимов"],
    "sources/s01/index.html": ["SCO Secretariat", "13 March 2017", "http://eng.sectsco.org/news/20170313/231902.html"],
    "index.html": ["over 3 million people", "some 69 tonnes", "Latest event"],
}


@pytest.mark.parametrize("page", sorted(RELEASE_FACTS))
def test_every_fact_of_the_release_is_on_the_site(built, page):
    _, site = built
    visible = text_of(site[page])
    missing = [phrase for phrase in RELEASE_FACTS[page] if phrase not in visible]
    assert missing == []


def test_every_fact_links_to_its_source(built):
    _, site = built
    page = site["events/2017-cnd60-high-level-event/index.html"].decode()
    footnotes = re.search(r'<div class="footnote">.*?</div>', page, re.S)
    assert footnotes and 'href="../../sources/s01/"' in footnotes.group()
    assert 'href="http://eng.sectsco.org/news/20170313/231902.html"' in footnotes.group()
    # every list item and table row of facts carries a reference number
    for row in re.findall(r"<tr>\s*<td>.*?</tr>", page, re.S):
        if "sources/" in row or "Kind" in row:
            continue
        assert 'class="footnote-ref"' in row, row


def test_a_failing_strict_build_leaves_the_previous_site(real_project):
    from scosite import cli

    assert cli.main(["build", "--root", str(real_project)]) == 0
    before = site_files(real_project / "site")
    (real_project / "docs" / "about" / "broken.md").write_text("# Broken\n\n[a link to nowhere](nowhere.md)\n")
    assert cli.main(["build", "--root", str(real_project)]) == 1
    assert site_files(real_project / "site") == before
    assert list((real_project / ".cache").glob("site-*")) == []


# --- The accessibility statement (issue 27 §5): a page in each edition, linked from every footer --

# Each edition's prefix, language and footer words for the statement's link, and the statement's
# heading (docs/about/accessibility.md and its translations).
STATEMENT = {"": ("en", "Accessibility", "Accessibility statement"),
             "ru/": ("ru", "Доступность", "Заявление о доступности"),
             "zh/": ("zh", "无障碍", "无障碍声明")}
FOOTER_LINK = re.compile(r'<a href="([^"]*)" class="sco-accessibility-link"[^>]*>([^<]*)</a>')


def edition_prefix(name: str) -> str:
    """The edition a built file belongs to, by its path: "ru/", "zh/" or "" (English)."""
    first = name.split("/", 1)[0] + "/"
    return first if first in ("ru/", "zh/") else ""


def test_every_page_of_every_edition_links_its_editions_accessibility_statement_in_its_footer(built):
    """The link is resolved from the page's own address as it is published (the 404 page's
    links start from the site's root), so it must lead to the statement of the page's edition."""
    from urllib.parse import urljoin

    from .support.builds import SITE_URL

    _, site = built
    wrong, seen = [], dict.fromkeys(STATEMENT, 0)
    for name in sorted(n for n in site if n.endswith(".html")):
        prefix = edition_prefix(name)
        footer = re.search(r'<footer class="md-footer">.*?</footer>', site[name].decode(), re.S)
        links = FOOTER_LINK.findall(footer.group()) if footer else []
        want = SITE_URL + prefix + "about/accessibility/"
        if len(links) != 1:
            wrong.append(f"{name}: {len(links)} accessibility links in the footer")
            continue
        href, words = links[0]
        if urljoin(SITE_URL + name, html.unescape(href)) != want or words != STATEMENT[prefix][1]:
            wrong.append(f"{name}: {href!r} ({words}), not {want} ({STATEMENT[prefix][1]})")
        seen[prefix] += 1
    assert wrong == []
    assert all(count > 100 for count in seen.values()), seen  # every edition's pages were read


@pytest.mark.parametrize("prefix", sorted(STATEMENT))
def test_the_accessibility_statement_is_in_each_edition_in_its_language(built, prefix):
    _, site = built
    lang, _, heading = STATEMENT[prefix]
    page = site[f"{prefix}about/accessibility/index.html"].decode()
    assert re.search(rf'<html lang="{lang}"[ >]', page)
    article = re.search(r"<article\b[^>]*>", page).group()
    assert " lang=" not in article  # written in the edition's language, not the English shown in its place
    assert re.search(rf"<h1\b[^>]*>{re.escape(heading)}", page)
    assert "WCAG 2.2" in text_of(site[f"{prefix}about/accessibility/index.html"])
    assert 'class="sco-accessibility-link" aria-current="page"' in page  # its footer link is to itself
