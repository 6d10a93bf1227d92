"""Command line: ``scosite COMMAND`` (or ``python -m scosite COMMAND``; the Makefile wraps
each command). ``scosite --help`` lists the commands, ``scosite COMMAND --help`` their options.

Exit status: 0 success, 1 problems in the data or the build, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .build.fingerprint import nothing_to_do
from .build.lock import BusyError, exclusive
from .build.steps import ENGINES, run_build_steps, run_step, show_step, with_package
from .settings import EDITIONS, Project

# The rest is imported by the commands that need it: `generate` with nothing to do answers
# from the fingerprint alone, without loading pydantic, Jinja and the models.

ROOT = Path(__file__).resolve().parents[2]


def report(problems: list) -> None:
    from .data.problems import summary

    for problem in sorted(problems):
        print(problem.format(), file=sys.stderr)
    print(summary(problems), file=sys.stderr)


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    """Every problem in the data (exit 1 if any); then how much is translated, as warnings
    (with --missing ru: each text not yet translated into Russian, or outdated)."""
    from .build.generator import validate
    from .data import latin, translations
    from .tools import stamping

    start = time.perf_counter()
    data, problems = validate(project)
    if problems:
        report(problems)
        return 1
    count = sum(len(r) for r in data.records.values())
    print(f"OK: {count} records checked, no problems ({time.perf_counter() - start:.2f} s)")
    latin_runs = latin.warnings(data)
    for lang in args.missing:
        for problem in [*translations.gaps(data, lang), *latin_runs.get(lang, [])]:
            print(problem.format(), file=sys.stderr)
    for problem in translations.term_gaps(data):
        print(problem.format(), file=sys.stderr)
    for problem in stamping.page_gaps(project.docs, project.root):
        print(problem.format(), file=sys.stderr)
    totals = translations.status(data)
    for lang in EDITIONS:  # (English: our translations of quotations in other languages)
        missing = sum(c[lang].missing for c in totals.values() if lang in c)
        outdated = sum(c[lang].outdated for c in totals.values() if lang in c)
        total = sum(c[lang].total for c in totals.values() if lang in c)
        if missing or outdated:
            print(f"warning: {lang}: {missing} of {total} texts not yet translated, {outdated} outdated "
                  f"(list them: make check MISSING={lang})", file=sys.stderr)
    for lang, found in latin_runs.items():
        if found:
            print(f"warning: {lang}: {len(found)} runs of Latin words inside {lang} texts "
                  f"(list them: make check MISSING={lang})", file=sys.stderr)
    return 0


def cmd_generate(project: Project, args: argparse.Namespace) -> int:
    unchanged = nothing_to_do(project)
    if unchanged is not None:
        print(f"Generated files: 0 written, 0 removed, {unchanged} unchanged (nothing changed since the last run)")
        return 0
    from .build.generator import Progress, generate

    result, problems = generate(project, Progress(sys.stdout))
    if problems or result is None:
        report(problems)
        return 1
    print(f"Generated files: {result.describe()}")
    return 0


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    """Build into a fresh folder; swap it in as site/ only when MkDocs and the checks passed.
    The generator runs in a process of its own, as every later step does: this one stays
    small, and each step's peak memory is its own."""
    # On a terminal its progress bar is shown as it runs; elsewhere its lines come in one piece.
    generator = run_step("Generator", [sys.executable, "-m", "scosite", "generate", "--root", str(project.root)],
                         project.root, with_package(os.environ), capture=not sys.stdout.isatty())
    show_step(generator)
    if generator.returncode:
        return generator.returncode
    cache = project.root / ".cache"
    cache.mkdir(exist_ok=True)
    with exclusive(cache / "site.lock"):
        for leftover in cache.glob("site-*"):  # from a build that was interrupted
            shutil.rmtree(leftover, ignore_errors=True)
        staging = Path(tempfile.mkdtemp(prefix="site-", dir=cache))
        try:
            if not build_into(project, staging, args.engine):
                print("The site was not built; site/ is unchanged.", file=sys.stderr)
                return 1
            swap(staging, project.root / "site")
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    print("Site built in site/")
    return 0


