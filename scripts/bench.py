"""Benchmark: the site from 10 to 10,000 records, against plain MkDocs + Material.

    python scripts/bench.py [--sizes 10,100,1000,10000] [--runs 3]     (or: make bench SIZES=10,100)

For the real data and for each synthetic size, in a temporary copy of the project (its
``mkdocs.yml``, hand-written ``docs/``, ``scripts/`` and ``overrides/``, as a fresh clone has
them), it measures, taking the median of several runs:

1. ``check`` (load + validate);
2. ``generate`` from clean (load -> validate -> render -> write);
3. ``generate`` again with nothing changed: time and files written;
4. ``generate`` after one record is edited: time, files written, and whether exactly the
   pages that show the record were written;
5. ``mkdocs build --strict`` from clean: time, peak memory, output bytes, pages;
6. ``mkdocs serve`` (and ``serve --dirty``): time from saving an edit to the changed page
   being served.

The reference is a plain MkDocs + Material project with the same pages as hand-written
Markdown (no generator hook, no theme overrides), measured the same way where that applies.
The results go to ``docs/about/performance.md`` (tables, a log-log chart as inline SVG, each
target MET or NOT MET) and the raw numbers to ``docs/about/performance.csv``.

Stages 1-4 run in a fresh interpreter (``--stage``), timed from importing the generator to
its end: what the MkDocs hook spends on them in a build, without the interpreter start-up.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()  # stage timings count every import, as `make generate` pays them

# ruff: noqa: E402  (the imports come after STARTED on purpose)

import sys


def stage_main(name: str, root: str) -> None:
    """Time a stage from the interpreter's start of this script to its end; print it as JSON.

    Runs before this script imports anything else, so the time is what the command pays."""
    import json
    from pathlib import Path

    sys.path.insert(0, str(Path(root) / "scripts"))
    from scosite.fingerprint import Project, nothing_to_do  # the copy under ``root``

    project = Project(Path(root))
    written: list[str] = []
    problems: list[Any] = []
    # As `make generate` (scosite.cli): nothing to do is answered before the heavy imports.
    if name == "check" or nothing_to_do(project) is None:
        from scosite import pipeline

        if name == "check":
            _, problems = pipeline.validate(project)
        else:
            result, problems = pipeline.generate(project)
            written = result.written if result else []
    if problems:
        raise SystemExit("\n".join(p.format() for p in problems[:20]))
    print(json.dumps({"seconds": time.perf_counter() - STARTED, "written": sorted(written)}))


if __name__ == "__main__" and sys.argv[1:2] == ["--stage"]:  # bench.py --stage NAME --root PATH
    stage_main(sys.argv[2], sys.argv[4])
    sys.exit(0)

import argparse
import csv
import datetime as dt
import io
import json
import math
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import urllib.request
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from scosite import yamlstrict
from scosite.models import COLLECTION_BY_NAME, ORGANISATION_KINDS, UNITS
from scosite.write import is_generated

REPORT = ROOT / "docs" / "about" / "performance.md"
RAW = ROOT / "docs" / "about" / "performance.csv"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
REAL_EVENT = "events/2017-cnd60-high-level-event"

# --- Synthetic data ---------------------------------------------------------------------
#
# Shares of the records, in per cent. The real data describes one event in depth: 9
# participants, 5 figures, 4 quotations, 10 sources. A record of many events keeps those
# per-event ratios while people recur (each takes part in 2-3 events), sources cover several
# records each, and the slow-growing collections level off (about 200 countries exist).

SHARES = {"events": 9, "people": 26, "organisations": 5, "countries": 2, "documents": 5, "metrics": 2,
          "figures": 21, "quotes": 17, "milestones": 3, "sources": 10}
SYLLABLES = ("ka", "ra", "zan", "mir", "to", "lek", "an", "dor", "vi", "sha", "nur", "bek", "al", "ov", "in", "ta")
WORDS = ("cooperation", "illicit", "drugs", "trafficking", "member", "states", "agency", "joint", "operation",
         "precursors", "border", "control", "regional", "strategy", "seizures", "heroin", "opium", "data",
         "training", "officers", "agreed", "reported", "meeting", "delegation", "secretariat", "office",
         "programme", "prevention", "treatment", "the", "of", "and", "in", "with", "for", "a", "on", "to")


def allocate(total: int) -> dict[str, int]:
    """Records per collection, at least one each, adding up to ``total`` (largest remainder)."""
    exact = {name: max(total - len(SHARES), 0) * share / 100 for name, share in SHARES.items()}
    counts = {name: 1 + int(value) for name, value in exact.items()}
    by_remainder = sorted(SHARES, key=lambda name: exact[name] - int(exact[name]), reverse=True)
    for name in by_remainder[: total - sum(counts.values())]:
        counts[name] += 1
    return counts


class Synthesis:
    """A valid, deterministic data set shaped like the real one, as YAML-ready dicts."""

    def __init__(self, total: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.n = allocate(total)
        self.ids = {c: [f"{COLLECTION_BY_NAME[c].singular}-{i:05d}" for i in range(k)] for c, k in self.n.items()}
        self.ids["sources"] = [f"s{i:05d}" for i in range(self.n["sources"])]
        self.event_dates = [self.date(i, self.n["events"]) for i in range(self.n["events"])]

    # Small helpers -------------------------------------------------------------------------

    def name(self, parts: int = 2) -> str:
        return " ".join("".join(self.rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(parts))

    def text(self, words: int) -> str:
        return (" ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + ".").replace(" .", ".")

    def date(self, index: int, count: int) -> str:
        day = dt.date(2004, 1, 1) + dt.timedelta(days=int(index * 8000 / max(count, 1)))
        return day.isoformat()

    def near(self, collection: str, index: int, count: int, spread: int = 3) -> str:
        """An id of ``collection`` near the same point in time as item ``index`` of ``count``."""
        ids = self.ids[collection]
        centre = index * len(ids) // max(count, 1)
        return ids[min(max(centre + self.rng.randint(-spread, spread), 0), len(ids) - 1)]

    def cite(self, index: int, count: int) -> list[str]:
        return sorted({self.near("sources", index, count) for _ in range(self.rng.choice((1, 1, 2)))})

    # Records -------------------------------------------------------------------------------

    def records(self) -> dict[str, list[dict[str, Any]]]:
        return {c: [getattr(self, COLLECTION_BY_NAME[c].singular)(i) for i in range(k)] for c, k in self.n.items()}

    def event(self, i: int) -> dict[str, Any]:
        count = self.n["events"]
        people = sorted({self.near("people", i, count, spread=8) for _ in range(self.rng.randint(4, 9))})
        return {"id": self.ids["events"][i], "title": self.text(12), "kind": self.rng.choice(("side-event", "meeting")),
                "date": self.event_dates[i], "venue": self.name(3), "city": self.name(1),
                "country": self.near("countries", i, count), "organisers": sorted({self.near("organisations", i, count),
                                                                                     self.near("countries", i, count)}),
                "summary": self.text(45), "participants": [self.participant(p, i, k) for k, p in enumerate(people)],
                "proceedings": [{"kind": "discussion", "text": self.text(35), "sources": self.cite(i, count)}
                                for _ in range(self.rng.randint(2, 4))],
                "sources": self.cite(i, count)}

    def participant(self, person: str, event: int, position: int) -> dict[str, Any]:
        count = self.n["events"]
        part = {"person": person, "role": "moderator" if position == 0 else "speaker", "title": self.text(8)}
        if position % 2:
            part |= {"delegation": self.near("countries", event, count), "head_of_delegation": True}
        else:
            part["organisation"] = self.near("organisations", event, count)
        if self.rng.random() < 0.35:
            part["statements"] = [{"text": self.text(30), "sources": self.cite(event, count)}
                                  for _ in range(self.rng.randint(1, 3))]
        return part | {"sources": self.cite(event, count)}

    def person(self, i: int) -> dict[str, Any]:
        first, last = self.name(1), self.name(1)
        record = {"id": self.ids["people"][i], "name": f"{first} {last}", "sort_name": f"{last}, {first}"}
        if i % 4 == 0:
            record["aliases"] = [{"name": f"{first} {last}ov", "lang": "en", "sources": self.cite(i, self.n["people"])}]
        if i % 3 == 0:
            record["summary"] = self.text(30)
        return record | {"sources": self.cite(i, self.n["people"])}

    def organisation(self, i: int) -> dict[str, Any]:
        record = {"id": self.ids["organisations"][i], "name": f"{self.name(2)} Office", "short_name": self.name(1).upper(),
                  "kind": ORGANISATION_KINDS[i % len(ORGANISATION_KINDS)], "summary": self.text(25)}
        if i and i % 2:
            record["parent"] = self.ids["organisations"][self.rng.randrange(i)]
        return record | {"sources": self.cite(i, self.n["organisations"])}

    def country(self, i: int) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.ids["countries"][i], "name": self.name(1) + "stan"}
        if i < 10:
            record["sco"] = [{"status": "member", "start": "2001", "sources": self.cite(i, self.n["countries"])}]
            record["chairmanships"] = [{"start": f"{y}-06", "end": f"{y + 1}-06", "sources": self.cite(i, self.n["countries"])}
                                       for y in range(2004 + i, 2026, min(self.n["countries"], 10))]
        return record | {"sources": self.cite(i, self.n["countries"])}

    def document(self, i: int) -> dict[str, Any]:
        count = self.n["documents"]
        record = {"id": self.ids["documents"][i], "title": self.text(10), "kind": "agreement", "date": self.date(i, count),
                  "parties": sorted({self.near("organisations", i, count), self.near("countries", i, count)}),
                  "summary": self.text(40), "facts": [{"text": self.text(25), "sources": self.cite(i, count)}]}
        if i and i % 3 == 0:
            record["part_of"] = self.ids["documents"][i - 1]
        return record | {"sources": self.cite(i, count)}

    def metric(self, i: int) -> dict[str, Any]:
        return {"id": self.ids["metrics"][i], "name": f"{self.name(1)} seized", "description": self.text(15)}

    def figure(self, i: int) -> dict[str, Any]:
        count = self.n["figures"]
        event = min(i * self.n["events"] // count, self.n["events"] - 1)
        return {"id": self.ids["figures"][i], "metric": self.ids["metrics"][i % self.n["metrics"]], "label": self.text(9),
                "value": self.rng.randint(1, 900), "unit": UNITS[i % 4], "qualifier": "some",
                "period": {"label": "the past five years", "start": "2010", "end": "2015"},
                "speaker": self.near("people", event, self.n["events"], spread=0), "said_on": self.event_dates[event],
                "event": self.ids["events"][event], "headline": i >= count - 4, "sources": self.cite(i, count)}

    def quote(self, i: int) -> dict[str, Any]:
        count = self.n["quotes"]
        event = min(i * self.n["events"] // count, self.n["events"] - 1)
        return {"id": self.ids["quotes"][i], "person": self.near("people", event, self.n["events"]), "text": self.text(20),
                "lang": "en", "said_on": self.event_dates[event], "event": self.ids["events"][event],
                "context": self.text(12), "sources": self.cite(i, count)}

    def milestone(self, i: int) -> dict[str, Any]:
        count = self.n["milestones"]
        return {"id": self.ids["milestones"][i], "date": self.date(i, count), "title": self.text(6), "text": self.text(25),
                "sources": self.cite(i, count)}

    def source(self, i: int) -> dict[str, Any]:
        record = {"id": self.ids["sources"][i], "title": self.text(14), "url": f"https://www.example.org/news/{i}.html",
                  "publisher": f"{self.name(1)} News", "date": self.date(i, self.n["sources"]), "language": "en",
                  "notes": self.text(30)}
        event = i * self.n["events"] // self.n["sources"]
        if i * self.n["events"] % self.n["sources"] < self.n["events"]:
            record["authoritative_for"] = [self.ids["events"][event]]
        return record


class NoAliases(yaml.SafeDumper):
    """The strict reader refuses anchors and aliases: write every repeated value in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_records(data_dir: Path, records: dict[str, list[dict[str, Any]]]) -> None:
    for collection, items in records.items():
        (data_dir / collection).mkdir(parents=True, exist_ok=True)
        for record in items:
            text = yaml.dump(record, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)
            (data_dir / collection / f"{record['id']}.yml").write_text(text, encoding="utf-8")


