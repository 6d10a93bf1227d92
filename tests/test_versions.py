"""A versioned record: the version and the changelog drawn from git (with a release tag and
without, with the history and without it), the Data Package that carries them (valid), the Open
data page that shows them and says how to cite them, and a release: .zenodo.json agreeing with
CITATION.cff, the tag checked, the files it attaches."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import bibtexparser
import pytest
import rispy
import yaml
from frictionless import Package

from scosite.build.generator import Generator
from scosite.build.write import write_pages
from scosite.cli import main
from scosite.queries import deps
from scosite.queries.history import load, tag_version
from scosite.render import archive
from scosite.tools import release

from .support.generator import rendered, settings
from .support.project import FIXTURES, ROOT, git


@pytest.fixture
def record(tmp_path) -> Path:
    """The fixture's data committed on 2 January 2025, Bob's record corrected on 3 March 2025
    (no tag yet), and CITATION.cff and .zenodo.json as the repository has them."""
    root = tmp_path / "record"
    shutil.copytree(FIXTURES / "mini" / "data", root / "data")
    (root / "docs").mkdir()
    for name in (release.CITATION, release.ZENODO):
        shutil.copy(ROOT / name, root / name)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "The record", date="2025-01-02")
    bob = root / "data" / "people" / "bob-sample.yml"
    bob.write_text(bob.read_text(encoding="utf-8").replace("Bob Sample", "Robert Sample"), encoding="utf-8")
    git(root, "commit", "-q", "-am", "A correction", date="2025-03-03")
    return root


def commit_file(root: Path, path: str, text: str, date: str, message: str = "An edit") -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message, date=date)


# --- The version rule -----------------------------------------------------------------------


@pytest.mark.parametrize(("tag", "version"), [
    ("v1.2.0", "1.2.0"), ("1.2.0", "1.2.0"), ("0.1.0", "0.1.0"), ("2026-12-08", "2026-12-08"),
    ("v2026-12-08", "2026-12-08"), ("2026-12-08.1", "2026-12-08.1"),
    ("v1.2.0-rc.1", None), ("release-1", None), ("v1.2", None), ("v01.2.0", None), ("2026-13-01", None),
    ("2026-12-32", None), ("2026-12-08.0", None), ("20261208", None), ("V1.2.0", None),
])
def test_a_release_tag_is_a_date_or_a_semver_number(tag, version):
    assert tag_version(tag) == version


def test_without_a_tag_the_version_is_the_date_of_the_last_data_commit(record):
    history = load(record)
    current = history.releases[0]
    assert (current.version, current.released, current.tag) == ("2025-03-03", False, "")
    assert current.created == "2025-03-03T12:00:00+00:00" and current.date == "2025-03-03"
    assert current.commit == history.head
    assert len(history.releases) == 1 and "data/people/bob-sample.yml" in current.added  # the first: all added


def test_a_commit_that_leaves_the_data_alone_keeps_its_version(record):
    before = load(record).releases
    commit_file(record, "README.md", "A note.\n", "2025-04-04", "Not the data")
    after = load(record).releases
    assert after == before  # the same version, made at the same time, with the same changes


def test_with_a_tag_the_version_is_the_release_and_the_changes_are_counted_since_it(record):
    git(record, "tag", "v2025-01-02", "HEAD~1")  # the first commit: a release
    history = load(record)
    assert [(r.version, r.tag) for r in history.releases] == [("2025-03-03", ""), ("2025-01-02", "v2025-01-02")]
    unreleased, first = history.releases
    assert (unreleased.added, unreleased.changed, unreleased.removed) == ((), ("data/people/bob-sample.yml",), ())
    assert first.created == "2025-01-02T12:00:00+00:00" and "data/people/bob-sample.yml" in first.added
    git(record, "tag", "-a", "-m", "The second release", "1.1.0")  # annotated, on HEAD
    history = load(record)
    assert [(r.version, r.tag, r.released) for r in history.releases] == [
        ("1.1.0", "1.1.0", True), ("2025-01-02", "v2025-01-02", True)]
    assert history.releases[0].changed == ("data/people/bob-sample.yml",)
    assert history.releases[0].created == "2025-03-03T12:00:00+00:00"  # its commit's time, not the tag's


def test_a_release_stays_the_version_until_the_data_changes_and_removals_are_counted(record):
    git(record, "tag", "2025-03-03")
    commit_file(record, "docs/index.md", "# Home\n", "2025-03-04", "Not the data")
    assert load(record).releases[0].tag == "2025-03-03"
    (record / "data" / "quotes" / "2017-ann.yml").unlink()
    git(record, "commit", "-q", "-am", "A removal", date="2025-03-03")  # the same day as the release
    current = load(record).releases[0]
    # the date is taken by the release: the version is the next name that day would take
    assert (current.version, current.released) == ("2025-03-03.1", False)
    assert current.removed == ("data/quotes/2017-ann.yml",) and not current.added and not current.changed


def test_only_version_tags_reachable_from_the_commit_built_are_releases(record):
    git(record, "tag", "not-a-version", "HEAD~1")
    git(record, "tag", "v1.0.0-rc.1", "HEAD~1")
    git(record, "checkout", "-q", "-b", "elsewhere")
    commit_file(record, "data/people/carol.yml", "x: 1\n", "2025-05-05")
    git(record, "tag", "9.9.9")
    git(record, "checkout", "-q", "main")
    assert [r.version for r in load(record).releases] == ["2025-03-03"]


def test_without_the_history_there_is_no_version_and_a_new_tag_is_a_change(record, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(record / "data", copy / "data")
    assert load(copy).releases == () and load(copy).reason == "no-git"
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{record}", str(shallow)], check=True)
    assert load(shallow).releases == () and load(shallow).reason == "shallow"
    before = load(record)
    git(record, "tag", "2025-03-03")
    after = load(record)
    assert before.state() != after.state()  # so `make generate` runs again, and the pages that read it render
    assert (deps.EVERY_LANGUAGE, *deps.history("*")) in deps.history_keys(before, after)


# --- What readers get -----------------------------------------------------------------------


def downloads(pages: dict[str, str], folder: Path) -> Package:
    write_pages({path: text for path, text in pages.items() if path.startswith("downloads/")}, folder)
    return Package(str(folder / "downloads" / "datapackage.json"))


def test_the_data_package_carries_the_version_and_validates(record, tmp_path):
    git(record, "tag", "v2025-01-02", "HEAD~1")
    pages = rendered(settings(record))[1]
    package = downloads(pages, tmp_path / "out")
    assert (package.version, package.created) == ("2025-03-03", "2025-03-03T12:00:00+00:00")
    report = package.validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])
    changelog = json.loads(pages["downloads/changelog.json"])
    assert [(v["version"], v["released"], v["since"]) for v in changelog["versions"]] == [
        ("2025-03-03", False, "2025-01-02"), ("2025-01-02", True, None)]
    assert changelog["versions"][0]["changes"] == {"people": {"added": [], "changed": ["bob-sample"], "removed": []}}
    first = changelog["versions"][1]["changes"]
    assert first["people"]["added"] == ["ann-example", "bob-sample"] and "schemas" not in first
    assert "unknown" not in changelog
    for lang in ("ru", "zh"):  # every edition carries the same files
        assert pages[f"{lang}/downloads/changelog.json"] == pages["downloads/changelog.json"]


def test_without_the_history_the_data_package_has_no_version_and_still_validates(tmp_path):
    pages = rendered(settings(FIXTURES / "mini", history=False))[1]
    package = downloads(pages, tmp_path / "out")
    assert package.version is None and package.created is None
    assert package.validate().valid
    changelog = json.loads(pages["downloads/changelog.json"])
    assert changelog["versions"] == [] and "without its git history" in changelog["unknown"]
    assert "The version is not known: the site was built without its git history." in pages["data.md"]
    assert "Open data &#91;Data set&#93;" in pages["data.md"]  # the citation, without a version


def test_a_new_tag_renders_again_what_shows_the_version_and_only_that(record):
    generator = Generator(settings(record, verify=True))  # (each incremental run compared with a full one)
    assert generator.run()[1] == []
    before = dict(generator.outputs)
    git(record, "tag", "2025-03-03")
    assert generator.run()[1] == []
    changed = {path for path, output in generator.outputs.items() if output.text != before[path].text}
    assert changed == {f"{prefix}{path}" for prefix in ("", "ru/", "zh/")
                       for path in ("data.md", "downloads/changelog.json")}  # (the version and its time: the same)
    assert generator.rendered < len(before) / 10  # the rest kept
    assert json.loads(generator.outputs["downloads/changelog.json"].text)["versions"][0]["tag"] == "2025-03-03"


def test_the_same_commit_gives_the_same_files(record):
    git(record, "tag", "1.0.0")
    first = rendered(settings(record))[1]
    again = rendered(settings(record))[1]
    assert {p: t for p, t in first.items() if "downloads/" in p or "cite/" in p or p.endswith("data.md")} == \
        {p: t for p, t in again.items() if "downloads/" in p or "cite/" in p or p.endswith("data.md")}


def test_the_open_data_page_shows_the_version_and_how_to_cite_it(record):
    git(record, "tag", "v2025-01-02", "HEAD~1")
    pages = rendered(settings(record, repo_url="https://example.org/owner/record"))[1]
    page = pages["data.md"]
    assert "This is version **2025-03-03** of the data, named after the day it last changed (3 March 2025)" in page
    assert ("Cite as: SCO–UN counternarcotics record &#40;2025&#41; Open data &#40;version 2025-03-03&#41; "
            "&#91;Data set&#93;. Available at&#58; https&#58;//example.org/data/.") in page
    assert "[BibTeX](cite/data.bib) · [RIS](cite/data.ris)" in page
    assert "(https://example.org/owner/record/blob/main/CITATION.cff)" in page
    assert "(https://example.org/owner/record/releases)" in page
    changes = page[page.index("{ #changelog }"):]
    assert changes.index("### 2025-03-03 { #version-2025-03-03 }") < changes.index("### 2025-01-02 { #version-2025-01-02 }")
    assert "| People | 0 | 1 | 0 |" in changes and "Released on 2 January 2025." in changes
    assert "Версия 2025-03-03." in pages["ru/data.md"] and "дата обновления&#58; 03.03.2025" in pages["ru/data.md"]
    assert "&#91;DS/OL&#93;. 2025-03-03版. &#40;2025-03-03&#41;." in pages["zh/data.md"]
    git(record, "tag", "2025-03-03")
    page = rendered(settings(record))[1]["data.md"]
    assert "This is version **2025-03-03** of the data, released on 3 March 2025." in page


def test_the_data_sets_citation_files_parse(record):
    pages = rendered(settings(record))[1]
    for prefix, lang in (("", "english"), ("ru/", "russian"), ("zh/", "chinese")):
        entries = bibtexparser.loads(pages[f"{prefix}cite/data.bib"]).entries
        assert len(entries) == 1
        entry = entries[0]
        assert (entry["version"], entry["date"], entry["language"]) == ("2025-03-03", "2025-03-03", lang)
        assert entry["url"] == f"https://example.org/{prefix}data/"
        (ris,) = rispy.loads(pages[f"{prefix}cite/data.ris"])
        assert ris["type_of_reference"] == "DATA" and ris["edition"] == "2025-03-03"
        assert ris["urls"] == [f"https://example.org/{prefix}data/"]


# --- Releases -------------------------------------------------------------------------------


def test_zenodo_metadata_agrees_with_the_citation_file():
    assert release.metadata_differences(ROOT) == []
    zenodo = json.loads((ROOT / release.ZENODO).read_text(encoding="utf-8"))
    for key in ("upload_type", "title", "creators", "description", "access_right", "license", "version"):
        assert zenodo.get(key), key  # what Zenodo needs to publish, and the version a tag checks
    assert tag_version(zenodo["version"]) == zenodo["version"]  # a version a tag can name


@pytest.mark.parametrize(("key", "value", "what"), [
    ("title", "Another title", "title"), ("keywords", ["drugs"], "keywords"), ("license", "cc-by-sa-4.0", "license"),
    ("version", "1.0.0", "version"), ("creators", [{"name": "Someone else"}], "authors / creators"),
    ("description", "Another abstract.", "abstract / description"), ("access_right", "closed", "access_right"),
])
def test_a_disagreement_between_zenodo_and_the_citation_file_is_found(tmp_path, key, value, what):
    for name in (release.CITATION, release.ZENODO):
        shutil.copy(ROOT / name, tmp_path / name)
    zenodo = json.loads((tmp_path / release.ZENODO).read_text(encoding="utf-8"))
    zenodo[key] = value
    (tmp_path / release.ZENODO).write_text(json.dumps(zenodo), encoding="utf-8")
    found = release.metadata_differences(tmp_path)
    assert len(found) == 1 and found[0].startswith(what), found


def set_version(root: Path, version: str) -> None:
    cff = (root / release.CITATION).read_text(encoding="utf-8")
    old = next(line for line in cff.splitlines() if line.startswith("version:"))
    (root / release.CITATION).write_text(cff.replace(old, f'version: "{version}"'), encoding="utf-8")
    zenodo = json.loads((root / release.ZENODO).read_text(encoding="utf-8"))
    (root / release.ZENODO).write_text(json.dumps({**zenodo, "version": version}), encoding="utf-8")


def test_a_release_tag_must_name_the_version_the_data_and_the_citation_file_have(record, capsys):
    set_version(record, "2025-03-03")
    git(record, "commit", "-q", "-am", "Release 2025-03-03", date="2025-03-04")
    assert main(["version", "--root", str(record)]) == 0
    assert capsys.readouterr().out.startswith("2025-03-03 (not released")
    assert main(["version", "--root", str(record), "--tag", "v2025-03-03"]) == 1  # no such tag here yet
    assert "no release tag names the data committed here" in capsys.readouterr().err
    git(record, "tag", "v2025-03-03")
    assert main(["version", "--root", str(record), "--tag", "v2025-03-03"]) == 0
    assert capsys.readouterr().out.startswith("2025-03-03 (released: tag v2025-03-03")
    assert release.tag_problems(record, "release-1", load(record))[0].startswith("release-1: not a version tag")
    git(record, "tag", "v1.0.0", "HEAD~2")
    assert "names version 1.0.0" in release.tag_problems(record, "v1.0.0", load(record))[0]
    set_version(record, "2025-03-04")  # (not committed: the files are read as they are)
    problems = release.tag_problems(record, "v2025-03-03", load(record))
    assert problems == [f"{name} says version '2025-03-04', the tag '2025-03-03': set it before tagging"
                        for name in (release.CITATION, release.ZENODO)]


def fake_site(root: Path) -> None:
    """What `make build` and `make archives` leave, in small."""
    site = root / "site"
    for path in ("index.html", "ru/index.html", "downloads/datapackage.json", "downloads/events.csv"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(path, encoding="utf-8")
    offline = site / "downloads" / "offline"
    offline.mkdir()
    for lang in ("en", "ru", "zh"):
        (offline / f"sco-un-record-{lang}.zip").write_bytes(lang.encode())
    (offline / archive.CHECKSUMS).write_text("", encoding="utf-8")


def test_the_release_files_are_the_data_the_site_and_the_offline_copies_with_checksums(record, tmp_path):
    git(record, "tag", "v2025-01-02", "HEAD~1")
    set_version(record, "1.1.0")
    git(record, "commit", "-q", "-am", "Release 1.1.0", date="2025-03-03")
    git(record, "tag", "1.1.0")
    fake_site(record)
    out = tmp_path / "release"
    assert main(["release-files", str(out), "--root", str(record), "--tag", "1.1.0"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["sco-un-record-1.1.0-data.zip", "sco-un-record-1.1.0-site.zip",
                            *(f"sco-un-record-1.1.0-offline-{lang}.zip" for lang in ("en", "ru", "zh")),
                            archive.CHECKSUMS, release.NOTES])
    with zipfile.ZipFile(out / "sco-un-record-1.1.0-data.zip") as data:
        assert data.namelist() == ["sco-un-record-1.1.0-data/datapackage.json", "sco-un-record-1.1.0-data/events.csv"]
    with zipfile.ZipFile(out / "sco-un-record-1.1.0-site.zip") as site:
        assert "sco-un-record-1.1.0-site/ru/index.html" in site.namelist()
        assert not any("/downloads/offline/" in name for name in site.namelist())
    sums = dict(reversed(line.split("  ")) for line in (out / archive.CHECKSUMS).read_text(encoding="utf-8").splitlines())
    assert sorted(sums) == sorted(n for n in names if n.endswith(".zip"))
    assert all(hashlib.sha256((out / n).read_bytes()).hexdigest() == digest for n, digest in sums.items())
    notes = (out / release.NOTES).read_text(encoding="utf-8")
    assert notes.startswith("Version 1.1.0 of the SCO–UN counternarcotics record, of 2025-03-03.")
    assert "Changes since 2025-01-02:" in notes and "| People | 0 | 1 | 0 |" in notes
    first = (out / "sco-un-record-1.1.0-data.zip").read_bytes()
    assert main(["release-files", str(out), "--root", str(record)]) == 0
    assert (out / "sco-un-record-1.1.0-data.zip").read_bytes() == first  # the same commit, the same bytes


def test_the_release_files_need_the_built_site(record, tmp_path, capsys):
    assert main(["release-files", str(tmp_path / "release"), "--root", str(record)]) == 1
    assert "run `make build` and `make archives` first" in capsys.readouterr().err


def test_the_release_workflow_runs_on_a_version_tag_with_least_privilege():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # (YAML 1.1 reads the key "on" as true)
    assert set(triggers) == {"push"} and set(triggers["push"]) == {"tags"}
    assert workflow["permissions"] == {} and workflow["concurrency"]["cancel-in-progress"] is False
    build, attach = workflow["jobs"]["build"], workflow["jobs"]["release"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert attach["permissions"] == {"contents": "write"} and attach["needs"] == "build"  # the only job that writes
    assert all(job["timeout-minutes"] for job in (build, attach))
    steps = [step for job in (build, attach) for step in job["steps"]]
    assert all(len(step["uses"].split("@")[1]) == 40 for step in steps if "uses" in step)  # pinned by commit
    checkout = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"] == {"fetch-depth": 0, "persist-credentials": False}  # the version needs the history
    runs = [step["run"] for step in build["steps"] if "run" in step]
    assert runs.index('make version TAG="$GITHUB_REF_NAME"') < runs.index("make build") < runs.index("make archives") \
        < runs.index('make release-files TAG="$GITHUB_REF_NAME"')
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert '\nversion: $(RUNTIME_STAMP)\n\t@$(SCOSITE) version $(if $(TAG),--tag "$(TAG)")\n' in makefile
    # every tag the trigger lets through is one the version rule reads as a release, and back
    patterns = [re.compile(p.replace(".", r"\.")) for p in triggers["push"]["tags"]]  # (GitHub's: . is a dot)
    for tag in ("2026-12-08", "v2026-12-08", "2026-12-08.1", "v2026-12-08.2", "1.2.0", "v10.0.3"):
        assert tag_version(tag) and any(p.fullmatch(tag) for p in patterns), tag
    for tag in ("v1.2.0-rc.1", "release-1", "v2026-12-08-draft"):
        assert not any(p.fullmatch(tag) for p in patterns), tag
