"""The output checker: the real site passes it, and each rule catches what it names."""

from __future__ import annotations

import pytest

from scosite.build.outputcheck import CHUNK, check_page, check_site

GOOD_HEAD = "<!doctype html><html><head><title>T</title></head><body><h1>T</h1>"


def test_the_built_site_passes_every_output_rule(built_site, tmp_path):
    _, files = built_site
    for name, content in files.items():
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    assert [p.format() for p in check_site(tmp_path)] == []


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('<p onclick="x()">a</p>', "<p> has an event-handler attribute 'onclick'"),
        ('<svg onload="x()"></svg>', "<svg> has an event-handler attribute 'onload'"),
        ('<a href="javascript:alert(1)">a</a>', "<a href> uses a javascript: URL"),
        ('<a href=" JavaScript:alert(1)">a</a>', "<a href> uses a javascript: URL"),
        ('<img alt="" src="data:image/png;base64,AA">', "<img src> uses a data: URL"),
        ('<link rel="stylesheet" href="data:text/css,a">', "<link href> uses a data: URL"),
        ('<link rel="icon" href="data:text/html,<script>">', "<link href> uses a data: URL"),
        ('<a href="data:image/svg+xml,%3Csvg%3E">a</a>', "<a href> uses a data: URL"),
        ("<iframe></iframe>", "<iframe> element: frames, plug-ins and <base> are not allowed"),
        ("<object></object>", "<object> element: frames, plug-ins and <base> are not allowed"),
        ("<embed>", "<embed> element: frames, plug-ins and <base> are not allowed"),
        ("<script>alert(1)</script>", "inline <script> that is not one of the theme's own: 'alert(1)'"),
        ('<script src="https://cdn.example/x.js"></script>', "<script src> loads from another host: https://cdn.example/x.js"),
        ('<link rel="stylesheet" href="//fonts.example/x.css">',
         "<link rel=stylesheet> loads from another host: //fonts.example/x.css"),
        ('<img alt="" src="https://img.example/x.png">', "<img src> loads from another host: https://img.example/x.png"),
        ('<img src="x.png">', "<img> without an alt attribute"),
        ("<p>{{ title }}</p>", "unprocessed template or Markdown syntax in the markup: '{{'"),
        ("<p>{% if x %}</p>", "unprocessed template or Markdown syntax in the markup: '{%'"),
        ("<p>--8<-- x</p>", "unprocessed template or Markdown syntax in the markup: '--8<--'"),
        ("<p>Title {: #x }</p>", "unprocessed template or Markdown syntax in the markup: '{:'"),
        ("<h1>Second</h1>", "the page has 2 <h1> elements instead of one"),
        ("<figcaption>%(num)s statement gives no date</figcaption>",
         "a message placeholder shows in the text: '%(num)s'"),
        ("<p>%&#40;num&#41;s statements</p>", "a message placeholder shows in the text: '%(num)s'"),
        ('<svg aria-label="%(count)d figures"></svg>', "a message placeholder shows in <svg aria-label>: '%(count)d'"),
    ],
)
def test_each_rule_reports_what_it_forbids(body, message):
    problems, _ = check_page("p.html", GOOD_HEAD + body + "</body></html>")
    assert message in [p.message for p in problems]


def test_allowed_content_passes():
    body = ('<link rel="icon" href="data:image/svg+xml,%3Csvg%3E%3C/svg%3E">'
            '<a href="https://www.unodc.org/">ok</a><script type="application/ld+json">{"a": "{{"}</script>'
            '<code>{{ shown as code }}</code><img alt="" src="../x.png">'
            '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&'
            '(target.checked=target.name.startsWith("__tabbed_"))</script>')
    problems, title = check_page("p.html", GOOD_HEAD + body + "</body></html>")
    assert problems == [] and title == "T"


def test_text_shown_through_character_references_is_not_unprocessed_syntax():
    """Data text is escaped: a reader sees '{{' or '{: onclick }', the markup holds references."""
    body = "<p>&#123;&#123; title &#125;&#125; &#123;&#58; onclick=x &#125; &#123;% x %&#125; --8&lt;-- &#123;:</p>"
    problems, title = check_page("p.html", GOOD_HEAD.replace("<title>T", "<title>&#123;&#123; T") + body + "</body></html>")
    assert problems == [] and title == "{{ T"


def test_titles_must_exist_and_be_unique(tmp_path):
    (tmp_path / "a.html").write_text(GOOD_HEAD + "</body></html>")
    (tmp_path / "b.html").write_text(GOOD_HEAD + "</body></html>")
    (tmp_path / "c.html").write_text("<html><head><title> </title></head><body><h1>x</h1></body></html>")
    messages = {(p.path, p.message) for p in check_site(tmp_path)}
    assert messages == {("b.html", "the title 'T' is also used by a.html"), ("c.html", "the page has no <title> text")}


def test_a_folder_holding_one_edition_names_its_pages_as_the_site_does(tmp_path):
    """`make build` checks each edition in its own folder: a problem names the page where the
    published site has it (ru/…), and titles are unique within that edition."""
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "a.html").write_text(GOOD_HEAD + '<p onclick="x()">a</p></body></html>')
    (tmp_path / "b.html").write_text(GOOD_HEAD + "</body></html>")
    messages = {(p.path, p.message) for p in check_site(tmp_path, prefix="ru/")}
    assert messages == {("ru/events/a.html", "<p> has an event-handler attribute 'onclick'"),
                        ("ru/events/a.html", "the title 'T' is also used by ru/b.html")}


def test_a_large_folder_shared_among_processes_reports_what_one_process_reports(tmp_path):
    """Past CHUNK pages the pages are checked by several processes: the same problems in the
    same order, titles compared across the parts."""
    for number in range(2 * CHUNK + 50):
        (tmp_path / f"p{number:04d}.html").write_text(GOOD_HEAD.replace(">T<", f">T{number}<")
                                                      + "<p>x</p></body></html>")
    handler = GOOD_HEAD.replace(">T<", ">T 7<") + '<p onclick="x()">a</p></body></html>'
    frame = GOOD_HEAD + "<iframe></iframe></body></html>"
    (tmp_path / "p0007.html").write_text(handler)
    (tmp_path / f"p{CHUNK + 3:04d}.html").write_text(frame)
    (tmp_path / f"p{2 * CHUNK + 10:04d}.html").write_text(GOOD_HEAD.replace(">T<", ">T 7<") + "</body></html>")
    alone = [p.format() for p in check_site(tmp_path, jobs=1)]
    assert [p.format() for p in check_site(tmp_path, jobs=2)] == alone
    assert alone == [f"p0007.html:1:{handler.index('<p') + 1}: <p> has an event-handler attribute 'onclick'",
                     f"p{CHUNK + 3:04d}.html:1:{frame.index('<iframe') + 1}: "
                     "<iframe> element: frames, plug-ins and <base> are not allowed",
                     f"p{2 * CHUNK + 10:04d}.html: the title 'T 7' is also used by p0007.html"]