def build_into(project: Project, staging: Path, engine: str = "mkdocs") -> bool:
    """Every build step into ``staging``: each edition, its search index and its output checks."""
    results = run_build_steps(project, staging, engine, done=show_step, checks=True)
    return bool(results) and not any(r.returncode for r in results)


# --dirty: a save rebuilds only the pages the generator rewrote (about 1 s for this site).
SERVE_FLAGS = ["--livereload", "--no-strict", "--dirty"]
PORT = 8000  # English; each other edition on the port after the one before (scosite.engine.plugin)


def serve_flags(edition: str = "en") -> list[str]:
    """How `make serve` runs the engine's server for an edition."""
    from .data.i18n import EDITIONS

    return [*SERVE_FLAGS, "--dev-addr", f"127.0.0.1:{PORT + EDITIONS.index(edition)}"]


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    """The live preview of one edition: the engine's server, with the generator in its plugin
    (English at http://127.0.0.1:8000, Russian at :8001/ru/, Chinese at :8002/zh/: run one for each
    edition you want; the language switcher leads to the others). The generator runs first: it
    writes the edition's tree and configuration (with bad data, the preview starts from the
    last good pages, if there are any)."""
    from .build.editions import config_path

    edition = "en" if args.edition == "all" else args.edition
    status = cmd_generate(project, args)
    if status and not (project.editions / edition).is_dir():
        return status
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [*ENGINES["mkdocs"], "serve", *serve_flags(edition), "--config-file", str(config_path(project, edition))]
    try:
        return subprocess.run(command, cwd=project.root, env=env, check=False).returncode
    except KeyboardInterrupt:  # Ctrl+C is how a preview ends
        return 0


def with_origin(problem, project: Project):
    """A problem in a built page, with the data file the page is made from as its hint (the
    data check catches what data can break; a problem left here is the site code's)."""
    import dataclasses

    from .data.i18n import TRANSLATED

    parts = problem.path.split("/")
    if parts[0] in TRANSLATED:
        parts = parts[1:]
    if len(parts) == 3 and parts[2] == "index.html":
        origin = project.data / parts[0] / f"{parts[1]}.yml"
        if origin.is_file() and not problem.hint:
            return dataclasses.replace(problem, hint=f"the page is made from data/{parts[0]}/{parts[1]}.yml; "
                                                     "if the data is right, this is a bug in the site code")
    return problem


def cmd_check_site(project: Project, args: argparse.Namespace) -> int:
    """The output checks (scosite.build.outputcheck) over an already built folder: the whole site,
    or (--edition ru) a folder holding that edition alone, its pages named as in the site."""
    folder = args.folder or project.root / "site"
    if not folder.is_dir():
        print(f"{folder}: no such folder; run `make build` first", file=sys.stderr)
        return 2
    from .build.outputcheck import check_site
    from .data.i18n import PREFIX

    problems = check_site(folder, prefix="" if args.edition == "all" else PREFIX[args.edition])
    if problems:
        report([with_origin(p, project) for p in problems])
        return 1
    print(f"OK: {sum(1 for _ in folder.rglob('*.html'))} pages checked, no problems")
    return 0