# --- Projects ----------------------------------------------------------------------------


@dataclass
class Case:
    """One data set: its project copy, the person to edit, and the reference project."""

    label: str
    records: int
    project: Path
    reference: Path
    person: str  # id of the person whose name the edit measures change
    name: str  # the person's name as the data spells it


def copy_hand_written(target: Path) -> None:
    """What a fresh clone has (as tests/conftest.py `copy_project`), without the data."""
    skip = shutil.ignore_patterns("__pycache__", ".cache")
    for name in ("docs", "scripts", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=lambda d, names: set(skip(d, names)) | {
            n for n in names if n.endswith(".md") and is_generated(Path(d) / n)})
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")


def make_case(label: str, workdir: Path) -> Case:
    project = workdir / label / "project"
    copy_hand_written(project)
    shutil.copytree(project / "docs", project.parent / "docs-clean")
    if label == "real":
        shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("schemas"))
        person, name = "marat-demeuov", "Marat Demeuov"
    else:
        synthesis = Synthesis(int(label))
        records = synthesis.records()
        write_records(project / "data", records)
        middle = records["events"][len(records["events"]) // 2]["participants"][0]["person"]
        name = next(p["name"] for p in records["people"] if p["id"] == middle)
        person = middle
    count = sum(1 for _ in (project / "data").glob("*/*.yml"))
    # As if saved an hour ago: the generator does not trust stamps from the last two seconds
    # (see scosite.pipeline.Fingerprint), and an editor's files are older than that.
    old = time.time() - 3600
    for path in (project / "data").rglob("*"):
        os.utime(path, (old, old))
    return Case(label, count, project, workdir / label / "reference", person, name)


def make_reference(case: Case) -> None:
    """Plain MkDocs + Material: the generated pages as hand-written ones; no hook, no overrides."""
    shutil.rmtree(case.reference, ignore_errors=True)
    shutil.copytree(case.project / "docs", case.reference / "docs")
    config = (case.project / "mkdocs.yml").read_text(encoding="utf-8")
    config = re.sub(r"^hooks:\n(?:[ \t]+- .*\n)+", "", config, flags=re.M)
    config = re.sub(r"^[ \t]+custom_dir: .*\n", "", config, flags=re.M)
    (case.reference / "mkdocs.yml").write_text(config, encoding="utf-8")


def clean_generated(project: Path) -> None:
    """Back to a fresh clone: only the hand-written docs (kept aside by ``make_case``), no site."""
    shutil.rmtree(project / "docs")
    shutil.copytree(project.parent / "docs-clean", project / "docs")
    shutil.rmtree(project / "site", ignore_errors=True)


def edit_person(case: Case, new_name: str) -> None:
    """Rename the case's person in the data (or, in the reference, in every page showing them)."""
    path = case.project / "data" / "people" / f"{case.person}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^name: .*$", f"name: {new_name}", text, count=1, flags=re.M), encoding="utf-8")


