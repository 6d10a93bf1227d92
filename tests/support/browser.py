"""What the browser tests (tests/browser) need from the machine, found or failed with a hint,
and how they serve a built site. Nothing here downloads a browser: Playwright drives the
Chromium found on PATH (or named by CHROME_PATH)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from .builds import SITE_URL
from .project import ROOT
from .serving import serve_folder

NODE_MODULES = ROOT / "node_modules"
AXE_JS = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SCREENSHOTS = ROOT / ".cache" / "screenshots"
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
# Flags this machine needs (no GPU; running as root; no calls home from the browser itself).
# The benchmark's search in the browser launches Chromium with them too (scripts/bench/search.py).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def find_chromium() -> str | None:
    """CHROME_PATH if set, else the first Chromium or Chrome on PATH."""
    if os.environ.get("CHROME_PATH"):
        return shutil.which(os.environ["CHROME_PATH"])
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def require(found: object, what: str, how: str) -> None:
    """A test fails (never skips) when a tool is missing, saying how to get it."""
    import pytest

    if not found:
        where = "CI (CI=true)" if os.environ.get("CI") == "true" else "this machine"
        pytest.fail(f"{what} is missing on {where}: {how}", pytrace=False)


# The site is served under the path of the address it was built for, as GitHub Pages serves
# a project site (https://owner.github.io/repository/): absolute paths must work there.
MOUNT = urlsplit(SITE_URL).path


def serve(folder: Path):
    """Serve ``folder`` on 127.0.0.1 under ``MOUNT`` for the duration; yields the base URL."""
    return serve_folder(folder, MOUNT)
