"""Project copies: the benchmark's data sets, each in a copy of the project as a fresh clone
has it (``copy_project``, shared with the tests: tests/support/project.py), and the plain
MkDocs + Material reference built from the same pages."""

from __future__ import annotations

import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.project import ROOT, copy_project

REAL_PERSON = ("marat-demeuov", "Marat Demeuov")


@dataclass
class Case:
    """One data set: its project copy, the person to edit, and the reference project."""

    label: str
    records: int
    project: Path
    reference: Path
    person: str  # id of the person whose name the edit measures change
    name: str  # the person's name as the data spells it


def make_case(label: str, workdir: Path) -> Case:
    """The project with the real data (``real``) or a synthetic data set of ``label`` records."""
    from .synth import Synthesis, write_records

    project = workdir / label / "project"
    copy_project(project, data=False)
    if label == "real":
        shutil.copytree(ROOT / "data", project / "data", ignore=shutil.ignore_patterns("schemas"))
        person, name = REAL_PERSON
    else:
        records = Synthesis(int(label)).records()
        write_records(project / "data", records)
        person = records["events"][len(records["events"]) // 2]["participants"][0]["person"]
        name = next(p["name"] for p in records["people"] if p["id"] == person)
    # As if saved an hour ago: the generator does not trust stamps from the last two seconds
    # (see scosite.build.fingerprint), and an editor's files are older than that.
    old = time.time() - 3600
    for path in (project / "data").rglob("*"):
        os.utime(path, (old, old))
    count = sum(1 for _ in (project / "data").glob("*/*.yml"))
    return Case(label, count, project, workdir / label / "reference", person, name)


def clean_generated(project: Path) -> None:
    """Back to a fresh clone: no generated pages, no site, no caches."""
    for name in ("site", ".cache"):
        set_aside(project / name)


def set_aside(folder: Path) -> None:
    """Move ``folder`` out of the way, beside it (``.set-aside/``, in the bench's working
    folder, which is deleted when the bench ends). Deleting tens of thousands of files keeps
    the file system busy for a while after (here, a disk that discards freed blocks: a
    generate started right after deleting the last one's 53,636 files wrote them in 32 s, not
    5 s), and a measure that started then would pay for the one before."""
    if folder.exists():
        trash = folder.parent / ".set-aside"
        trash.mkdir(exist_ok=True)
        folder.rename(trash / f"{len(list(trash.iterdir()))}-{folder.name}")


def edit_person(case: Case, new_name: str) -> None:
    """Rename the case's person in the data."""
    path = case.project / "data" / "people" / f"{case.person}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^name: .*$", f"name: {new_name}", text, count=1, flags=re.M), encoding="utf-8")


# --- The plain reference ------------------------------------------------------------------


def reference_configs(case: Case) -> list[Path]:
    """Plain MkDocs + Material: the generated pages of every edition as hand-written ones (a
    copy of each edition's tree after a generate), each edition's configuration without
    the generator hook and the theme overrides, and Material's search plugin on, as a plain
    project would have it. Returns the configurations, English first."""
    from scosite.build.editions import config_path, dump_config, load_config
    from scosite.data.i18n import EDITIONS
    from scosite.settings import Project

    set_aside(case.reference)
    configs = []
    for lang in EDITIONS:
        shutil.copytree(Project(case.project).editions / lang, case.reference / "docs" / lang)
        source = case.project / "mkdocs.yml" if lang == "en" else config_path(Project(case.project), lang)
        config = _plain(load_config(source), lang, case.reference)
        target = case.reference / ("mkdocs.yml" if lang == "en" else f"mkdocs.{lang}.yml")
        target.write_text(dump_config(config), encoding="utf-8")
        configs.append(target)
    return configs


def _plain(config: dict[str, Any], lang: str, reference: Path) -> dict[str, Any]:
    """The edition's configuration as a plain project's: search on with the edition's settings."""
    config.pop("hooks", None)
    config["plugins"] = [p for p in config.get("plugins", []) if not _is_plugin(p, "scosite")]
    config["theme"].pop("custom_dir", None)
    config["docs_dir"] = str(reference / "docs" / lang)
    config.pop("site_dir", None)
    search = next((p for p in config.get("plugins", []) if _is_plugin(p, "search")), None)
    settings = dict(search["search"]) if isinstance(search, dict) else {"lang": lang}
    if settings.get("jieba_dict_user"):  # the edition's word list, kept beside the reference
        words = reference / Path(settings["jieba_dict_user"]).name
        shutil.copy(settings["jieba_dict_user"], words)
        settings["jieba_dict_user"] = str(words)
    others = [p for p in config.get("plugins", []) if not _is_plugin(p, "search")]
    config["plugins"] = [{"search": settings | {"enabled": True}}, *others]
    return config


def _is_plugin(entry: Any, name: str) -> bool:
    return entry == name or (isinstance(entry, dict) and name in entry)