def swap(staging: Path, site: Path) -> None:
    old = site.with_name(f".{site.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    shutil.rmtree(old, ignore_errors=True)


def cmd_schemas(project: Project, args: argparse.Namespace) -> int:
    from .data.schemas import write_schemas

    stale = write_schemas(project.root / "data" / "schemas", check=args.check)
    if args.check and stale:
        for name in stale:
            print(f"data/schemas/{name}: out of date with the models; run 'make schemas'", file=sys.stderr)
        return 1
    print("Schemas " + ("are up to date" if args.check else f"written ({len(stale)} changed)"))
    return 0


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    """Create data/<collection>/<id>.yml with every field to fill in, named by its id."""
    from .data.load import check_file_name, rel
    from .data.modeldocs import find_collection, scaffold
    from .data.models import COLLECTIONS

    kind, record_id = args.kind, args.id
    collection = find_collection(kind)
    if collection is None:
        kinds = ", ".join(c.singular for c in COLLECTIONS)
        print(f"unknown kind '{kind}'; use one of: {kinds}", file=sys.stderr)
        return 2
    target = project.data / collection.name / f"{record_id}.yml"
    problems = check_file_name(target, rel(target, project.root))
    if problems:
        report(problems)
        return 1
    if target.exists():
        print(f"{rel(target, project.root)} already exists; edit it instead", file=sys.stderr)
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(scaffold(collection, record_id), encoding="utf-8")
    print(f"Created {rel(target, project.root)}: fill it in, then run `make check`.")
    return 0


def cmd_messages(project: Project, args: argparse.Namespace) -> int:
    """Collect the site's own words into the catalogs (--check: fail if any is stale or untranslated)."""
    from .tools.catalogs import run

    lines = run(project.root, check=args.check)
    for line in lines:
        print(line, file=sys.stderr if args.check else sys.stdout)
    if args.check and lines:
        print("Run `make messages`, then translate what is missing in the .po files.", file=sys.stderr)
        return 1
    print("Catalogs " + ("are up to date and complete" if not lines else "updated"))
    return 0


def cmd_stamp(project: Project, args: argparse.Namespace) -> int:
    """Record beside each new translation the English it was made from (named files: every
    translation in them, after a review)."""
    from .build.generator import validate
    from .settings import EDITION_SUFFIX
    from .tools.stamping import run

    _, problems = validate(project)
    if problems:
        report(problems)
        return 1
    files = []
    for name in args.args:
        path = project.root / name if (project.root / name).exists() else Path(name)  # (relative to the project)
        record = path.is_file() and path.resolve().is_relative_to(project.data.resolve()) and path.suffix == ".yml"
        page = path.is_file() and path.resolve().is_relative_to(project.docs.resolve()) and EDITION_SUFFIX.search(path.name)
        if not (record or page):
            print(f"{name}: not a record file under data/ nor a translated page under docs/ "
                  "(e.g. make stamp FILES=data/events/2017-x.yml or FILES=docs/about/index.ru.md)", file=sys.stderr)
            return 2
        files.append(path)
    written = run(project.data, project.root, files, project.docs)
    print(f"Stamped {written} translation{'s' if written != 1 else ''}.")
    return 0


def cmd_offline(project: Project, args: argparse.Namespace) -> int:
    """The copy that works opened from a folder (site-offline/, or the folder given): every
    edition with file names for addresses and Material's own search (Pagefind cannot run
    from a folder)."""
    from .build.editions import config_path
    from .data.i18n import EDITIONS, PREFIX

    # The pages are generated for file-name addresses, as the engine then builds them.
    project = dataclasses.replace(project, directory_urls=False)
    status = cmd_generate(project, args)
    if status:
        return status
    out = args.folder or project.root / "site-offline"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=project.site_url, OFFLINE="true", DIRECTORY_URLS="false")
    for lang in EDITIONS:
        command = [*ENGINES[args.engine], "build", "--strict", "--config-file", str(config_path(project, lang)),
                   "--site-dir", str(out / PREFIX[lang])]
        if subprocess.run(command, cwd=project.root, env=env, check=False).returncode:
            return 1
    print(f"Open {out / 'index.html'} in a browser (no server needed).")
    return 0


