"""The build's steps (scosite.build.steps): what reads an edition starts once it is built, nothing
follows a failed step, and the editions are put together only from passed steps."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from scosite.build.steps import assemble, run_plans


def logged(log: Path, name: str, status: int = 0) -> tuple[str, list[str]]:
    """A step that notes its start and end in ``log``, then exits with ``status``."""
    code = (f"import sys, time; log = open({str(log)!r}, 'a'); log.write('start {name}\\n'); log.flush(); "
            f"time.sleep(0.2); log.write('end {name}\\n'); sys.exit({status})")
    return name, [sys.executable, "-c", code]


def test_each_step_after_a_build_starts_once_the_build_passed_and_none_after_a_failure(tmp_path):
    log = tmp_path / "log"
    plans = {"en": [logged(log, "build en"), logged(log, "index en"), logged(log, "check en")],
             "ru": [logged(log, "build ru", status=1), logged(log, "index ru")]}
    seen = []
    finished = run_plans(plans, tmp_path, os.environ, seen.append, timeout=60, jobs=2)
    assert set(finished) == {"build en", "index en", "check en", "build ru"}
    assert finished["build ru"].returncode == 1 and finished["build en"].returncode == 0
    assert sorted(r.what for r in seen) == sorted(finished)
    lines = log.read_text().splitlines()
    for later in ("index en", "check en"):
        assert lines.index("end build en") < lines.index(f"start {later}")
    assert "start index ru" not in lines


def test_the_editions_are_put_together_english_at_the_root(tmp_path):
    parts = {}
    for prefix, page in (("", "en"), ("ru/", "ru"), ("zh/", "zh")):
        folder = tmp_path / "parts" / (page or "en")
        (folder / "events").mkdir(parents=True)
        (folder / "events" / "index.html").write_text(page)
        (folder / "pagefind").mkdir()
        parts[prefix] = folder
    site = tmp_path / "site"
    (site / "stale").mkdir(parents=True)  # from an earlier build: gone, as the engine cleans its folder
    (site / ".kept").write_text("hidden files stay, as the engine keeps them")
    assemble(site, parts)
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert files == [".kept", "events/index.html", "ru/events/index.html", "zh/events/index.html"]
    assert [(site / f"{p}events/index.html").read_text() for p in ("", "ru/", "zh/")] == ["en", "ru", "zh"]
    assert all((site / p / "pagefind").is_dir() for p in ("", "ru", "zh"))
