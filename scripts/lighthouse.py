"""Lighthouse report: the four scores of the home, an event and the figures page, in every
edition on a phone (mobile), and in English on a desktop.

A report, not a test: `make lighthouse` builds the site (every edition, as `make build` does)
into .cache/lighthouse/site, serves it on 127.0.0.1 compressed with gzip as static hosts serve
it, runs Lighthouse (npm package, from node_modules) with the system's Chromium, and writes
.cache/lighthouse/report.md (printed too): the scores, then every audit that held a score
back. The raw Lighthouse reports (JSON) are kept beside it.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
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
EDITIONS = {"en": "", "ru": "ru/", "zh": "zh/"}
RUNS = [(lang, preset) for lang in EDITIONS for preset in ("mobile", "desktop") if preset == "mobile" or lang == "en"]
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TITLES = {"performance": "Performance", "accessibility": "Accessibility", "best-practices": "Best practices", "seo": "SEO"}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
                "--disable-sync --no-first-run")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Python's file server, answering with gzip where the browser accepts it (text files)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


def find_chromium() -> str:
    found = shutil.which(os.environ.get("CHROME_PATH", "")) or next(filter(None, map(shutil.which, CHROMIUM_NAMES)), None)
    if not found:
        sys.exit("Chromium not found: install it (apt-get install chromium) or set CHROME_PATH.")
    return found


def build_site(site: Path) -> None:
    """Every edition and the search index, as `make build` builds them."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from scosite.build.steps import run_build_steps, show_step
    from scosite.settings import Project

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT / "scripts"))
    subprocess.run([sys.executable, "-m", "scosite", "generate"], cwd=ROOT, env=env, check=True)
    steps = run_build_steps(Project(ROOT), site, env=env, done=show_step)
    if any(step.returncode for step in steps):
        raise SystemExit("the build failed: see its output above")


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
             "127.0.0.1 by Python's http.server, with gzip as static hosts serve it; scores out of 100.", "",
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
        for lang, preset in RUNS:
            for page, path in PAGES.items():
                name = page if lang == "en" else f"{page} ({lang})"
                url = f"http://127.0.0.1:{server.server_port}/{EDITIONS[lang]}{path}"
                result = run_lighthouse(url, preset, OUT / f"{page}-{lang}-{preset}.json", chromium)
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
