"""Keyboard use: the skip link works and the focused element is always visibly marked."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from ..support.crawling import Watch, open_page

EVENT = "events/2017-cnd60-high-level-event/"
TAB_STOPS = 40  # the header, the whole navigation and the start of the content

FOCUSED = """() => {
  const el = document.activeElement;
  // Material hides its palette radio buttons and rings the label that follows each instead.
  const marked = el.matches("input.md-option") ? el.nextElementSibling : el;
  const style = getComputedStyle(marked);
  const box = el.getBoundingClientRect();
  return {
    element: el.outerHTML.slice(0, 120),
    inContent: !!el.closest(".md-content"),
    isSkipLink: el.matches("a.md-skip"),
    href: el.getAttribute("href"),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0,
    shadow: style.boxShadow !== "none",
    opacity: parseFloat(style.opacity),
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight,
  };
}"""


@pytest.fixture
def page(light, site_url):
    page = light.new_page()
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    yield page, watch
    page.close()
    assert watch.console_errors == []


@pytest.mark.parametrize("path", ["", EVENT])
def test_the_first_tab_shows_the_skip_link_and_enter_skips_to_the_content(page, site_url, path):
    page, watch = page
    open_page(page, watch, site_url, path, "light")
    page.keyboard.press("Tab")
    skip = page.evaluate(FOCUSED)
    assert skip["isSkipLink"], skip
    page.wait_for_function("() => getComputedStyle(document.activeElement).opacity === '1'")  # after its fade-in
    skip = page.evaluate(FOCUSED)
    assert skip["onScreen"] and skip["outline"], skip
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == skip["href"]
    target = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", skip["href"][1:])
    assert 0 <= target < page.viewport_size["height"]
    page.keyboard.press("Tab")  # focus continues from the content, not from the header
    assert page.evaluate(FOCUSED)["inContent"]


@pytest.mark.parametrize("palette", ["light", "dark"])
def test_every_focused_element_is_visibly_marked(light, dark, site_url, palette):
    page = {"light": light, "dark": dark}[palette].new_page()
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    open_page(page, watch, site_url, EVENT, palette)
    unmarked, seen = [], []
    for _ in range(TAB_STOPS):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(focused["element"])
        if not (focused["outline"] or focused["shadow"]):
            unmarked.append(focused["element"])
    page.close()
    assert len(set(seen)) > TAB_STOPS // 2  # focus really moved through the page
    assert not unmarked, "no visible focus indicator:\n" + "\n".join(unmarked)


def test_the_palette_toggle_switches_to_dark_and_is_remembered(browser, site_url):
    from ..support.crawling import new_watched_context

    context = new_watched_context(browser, color_scheme="light")
    page = context.new_page()
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    open_page(page, watch, site_url, EVENT, "light")
    page.get_by_title("Switch to dark mode").click()
    page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    scope = urlsplit(site_url).path  # Material keys what it stores by the site's path
    stored = page.evaluate(f"JSON.parse(localStorage.getItem('{scope}.__palette'))")
    assert stored["color"]["scheme"] == "slate"
    open_page(page, watch, site_url, "figures/")  # and the next page opens dark
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    context.close()
    assert watch.console_errors == [] and watch.failed_requests == []
