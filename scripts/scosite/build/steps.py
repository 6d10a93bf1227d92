"""The build after the generator, as processes: each edition built by the engine, then, as
soon as it is built, what reads it (its search index and the output checks), while the other
editions are still being built.

Each edition is built into a folder of its own and the three are put together (English at
the root, the others under ``ru/`` and ``zh/``) once every step has passed: no engine cleans
a folder another is writing into, and each step reads only its edition. Every step runs in a
process of its own, at most one per processor at a time, so the time and the peak memory
said for a step are that step's own. (The output checks share an edition's pages among
processes of their own, one per processor: a processor that the other steps leave idle at
the end, while the last edition is checked, takes a part.)
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path

from ..settings import Project

SCRIPTS = Path(__file__).resolve().parents[2]
# The engines that build the site from docs/ and mkdocs.yml, as commands.
ENGINES = {"mkdocs": [sys.executable, "-m", "mkdocs"], "properdocs": [sys.executable, "-m", "properdocs"]}

Step = tuple[str, list[str]]  # what it is (shown with its time), and its command


@dataclasses.dataclass(frozen=True)
class StepResult:
    """A finished build step: its exit status, its output, how long it took, and the most
    memory its process held (bytes; None where the system does not say)."""

    what: str
    command: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_memory: int | None

    def describe(self) -> str:
        """One line, as ``DONE`` reads it back (the benchmark does)."""
        memory = f", peak memory {self.peak_memory / 2**20:.0f} MiB" if self.peak_memory else ""
        return f"{self.what}: {'failed' if self.returncode else 'done'} in {self.seconds:.1f} s{memory}"


# A passed step's line (``StepResult.describe``): what, seconds, peak MiB.
DONE = re.compile(r"^(?P<what>[A-Z][\w ]+): done in (?P<seconds>[\d.]+) s, peak memory (?P<mib>\d+) MiB$", re.M)


def with_package(env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with this package importable by a step (``python -m scosite``)."""
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(SCRIPTS), env.get("PYTHONPATH")]))}


def edition_steps(project: Project, folder: Path, lang: str, engine: str = "mkdocs", checks: bool = False) -> list[Step]:
    """One edition's steps in order: the engine's strict build into ``folder``, then its search
    index (Pagefind's bundle in ``folder/pagefind/``) and, with ``checks``, the output checks."""
    from .editions import config_path

    # Not --quiet: it hides warnings from MkDocs' own counter, and --strict would pass them.
    steps = [(f"Edition {lang}", [*ENGINES[engine], "build", "--strict", "--config-file",
                                  str(config_path(project, lang)), "--site-dir", str(folder)]),
             (f"Search index {lang}", [sys.executable, str(SCRIPTS / "scosite" / "build" / "search.py"), str(folder)])]
    if checks:
        steps.append((f"Output checks {lang}", [sys.executable, "-m", "scosite", "check-site", str(folder),
                                                "--edition", lang, "--root", str(project.root)]))
    return steps


def run_step(what: str, command: list[str], cwd: Path, env: Mapping[str, str], timeout: float | None = None,
             capture: bool = True) -> StepResult:
    """One step in a process of its own, its output kept (in files, which cannot fill up as a
    pipe can) to be shown in one piece; ``capture=False``: shown as it comes (a progress bar)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out if capture else None,
                                   stderr=err if capture else None)
        timer = threading.Timer(timeout, process.kill) if timeout else None
        if timer:
            timer.start()
        peak = None
        try:
            if hasattr(os, "wait4"):  # Unix: the process's own resource usage
                _, status, usage = os.wait4(process.pid, 0)
                process.returncode = os.waitstatus_to_exitcode(status)
                peak = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)  # bytes on macOS, KiB elsewhere
            else:
                process.wait()
        finally:
            if timer:
                timer.cancel()
        out.seek(0)
        err.seek(0)
        return StepResult(what, command, process.returncode, out.read().decode("utf-8", "replace"),
                          err.read().decode("utf-8", "replace"), time.perf_counter() - started, peak)


def run_build_steps(project: Project, site: Path, engine: str = "mkdocs", env: Mapping[str, str] | None = None,
                    done: Callable[[StepResult], None] | None = None, timeout: float | None = None,
                    jobs: int | None = None, checks: bool = False) -> list[StepResult]:
    """Every edition's steps (``edition_steps``), at most ``jobs`` processes at a time (default:
    one per processor): the editions' builds first, each edition's later steps queued as soon
    as it is built. When every step passed, the editions are put together in ``site``;
    otherwise ``site`` is left as it was. ``done`` is called with each step as it finishes; the
    results come back in the steps' order. ``env`` adds to (or overrides) this process's
    environment."""
    from ..data.i18n import EDITIONS, PREFIX

    environment = with_package({**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": project.site_url, **(env or {})})
    site.parent.mkdir(parents=True, exist_ok=True)
    parts = Path(tempfile.mkdtemp(prefix=f"{site.name}-editions-", dir=site.parent))
    try:
        plans = {lang: edition_steps(project, parts / lang, lang, engine, checks) for lang in EDITIONS}
        finished = run_plans(plans, project.root, environment, done, timeout, jobs)
        results = [finished[what] for plan in plans.values() for what, _ in plan if what in finished]
        if len(results) == sum(map(len, plans.values())) and not any(r.returncode for r in results):
            assemble(site, {PREFIX[lang]: parts / lang for lang in EDITIONS})
        return results
    finally:
        shutil.rmtree(parts, ignore_errors=True)


def run_plans(plans: dict[str, list[Step]], cwd: Path, env: Mapping[str, str],
               done: Callable[[StepResult], None] | None, timeout: float | None,
               jobs: int | None) -> dict[str, StepResult]:
    """Each plan's first step at once (the pool runs them in turn), each later one once the
    step before it has passed; the results by what they are."""
    finished: dict[str, StepResult] = {}
    workers = max(1, min(len(plans), jobs or os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        def start(lang: str, index: int) -> Future[StepResult]:
            return pool.submit(run_step, *plans[lang][index], cwd, env, timeout)

        pending = {start(lang, 0): (lang, 0) for lang in plans}
        while pending:
            complete, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in complete:
                lang, index = pending.pop(future)
                result = future.result()
                finished[result.what] = result
                if done:
                    done(result)
                if result.returncode:
                    continue
                if index == 0:  # built: everything that reads the edition may start
                    pending.update({start(lang, later): (lang, later) for later in range(1, len(plans[lang]))})
    return finished


def assemble(site: Path, parts: dict[str, Path]) -> None:
    """Each edition's folder moved into ``site`` at its prefix ('' for the root), after what
    ``site`` held is removed (as the engine cleans its folder: all but hidden files)."""
    site.mkdir(parents=True, exist_ok=True)
    for entry in site.iterdir():
        if entry.name.startswith("."):
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()
    for prefix, folder in sorted(parts.items()):  # the root first: the others go inside it
        if prefix:
            folder.rename(site / prefix.rstrip("/"))
            continue
        for entry in folder.iterdir():
            entry.rename(site / entry.name)


def show_step(result: StepResult) -> None:
    """A finished step's output in one block (steps running at once do not interleave), then
    one line with its time."""
    sys.stdout.write(result.stdout)
    sys.stdout.flush()
    sys.stderr.write(result.stderr)
    sys.stderr.flush()
    print(result.describe(), file=sys.stderr if result.returncode else sys.stdout, flush=True)
