"""`make links`: check every source's address and every verified archived copy with lychee,
and write the report the link-check workflow (.github/workflows/links.yml) keeps in one issue.

The build never goes online; this is the one command that does, and only when it is run (the
workflow runs it weekly and on demand). In its folder (default ``.cache/links/``) it writes:

* ``links.html``: every address to check, one link each (lychee reads an HTML page exactly as
  written, where it would guess at addresses in plain text);
* ``lychee.json``: lychee's own report (``--verbose``: the addresses that work too);
* ``report.md``: the addresses that failed, each with the sources that use it and the
  snapshot lychee suggests (``--suggest --archive wayback``), then how to record a dead link;
* ``summary.json``: how many addresses were checked and how many failed.

The lychee command is ``command()``: the workflow runs it through `make links`, and the test
(tests/test_links.py) runs the same against a server of its own on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from ..queries.archives import archive_of

# How lychee checks: every address, working ones too, in JSON; a snapshot suggested for each
# that fails; gently with each host (most sources are on a few sites); no retry of a 4xx.
# Loopback and private addresses are checked (lychee's default; the test serves on 127.0.0.1).
FLAGS = (
    "--no-progress", "--format", "json", "--verbose",
    "--suggest", "--archive", "wayback",
    "--max-concurrency", "16", "--host-concurrency", "2",
    "--timeout", "30", "--max-retries", "2",
    "--user-agent", "Mozilla/5.0 (compatible; link check of the SCO-UN counternarcotics record)",
)
FOLDER = Path(".cache") / "links"
ORIGINAL, ARCHIVED = "original", "archived copy"


@dataclass(frozen=True)
class Use:
    """One source's use of an address: its original page, or its verified archived copy."""

    source: str
    kind: str  # ORIGINAL or ARCHIVED


@dataclass
class Failure:
    url: str
    found: str  # what lychee found: "404 Not Found", "Timeout", a network error
    uses: list[Use] = field(default_factory=list)
    suggestion: str = ""


def addresses(sources: Iterable[Any]) -> dict[str, list[Use]]:
    """Every address to check, with the sources that use it: each source's original address and
    its verified archived copy (a look-up in the Web Archive is not a copy, and not checked)."""
    found: dict[str, list[Use]] = {}
    for source in sorted(sources, key=lambda s: s.id):
        found.setdefault(source.url, []).append(Use(source.id, ORIGINAL))
        copy = archive_of(source)
        if copy.verified:
            found.setdefault(copy.url, []).append(Use(source.id, ARCHIVED))
    return found


def links_page(found: dict[str, list[Use]]) -> str:
    """The addresses as an HTML page for lychee: one link each, named by the sources that use it."""
    items = "".join(f'<li><a href="{html.escape(url, quote=True)}">'
                    f'{html.escape(", ".join(f"{u.source} ({u.kind})" for u in uses))}</a></li>\n'
                    for url, uses in found.items())
    return f'<!doctype html>\n<html lang="en">\n<title>Source addresses</title>\n<ul>\n{items}</ul>\n</html>\n'


def command(page: Path, output: Path, lychee: str = "lychee") -> list[str]:
    """The lychee command over ``page``, writing its JSON report to ``output``."""
    return [lychee, *FLAGS, "--output", str(output), "--", str(page)]


def same_address(url: str) -> str:
    """An address as lychee reports it back (the WHATWG form its URL parser gives): the scheme
    and host in lower case, an empty path as "/", no fragment, characters percent-encoded the
    one way. Used to find which sources an address lychee reports belongs to."""
    parts = urlsplit(url)
    path = quote(unquote(parts.path or "/"), safe="/:@!$&'()*+,;=-._~")
    query = quote(unquote(parts.query), safe="/:@!$&'()*+,;=?-._~")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, query, ""))


