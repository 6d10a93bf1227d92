"""Escaping text from data for the place it lands in a generated page.

One small function per context. Each returns ``Markup`` so that the template engine
knows the value is already safe and does not escape it twice.

* ``md_inline``: running text in Markdown (paragraphs, headings, list items, table
  cells). Every ASCII punctuation character that any Markdown, HTML, attribute-list,
  snippet, abbreviation, footnote, table or emoji syntax uses becomes a numeric character
  reference; only ``, ; ' / . -`` stay as they are, except a leading ``-`` and a ``.`` after
  leading digits, so "1961. Convention" cannot start a numbered list. Line breaks
  become spaces, so no block (heading, list, quote, code, front matter) can start.
* ``md_paragraphs``: the same, keeping blank-line paragraph breaks.
* ``html_text``: text inside an HTML element (braces too become references).
* ``html_attr``: a value inside a double-quoted HTML attribute.
* ``html_pre``: preformatted text inside ``<pre><code>`` (line breaks kept, no blank
  lines, since a blank line would end the raw HTML block in Markdown).
* ``url``: a link target; only http(s) URLs pass, and characters that could end the
  Markdown link or the attribute are percent-encoded.
* ``json_script``: JSON inside ``<script type="application/ld+json">``.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote, urlsplit

from markupsafe import Markup

# ASCII punctuation is replaced except the few characters no syntax in use relies on;
# letters, digits, spaces and non-ASCII text (Cyrillic, Chinese, typographic quotes and
# dashes) pass unchanged.
_PUNCTUATION = re.compile(r"[!-&(-+:<-@\[-`{-~]")
_BLOCK_START = re.compile(r"^(-|[0-9]+\.)")
_WHITESPACE = re.compile(r"\s+")


# The same replacement as a table for str.translate (one pass in C, not a call per character).
_ENTITIES = {code: f"&#{code};" for code in range(128) if _PUNCTUATION.fullmatch(chr(code))}


def md_inline(value: object) -> Markup:
    """Text from data as inert Markdown inline content."""
    text = _WHITESPACE.sub(" ", str(value)).strip().translate(_ENTITIES)
    return Markup(_BLOCK_START.sub(lambda m: f"{m.group()[:-1]}&#{ord(m.group()[-1])};", text))


def md_paragraphs(value: object) -> Markup:
    """Text from data as inert Markdown paragraphs (blank lines separate paragraphs)."""
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return Markup("\n\n".join(md_inline(p) for p in paragraphs if p.strip()))


_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def html_text(value: object) -> str:
    """Text from data as HTML text or attribute content: ``& < > " '`` escaped, and braces as
    character references, so that nothing in the markup looks like template or attribute-list
    syntax (the output checker looks for that in the markup)."""
    return html.escape(str(value), quote=True).translate(_BRACES)


def html_attr(value: object) -> Markup:
    """Text from data inside a double-quoted HTML attribute value (or an HTML element) written
    into Markdown, on one line. Every character any Markdown syntax uses becomes a character
    reference, as in ``md_inline``: a ``|`` would otherwise split a table row before the HTML
    is looked at, and a backtick could open a code span across the tag."""
    return Markup(_WHITESPACE.sub(" ", str(value)).strip().translate(_ENTITIES).replace("'", "&#39;"))


def html_pre(value: object) -> Markup:
    """Text from data as the content of a ``<pre>`` element in a Markdown page."""
    lines = [line.rstrip() for line in str(value).strip("\n").split("\n")]
    return Markup("\n".join(html_text(line) for line in lines if line))


_URL_SAFE = "/:?#[]@!$&*+,;=%-._~"


def url(value: object) -> Markup:
    """A link target from data: http(s) only, percent-encoded where it could break out."""
    text = str(value).strip()
    if urlsplit(text).scheme not in ("http", "https"):
        raise ValueError(f"refusing to link to a non-http(s) URL: {text!r}")
    return Markup(html.escape(quote(text, safe=_URL_SAFE), quote=True))


def json_script(value: object) -> Markup:
    """JSON that cannot end its ``<script>`` element or open an HTML comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)
