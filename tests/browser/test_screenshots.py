"""Screenshots of the main kinds of page, wide and narrow, light and dark, for people to look at.

They are written to .cache/screenshots/ (git-ignored; CI uploads the folder as an artifact).
Each shot also checks what a screenshot would show wrong: nothing wider than the screen.
"""

from __future__ import annotations

import pytest

from .conftest import SCREENSHOTS
from .crawling import Watch, open_page

pytestmark = [pytest.mark.slow, pytest.mark.browser]

PAGES = {
    "home": "",
    "event": "events/2017-cnd60-high-level-event/",
    "person": "people/rashid-alimov/",
    "figures": "figures/",
    "timeline": "timeline/",
}
SIZES = {"desktop": (1280, 800), "mobile": (375, 812)}
SCREENS = 3  # each shot covers the first three screens of the page (whole pages are slow to take)
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("size", sorted(SIZES))
def test_screenshots(light, dark, site_url, size, palette):
    page = {"light": light, "dark": dark}[palette].new_page()
    width, height = SIZES[size]
    page.set_viewport_size({"width": width, "height": height})
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    too_wide = {}
    for name, path in PAGES.items():
        assert open_page(page, watch, site_url, path, palette) == 200
        if overflow := page.evaluate(OVERFLOW):
            too_wide[name] = overflow
        shot = SCREENSHOTS / f"{name}-{size}-{palette}.png"
        full = page.evaluate("() => document.documentElement.scrollHeight")
        page.screenshot(path=shot, full_page=True, clip={"x": 0, "y": 0, "width": width, "height": min(full, SCREENS * height)})
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    page.close()
    assert too_wide == {}, "pages wider than the screen (px of horizontal scrolling)"
    assert watch.console_errors == [] and watch.failed_requests == []
