"""Measuring one data set: the generator's stages, the full build against plain MkDocs +
Material, search in the browser, page weight and the live preview.

Every wait has a ceiling that grows with the number of records (``CEILINGS``); a measure that
reaches it is recorded as unsettled ("did not settle in N s") and the benchmark moves on.
"""

from __future__ import annotations

import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.serving import PROGRESS_EVERY, NotSettled, Say, serve_flags

from scosite.build.steps import DONE
from scosite.settings import Project

from .project import Case, clean_generated, edit_person, reference_configs, set_aside

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


# The longest each kind of wait may take, in seconds: a base plus so much per record.
CEILINGS = {
    "stage": (60, 0.03),
    "build": (180, 0.1),
    "serve_start": (120, 0.08),
    "served": (20, 0.01),  # from a save to the page served: targets are seconds, so a generous multiple
    "plain_served": (30, 0.05),  # plain `mkdocs serve` rebuilds every page on a save
}


def ceiling_of(kind: str, records: int) -> float:
    base, per_record = CEILINGS[kind]
    return base + per_record * records


@dataclass
class Results:
    """Every run of every measure for one data set: ``samples[measure] = [values]``;
    ``unsettled[measure]``: the ceiling, in seconds, that a measure reached."""

    case: Case
    samples: dict[str, list[float]] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)
    unsettled: dict[str, float] = field(default_factory=dict)

    def add(self, measure: str, value: float) -> None:
        self.samples.setdefault(measure, []).append(value)

    def median(self, measure: str) -> float:
        return statistics.median(self.samples[measure]) if self.samples.get(measure) else float("nan")


def say_for(case: Case) -> Say:
    return lambda message: print(f"[{case.label:>5}] {message}", flush=True)


# --- Running commands ------------------------------------------------------------------------


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    output: str


def run(command: list[str], cwd: Path, ceiling: float, say: Say | None = None) -> Run:
    """Run a command to completion: wall time, and the peak resident memory of the largest of
    that process and its descendants. ``NotSettled`` (the command killed) at ``ceiling``."""
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=ENV | {"PYTHONPATH": str(cwd / "scripts")},
                                   stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        ended: dict[str, Any] = {}
        waiter = threading.Thread(target=lambda: ended.update(result=os.wait4(process.pid, 0)), daemon=True)
        waiter.start()
        what = " ".join(Path(part).name if "/" in part else part for part in command[:6])
        _join(waiter, process, start, ceiling, what, say)
        _, status, usage = ended["result"]
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    if process.returncode:
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{output[-4000:]}")
    return Run(seconds, usage.ru_maxrss * 1024, output)


def _join(waiter: threading.Thread, process: subprocess.Popen, start: float, ceiling: float, what: str,
          say: Say | None) -> None:
    """Wait for the command's end, reporting every ~10 s; kill it (and its children) at ``ceiling``."""
    while waiter.is_alive():
        elapsed = time.perf_counter() - start
        if elapsed >= ceiling:
            os.killpg(process.pid, signal.SIGKILL)
            waiter.join()
            raise NotSettled(what, ceiling)
        waiter.join(timeout=min(PROGRESS_EVERY, ceiling - elapsed))
        if waiter.is_alive() and say:
            say(f"still running: {what} ({time.perf_counter() - start:.0f} s of at most {ceiling:.0f} s)")


def stage(project: Path, name: str, ceiling: float, say: Say | None = None) -> dict[str, Any]:
    """One generator stage in a fresh interpreter (see ``bench.stage``)."""
    done = run([sys.executable, "-m", "bench.stage", name, str(project)], project, ceiling, say)
    return json.loads(done.output.strip().splitlines()[-1])


def build_ours(project: Path, ceiling: float, say: Say | None = None) -> Run:
    """`make build` from clean: the project's own build path (generator, every edition, the
    search index, the output checks), however it runs the editions."""
    return run([sys.executable, "-m", "scosite", "build", "--root", str(project)], project, ceiling, say)