def failures(report: dict[str, Any], found: dict[str, list[Use]]) -> list[Failure]:
    """The addresses lychee found failing (errors and timeouts), with their sources and the
    snapshot it suggests, in the order of the data."""
    uses = {same_address(url): (url, u) for url, u in found.items()}
    suggested = {same_address(s["original"]): s["suggestion"]
                 for entries in report.get("suggestion_map", {}).values() for s in entries}
    failed: dict[str, Failure] = {}
    for kind in ("error_map", "timeout_map"):
        for entries in report.get(kind, {}).values():
            for entry in entries:
                key = same_address(entry["url"])
                url, by = uses.get(key, (entry["url"], []))
                status = entry.get("status", {})
                text = status.get("text", "") if isinstance(status, dict) else str(status)
                failed.setdefault(key, Failure(url, text or ("Timeout" if kind == "timeout_map" else "failed"),
                                               list(by), suggested.get(key, "")))
    order = list(found)
    return sorted(failed.values(), key=lambda f: (order.index(f.url) if f.url in order else len(order), f.url))


def markdown(failed: list[Failure], checked: int, day: str, repo_url: str = "", branch: str = "main") -> str:
    """The issue's text: what failed, and how to record it in the data."""
    def source(use: Use) -> str:
        label = f"{use.source.upper()} ({use.kind})"
        return f"[{label}]({repo_url}/blob/{branch}/data/sources/{use.source}.yml)" if repo_url else label

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = [f"The link check of {day} tried {checked} addresses (every source's address and every verified "
             f"archived copy): {len(failed)} failed.", ""]
    if failed:
        lines += ["| Source | Address | What the check found | Snapshot the Wayback Machine suggests |",
                  "| --- | --- | --- | --- |"]
        lines += [f"| {', '.join(source(u) for u in f.uses) or 'not in the data'} | <{f.url}> | {cell(f.found)} | "
                  f"{f'<{f.suggestion}>' if f.suggestion else 'none'} |" for f in failed]
        lines += ["", "A failure can be passing (a server down for a day, a refusal of automatic checks): open the "
                  "address in a browser first. For an address that is gone, open the suggested snapshot (or look "
                  "the address up in the Web Archive), check that it shows the page as cited, and write in the "
                  "source's file:", "", "```yaml", "status: dead", f"checked: {day}", "archived:",
                  "  url: https://web.archive.org/web/YYYYMMDDhhmmss/…   # the snapshot's address",
                  "  date: YYYY-MM-DD                                    # its day (from the address)",
                  "```", "", "then run `make check`. The site then says the link is dead and shows the archived "
                  "copy first. An archived copy that fails: find another snapshot."]
    else:
        lines += ["Every address works."]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Result:
    checked: int
    failed: list[Failure]
    report: Path


def run(sources: Iterable[Any], folder: Path, lychee: str = "lychee", repo_url: str = "", branch: str = "main",
        today: dt.date | None = None) -> Result:
    """Write the addresses, run lychee over them and write the report (``folder``). Raises
    ``RuntimeError`` if lychee could not run or wrote no report."""
    folder.mkdir(parents=True, exist_ok=True)
    found = addresses(sources)
    page, output = folder / "links.html", folder / "lychee.json"
    page.write_text(links_page(found), encoding="utf-8")
    output.unlink(missing_ok=True)
    try:
        done = subprocess.run(command(page, output, lychee), capture_output=True, text=True, check=False, timeout=3600)
    except OSError as err:
        raise RuntimeError(f"{lychee}: {err}; install the tools with `make setup`") from err
    if done.returncode not in (0, 2) or not output.is_file():  # 2: some links failed
        raise RuntimeError(f"lychee failed (exit status {done.returncode}): {done.stderr.strip()}")
    failed = failures(json.loads(output.read_text(encoding="utf-8")), found)
    day = (today or dt.datetime.now(dt.UTC).date()).isoformat()
    report = folder / "report.md"
    report.write_text(markdown(failed, len(found), day, repo_url, branch), encoding="utf-8")
    (folder / "summary.json").write_text(json.dumps({"checked": len(found), "failed": len(failed)}) + "\n",
                                         encoding="utf-8")
    return Result(len(found), failed, report)