# --- Running and measuring -----------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    output: str


def run(command: list[str], cwd: Path) -> Run:
    """Run a command to completion: wall time and the peak resident memory of that process."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV | {"PYTHONPATH": str(cwd / "scripts")},
                                   stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{output[-4000:]}")
    return Run(seconds, usage.ru_maxrss * 1024, output)


def stage(project: Path, name: str) -> dict[str, Any]:
    """One generator stage in a fresh interpreter (see ``stage_main``)."""
    done = run([sys.executable, str(project / "scripts" / "bench.py"), "--stage", name, "--root", str(project)], project)
    return json.loads(done.output.strip().splitlines()[-1])


def build(project: Path, site: Path, editions: bool = True) -> Run:
    """`make build` without its output checks: the generator, every edition and the search
    index; ``editions=False``: the generator and the English edition alone."""
    shutil.rmtree(site, ignore_errors=True)
    engine = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    if not (project / "scripts" / "scosite").is_dir():  # the plain reference: one engine run
        return run(engine, project)
    from scosite.cli import build_commands
    from scosite.fingerprint import Project

    # The generator renders every edition either way; then the English engine run alone, or
    # every edition's and the search index.
    steps = [[sys.executable, "-m", "scosite", "generate", "--root", str(project)]]
    steps += [command for _, command in build_commands(Project(project), site)] if editions else [engine]
    runs = [run(command, project) for command in steps]
    return Run(sum(r.seconds for r in runs), max(r.peak_bytes for r in runs), "".join(r.output for r in runs))


@dataclass
class SiteSize:
    bytes: int
    pages: int
    html_bytes: int
    largest_page: str
    largest_bytes: int
    search_index: int


def site_size(site: Path) -> SiteSize:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = {p.relative_to(site).as_posix(): p.stat().st_size for p in files if p.suffix == ".html"}
    largest = max(pages, key=pages.__getitem__)
    index = site / "pagefind" if (site / "pagefind").is_dir() else site / "search"
    return SiteSize(sum(p.stat().st_size for p in files), len(pages), sum(pages.values()), largest, pages[largest],
                    sum(p.stat().st_size for p in index.rglob("*") if p.is_file()))


def pages_showing(project: Path, text: str) -> set[str]:
    """The generated pages (Markdown) whose text contains ``text``."""
    docs = project / "docs"
    return {p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
            if is_generated(p) and text in p.read_text(encoding="utf-8")}


def check_edit(results: Results, project: Path, written: list[str], new_name: str) -> None:
    """Pages written must be exactly the pages showing the edited name; other files are listed."""
    pages = {w for w in written if w.endswith(".md")}
    results.facts["edit_exact"] = results.facts.get("edit_exact", True) and pages == pages_showing(project, new_name)
    results.facts["edit_other_files"] = sorted(set(written) - pages)


# --- Live preview --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


class Server:
    """`mkdocs serve` on 127.0.0.1 in a project folder, its log read as it runs."""

    def __init__(self, project: Path, dirty: bool, edition: str = "en"):
        """``edition``: ``all`` previews the three editions (as `make serve` does), ``en`` the
        English alone (`make serve EDITION=en`)."""
        self.url = f"http://127.0.0.1:{free_port()}/"
        command = [sys.executable, "-m", "mkdocs", "serve", "--livereload", "--no-strict",
                   "--dev-addr", self.url[7:-1], *(["--dirty"] if dirty else [])]
        self.process = subprocess.Popen(command, cwd=project, env=dict(ENV, SCOSITE_PREVIEW=edition), stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)

    def wait_for(self, page: str, text: str, timeout: float) -> float:
        """Seconds until ``page`` is served containing ``text`` (polled every 50 ms)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in fetch(self.url + page):
                return time.perf_counter() - start
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"{page} never showed {text!r}:\n{''.join(self.log[-40:])}")

    def builds(self) -> int:
        return sum("Building documentation" in line for line in self.log)

    def settle(self, quiet: float = 2.0, timeout: float = 900) -> None:
        """Wait until the server is idle: every rebuild it logged has finished, or (should a
        rebuild end without its closing line) it has used no CPU, for ``quiet`` seconds."""
        deadline, last, since = time.monotonic() + timeout, None, time.monotonic()
        while time.monotonic() < deadline:
            started = sum("Building documentation" in line for line in self.log)
            finished = sum("Documentation built in" in line for line in self.log)
            state = (len(self.log), started == finished, self.cpu_seconds())
            if state != last:
                last, since = state, time.monotonic()
            elif time.monotonic() - since >= (quiet if state[1] else 2 * quiet):
                return
            time.sleep(0.1)

    def cpu_seconds(self) -> float:
        """CPU time the server has used so far (Linux /proc; 0 elsewhere), to 0.1 s."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return round((int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK"), 1)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)


def serve_reloads(project: Path, edit, page: str, runs: int, dirty: bool = False,
                  edition: str = "en") -> list[tuple[float, int]]:
    """For each edit: seconds from saving ``edit(n)`` (which returns the new text) to ``page``
    serving it, and how many rebuilds the edit caused in all."""
    server = Server(project, dirty, edition)
    try:
        server.wait_for(page, "</html>", timeout=3600)
        server.settle()
        found = []
        for attempt in range(runs):
            before = server.builds()
            seconds = server.wait_for(page, edit(attempt), timeout=3600)
            server.settle()
            found.append((seconds, server.builds() - before))
        return found
    finally:
        server.stop()


# --- One size ------------------------------------------------------------------------------


@dataclass
class Results:
    """Every run of every measure for one data set: ``samples[measure] = [values]``."""

    case: Case
    samples: dict[str, list[float]] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)

    def add(self, measure: str, value: float) -> None:
        self.samples.setdefault(measure, []).append(value)

    def median(self, measure: str) -> float:
        return statistics.median(self.samples[measure]) if self.samples.get(measure) else float("nan")


def say(case: Case, message: str) -> None:
    print(f"[{case.label:>5}] {message}", flush=True)


def measure_generator(case: Case, results: Results, runs: int) -> None:
    for attempt in range(runs):
        results.add("check_s", stage(case.project, "check")["seconds"])
        clean_generated(case.project)
        full = stage(case.project, "generate")
        noop = stage(case.project, "generate")
        new_name = f"{case.name} Edited{attempt}"
        edit_person(case, new_name)
        edited = stage(case.project, "generate")
        results.add("generate_s", full["seconds"])
        results.add("noop_s", noop["seconds"])
        results.add("noop_written", len(noop["written"]))
        results.add("edit_s", edited["seconds"])
        results.add("edit_written", sum(w.endswith(".md") for w in edited["written"]))
        check_edit(results, case.project, edited["written"], new_name)
        say(case, f"check {results.samples['check_s'][-1]:.2f} s, generate {full['seconds']:.2f} s "
                  f"({len(full['written'])} pages), no-op {noop['seconds']:.2f} s ({len(noop['written'])} written), "
                  f"edit {edited['seconds']:.2f} s ({len(edited['written'])} written)")
    edit_person(case, case.name)
    results.facts["pages_generated"] = len(full["written"])


def measure_builds(case: Case, results: Results, runs: int) -> None:
    for attempt in range(runs):
        clean_generated(case.project)
        english = build(case.project, case.project / "site", editions=False)
        results.add("build_en_s", english.seconds)
        clean_generated(case.project)
        ours = build(case.project, case.project / "site")
        results.add("build_s", ours.seconds)
        results.add("build_peak_mb", ours.peak_bytes / 2**20)
        if attempt == 0:
            make_reference(case)
        plain = build(case.reference, case.reference / "site")
        results.add("ref_build_s", plain.seconds)
        results.add("ref_peak_mb", plain.peak_bytes / 2**20)
        say(case, f"build {ours.seconds:.1f} s (English alone {english.seconds:.1f} s), {ours.peak_bytes / 2**20:.0f} MiB; "
                  f"plain MkDocs {plain.seconds:.1f} s, {plain.peak_bytes / 2**20:.0f} MiB")
    results.facts["site"] = site_size(case.project / "site")
    results.facts["ref_site"] = site_size(case.reference / "site")


def measure_preview(case: Case, results: Results, runs: int) -> None:
    page = f"people/{case.person}/"
    shown = {"text": case.name}  # the name the reference's pages show now

    def edit_data(tag: str):
        def edit(attempt: int) -> str:
            edit_person(case, f"{case.name} {tag}{attempt}")
            return f"{case.name} {tag}{attempt}"
        return edit

    def edit_reference(attempt: int) -> str:
        path = case.reference / "docs" / "people" / f"{case.person}.md"
        new = f"{case.name} Plain{attempt}"
        path.write_text(path.read_text(encoding="utf-8").replace(shown["text"], new), encoding="utf-8")
        shown["text"] = new
        return new

    for measure, project, edit, dirty, edition in (
            ("serve_s", case.project, edit_data("Served"), False, "en"),
            ("serve_dirty_s", case.project, edit_data("Dirty"), True, "all"),  # `make serve`
            ("serve_dirty_en_s", case.project, edit_data("English"), True, "en"),  # `make serve EDITION=en`
            ("ref_serve_s", case.reference, edit_reference, False, "en")):
        edit_person(case, case.name)
        for seconds, rebuilds in serve_reloads(project, edit, page, runs, dirty, edition):
            results.add(measure, seconds)
            results.add(measure.replace("_s", "_rebuilds"), rebuilds)
        say(case, f"{measure}: {', '.join(f'{s:.2f}' for s in results.samples[measure])} s, "
                  f"rebuilds per edit: {results.samples[measure.replace('_s', '_rebuilds')]}")
    edit_person(case, case.name)


def measure_case(case: Case, runs: int) -> Results:
    results = Results(case)
    results.facts["load"] = os.getloadavg()[0]
    say(case, f"{case.records} records in {case.project}; load average {results.facts['load']:.2f}")
    measure_generator(case, results, runs)
    measure_builds(case, results, runs)
    if case.label == "real":
        results.facts["weights"] = weigh_real_site(case, case.project.parent)
    measure_preview(case, results, runs)
    return results


# --- Page weight (also used by tests/test_budget.py) -----------------------------------------

FONT_URL = re.compile(r"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot))(?:[?#][^'\")]*)?['\"]?\s*\)")
FETCHED_LINKS = {"stylesheet", "icon", "preload", "modulepreload", "apple-touch-icon", "manifest"}


class References(HTMLParser):
    """The URLs a browser fetches for a page: stylesheets, icons, scripts, images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "link" and FETCHED_LINKS & set((found.get("rel") or "").split()):
            self.urls.append(found.get("href") or "")
        elif tag in ("script", "img") and found.get("src"):
            self.urls.append(found["src"] or "")