def build_steps(output: str) -> dict[str, tuple[float, float]]:
    """Each step `scosite build` reported (``scosite.build.steps``): its seconds and peak MiB."""
    return {m["what"]: (float(m["seconds"]), float(m["mib"])) for m in DONE.finditer(output)}


def build_plain(configs: list[Path], site: Path, ceiling: float, say: Say | None = None) -> Run:
    """Plain MkDocs + Material: each edition's build, one after another (English at the root)."""
    runs = []
    for config in configs:
        lang = config.name.split(".")[1] if config.name.count(".") == 2 else ""
        command = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config),
                   "--site-dir", str(site / lang)]
        runs.append(run(command, config.parent, ceiling - sum(r.seconds for r in runs), say))
    return Run(sum(r.seconds for r in runs), max(r.peak_bytes for r in runs), "".join(r.output for r in runs))


# --- What a build made -------------------------------------------------------------------------


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
    indexes = list(site.glob("**/pagefind")) or list(site.glob("**/search"))  # each edition's, or Material's
    return SiteSize(sum(p.stat().st_size for p in files), len(pages), sum(pages.values()), largest, pages[largest],
                    sum(p.stat().st_size for index in indexes for p in index.rglob("*") if p.is_file()))


def pages_showing(project: Path, text: str) -> set[str]:
    """The generated pages (Markdown, every edition) whose text contains ``text``."""
    output = Project(project).editions
    return {p.relative_to(output).as_posix() for p in output.rglob("*.md") if text in p.read_text(encoding="utf-8")}


def check_edit(results: Results, project: Path, written: list[str], new_name: str) -> None:
    """Pages written must be exactly the pages showing the edited name; other files are listed."""
    pages = {w for w in written if w.endswith(".md")}
    results.facts["edit_exact"] = results.facts.get("edit_exact", True) and pages == pages_showing(project, new_name)
    results.facts["edit_other_files"] = sorted(set(written) - pages)


# --- The measures ------------------------------------------------------------------------------


def unsettled(results: Results, measure: str, err: NotSettled, say: Say) -> None:
    results.unsettled[measure] = err.ceiling
    say(f"{measure}: did not settle in {err.ceiling:.0f} s; moving on")


def measure_generator(case: Case, results: Results, runs: int, say: Say) -> None:
    ceiling = ceiling_of("stage", case.records)
    for attempt in range(runs):
        results.add("check_s", stage(case.project, "check", ceiling, say)["seconds"])
        clean_generated(case.project)
        full = stage(case.project, "generate", ceiling, say)
        noop = stage(case.project, "generate", ceiling, say)
        new_name = f"{case.name} Edited{attempt}"
        edit_person(case, new_name)
        edited = stage(case.project, "generate", ceiling, say)
        results.add("generate_s", full["seconds"])
        results.add("noop_s", noop["seconds"])
        results.add("noop_written", len(noop["written"]))
        results.add("edit_s", edited["seconds"])
        results.add("edit_written", sum(w.endswith(".md") for w in edited["written"]))
        check_edit(results, case.project, edited["written"], new_name)
        say(f"check {results.samples['check_s'][-1]:.2f} s, generate {full['seconds']:.2f} s "
            f"({len(full['written'])} files), no-op {noop['seconds']:.2f} s ({len(noop['written'])} written), "
            f"edit {edited['seconds']:.2f} s ({len(edited['written'])} written)")
    edit_person(case, case.name)
    results.facts["pages_generated"] = len(full["written"])


