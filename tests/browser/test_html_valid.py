"""Every built page is valid HTML by the Nu Html Checker (vnu), the W3C's validator.

One run of the checker (it is slow to start) covers the real site and the site built from
hostile data (see tests/support/seeding.py): payloads must not break the markup either.
"""

from __future__ import annotations

import json
import subprocess

import pytest


@pytest.fixture(scope="module")
def vnu_errors(vnu_command, site_dir, injected_site) -> dict[str, list[str]]:
    done = subprocess.run([*vnu_command, "--errors-only", "--format", "json", "--skip-non-html",
                           str(site_dir), str(injected_site)],
                          capture_output=True, text=True, timeout=600, check=False)
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert all("url" in m for m in messages), messages  # no failure of the checker itself
    errors: dict[str, list[str]] = {"site": [], "injected": []}
    for m in messages:
        which = "injected" if m["url"].startswith(injected_site.as_uri()) else "site"
        errors[which].append(f"{m['url']}:{m.get('lastLine')}: {m['type']}: {m['message']} {m.get('extract', '')!r}")
    errors["checked"] = [str(site_dir), str(injected_site)] if done.returncode in (0, 1) else []
    return errors


def test_the_site_is_valid_html(vnu_errors):
    assert vnu_errors["checked"]
    assert vnu_errors["site"] == []


def test_the_site_built_from_hostile_data_is_valid_html(vnu_errors):
    assert vnu_errors["injected"] == []