@dataclass
class Weight:
    bytes: int
    requests: int
    other_hosts: list[str]


def page_weight(site: Path, page: str) -> Weight:
    """Bytes and requests of ``page`` (e.g. ``index.html``) with every same-site file it loads:
    CSS, JS, icons, images, and the fonts that its CSS references. Files on other hosts are
    listed in ``other_hosts`` (their size cannot be known offline)."""
    base = f"https://site.invalid/{page}"
    queue, seen, other, total = [base], set(), [], 0
    while queue:
        url = queue.pop()
        if url in seen or url.startswith("data:"):
            continue
        seen.add(url)
        parts = urlsplit(url)
        if parts.netloc != "site.invalid":
            other.append(url)
            continue
        body = (site / parts.path.lstrip("/")).read_bytes()
        total += len(body)
        queue += [urljoin(url, found) for found in linked_urls(parts.path, body)]
    return Weight(total, len(seen) - len(other), sorted(other))


def linked_urls(path: str, body: bytes) -> list[str]:
    if path.endswith(".html"):
        parser = References()
        parser.feed(body.decode("utf-8"))
        return parser.urls
    if path.endswith(".css"):
        return FONT_URL.findall(body.decode("utf-8"))
    return []


def default_material_site(docs: dict[str, str], target: Path, markdown_extensions: list[Any]) -> Path:
    """Build a default Material site holding ``docs`` ({path: Markdown}); return its site folder."""
    for path, text in docs.items():
        (target / "docs" / path).parent.mkdir(parents=True, exist_ok=True)
        (target / "docs" / path).write_text(text, encoding="utf-8")
    config = {"site_name": "Default Material", "theme": {"name": "material"}, "markdown_extensions": markdown_extensions}
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(target / "site")], cwd=target, env=ENV,
                   check=True, capture_output=True)
    return target / "site"


