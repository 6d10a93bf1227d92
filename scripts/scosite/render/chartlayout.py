"""What the charts share: each is drawn twice, for a narrow column and for a wide one, with its
text measured ahead so that no label overlaps a mark or another label in either drawing.

A drawing's units are CSS pixels: it is shown at its own size, never enlarged, and shrunk only
where the column is narrower than it. The style sheet shows the narrow drawing in a column
narrower than ``WIDE`` (a phone: 343 px at 375 px) and the wide one from there on (a desktop:
688 px at 1280 px), so chart text is at its own size (13–14 px) on both
(docs/stylesheets/site.css, container query on ``.sco-figure``).

Text widths are estimated from DejaVu Sans, a wide font (the sans-serif of most Linux
systems); the fonts of other systems are narrower, so a label that fits here fits there.
Text heights are a font's line box: the Chinese edition's sans-serif (Noto Sans CJK) has a
taller one than DejaVu's.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

from . import escape

WIDE, NARROW = 600, 336
# The sizes the style sheet gives each kind of text (docs/stylesheets/site.css), in px.
LABEL, VALUE, AXIS, NOTE = 14, 14, 13, 13
GAP = 2.0  # the least room left between two boxes

# DejaVu Sans's advance widths of the printable ASCII characters, in hundredths of an em:
# regular, then bold.
_ASCII = (
    "32 40 46 84 64 95 78 27 39 39 50 84 32 36 32 34 64 64 64 64 64 64 64 64 64 64 34 34 84 84 84 53 100 68 69 70 77 "
    "63 58 77 75 29 29 66 56 86 75 79 60 79 69 63 61 73 68 99 69 61 69 39 34 39 84 50 50 61 63 55 63 62 35 63 63 28 28 "
    "58 28 97 63 61 63 63 41 52 39 63 59 82 59 59 52 64 34 64 84",
    "35 46 52 84 70 100 87 31 46 46 52 84 38 42 38 37 70 70 70 70 70 70 70 70 70 70 40 40 84 84 84 58 100 77 76 73 83 "
    "68 68 82 84 37 37 77 64 100 84 85 73 85 77 72 68 81 77 110 77 72 73 46 37 46 84 50 50 67 72 59 72 68 44 72 71 34 "
    "34 67 34 104 71 69 72 72 49 60 48 71 65 92 65 65 58 71 37 71 84",
)
ASCII_WIDTHS = tuple(tuple(int(w) / 100 for w in row.split()) for row in _ASCII)
# The same for the Russian alphabet, А to я (U+0410 to U+044F).
_CYRILLIC = (
    "68 69 69 61 78 63 108 64 75 75 71 75 86 75 79 75 60 70 61 61 86 69 78 69 107 109 83 88 69 70 108 69 61 62 59 53 "
    "69 62 90 53 65 65 60 64 75 65 61 65 63 55 58 59 85 59 68 59 92 94 71 79 59 55 84 60",
    "77 76 76 64 89 68 122 71 84 84 82 83 100 84 85 84 73 73 68 77 99 77 93 81 124 133 94 104 76 73 117 77 67 70 63 "
    "52 81 68 100 58 70 70 68 73 82 69 69 69 72 59 58 65 99 65 74 69 106 111 75 90 63 59 97 64",
)
CYRILLIC_WIDTHS = tuple(tuple(int(w) / 100 for w in row.split()) for row in _CYRILLIC)


def char_width(char: str, bold: bool) -> float:
    """One character's advance, in ems (estimated on the wide side)."""
    code = ord(char)
    if 32 <= code < 127:
        return ASCII_WIDTHS[bold][code - 32]
    if unicodedata.east_asian_width(char) in "WF":
        return 1.0  # Chinese characters and full-width punctuation
    if 0x410 <= code < 0x450:
        return CYRILLIC_WIDTHS[bold][code - 0x410]
    if char in "Ёё":
        return 0.68
    if char in "—…":
        return 1.0
    if char in "–·‘’“”«»":
        return 0.66
    return 0.75


@dataclass(frozen=True)
class Box:
    """A rectangle in a drawing's units: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box, gap: float = GAP) -> bool:
        return (self.x0 < other.x1 + gap and other.x0 < self.x1 + gap
                and self.y0 < other.y1 + gap and other.y0 < self.y1 + gap)


@dataclass(frozen=True)
class Measure:
    """Text measured as one edition's pages show it."""

    lang: str

    @property
    def ascent(self) -> float:  # in ems, from the baseline up to the top of the line box
        return 1.17 if self.lang == "zh" else 0.94

    @property
    def descent(self) -> float:
        return 0.3 if self.lang == "zh" else 0.25

    def width(self, text: str, size: float, bold: bool = False) -> float:
        return round(sum(char_width(c, bold) for c in text) * size * 1.03, 1)

    def height(self, size: float) -> float:
        """The height of a line of text: its box, top to bottom."""
        return (self.ascent + self.descent) * size

    def line(self, size: float) -> float:
        """From one baseline to the next in a label of several lines."""
        return round(self.height(size) + 2 * GAP, 1)

    def box(self, text: str, x: float, baseline: float, size: float, anchor: str = "start",
            bold: bool = False) -> Box:
        width = self.width(text, size, bold)
        left = x - width if anchor == "end" else x - width / 2 if anchor == "middle" else x
        return Box(left, baseline - self.ascent * size, left + width, baseline + self.descent * size)

    def wrap(self, text: str, width: float, size: float, bold: bool = False) -> list[str]:
        """``text`` in lines no wider than ``width``: broken at spaces, and between any two
        characters of a word that is wider alone (Chinese, which has no spaces)."""
        lines: list[str] = []
        for word in text.split():
            candidate = f"{lines[-1]} {word}" if lines else word
            if lines and self.width(candidate, size, bold) <= width:
                lines[-1] = candidate
                continue
            lines.append("")
            for char in word:
                if lines[-1] and self.width(lines[-1] + char, size, bold) > width:
                    lines.append("")
                lines[-1] += char
        return lines or [""]


def esc(value: str) -> str:
    return escape.html_text(value)


def number(value: float) -> str:
    """A coordinate as the drawing writes it: at most one decimal, no trailing zero."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text(css: str, x: float, baseline: float, content: str, anchor: str = "start") -> str:
    middle = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{css}" x="{number(x)}" y="{number(baseline)}"{middle}>{esc(content)}</text>'


def svg(chart_id: str, width: int, height: float, title: str, description: str, body: Sequence[str],
        kind: str = "", role: str = "img") -> str:
    """One drawing, on one line per element and without blank lines (it sits in Markdown). Its
    ids end in ``-wide`` or ``-narrow``: a figure holds both drawings."""
    size = "wide" if width == WIDE else "narrow"
    own = f"{chart_id}-{size}"
    classes = " ".join(c for c in ("sco-chart", f"sco-chart--{size}", kind) if c)
    return "\n".join([
        f'<svg class="{classes}" viewBox="0 0 {width} {number(height)}" width="{width}" height="{number(height)}" '
        f'role="{role}" aria-labelledby="{own}-title {own}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{own}-title">{esc(title)}</title>', f'<desc id="{own}-desc">{esc(description)}</desc>',
        *body, "</svg>"])


def figure(anchor: str, drawings: Sequence[str], caption: str) -> Markup:
    """The figure a page shows: both drawings (the style sheet shows one), its caption, and
    ``anchor`` as its id, for a link to the chart alone."""
    return Markup(f'<figure class="sco-figure" id="{escape.html_attr(anchor)}">\n' + "\n".join(drawings)
                  + f"\n<figcaption>{escape.html_attr(caption)}</figcaption>\n</figure>")
