"""Escaping: text from data stays literal text in every context it lands in."""

from __future__ import annotations

import html
import json
import re

import markdown
import pytest

from scosite.render.escape import html_attr, json_script, md_inline, md_paragraphs, url

from .support.project import ROOT
from .support.weight import markdown_extensions


def site_extensions() -> tuple[list[str], dict[str, dict]]:
    """The Markdown extensions mkdocs.yml enables, with their settings (read from it: a list of
    our own would drift), so the tests render as the site does."""
    names, configs = [], {}
    for item in markdown_extensions(ROOT):
        name, config = (item, None) if isinstance(item, str) else next(iter(item.items()))
        names.append(name)
        configs[name] = config or {}
    return names, configs


EXTENSIONS, EXTENSION_CONFIGS = site_extensions()

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "![img](https://evil.example/x.png)",
    "Title {: onclick=alert(1) }",
    "Title { #id .class onclick=alert(1) }",
    "[x]: https://evil.example/",
    "*[HTML]: Hyper Text",
    "--8<-- /etc/passwd",
    "| a | b |",
    "# heading",
    "- list item",
    "1961. numbered",
    "> quote",
    "    indented code",
    "```\ncode\n```",
    "---\ntitle: x\n---",
    "{{ 7*7 }} {% if x %}",
    "<!-- comment -->",
    ":smile: :fontawesome-brands-github:",
    "line one\n\n# two",
    "text[^s01]",
    "<https://evil.example/>",
    "&lt;b&gt; &amp;",
    "a\\*b\\*",
]


PERMALINK = re.compile(r'<a class="headerlink" href="#[^"]*" title="[^"]*">&para;</a>')


def render(text: str) -> str:
    """The HTML the site's Markdown makes of a text, without the permalink the toc extension
    adds to every heading (mkdocs.yml: permalink: true), which is the site's, not the text's."""
    out = markdown.markdown(text, extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS)
    return PERMALINK.sub("", out)


def visible_text(html: str) -> str:
    """What a reader sees: the text of a single paragraph, entities decoded."""
    import html as html_module

    assert html.startswith("<p>") and html.endswith("</p>"), html
    inner = html[3:-4]
    assert "<" not in inner and ">" not in inner, f"markup formed: {html}"
    return html_module.unescape(inner)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_inline_text_renders_as_exactly_the_same_text(payload):
    rendered = render(str(md_inline(payload)))
    assert visible_text(rendered) == " ".join(payload.split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_a_table_cell_stays_in_its_cell(payload):
    table = f"| A | B |\n| --- | --- |\n| {md_inline(payload)} | end |\n"
    rendered = render(table)
    assert rendered.count("<td>") == 2
    assert "<td>end</td>" in rendered
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered


@pytest.mark.parametrize("payload", PAYLOADS)
def test_text_in_a_heading_makes_one_heading_and_nothing_else(payload):
    rendered = render(f"# {md_inline(payload)} {{ #fixed }}")
    assert rendered.startswith('<h1 id="fixed">') and rendered.count("<h1") == 1
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered
    assert "onclick" not in rendered.split(">")[0]


def test_paragraphs_keep_breaks_but_never_start_a_block():
    rendered = render(str(md_paragraphs("First # one.\n\n- not a list\n\n1. not numbered")))
    assert rendered.count("<p>") == 3
    assert "<ul>" not in rendered and "<ol>" not in rendered and "<h1" not in rendered


def test_common_text_stays_readable():
    assert md_inline("Over 3 million people, in 2010–2015; SCO's role.") == "Over 3 million people, in 2010–2015; SCO's role."
    assert md_inline("Шанхайская организация сотрудничества") == "Шанхайская организация сотрудничества"
    assert md_inline("上海合作组织") == "上海合作组织"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ('say "hi" <b> & \'x\'', 'say "hi" <b> & \'x\''),
        ("a\nb", "a b"),
        ("a | b `c` *d* [e]", "a | b `c` *d* [e]"),
    ],
)
def test_html_attribute_values_cannot_close_the_attribute_or_split_a_table(value, shown):
    """Inside a double-quoted attribute in a Markdown page: no quote, angle bracket, pipe or
    backtick is left as itself, and the browser shows the text (on one line)."""
    escaped = html_attr(value)
    assert not set(escaped) & set("\"'<>|`*[]")
    assert html.unescape(escaped) == shown


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&amp;c=2"),
        ("http://example.org/x (1)", "http://example.org/x%20%281%29"),
        ('https://example.org/"onmouseover=x', "https://example.org/%22onmouseover=x"),
        ("https://example.org/<script>", "https://example.org/%3Cscript%3E"),
        ("https://example.org/%20ok", "https://example.org/%20ok"),
    ],
)
def test_urls_are_encoded_for_markdown_links_and_attributes(value, expected):
    assert url(value) == expected


@pytest.mark.parametrize(
    "value", ["javascript:alert(1)", "data:text/html,<b>", "JaVaScRiPt:alert(1)", "//evil.example/", "vbscript:x"])
def test_only_http_urls_are_linked(value):
    with pytest.raises(ValueError):
        url(value)


def test_json_in_a_script_element_cannot_end_it():
    text = json_script({"name": "</script><script>alert(1)</script><!--"})
    assert "</script" not in text and "<!--" not in text
    assert json.loads(text) == {"name": "</script><script>alert(1)</script><!--"}
