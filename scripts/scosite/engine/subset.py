"""The part of Markdown the generator writes, and a Python-Markdown extension that looks only
for that part in a generated page.

Python-Markdown tries every inline pattern on every run of text. A generated page never uses
images, reference-style links (``[text][id]``, ``[id]``), autolinks (``<https://…>``,
``<name@host>``) or hard line breaks (two spaces at a line's end): its links are ``[text](url)``,
its notes ``[^id]``, and the text from the data is escaped. Not looking for those constructs
in a generated page makes the same HTML with about a fifth less of the engine's Markdown work
(``tests/test_subset.py`` checks both). Hand-written pages keep the whole syntax.

The engine's plugin (``scosite.engine.plugin``) adds the extension and tells it, page by page,
whether the page is generated (its front matter says ``generated: true``). An engine that runs
no hooks parses every page with the whole syntax, and makes the same pages.

``NeededPatterns``, for every page: an inline pattern is not tried on a page that lacks the
characters it needs to match (a code span needs a backtick, an entity an ampersand). The text
the patterns are tried on comes from the page's own, so where a page has none of those
characters, the pattern could never match there; most generated pages have no backtick.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

# Python-Markdown's names of the inline patterns a generated page has no use for.
UNUSED_PATTERNS = ("reference", "short_reference", "image_link", "image_reference", "short_image_ref", "autolink",
                   "automail", "linebreak")
# What those patterns look for, in a generated page's Markdown: none of it may be there.
UNUSED_SYNTAX = re.compile(r"!\[|\]\[(?!\^)|^ {0,3}\[[^\]^][^\]]*\]:|<(?:https?:|ftp:|mailto:)|<[^\s<>@]+@[^\s<>@]+>| {2,}$",
                           re.M)


def unused_syntax(markdown: str) -> list[str]:
    """The constructs of ``markdown`` that a generated page must not use (see above)."""
    return [m.group() for m in UNUSED_SYNTAX.finditer(markdown)]


class GeneratedPages(Extension):
    """Drops ``UNUSED_PATTERNS`` from the next Markdown instance made after ``next_is_generated``
    was set (the engine makes one per page, right after the page's ``on_page_markdown``)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.next_is_generated = False

    def extendMarkdown(self, md: Markdown) -> None:
        generated, self.next_is_generated = self.next_is_generated, False
        if generated:
            for name in UNUSED_PATTERNS:
                if name in md.inlinePatterns:
                    md.inlinePatterns.deregister(name)


# What an inline pattern (by Python-Markdown's name) needs in the text before it can match:
# one of these strings.
NEEDS = {"backtick": ("`",), "escape": ("\\",), "footnote": ("[^",), "link": ("[",), "reference": ("[",),
         "short_reference": ("[",), "image_link": ("![",), "image_reference": ("![",), "short_image_ref": ("![",),
         "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",), "html": ("<",), "entity": ("&",),
         "em_strong": ("*",), "em_strong2": ("_",), "not_strong": ("*", "_")}


class NeededPatterns(Extension):
    """Tries on a page only the inline patterns whose characters the page has (see above)."""

    def extendMarkdown(self, md: Markdown) -> None:
        # Right after the whitespace is normalised (tabs expanded), before anything is taken out.
        md.preprocessors.register(_LeaveOutUnneeded(md), "scosite_needed_patterns", 29)


class _LeaveOutUnneeded(Preprocessor):
    """Takes the patterns the text cannot match out of this conversion, and puts them back
    when the instance is reset for another text."""

    def __init__(self, md: Markdown):
        super().__init__(md)
        self.left_out: list[tuple[Any, str, float]] = []
        md.registerExtension(self)  # pyright: ignore[reportArgumentType]  (Markdown calls reset() on what it holds)

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        patterns = self.md.inlinePatterns
        for item in list(patterns._priority):  # pyright: ignore[reportAttributeAccessIssue]  (Python-Markdown 3: names with priorities)
            needs = NEEDS.get(item.name)
            if needs and not any(need in text for need in needs):
                self.left_out.append((patterns[item.name], item.name, item.priority))
                patterns.deregister(item.name)
        return lines

    def reset(self) -> None:
        for pattern, name, priority in self.left_out:
            self.md.inlinePatterns.register(pattern, name, priority)
        self.left_out = []