def cmd_archives(project: Project, args: argparse.Namespace) -> int:
    """Each edition's offline copy as a zip archive, and their checksums (SHA256SUMS), into the
    folder given (default: site/downloads/offline/, where the Open data page links them; run
    after `make build`). Each copy holds one edition; its language menu leads to the other
    editions on the published site."""
    from .build.editions import config_path
    from .data.i18n import EDITIONS
    from .render import archive

    project = dataclasses.replace(project, directory_urls=False)
    status = cmd_generate(project, args)
    if status:
        return status
    out = args.folder or project.root / "site" / "downloads" / "offline"
    out.mkdir(parents=True, exist_ok=True)
    epoch = archive.source_epoch(project.root)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=project.site_url, OFFLINE="true",
               DIRECTORY_URLS="false", SINGLE_EDITION="true")
    if epoch:
        env["SOURCE_DATE_EPOCH"] = str(epoch)
    names = []
    with tempfile.TemporaryDirectory(prefix="scosite-archive-") as scratch:
        for lang in EDITIONS:
            name = archive.ARCHIVE_NAME.format(lang=lang)
            folder = Path(scratch) / name
            command = [*ENGINES[args.engine], "build", "--strict", "--quiet", "--config-file",
                       str(config_path(project, lang)), "--site-dir", str(folder)]
            if subprocess.run(command, cwd=project.root, env=env, check=False).returncode:
                print(f"The offline copy in {lang} failed to build; no archive written.", file=sys.stderr)
                return 1
            archive.write_zip(folder, out / f"{name}.zip", name, epoch)
            names.append(f"{name}.zip")
    checksums = archive.write_checksums(out, names)
    for name in names:
        print(f"{out / name}: {(out / name).stat().st_size:,} bytes")
    print(f"Checksums: {checksums}")
    return 0


def cmd_links(project: Project, args: argparse.Namespace) -> int:
    """Check every source's address and every verified archived copy with lychee (online: the
    build never is), and write the report the link-check workflow keeps in one issue
    (scosite.tools.links). Exit 0 when the check ran, whatever it found."""
    from .build.generator import validate
    from .tools import links

    data, problems = validate(project)
    if problems:
        report(problems)
        return 1
    folder = args.folder or project.root / links.FOLDER
    lychee = args.lychee or shutil.which("lychee", path=str(Path(sys.executable).parent)) or "lychee"
    try:
        result = links.run(data.get("sources").values(), folder, lychee, project.repo_url, project.repo_branch)
    except RuntimeError as err:
        print(err, file=sys.stderr)
        return 2
    print(f"Links: {result.checked} addresses checked, {len(result.failed)} failed; report in {result.report}")
    return 0


def cmd_version(project: Project, args: argparse.Namespace) -> int:
    """The version of the data committed (a release tag, else the date the data last changed);
    with --tag: fail unless that tag is a release of this commit's data, and CITATION.cff and
    .zenodo.json name its version and agree (the release workflow's first check)."""
    from .queries.history import load
    from .tools import release

    history = load(project.root)
    print(release.describe(history))
    problems = release.tag_problems(project.root, args.tag, history) if args.tag else []
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def cmd_release_files(project: Project, args: argparse.Namespace) -> int:
    """The files a release attaches, from the built site (after `make build` and `make
    archives`): the data, the site and each edition's offline copy as zips, their SHA256SUMS,
    and the release notes (NOTES.md) beside them."""
    from .queries.history import load
    from .tools import release

    history = load(project.root)
    problems = release.tag_problems(project.root, args.tag, history) if args.tag else []
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    out = args.folder or project.root / ".cache" / "release"
    try:
        files = release.pack(project.root, out, history)
    except (ValueError, FileNotFoundError) as err:
        print(err, file=sys.stderr)
        return 1
    for path in files:
        print(f"{path}: {path.stat().st_size:,} bytes")
    return 0