class ConfigLoader(yaml.SafeLoader):
    """Reads ``mkdocs.yml``; MkDocs' own tags (``!ENV``, ``!!python/name:``) read as null."""


ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def markdown_extensions(project: Path) -> list[Any]:
    return yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=ConfigLoader)["markdown_extensions"]


def weigh_real_site(case: Case, workdir: Path) -> dict[str, tuple[Weight, Weight]]:
    """(ours, default Material) for the home page and the real event page."""
    docs = {p: (case.project / "docs" / p).read_text(encoding="utf-8") for p in ("index.md", f"{REAL_EVENT}.md")}
    default = default_material_site(docs, workdir / "default-material", markdown_extensions(case.project))
    pages = {"home page": "index.html", "event page": f"{REAL_EVENT}/index.html"}
    return {name: (page_weight(case.project / "site", page), page_weight(default, page)) for name, page in pages.items()}


# --- Report --------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    loader = yamlstrict.Loader.__name__
    return {"Date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "CPUs (nproc)": str(len(os.sched_getaffinity(0))),
            "CPU model": cpu, "Python": platform.python_version(), "Load average at start (1, 5, 15 min)": load,
            "YAML loader": loader + (" (libyaml, C)" if loader == "CSafeLoader" else " (pure Python)")}


def fmt(value: float, digits: int = 2) -> str:
    return "–" if value != value else f"{value:,.{digits}f}"


