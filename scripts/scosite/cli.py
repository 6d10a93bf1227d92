"""Command line: ``python -m scosite COMMAND`` (the Makefile wraps each command).

    check      validate every data file; write nothing
    generate   check, then write the Markdown pages under docs/
    build      generate, build the site with MkDocs (strict) into a staging folder, and
               only if that succeeds replace site/ with it
    schemas    write the JSON Schemas for editors (--check: fail if they are stale)

Exit status: 0 success, 1 problems in the data or the build, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .pipeline import Project, generate, validate
from .problems import Problem, summary
from .schemas import write_schemas
from .write import BusyError

ROOT = Path(__file__).resolve().parents[2]


def report(problems: list[Problem]) -> None:
    for problem in sorted(problems):
        print(problem.format(), file=sys.stderr)
    print(summary(problems), file=sys.stderr)


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    start = time.perf_counter()
    data, problems = validate(project)
    if problems:
        report(problems)
        return 1
    count = sum(len(r) for r in data.records.values())
    print(f"OK: {count} records checked, no problems ({time.perf_counter() - start:.2f} s)")
    return 0


def cmd_generate(project: Project, args: argparse.Namespace) -> int:
    result, problems = generate(project)
    if problems or result is None:
        report(problems)
        return 1
    print(f"Pages: {result.describe()}")
    return 0


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    """Build into a fresh folder; swap it in as site/ only when MkDocs succeeded."""
    status = cmd_generate(project, args)
    if status:
        return status
    cache = project.root / ".cache"
    cache.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix="site-", dir=cache))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(staging)]
    done = subprocess.run(command, cwd=project.root, env=env, check=False)
    if done.returncode:
        shutil.rmtree(staging, ignore_errors=True)
        print("The site was not built; site/ is unchanged.", file=sys.stderr)
        return 1
    swap(staging, project.root / "site")
    print("Site built in site/")
    return 0


def swap(staging: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def cmd_schemas(project: Project, args: argparse.Namespace) -> int:
    stale = write_schemas(project.root / "data" / "schemas", check=args.check)
    if args.check and stale:
        for name in stale:
            print(f"data/schemas/{name}: out of date with the models; run 'make schemas'", file=sys.stderr)
        return 1
    print("Schemas " + ("are up to date" if args.check else f"written ({len(stale)} changed)"))
    return 0


COMMANDS = {"check": cmd_check, "generate": cmd_generate, "build": cmd_build, "schemas": cmd_schemas}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scosite", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=sorted(COMMANDS))
    parser.add_argument("--check", action="store_true", help="schemas: fail if a committed schema is stale")
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (default: this repository)")
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](Project(args.root.resolve()), args)
    except BusyError as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted; the previous pages are unchanged.", file=sys.stderr)
        return 2