# Each command: its function, what it does (its help), and its own arguments.
Option = tuple[tuple[str, ...], dict[str, Any]]
ROOT_OPTION: Option = (("--root",), {"type": Path, "default": ROOT, "help": "the project folder (default: this repository)"})
FOLDER: Option = (("folder",), {"nargs": "?", "type": Path, "help": "the folder (default: see above)"})
ENGINE: Option = (("--engine",), {"choices": sorted(ENGINES), "default": "mkdocs",
                                  "help": "the engine that builds the site from the generated pages (default: mkdocs)"})
CHECK_ONLY: Option = (("--check",), {"action": "store_true", "help": "change nothing; fail if a committed file is stale"})
TAG: Option = (("--tag",), {"default": "", "help": "fail unless this tag is a release of the data at HEAD, and "
                                                    "CITATION.cff and .zenodo.json name its version"})
COMMANDS: dict[str, tuple[Any, str, list[Option]]] = {
    "check": (cmd_check, "validate every data file; write nothing",
              [(("--missing",), {"action": "append", "default": [], "choices": list(EDITIONS),
                                 "help": "list every text not yet translated into this language, or outdated"})]),
    "serve": (cmd_serve, "preview an edition, updated on every save (English at http://127.0.0.1:8000)",
              [(("--edition",), {"choices": ["all", *EDITIONS], "default": "all",
                                 "help": "the edition to preview (ru at :8001/ru/, zh at :8002/zh/)"})]),
    "generate": (cmd_generate, "check, then write each edition's pages (.cache/editions/, from data/ and docs/)", []),
    "build": (cmd_build, "generate, then build every edition with the engine (strict) and check the output; "
                         "site/ is replaced only if all of it passed", [ENGINE]),
    "schemas": (cmd_schemas, "write the JSON Schemas for editors", [CHECK_ONLY]),
    "messages": (cmd_messages, "collect the site's own words into the translation catalogs", [CHECK_ONLY]),
    "new": (cmd_new, "start a new record file, e.g. `new person rashid-alimov`",
            [(("kind",), {"help": "person, event, organisation, ..."}), (("id",), {"help": "e.g. rashid-alimov"})]),
    "stamp": (cmd_stamp, "record beside each new translation the English it was made from; with files: every "
                         "translation in them (after you have reviewed them)", [(("args",), {"nargs": "*", "metavar": "FILE"})]),
    "check-site": (cmd_check_site, "check the built HTML (default folder: site/) for unsafe or broken output",
                   [FOLDER, (("--edition",), {"choices": ["all", *EDITIONS], "default": "all",
                                              "help": "the folder holds this edition alone"})]),
    "offline": (cmd_offline, "every edition as a copy that works opened from a folder (default: site-offline/)",
                [FOLDER, ENGINE]),
    "archives": (cmd_archives, "each edition's offline copy as a zip, with SHA256SUMS (default folder: "
                               "site/downloads/offline/, after build)", [FOLDER, ENGINE]),
    "links": (cmd_links, "check every source's address and archived copy with lychee (online) and write a report "
                         "(default folder: .cache/links/)",
              [FOLDER, (("--lychee",), {"default": "", "help": "the lychee program (default: the one installed "
                                                                 "beside this Python, else on PATH)"})]),
    "version": (cmd_version, "the version of the data committed: its release tag, else the date it last changed",
                [TAG]),
    "release-files": (cmd_release_files, "the files a release attaches, after build and archives: the data, the "
                                         "site, the offline copies (default folder: .cache/release/)", [FOLDER, TAG]),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scosite", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True, metavar="{" + ",".join(COMMANDS) + "}")
    for name, (run, summary, options) in COMMANDS.items():
        command = commands.add_parser(name, help=summary, description=summary)
        for flags, settings in [*options, ROOT_OPTION]:
            command.add_argument(*flags, **settings)
        command.set_defaults(run=run)
    args = parser.parse_args(argv)
    try:
        return args.run(Project(args.root.resolve()), args)
    except BusyError as err:
        print(err, file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("Interrupted; the previous pages are unchanged.", file=sys.stderr)
        return 2