def verdict(ok: bool) -> str:
    return "**MET**" if ok else "**NOT MET**"


def targets(all_results: list[Results], weights: dict[str, tuple[Weight, Weight]]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for every target of the issue."""
    by = {r.case.label: r for r in all_results}
    synthetic = [r for r in all_results if r.case.label != "real"]
    largest = synthetic[-1] if synthetic else all_results[-1]
    shares = {r.case.label: r.median("generate_s") / r.median("build_s") for r in all_results}
    rows = [("Generator share of the full build ≤ 5 % at every size",
             ", ".join(f"{k}: {v:.1%}" for k, v in shares.items()), verdict(max(shares.values()) <= 0.05))]
    editions = {r.case.label: r.median("build_s") / r.median("build_en_s") for r in all_results}
    rows.append(("A full build of the three editions costs ≤ 3 × the English edition alone",
                 ", ".join(f"{k}: ×{v:.2f}" for k, v in editions.items()), verdict(max(editions.values()) <= 3)))
    build_s = largest.median("build_s")
    rows.append((f"Full build (three editions and search) at {largest.case.label} records ≤ 60 s",
                 f"{build_s:.1f} s on {os.cpu_count()} cores",
                 verdict(build_s <= 60)))
    if "1000" in by and "10000" in by:
        ratio = by["10000"].facts["site"].html_bytes / by["10000"].facts["site"].pages / (
            by["1000"].facts["site"].html_bytes / by["1000"].facts["site"].pages)
        rows.append(("Bytes per page flat from 1,000 to 10,000 records (within 10 %)", f"×{ratio:.2f}",
                     verdict(ratio <= 1.10)))
    peak = largest.median("build_peak_mb")
    rows.append((f"Peak memory of the build at {largest.case.label} records ≤ 1 GiB", f"{peak:,.0f} MiB",
                 verdict(peak <= 1024)))
    noop_ok = all(r.median("noop_written") == 0 and r.median("noop_s") <= 0.1 * r.median("generate_s") for r in all_results)
    rows.append(("No-op generate writes 0 files and costs ≤ 10 % of a full generate",
                 ", ".join(f"{r.case.label}: {r.median('noop_written'):.0f} files, "
                           f"{r.median('noop_s') / r.median('generate_s'):.0%}" for r in all_results), verdict(noop_ok)))
    others = sorted({f for r in all_results for f in r.facts["edit_other_files"]})
    rows.append(("Editing one record regenerates only the pages that show it",
                 ", ".join(f"{r.case.label}: {r.median('edit_written'):.0f} pages" for r in all_results)
                 + (f"; other files rewritten: {', '.join(others)}" if others else ""),
                 verdict(all(r.facts["edit_exact"] for r in all_results))))
    # `make serve` runs `mkdocs serve --dirty`: that is what an editor sees. A full rebuild on
    # every save is shown beside it for comparison.
    if "real" in by:
        real = by["real"].median("serve_s")
        dirty_real = by["real"].median("serve_dirty_s")
        rows.append(("Edit → served ≤ 1 s for the real site (`make serve`, --dirty, three editions)",
                     f"{dirty_real:.2f} s (full rebuild on each save: {real:.2f} s)", verdict(dirty_real <= 1)))
        one = by["real"].median("serve_dirty_en_s")
        rows.append(("One edition previews as quickly as the English-only preview did (`make serve EDITION=en`) ≤ 1 s",
                     f"{one:.2f} s", verdict(one <= 1)))
    serve, dirty = largest.median("serve_s"), largest.median("serve_dirty_s")
    rows.append((f"Edit → served ≤ 2 s at {largest.case.label} records (`make serve`, --dirty)",
                 f"{dirty:.2f} s (full rebuild on each save: {serve:.2f} s)", verdict(dirty <= 2)))
    rows.append(("YAML loading uses libyaml's C loader when present", machine()["YAML loader"],
                 verdict(yamlstrict.Loader.__name__ == "CSafeLoader")))
    for name, (ours, default) in weights.items():
        rows.append((f"Page weight, {name}: bytes ≤ default Material + 10 %",
                     f"{ours.bytes:,} B vs {default.bytes:,} B (×{ours.bytes / default.bytes:.2f})",
                     verdict(ours.bytes <= 1.1 * default.bytes)))
        rows.append((f"Page weight, {name}: requests ≤ default Material + 10 %",
                     f"{ours.requests} vs {default.requests} same-site (the default also makes "
                     f"{len(default.other_hosts)} to Google Fonts, plus its font files)",
                     verdict(ours.requests <= 1.1 * default.requests)))
    return rows


SERIES = (  # (measure, label, dash pattern, marker)
    ("check_s", "check", "", "circle"),
    ("generate_s", "generate", "6 3", "square"),
    ("build_s", "build, three editions (ours)", "", "triangle"),
    ("ref_build_s", "mkdocs build (plain)", "2 3", "triangle"),
    ("serve_s", "edit → served", "8 3 2 3", "diamond"),
    ("serve_dirty_s", "edit → served (--dirty)", "1 2", "diamond"),
)


def chart(all_results: list[Results]) -> str:
    """A log-log line chart of seconds against records, as accessible inline SVG (no styles)."""
    points = [r for r in all_results if r.case.label != "real"]
    width, height, left, bottom, top, right = 720, 420, 70, 50, 20, 200
    x_range = (1.0, 4.0)
    y_values = [r.median(m) for r in points for m, *_ in SERIES if r.median(m) == r.median(m) and r.median(m) > 0]
    y_range = (_floor_log(min(y_values, default=0.01)), _floor_log(max(y_values, default=100)) + 1)

    def x(records: float) -> float:
        return left + (_log(records) - x_range[0]) / (x_range[1] - x_range[0]) * (width - left - right)

    def y(seconds: float) -> float:
        return height - bottom - (_log(seconds) - y_range[0]) / (y_range[1] - y_range[0]) * (height - bottom - top)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
             f'aria-labelledby="bench-title bench-desc" class="bench-chart" fill="none" stroke="currentColor">',
             '<title id="bench-title">Time against number of records, log-log</title>',
             f'<desc id="bench-desc">{_chart_description(points)}</desc>']
    parts += _axes(x, y, x_range, y_range, width - right, top)
    for index, (measure, label, dash, marker) in enumerate(SERIES):
        coords = [(x(r.case.records), y(r.median(measure))) for r in points if r.median(measure) > 0]
        if coords:
            parts += _series(coords, label, dash, marker, (width - right + 15, top + 20 + 24 * index))
    return "\n".join([*parts, "</svg>"])


def _log(value: float) -> float:
    return math.log10(value)


def _floor_log(value: float) -> int:
    return math.floor(math.log10(value))


def _axes(x, y, x_range, y_range, x_end: float, top: float) -> list[str]:
    parts = []
    for power in range(int(x_range[0]), int(x_range[1]) + 1):
        px = x(10**power)
        parts.append(f'<line x1="{px:.1f}" y1="{y(10 ** y_range[0]):.1f}" x2="{px:.1f}" y2="{top}" stroke-opacity="0.15"/>')
        parts.append(f'<text x="{px:.1f}" y="{y(10 ** y_range[0]) + 20:.1f}" fill="currentColor" stroke="none" '
                     f'text-anchor="middle" font-size="13">{10**power:,}</text>')
    for power in range(y_range[0], y_range[1] + 1):
        py = y(10**power)
        parts.append(f'<line x1="{x(10 ** x_range[0]):.1f}" y1="{py:.1f}" x2="{x_end:.1f}" y2="{py:.1f}" stroke-opacity="0.15"/>')
        parts.append(f'<text x="{x(10 ** x_range[0]) - 8:.1f}" y="{py + 4:.1f}" fill="currentColor" stroke="none" '
                     f'text-anchor="end" font-size="13">{10.0**power:g} s</text>')
    parts.append(f'<text x="{(x(10) + x_end) / 2:.1f}" y="{y(10 ** y_range[0]) + 42:.1f}" fill="currentColor" '
                 f'stroke="none" text-anchor="middle" font-size="13">records</text>')
    return parts


def _series(coords: list[tuple[float, float]], label: str, dash: str, marker: str, legend: tuple[float, float]) -> list[str]:
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    path = " ".join(f"{px:.1f},{py:.1f}" for px, py in coords)
    lx, ly = legend
    parts = [f'<polyline points="{path}" stroke-width="2"{dashed}/>']
    parts += [_marker(marker, px, py) for px, py in [*coords, (lx + 12, ly)]]
    parts.append(f'<line x1="{lx:.1f}" y1="{ly:.1f}" x2="{lx + 24:.1f}" y2="{ly:.1f}" stroke-width="2"{dashed}/>')
    parts.append(f'<text x="{lx + 32:.1f}" y="{ly + 4:.1f}" fill="currentColor" stroke="none" font-size="13">{label}</text>')
    return parts


def _marker(shape: str, px: float, py: float) -> str:
    if shape == "circle":
        return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="4" fill="currentColor"/>'
    if shape == "square":
        return f'<rect x="{px - 4:.1f}" y="{py - 4:.1f}" width="8" height="8" fill="currentColor"/>'
    if shape == "triangle":
        return f'<polygon points="{px:.1f},{py - 5:.1f} {px - 5:.1f},{py + 4:.1f} {px + 5:.1f},{py + 4:.1f}"/>'
    return f'<polygon points="{px:.1f},{py - 5:.1f} {px + 5:.1f},{py:.1f} {px:.1f},{py + 5:.1f} {px - 5:.1f},{py:.1f}"/>'


def _chart_description(points: list[Results]) -> str:
    lines = []
    for measure, label, *_ in SERIES:
        values = "; ".join(f"{r.case.records:,} records {fmt(r.median(measure))} s" for r in points)
        lines.append(f"{label}: {values}.")
    return " ".join(lines)


def results_table(all_results: list[Results]) -> list[str]:
    head = ("Records", "Pages", "check s", "generate s", "no-op s (files)", "edit s (files)", "build s (English alone)",
            "peak MiB", "output MiB", "bytes/page", "largest page", "search index MiB",
            "edit→served s (rebuilds)", "--dirty s (rebuilds)", "load")
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in all_results:
        site: SiteSize = r.facts["site"]
        rows.append("| " + " | ".join((
            f"{r.case.records:,}" + (" (real)" if r.case.label == "real" else ""), f"{site.pages:,}",
            fmt(r.median("check_s")), fmt(r.median("generate_s")),
            f"{fmt(r.median('noop_s'))} ({r.median('noop_written'):.0f})",
            f"{fmt(r.median('edit_s'))} ({r.median('edit_written'):.0f})",
            f"{fmt(r.median('build_s'), 1)} ({fmt(r.median('build_en_s'), 1)})",
            fmt(r.median("build_peak_mb"), 0), fmt(site.bytes / 2**20, 1), f"{site.html_bytes // site.pages:,}",
            f"{site.largest_bytes / 1024:,.0f} KiB ({site.largest_page})", fmt(site.search_index / 2**20, 1),
            f"{fmt(r.median('serve_s'))} ({fmt(r.median('serve_rebuilds'), 0)})",
            f"{fmt(r.median('serve_dirty_s'))} ({fmt(r.median('serve_dirty_rebuilds'), 0)})", fmt(r.facts["load"], 1))) + " |")
    return rows


def reference_table(all_results: list[Results]) -> list[str]:
    head = ("Records", "English build s (ours / plain / ratio)", "peak MiB (ours / plain / ratio)",
            "bytes/page (ours / plain / ratio)", "edit→served s (ours / plain / ratio)")
    rows = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    for r in all_results:
        ours, plain = r.facts["site"], r.facts["ref_site"]
        triples = ((r.median("build_en_s"), r.median("ref_build_s")), (r.median("build_peak_mb"), r.median("ref_peak_mb")),
                   (ours.html_bytes / ours.pages, plain.html_bytes / plain.pages), (r.median("serve_s"), r.median("ref_serve_s")))
        cells = [f"{fmt(a, d)} / {fmt(b, d)} / ×{a / b:.2f}" for (a, b), d in zip(triples, (1, 0, 0, 2), strict=True)]
        rows.append(f"| {r.case.records:,} | " + " | ".join(cells) + " |")
    return rows


PREVIEW_NOTES = (
    "- `mkdocs serve` rebuilds every page on each change; only `--dirty` limits the rebuild to pages",
    "  whose Markdown changed (and then the navigation and search index may be stale).",
    "- Before each rebuild the hook runs the whole generator (load, validate, render every page), even",
    "  when one record changed; a no-op run costs about as much as a full one.",
    "- The pages the generator writes are under `docs/`, which `serve` watches: one data edit causes a",
    "  second rebuild (the *rebuilds* column), and the server holds requests while a rebuild is pending.",
    "- The watcher polls (every 0.5 s) every file under `docs/`, `data/` and `scripts/`.",
)


def report(all_results: list[Results], weights: dict[str, tuple[Weight, Weight]], info: dict[str, str], runs: str) -> str:
    lines = ["# Performance { #top }", "",
             "How the site's build and live preview scale with the size of the record, measured by",
             f"`make bench` (`scripts/bench.py`), median of {runs}. Raw numbers: [performance.csv](performance.csv).",
             "Synthetic data sets have the real data's shape (events with participants and statements, people",
             "who recur, figures, quotations and sources cited by a few records each) and pass validation.", "",
             "## Machine { #machine }", "", "| Item | Value |", "| --- | --- |"]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    lines += ["", "## Targets { #targets }", "", "| Target | Measured | Result |", "| --- | --- | --- |"]
    lines += [f"| {t} | {m} | {v} |" for t, m, v in targets(all_results, weights)]
    lines += ["", "## Results { #results }", "",
              "Times in seconds. *check*, *generate*, *no-op* and *edit* are the generator alone (import",
              "included) rendering the three editions; *build* is `make build` from clean without its output",
              "checks (the generator, `mkdocs build --strict` of the English, Russian and Chinese editions, the",
              "search index), with the English edition's build alone in brackets; *edit→served* is from saving a",
              "person's record to their page being served with the new name by `mkdocs serve` (*--dirty*: as",
              "`make serve` runs it, previewing the three editions).", ""]
    lines += results_table(all_results)
    lines += ["", "## Against plain MkDocs + Material { #reference }", "",
              "The same pages as hand-written Markdown, with the same theme features, navigation,",
              "extensions and search, but without the generator hook and the theme overrides.", ""]
    lines += reference_table(all_results)
    lines += ["", "## What stands in the way of a near-instant preview { #preview }", "", *PREVIEW_NOTES]
    lines += ["", "## Chart { #chart }", "", "<figure>", chart(all_results),
              "<figcaption>Seconds against records, both axes logarithmic: a straight line of slope 1 is linear "
              "growth.</figcaption>", "</figure>", ""]
    return "\n".join(lines)


def raw_csv(all_results: list[Results]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("data_set", "records", "measure", "run", "value"))
    for r in all_results:
        for measure, values in r.samples.items():
            writer.writerows((r.case.label, r.case.records, measure, i + 1, f"{v:.4f}") for i, v in enumerate(values))
        for key in ("site", "ref_site"):
            for name, value in vars(r.facts[key]).items():
                writer.writerow((r.case.label, r.case.records, f"{key}_{name}", 1, value))
    return out.getvalue()


# --- Main ----------------------------------------------------------------------------------


def runs_for(label: str, args: argparse.Namespace) -> int:
    return args.large_runs if label.isdigit() and int(label) >= 10_000 else args.runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10,100,1000,10000", help="synthetic sizes, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each measure (median taken)")
    parser.add_argument("--large-runs", type=int, default=1,
                        help="runs at 10,000 records or more, where one build takes minutes")
    args = parser.parse_args(argv)
    info = machine()
    print("Benchmark on " + "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    with tempfile.TemporaryDirectory(prefix="scosite-bench-") as workdir:
        labels = ["real", *[s.strip() for s in args.sizes.split(",") if s.strip()]]
        runs = f"{args.runs} runs" + (f" ({args.large_runs} at 10,000 records or more)" if args.large_runs != args.runs else "")
        all_results: list[Results] = []
        for label in labels:  # the report is rewritten after each size, so a long run keeps what it has
            all_results.append(measure_case(make_case(label, Path(workdir)), runs_for(label, args)))
            REPORT.write_text(report(all_results, all_results[0].facts["weights"], info, runs), encoding="utf-8")
            RAW.write_text(raw_csv(all_results), encoding="utf-8")
            print(f"Report: {REPORT.relative_to(ROOT)}; raw numbers: {RAW.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
