"""Lighthouse report: the four scores of the home, an event and the figures page, mobile and desktop.

A report, not a test: `make lighthouse` builds the site into .cache/lighthouse/site, serves it
on 127.0.0.1, runs Lighthouse (npm package, from node_modules) with the system's Chromium,
and writes .cache/lighthouse/report.md (printed too): the scores, then every audit that held
a score back. The raw Lighthouse reports (JSON) are kept beside it.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / ".cache" / "lighthouse"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = {"home": "", "event": "events/2017-cnd60-high-level-event/", "figures": "figures/"}
PRESETS = ("mobile", "desktop")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TITLES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices", "seo": "SEO"}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
                "--disable-sync --no-first-run")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def find_chromium() -> str:
    found = shutil.which(os.environ.get("CHROME_PATH", "")) or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not found:
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROME_PATH.")
    return found


def build_site(site: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                   cwd=ROOT, env=env, check=True)


def run_lighthouse(url: str, preset: str, report: Path, chromium: str) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
    if preset == "desktop":
        command.append("--preset=desktop")
    subprocess.run(command, env=dict(os.environ, CHROME_PATH=chromium), check=True, timeout=300)
    return json.loads(report.read_text(encoding="utf-8"))


def held_back(result: dict) -> dict[str, dict[str, str]]:
    """Per category, the audits that cost points: title and Lighthouse's short explanation."""
    found: dict[str, dict[str, str]] = {}
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                detail = audit.get("displayValue") or ""
                found.setdefault(category, {})[audit["title"]] = detail
    return found


def markdown(version: str, scores: list[tuple[str, str, dict[str, int]]], reasons: dict[str, dict[str, set[str]]]) -> str:
    lines = ["# Lighthouse report", "",
             f"Lighthouse {version}, Chromium's simulated throttling for mobile; the built site served from "
             "127.0.0.1 by Python's http.server (no compression); scores out of 100.", "",
             "| Page | Preset | " + " | ".join(TITLES[c] for c in CATEGORIES) + " |",
             "| --- | --- | " + " | ".join("---:" for _ in CATEGORIES) + " |"]
    lines += [f"| {page} | {preset} | " + " | ".join(str(s[c]) for c in CATEGORIES) + " |" for page, preset, s in scores]
    lines += ["", "## What holds the scores back", ""]
    if not reasons:
        lines.append("Nothing: every weighted audit passed.")
    for category, audits in reasons.items():
        lines += [f"### {TITLES[category]}", ""]
        lines += [f"- {title}" + (f" ({', '.join(sorted(d for d in details if d))})" if any(details) else "")
                  for title, details in sorted(audits.items())]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def main() -> None:
    if not LIGHTHOUSE.exists():
        sys.exit("node_modules/.bin/lighthouse not found: run `make lighthouse` (it runs `npm ci`).")
    chromium = find_chromium()
    OUT.mkdir(parents=True, exist_ok=True)
    site = OUT / "site"
    build_site(site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    scores, reasons, version = [], {}, "?"
    try:
        for name, path in PAGES.items():
            for preset in PRESETS:
                url = f"http://127.0.0.1:{server.server_port}/{path}"
                result = run_lighthouse(url, preset, OUT / f"{name}-{preset}.json", chromium)
                version = result["lighthouseVersion"]
                scores.append((name, preset, {c: round(100 * (result["categories"][c]["score"] or 0)) for c in CATEGORIES}))
                for category, audits in held_back(result).items():
                    for title, detail in audits.items():
                        where = reasons.setdefault(category, {}).setdefault(title, set())
                        where.add(f"{name} {preset}: {detail}" if detail else "")
    finally:
        server.shutdown()
    report = markdown(version, scores, reasons)
    (OUT / "report.md").write_text(report, encoding="utf-8")
    print(report)
    print(f"Written to {(OUT / 'report.md').relative_to(ROOT)}")


if __name__ == "__main__":
    main()
