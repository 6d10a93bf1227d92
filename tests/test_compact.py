"""Built pages without the theme's indentation: the same document, fewer bytes."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from hypothesis import assume, given
from hypothesis import strategies as st

from scosite.engine.compact import compact

PAGE = """<!doctype html>
<html lang="en">
  <head>
    <script>
      const keep = "  indented  ";
    </script>
    <style>
      p {  color: red; }
    </style>
  </head>
  <body>
    <p>
      Two <a href="#x">
        words</a>
      <span lang="ru">Слово</span>
    </p>


    <pre><code>  line one
    line two
</code></pre>
    <textarea>
  as typed
    </textarea>
  </body>
</html>
"""


class Document(HTMLParser):
    """A page as a reader's browser sees it: elements, attributes, and text with runs of white
    space as one space (except inside pre, textarea, script and style, kept exactly)."""

    VERBATIM = ("pre", "textarea", "script", "style")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple[str, ...]] = []
        self.inside: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, repr(attrs)))
        self.inside.append(tag)

    def handle_endtag(self, tag):
        self.events.append(("end", tag))
        if tag in self.inside:
            self.inside.remove(tag)

    def handle_data(self, data):
        verbatim = any(t in self.VERBATIM for t in self.inside)
        text = data if verbatim else re.sub(r"\s+", " ", data)
        if self.events and self.events[-1][0] == "text":
            self.events[-1] = ("text", self.events[-1][1] + text)
        else:
            self.events.append(("text", text))


def document(html: str) -> list[tuple[str, ...]]:
    parser = Document()
    parser.feed(html)
    return [e if e[0] != "text" else ("text", re.sub(r" +", " ", e[1])) for e in parser.events
            if e != ("text", " ")]


def test_indentation_goes_and_the_document_stays():
    compacted = compact(PAGE)
    assert len(compacted) < len(PAGE)
    assert document(compacted) == document(PAGE)
    assert "\n    <p>" not in compacted and "\n\n" not in compacted.split("<pre>")[0]
    for kept in ('const keep = "  indented  ";\n    </script>', "p {  color: red; }", "<pre><code>  line one\n    line two",
                 "<textarea>\n  as typed\n    </textarea>"):
        assert kept in compacted


@given(st.lists(st.sampled_from(["<p>", "</p>", "<pre>", "</pre>", "<span>", "</span>", " ", "  ", "\n", "\n    ",
                                 "a", "b c", "<script>", "</script>"]), max_size=40))
def test_compacting_never_changes_what_a_browser_shows(pieces):
    html = "".join(pieces)
    # valid HTML only: no <pre> or <script> inside another (Material writes none; <pre> may not
    # nest); an end tag closes only an element of its own name (</script> does not end a <pre>)
    open_, nested = [], False
    for piece in pieces:
        if piece in ("<pre>", "<script>"):
            nested = nested or bool(open_)
            open_.append(piece[1:-1])
        elif piece in ("</pre>", "</script>") and open_ and open_[-1] == piece[2:-1]:
            open_.pop()
    assume(not nested)
    assert document(compact(html)) == document(html)
    assert compact(compact(html)) == compact(html)


def test_the_built_pages_are_compact(built_site):
    _, files = built_site
    pages = [name for name in files if name.endswith(".html")]
    assert len(pages) > 250
    for name in pages:
        text = files[name].decode("utf-8")
        assert compact(text) == text, name


def test_the_chinese_pages_are_indexed_character_by_character():
    """scosite/search.py: the copy Pagefind reads has a space beside each Han character in the
    text and beside a name's middle dot (so any run of characters can be found, and a name's
    parts on either side of the dot), and the markup is untouched."""
    from scosite.build.search import spaced

    page = '<h1 title="阿利莫夫">拉希德·阿利莫夫</h1><p>2017年3月13日，SCO与<a href="/zh/x/">联合国</a></p>'
    assert spaced(page) == ('<h1 title="阿利莫夫"> 拉 希 德 · 阿 利 莫 夫 </h1><p>2017 年 3 月 13 日，SCO 与 '
                            '<a href="/zh/x/"> 联 合 国 </a></p>')
    assert spaced("<p>Рашид Алимов, 2017</p>") == "<p>Рашид Алимов, 2017</p>"
