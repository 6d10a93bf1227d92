"""Generated pages are read for the part of Markdown the generator writes, and every page
without the inline patterns it lacks the characters for (scosite.engine.subset): the generator never
writes the rest, the HTML is the same, and the plugin applies the subset to generated pages only."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from markdown import Markdown

from scosite.engine.plugin import ScositePlugin
from scosite.engine.subset import UNUSED_PATTERNS, GeneratedPages, NeededPatterns, unused_syntax

from .support.project import ROOT


def generated(files) -> dict[str, str]:
    """The generated pages (front matter ``generated: true``), without their front matter."""
    return {path: text.split("\n---\n", 1)[1] for path, text in files.items()
            if path.endswith(".md") and "\ngenerated: true\n" in text.split("\n---\n", 1)[0]}


@pytest.fixture(scope="module")
def config():
    """The English edition's MkDocs configuration, with the plugin's ``on_config`` applied."""
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(ROOT / "docs"))  # (its docs_dir is generated)
    plugin = config.plugins["scosite"]
    assert isinstance(plugin, ScositePlugin)
    with pytest.MonkeyPatch.context() as patch:  # on_config sets the build date when none is set
        patch.setenv("SOURCE_DATE_EPOCH", "0")
        plugin.on_config(config)
    return config, plugin


def markdown(config, is_generated: bool) -> Markdown:
    """The Markdown instance the engine makes for a page, after the plugin saw the page."""
    config, plugin = config
    plugin.on_page_markdown("", page=SimpleNamespace(meta={"generated": True} if is_generated else {}), config=config,
                            files=None)
    return Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


def test_no_generated_page_uses_what_the_subset_leaves_out(real_rendering):
    pages = generated(real_rendering[1])
    assert len(pages) > 800  # every edition's record and index pages
    assert {path: unused_syntax(text) for path, text in pages.items() if unused_syntax(text)} == {}


def test_the_checker_sees_each_construct_left_out():
    text = "![a](b.png) [a][b] <https://x.org> <a@b.org>\n[b]: https://x.org\nline  \nnext\n[^s01][^s02] [a](b)"
    assert unused_syntax(text) == ["![", "][", "<https:", "<a@b.org>", "[b]:", "  "]


def test_the_hook_leaves_out_the_patterns_for_a_generated_page_only(config):
    extensions = [e for e in config[0].markdown_extensions if isinstance(e, GeneratedPages)]
    assert len(extensions) == 1
    subset, whole = markdown(config, True), markdown(config, False)
    assert [name for name in UNUSED_PATTERNS if name in subset.inlinePatterns] == []
    assert all(name in whole.inlinePatterns for name in UNUSED_PATTERNS)
    assert markdown(config, False).convert("a  \nb") == "<p>a<br />\nb</p>"  # the whole syntax, by hand
    # only the instance made right after the page: the next one (another page) has everything
    markdown(config, True)
    assert "linebreak" in Markdown(extensions=config[0].markdown_extensions).inlinePatterns


def whole(config) -> Markdown:
    """A Markdown instance with the whole syntax: the configuration without the hook's two."""
    config, _ = config
    return Markdown(extensions=[e for e in config.markdown_extensions if not isinstance(e, GeneratedPages | NeededPatterns)],
                    extension_configs=config.mdx_configs)


def test_every_generated_page_reads_the_same_with_the_subset_and_the_whole_syntax(config, real_rendering):
    pages = generated(real_rendering[1])
    sample = sorted(pages)[::3]  # every kind of page, in every edition (a third of them; all take 8 s)
    differing = [path for path in sample if markdown(config, True).convert(pages[path]) != whole(config).convert(pages[path])]
    assert len(sample) > 250 and differing == []


def test_every_hand_written_page_reads_the_same_without_the_patterns_it_cannot_match(config):
    pages = {p: p.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for p in sorted((ROOT / "docs").rglob("*.md"))
             if "\ngenerated: true\n" not in p.read_text(encoding="utf-8")}
    assert len(pages) > 8
    assert [p for p, text in pages.items() if markdown(config, False).convert(text) != whole(config).convert(text)] == []


def test_a_pattern_is_left_out_of_a_page_without_its_characters_and_back_for_the_next():
    md = Markdown(extensions=["footnotes", NeededPatterns()])
    assert md.convert("a *b* [c](d) &amp;") == '<p>a <em>b</em> <a href="d">c</a> &amp;</p>'
    assert "backtick" not in md.inlinePatterns and "footnote" not in md.inlinePatterns
    assert "em_strong" in md.inlinePatterns and "link" in md.inlinePatterns and "entity" in md.inlinePatterns
    md.reset()
    assert md.convert("`x`[^1]\n\n[^1]: n") .startswith("<p><code>x</code><sup id=\"fnref:1\">")
    assert "backtick" in md.inlinePatterns and "em_strong" not in md.inlinePatterns
