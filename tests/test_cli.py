"""The command line as an editor meets it: exit codes, messages, never a traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from .support.broken import BROKEN_EXPECTED
from .support.generator import generated
from .support.project import FIXTURES, ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "scripts"), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "scosite", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300, check=False)


def test_check_on_good_data_exits_0_and_says_so():
    done = run("check", "--root", str(FIXTURES / "mini"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: 16 records checked, no problems")


def test_check_on_broken_data_lists_every_problem_and_exits_1():
    done = run("check", "--root", str(FIXTURES / "broken"))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "data/countries/empty.yml:1:1: the file is empty (or holds only comments)"
    assert "data/figures/refs.yml:8:10: speaker: no person with id 'nobody'" in lines
    assert "    hint: did you mean 'heroin-seized'?" in lines
    files = len({problem[0] for problem in BROKEN_EXPECTED})
    assert lines[-1] == f"{len(BROKEN_EXPECTED)} problems in {files} files; nothing was written."


def test_generate_with_broken_data_writes_nothing(mini_project):
    (mini_project / "data" / "people" / "bob-sample.yml").write_text("id: bob-sample\nname: NO\nname: x\n")
    done = run("generate", "--root", str(mini_project))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "data/people/bob-sample.yml:3:1: name: 'name' is given twice" in done.stderr
    assert list((mini_project / "docs").iterdir()) == [] and not generated(mini_project).exists()


def test_generate_reports_what_it_wrote(mini_project):
    """The first run writes every file of the editions' trees and says how many; the second
    writes none and says they are all unchanged."""
    first = run("generate", "--root", str(mini_project))
    assert first.returncode == 0, first.stderr
    files = [p for lang in ("en", "ru", "zh") for p in (generated(mini_project) / lang).rglob("*") if p.is_file()]
    assert len(files) > 3 * 16, "fewer files than the fixture's records"
    assert first.stdout.splitlines()[-1].startswith(f"Generated files: {len(files)} written, 0 removed, 0 unchanged")
    second = run("generate", "--root", str(mini_project))
    assert second.returncode == 0, second.stderr
    assert second.stdout.splitlines()[-1].startswith(f"Generated files: 0 written, 0 removed, {len(files)} unchanged")


def test_a_problem_in_a_built_record_page_names_the_data_file_it_is_made_from(mini_project):
    from scosite.cli import with_origin
    from scosite.data.problems import Problem
    from scosite.settings import Project

    found = with_origin(Problem("events/2017-test-event/index.html", 3, 4, "", "x"), Project(mini_project))
    assert found.hint.startswith("the page is made from data/events/2017-test-event.yml")
    other = Problem("timeline/index.html", 3, 4, "", "x")
    assert with_origin(other, Project(mini_project)) == other


def scosite_command() -> Path:
    """The `scosite` command the project's editable install puts beside this Python (`make`
    installs it; on Windows, the README's steps do)."""
    command = Path(sys.executable).with_name("scosite.exe" if os.name == "nt" else "scosite")
    assert command.exists(), f"{command}: not installed; run `make setup` (pip install --no-deps -e .)"
    return command


def test_the_scosite_command_offers_check_serve_and_build_without_make(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # nothing but the installed command
    usage = subprocess.run([scosite_command(), "--help"], cwd=tmp_path, env=env, text=True, capture_output=True,
                           timeout=60, check=False)
    assert usage.returncode == 0 and usage.stdout.startswith("usage: scosite ")
    choices = [set(group.split(",")) for group in re.findall(r"\{([a-z,-]+)\}", usage.stdout)]
    assert any({"check", "serve", "build"} <= offered for offered in choices), usage.stdout
    done = subprocess.run([scosite_command(), "check", "--root", str(FIXTURES / "mini")], cwd=tmp_path, env=env,
                          text=True, capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("OK: 16 records checked, no problems")


def test_serving_one_edition_of_broken_data_lists_the_problems_and_starts_no_server():
    done = run("serve", "--edition", "ru", "--root", str(FIXTURES / "broken"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "data/figures/refs.yml:8:10: speaker: no person with id 'nobody'" in done.stderr.splitlines()
    assert "Serving on" not in done.stdout + done.stderr


def test_generate_says_how_long_each_stage_took_when_not_on_a_terminal(mini_project):
    done = run("generate", "--root", str(mini_project))
    assert done.returncode == 0, done.stderr
    # on standard output: standard error is for the problems, the first line the first problem
    assert [line.split(":")[0] for line in done.stdout.splitlines()] == ["Load", "Validate", "Render", "Write",
                                                                          "Generated files"]
    assert done.stderr == ""


def test_a_build_step_keeps_its_output_in_one_piece_with_its_time(tmp_path):
    from scosite.build.steps import run_step

    step = [sys.executable, "-c", "import sys; print('out'); print('err', file=sys.stderr); sys.exit(3)"]
    result = run_step("Edition xx", step, tmp_path, os.environ)
    assert (result.returncode, result.stdout, result.stderr) == (3, "out\n", "err\n")
    assert result.describe().startswith("Edition xx: failed in ")
    if hasattr(os, "wait4"):  # Unix says how much memory the process held
        assert result.peak_memory is not None and result.peak_memory > 2**20
