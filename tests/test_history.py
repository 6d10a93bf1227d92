"""When records last changed, from git: each record page's date and edit links, the Recent
changes page and the Atom feed of each edition; and the fallbacks without a full history."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from scosite.history import load

from .conftest import FIXTURES, rendered, settings

ATOM = "{http://www.w3.org/2005/Atom}"
REPO = "https://example.org/owner/record"


def git(root, *args, date: str | None = None) -> None:
    env = dict(os.environ, GIT_AUTHOR_NAME="Editor", GIT_AUTHOR_EMAIL="editor@example.org",
               GIT_COMMITTER_NAME="Editor", GIT_COMMITTER_EMAIL="editor@example.org")
    if date:
        env |= {"GIT_AUTHOR_DATE": f"{date}T12:00:00+00:00", "GIT_COMMITTER_DATE": f"{date}T12:00:00+00:00"}
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path):
    """The fixture's data in a repository of its own: everything committed on 2 January 2025,
    Bob's record corrected on 3 March 2025, and Ann's record edited but not committed."""
    tmp_path = tmp_path / "repo"
    shutil.copytree(FIXTURES / "mini" / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "data")
    git(tmp_path, "commit", "-q", "-m", "The record", date="2025-01-02")
    bob = tmp_path / "data" / "people" / "bob-sample.yml"
    bob.write_text(bob.read_text(encoding="utf-8").replace("Bob Sample", "Robert Sample"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "A correction", date="2025-03-03")
    ann = tmp_path / "data" / "people" / "ann-example.yml"
    ann.write_text(ann.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    return tmp_path


def test_each_record_page_says_when_its_file_last_changed_in_a_commit(repo):
    _, pages = rendered(settings(repo, repo_url=REPO))
    assert "Last changed: 3 March 2025" in pages["people/bob-sample.md"]
    assert "Last changed: 2 January 2025" in pages["events/2017-test-event.md"]
    assert "Last changed: not yet committed" in pages["people/ann-example.md"]
    assert "Последнее изменение: 3 марта 2025 г." in pages["ru/people/bob-sample.md"]
    assert "最后修改：2025年3月3日" in pages["zh/people/bob-sample.md"]


def test_every_edit_link_opens_the_records_own_file(repo):
    _, pages = rendered(settings(repo, repo_url=REPO))
    links = [link for text in pages.values() for link in re.findall(rf"\({REPO}/edit/main/([^)]+)\)", text)]
    assert len(links) > 20
    for link in links:
        assert link.startswith("data/") and link.endswith(".yml") and (repo / link).is_file(), link
    assert f"({REPO}/edit/main/data/people/bob-sample.yml)" in pages["people/bob-sample.md"]
    assert f"({REPO}/edit/main/data/people/bob-sample.yml)" in pages["zh/people/bob-sample.md"]


def test_recent_changes_list_the_latest_first_and_the_feed_is_atom_in_date_order(repo):
    _, pages = rendered(settings(repo))
    changes = pages["changes.md"]
    assert changes.index("3 March 2025") < changes.index("2 January 2025")
    assert "Changed: [Person: Robert Sample](people/bob-sample.md)" in changes
    assert "Added: [Event: Test Event&#58; Common Threats](events/2017-test-event.md)" in changes
    for prefix, lang in (("", "en"), ("ru/", "ru"), ("zh/", "zh")):
        feed = ET.fromstring(pages[f"{prefix}downloads/feed.xml"])
        assert feed.tag == f"{ATOM}feed" and feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        for child in ("title", "id", "updated", "author"):
            assert feed.find(f"{ATOM}{child}") is not None, child
        entries = feed.findall(f"{ATOM}entry")
        updated = [e.find(f"{ATOM}updated").text for e in entries]
        assert updated == sorted(updated, reverse=True) and updated[0].startswith("2025-03-03")
        ids = [e.find(f"{ATOM}id").text for e in entries]
        assert len(ids) == len(set(ids)) and all(i.startswith("tag:example.org,") for i in ids)
        assert all(e.find(f"{ATOM}link").get("href").startswith(f"https://example.org/{prefix}") for e in entries)


def test_without_the_git_history_nothing_is_dated_and_the_pages_say_why(tmp_path, repo):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    (shallow / "docs").mkdir()
    assert load(shallow).reason == "shallow"
    _, pages = rendered(settings(shallow))
    assert "Last changed: not known (the site was built from a shallow clone of its repository)" in \
        pages["people/bob-sample.md"]
    copy = tmp_path / "copy"
    shutil.copytree(repo / "data", copy / "data")
    (copy / "docs").mkdir()
    assert load(copy).reason == "no-git"
    _, pages = rendered(settings(copy))
    assert "Last changed: not known (the site was built without its git history)" in pages["people/bob-sample.md"]
