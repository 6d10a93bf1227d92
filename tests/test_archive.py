"""The offline copy of each edition as a zip archive (`make archives`): the same folder gives the
same bytes, the checksums match, and each archive holds one edition whose links all resolve
inside it, except the language menu's, which lead to the other editions on the published site."""

from __future__ import annotations

import hashlib
import os
import posixpath
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from scosite.render.archive import entry_date, write_checksums, write_zip

from .support.builds import SITE_URL
from .support.project import copy_project


def small_folder(root: Path) -> Path:
    (root / "b").mkdir(parents=True)
    (root / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (root / "b" / "page.html").write_text("<p>Страница</p>", encoding="utf-8")
    return root


def test_the_same_folder_gives_the_same_archive_whatever_the_files_dates_and_order(tmp_path):
    folder = small_folder(tmp_path / "copy")
    write_zip(folder, tmp_path / "one.zip", "top", 1700000000)
    os.utime(folder / "index.html", (1, 1))  # another modification time, as a fresh checkout has
    write_zip(folder, tmp_path / "two.zip", "top", 1700000000)
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == ["top/b/page.html", "top/index.html"]
        assert {info.date_time for info in archive.infolist()} == {entry_date(1700000000)}
        assert archive.read("top/b/page.html").decode("utf-8") == "<p>Страница</p>"
        assert archive.testzip() is None
    write_zip(folder, tmp_path / "three.zip", "top", 1800000000)  # the last commit's date is part of it
    assert (tmp_path / "three.zip").read_bytes() != (tmp_path / "one.zip").read_bytes()


def test_the_checksum_file_is_what_sha256sum_checks(tmp_path):
    write_zip(small_folder(tmp_path / "copy"), tmp_path / "a.zip", "a", None)
    path = write_checksums(tmp_path, ["a.zip"])
    digest = hashlib.sha256((tmp_path / "a.zip").read_bytes()).hexdigest()
    assert path.read_text(encoding="utf-8") == f"{digest}  a.zip\n"
    done = subprocess.run(["sha256sum", "-c", path.name], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "a.zip: OK" in done.stdout


HREF = re.compile(r'<(?:a|link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]*)')


@pytest.mark.engine  # `scosite archives` builds each edition with the engine
def test_each_archive_holds_one_edition_whose_links_resolve_inside_it(tmp_path):
    project = tmp_path / "project"
    copy_project(project)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(project / "scripts"), SITE_URL=SITE_URL,
               SOURCE_DATE_EPOCH="1700000000")
    out = tmp_path / "offline"
    done = subprocess.run([sys.executable, "-m", "scosite", "archives", str(out), "--root", str(project)],
                          cwd=project, env=env, capture_output=True, text=True, timeout=1500, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    names = ["sco-un-record-en.zip", "sco-un-record-ru.zip", "sco-un-record-zh.zip"]
    assert sorted(p.name for p in out.iterdir()) == ["SHA256SUMS", *names]
    assert subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, check=False).returncode == 0
    for name in names:
        lang, top = name[-6:-4], name.removesuffix(".zip")
        with zipfile.ZipFile(out / name) as archive:
            files = {n.removeprefix(top + "/"): n for n in archive.namelist()}
            assert all(n.startswith(top + "/") for n in archive.namelist())
            assert not any(n.startswith(("ru/", "zh/")) for n in files), "one edition only"
            home = archive.read(files["index.html"]).decode("utf-8")
            assert f'<html lang="{lang}"' in home
            menu = re.findall(r'<a href="([^"]*)" hreflang="(\w+)"[^>]*class="md-select__link"', home)
            assert sorted(h for _, h in menu) == ["en", "ru", "zh"]
            for href, other in menu:
                if other == lang:
                    assert not href.startswith("http"), href
                else:
                    assert href == SITE_URL + ("" if other == "en" else f"{other}/"), href
            missing = set()
            for path, full in files.items():
                if not path.endswith(".html") or path == "404.html":  # (a server's page: absolute links)
                    continue
                for href in HREF.findall(archive.read(full).decode("utf-8")):
                    if not href or urlsplit(href).scheme or href.startswith("//"):
                        continue
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(path), unquote(href)))
                    if target not in files and target + "/index.html" not in files:
                        missing.add(f"{path}: {href}")
            assert sorted(missing) == []
