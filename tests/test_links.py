"""The link check (`make links`, run weekly by .github/workflows/links.yml): real lychee, through
the same command the workflow runs, against a server of our own on 127.0.0.1 serving real files,
with no other network; its report; and the workflows pass actionlint and zizmor."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import yaml

from scosite import cli
from scosite.tools import links

from .support.project import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def tool(name: str) -> str:
    """A checker the dev lock installs beside this Python (requirements/dev.in)."""
    found = shutil.which(name, path=str(Path(sys.executable).parent))
    assert found, f"{name}: not installed; run `make setup` (requirements/dev.in)"
    return found


@pytest.fixture
def server(tmp_path):
    """A folder served on 127.0.0.1 (a port of its own): its address, and the folder."""
    folder = tmp_path / "www"
    (folder / "archive").mkdir(parents=True)
    (folder / "release.html").write_text("<p>the release</p>", encoding="utf-8")
    (folder / "article").write_text("an article", encoding="utf-8")
    (folder / "archive" / "article.html").write_text("<p>the article, archived</p>", encoding="utf-8")

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=10)


def test_the_link_check_finds_the_missing_page_and_passes_the_others(mini_project, server, tmp_path, capsys):
    base, _ = server
    sources = mini_project / "data" / "sources"
    s01, s02 = sources / "s01.yml", sources / "s02.yml"
    # s01: present (with a query that needs escaping); s02: missing, with its archived copy present
    s01.write_text(s01.read_text(encoding="utf-8").replace("https://example.org/release.html",
                                                          f"{base}/release.html?id=1&x=(2)"), encoding="utf-8")
    s02.write_text(s02.read_text(encoding="utf-8").replace("http://example.org/ru/article?id=1&x=(2)", f"{base}/gone.html")
                   + f"archived:\n  url: {base}/archive/article.html\n  date: 2025-01-02\n", encoding="utf-8")
    out = tmp_path / "links"

    status = cli.main(["links", "--root", str(mini_project), str(out)])  # what `make links` runs

    said = capsys.readouterr()
    assert status == 0, said.err
    assert said.out.startswith("Links: 3 addresses checked, 1 failed; report in ")
    assert json.loads((out / "summary.json").read_text(encoding="utf-8")) == {"checked": 3, "failed": 1}
    lychee = json.loads((out / "lychee.json").read_text(encoding="utf-8"))
    fine = {entry["url"] for entries in lychee["success_map"].values() for entry in entries}
    assert fine == {f"{base}/release.html?id=1&x=(2)", f"{base}/archive/article.html"}
    failed = [(entry["url"], entry["status"].get("code")) for entries in lychee["error_map"].values() for entry in entries]
    assert failed == [(f"{base}/gone.html", 404)]
    report = (out / "report.md").read_text(encoding="utf-8")
    rows = [line for line in report.splitlines() if line.startswith("| S0")]
    assert rows == [f"| S02 (original) | <{base}/gone.html> | Rejected status code: 404 Not Found | none |"]
    assert "status: dead" in report and "checked: " in report


def test_the_report_names_the_sources_and_the_snapshots_lychee_suggests():
    found = {"http://Example.org": [links.Use("n01", links.ORIGINAL), links.Use("n02", links.ORIGINAL)],
             "https://example.org/b?q=(1)": [links.Use("n03", links.ORIGINAL)],
             "https://web.archive.org/web/20190316093512/https://example.org/c": [links.Use("n04", links.ARCHIVED)]}
    snapshot = "https://web.archive.org/web/20200101000000/http://example.org/"
    report = {  # lychee's JSON, as it reports addresses (WHATWG form: a "/" path, %-encoding)
        "error_map": {"links.html": [{"url": "http://example.org/", "status": {"text": "Network error", "code": None}},
                                     {"url": "https://example.org/b?q=%281%29", "status": {"text": "404 Not Found",
                                                                                           "code": 404}}]},
        "timeout_map": {"links.html": [{"url": "https://web.archive.org/web/20190316093512/https://example.org/c",
                                        "status": "Timeout"}]},
        "suggestion_map": {"links.html": [{"original": "http://example.org/", "suggestion": snapshot}]}}
    failed = links.failures(report, found)
    assert [(f.url, [u.source for u in f.uses], f.found, f.suggestion) for f in failed] == [
        ("http://Example.org", ["n01", "n02"], "Network error", snapshot),
        ("https://example.org/b?q=(1)", ["n03"], "404 Not Found", ""),
        ("https://web.archive.org/web/20190316093512/https://example.org/c", ["n04"], "Timeout", "")]
    text = links.markdown(failed, 3, "2025-06-02", "https://git.example.net/o/r")
    assert text.startswith("The link check of 2025-06-02 tried 3 addresses (every source's address and every "
                           "verified archived copy): 3 failed.")
    assert (f"| [N01 (original)](https://git.example.net/o/r/blob/main/data/sources/n01.yml), [N02 (original)]"
            f"(https://git.example.net/o/r/blob/main/data/sources/n02.yml) | <http://Example.org> | Network error | "
            f"<{snapshot}> |") in text
    assert "| [N04 (archived copy)](" in text
    assert links.markdown([], 3, "2025-06-02").endswith("Every address works.\n")


def test_lookups_are_not_checked_but_verified_copies_are():
    from scosite.data.models import Source

    def source(i, **more):
        return Source.model_validate({"id": i, "title": "T", "url": f"https://example.org/{i}", "publisher": "P",
                                      "language": "en", "date": "2019", **more})

    found = links.addresses([source("b", archived={"url": "https://archive.ph/x", "date": "2019-05-01"}), source("a")])
    assert found == {"https://example.org/a": [links.Use("a", links.ORIGINAL)],
                     "https://example.org/b": [links.Use("b", links.ORIGINAL)],
                     "https://archive.ph/x": [links.Use("b", links.ARCHIVED)]}
    page = links.links_page({"https://example.org/?a=1&b=2": [links.Use("a", links.ORIGINAL)]})
    assert '<a href="https://example.org/?a=1&amp;b=2">a (original)</a>' in page


def test_the_workflow_runs_the_tested_command_weekly_and_on_demand_without_blocking_anything():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # (YAML 1.1 reads the key "on" as true)
    assert set(triggers) == {"schedule", "workflow_dispatch"} and triggers["schedule"][0]["cron"]
    assert workflow["permissions"] == {}
    (job,) = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    check = next(step for step in job["steps"] if step.get("id") == "check")
    assert check["run"] == "make links" and check["continue-on-error"] is True
    assert all("@" in step["uses"] and len(step["uses"].split("@")[1]) == 40 for step in job["steps"] if "uses" in step)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nlinks: $(STAMP)\n\t@$(SCOSITE) links\n" in makefile


WORKFLOW_PARAMS = [pytest.param(w, id=w.name) for w in WORKFLOWS]


@pytest.mark.parametrize("workflow", WORKFLOW_PARAMS)
def test_the_workflows_pass_actionlint(workflow):
    # (its shellcheck checks the `run:` scripts: the one the dev lock installs, not whatever is on PATH)
    done = subprocess.run([tool("actionlint"), "-no-color", "-shellcheck", tool("shellcheck"), str(workflow)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("workflow", WORKFLOW_PARAMS)
def test_the_workflows_pass_zizmor(workflow):
    done = subprocess.run([tool("zizmor"), "--offline", "--no-progress", str(workflow)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_lint_covers_every_workflow():
    assert {w.name for w in WORKFLOWS} >= {"site.yml", "links.yml"}
