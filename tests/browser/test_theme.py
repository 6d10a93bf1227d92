"""The theme overrides in overrides/ against the Material for MkDocs that is installed.

Overridden files are copies of Material's with small, marked changes ("sco:"). When Material
is upgraded these tests fail, naming the file to copy again and the hash to put in the
Content-Security-Policy, so a changed inline script is never allowed (or blocked) silently.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import material
import pytest

from ..support.htmlscan import csp_hash

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "overrides"
MATERIAL = Path(material.__file__).parent / "templates"

# Material for MkDocs 9.8.1: the files copied into overrides/, by their SHA-256.
COPIED = {
    "base.html": "8536d352b0093623df9e0032894f321cbe264b15a9b48cdd962583772455dadb",
    "partials/search.html": "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
    "partials/toc.html": "fde48f583563364b0e0e6865a5ab1e7060ec1826161f69f5cbee653e621b0f84",
    "partials/copyright.html": "bc86bca3bf75070fe5d72e2a3463bdddf87c10f4d6459c945fe81c5d384e35ea",
    "partials/javascripts/base.html": "d6113712bc4deb30b4bd810ee0dfc28b6f04d2f88cc0016c0f1766eac7b762b6",
}
# Material's inline scripts that the site's pages carry as they are.
UNCHANGED_SCRIPTS = ["partials/javascripts/palette.html", "partials/javascripts/content.html"]


def policy_hashes() -> set[str]:
    """The script hashes listed in overrides/main.html."""
    return {f"'{h}'" for h in re.findall(r'"(sha256-[A-Za-z0-9+/=]+)"', (OVERRIDES / "main.html").read_text())}


def plain_scripts(template: str) -> list[str]:
    """The inline scripts of a template whose text has no template code in it."""
    return [s for s in re.findall(r"<script[^>]*>(.*?)</script>", template, re.S) if "{" + "{" not in s and "{%" not in s]


@pytest.mark.parametrize("name", sorted(COPIED))
def test_overrides_were_copied_from_the_installed_material(name):
    upstream = hashlib.sha256((MATERIAL / name).read_bytes()).hexdigest()
    assert upstream == COPIED[name], (
        f"Material's {name} changed: copy it to overrides/{name} again, redo the changes marked 'sco:', "
        f"and record its new hash here")
    assert "sco:" in (OVERRIDES / name).read_text()


@pytest.mark.parametrize("name", UNCHANGED_SCRIPTS)
def test_the_policy_allows_materials_inline_scripts(name):
    scripts = plain_scripts((MATERIAL / name).read_text())
    assert scripts
    # the last script of content.html is always rendered; the tabs one only with content.tabs.link
    missing = [csp_hash(s) for s in scripts[-1:] if csp_hash(s) not in policy_hashes()]
    assert missing == [], f"Material's {name} has a new inline script: put its hash in overrides/main.html"


def test_the_policy_allows_the_overridden_scope_script():
    scripts = plain_scripts((OVERRIDES / "partials/javascripts/base.html").read_text())
    assert len(scripts) == 1 and "document.currentScript" in scripts[0]
    assert csp_hash(scripts[0]) in policy_hashes()