def measure_builds(case: Case, results: Results, runs: int, say: Say) -> None:
    """`make build` from clean against plain MkDocs + Material, in turn, in the same run."""
    ceiling = ceiling_of("build", case.records)
    for attempt in range(runs):
        clean_generated(case.project)
        try:
            ours = build_ours(case.project, ceiling, say)
        except NotSettled as err:
            return unsettled(results, "build_s", err, say)
        results.add("build_s", ours.seconds)
        results.add("build_peak_mb", ours.peak_bytes / 2**20)
        for what, (seconds, mib) in build_steps(ours.output).items():
            results.add(f"step_s:{what}", seconds)
            results.add(f"step_mb:{what}", mib)
        if attempt == 0:
            results.facts["plain_configs"] = reference_configs(case)
            results.facts["site"] = site_size(case.project / "site")
        say(f"make build {ours.seconds:.1f} s, peak {ours.peak_bytes / 2**20:.0f} MiB")
        set_aside(case.reference / "site")  # (MkDocs would delete the last run's pages first)
        try:
            plain = build_plain(results.facts["plain_configs"], case.reference / "site", ceiling, say)
        except NotSettled as err:
            return unsettled(results, "ref_build_s", err, say)
        results.add("ref_build_s", plain.seconds)
        results.add("ref_peak_mb", plain.peak_bytes / 2**20)
        say(f"plain MkDocs + Material, three editions {plain.seconds:.1f} s, peak {plain.peak_bytes / 2**20:.0f} MiB")
    results.facts["ref_site"] = site_size(case.reference / "site")


# --- The live preview ---------------------------------------------------------------------------

def measure_preview(case: Case, results: Results, runs: int, say: Say) -> None:
    """Edit → served with `make serve` (one edition, the English) at every size, and plain
    `mkdocs serve` of the reference (below 10,000 records: it rebuilds every page)."""
    edit_person(case, case.name)
    preview(case, results, "serve_dirty_s", (case.project, serve_flags(), None),
            _edit_data(case, "Dirty"), runs, ceiling_of("served", case.records), say)
    edit_person(case, case.name)
    if case.records < 10_000 and "plain_configs" in results.facts:
        preview(case, results, "ref_serve_s", (case.reference, ["--livereload"], None),
                _edit_reference(case), runs, ceiling_of("plain_served", case.records), say)


def preview(case: Case, results: Results, measure: str, server: tuple[Path, list[str], dict[str, str] | None],
            edit, runs: int, ceiling: float, say: Say) -> None:
    from .serving import running, serve_reloads

    try:
        start_ceiling = ceiling_of("serve_start", case.records)
        with running(*server, ceiling=start_ceiling, say=say) as started:
            for seconds, rebuilds in serve_reloads(started, edit, f"people/{case.person}/", runs, ceiling, start_ceiling):
                results.add(measure, seconds)
                results.add(measure.replace("_s", "_rebuilds"), rebuilds)
    except NotSettled as err:
        return unsettled(results, measure, err, say)
    say(f"{measure}: {', '.join(f'{s:.2f}' for s in results.samples[measure])} s, "
        f"rebuilds per edit: {results.samples[measure.replace('_s', '_rebuilds')]}")


def _edit_data(case: Case, tag: str):
    def edit(attempt: int) -> str:
        edit_person(case, f"{case.name} {tag}{attempt}")
        return f"{case.name} {tag}{attempt}"
    return edit


def _edit_reference(case: Case):
    """Rename the person in their page of the plain reference (hand-written Markdown there)."""
    shown = {"text": case.name}

    def edit(attempt: int) -> str:
        path = case.reference / "docs" / "en" / "people" / f"{case.person}.md"
        new = f"{case.name} Plain{attempt}"
        path.write_text(path.read_text(encoding="utf-8").replace(shown["text"], new), encoding="utf-8")
        shown["text"] = new
        return new
    return edit


# --- One data set ------------------------------------------------------------------------------


def measure_case(case: Case, runs: int) -> Results:
    from .search import measure_search
    from .weight import weigh_real_site

    results, say = Results(case), say_for(case)
    results.facts["load"] = os.getloadavg()[0]
    say(f"{case.records} records in {case.project}; load average {results.facts['load']:.2f}")
    measure_generator(case, results, runs, say)
    measure_builds(case, results, runs, say)
    if (case.project / "site").is_dir() and "build_s" in results.samples:
        measure_search(case, results, say)
        if case.label == "real":
            results.facts["weights"] = weigh_real_site(case.project, case.project.parent)
    measure_preview(case, results, runs, say)
    return results
