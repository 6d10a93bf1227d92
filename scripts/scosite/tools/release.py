"""Releases of the record: what a release tag must agree with, and the files a release carries.

A release is a tag that names a version (``queries.history``: ``v1.2.0``, or this project's
choice, a date: ``2026-12-08``). To make one: ``make version`` prints the version of the data
committed (the date it last changed, if that is not released yet); set that version in
``CITATION.cff`` and ``.zenodo.json``, commit, tag the commit with it (``git tag 2026-12-08``)
and push the tag. The release workflow (``.github/workflows/release.yml``) then checks the tag
(``tag_problems``), builds the site, its offline copies and the data, and attaches them to the
tag's GitHub release (``pack``); with Zenodo's GitHub integration switched on, publishing the
release archives it with a DOI, described by ``.zenodo.json``.

``.zenodo.json`` is the metadata Zenodo reads from the repository at a release
(https://developers.zenodo.org/#add-metadata-to-your-github-repository-release); it must say
what ``CITATION.cff`` says (``metadata_differences``, which a test runs).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import yaml

from ..data.i18n import EDITIONS
from ..data.models import COLLECTION_BY_NAME
from ..queries.history import History, Release, tag_version
from ..render import archive, versions

CITATION = "CITATION.cff"
ZENODO = ".zenodo.json"
NAME = "sco-un-record-{version}-{part}"  # a release's files (.zip), and the folder inside each
NOTES = "NOTES.md"  # the release's description, written beside its files (not attached)


def read_metadata(root: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """CITATION.cff and .zenodo.json, as read."""
    cff = yaml.safe_load((root / CITATION).read_text(encoding="utf-8"))
    zenodo = json.loads((root / ZENODO).read_text(encoding="utf-8"))
    return cff, zenodo


def creator(author: dict[str, Any]) -> dict[str, str]:
    """A CITATION.cff author as Zenodo writes a creator: a person "Family, Given", an
    organisation by its name; an ORCID as its bare identifier."""
    if "name" in author:
        name = author["name"]
    else:
        name = ", ".join(p for p in (author.get("family-names"), author.get("given-names")) if p)
    out = {"name": str(name)}
    if author.get("affiliation"):
        out["affiliation"] = str(author["affiliation"])
    if author.get("orcid"):
        out["orcid"] = str(author["orcid"]).removeprefix("https://orcid.org/")
    return out


def words(text: Any) -> str:
    return " ".join(str(text or "").split())


def metadata_differences(root: Path) -> list[str]:
    """What .zenodo.json says differently from CITATION.cff (empty if they agree)."""
    cff, zenodo = read_metadata(root)
    pairs = [
        ("title", cff.get("title"), zenodo.get("title")),
        ("abstract / description", words(cff.get("abstract")), words(zenodo.get("description"))),
        ("authors / creators", [creator(a) for a in cff.get("authors", [])], zenodo.get("creators")),
        ("keywords", cff.get("keywords"), zenodo.get("keywords")),
        ("license (SPDX / Zenodo's id)", str(cff.get("license", "")).lower(), str(zenodo.get("license", "")).lower()),
        ("version", cff.get("version") and str(cff["version"]), zenodo.get("version")),
        ("type / upload_type", cff.get("type"), zenodo.get("upload_type")),
        ("date-released / publication_date", cff.get("date-released") and str(cff["date-released"]),
         zenodo.get("publication_date")),
    ]
    found = [f"{what}: {CITATION} says {mine!r}, {ZENODO} says {theirs!r}" for what, mine, theirs in pairs if mine != theirs]
    if zenodo.get("access_right") != "open":
        found.append(f"access_right: {ZENODO} must say 'open' (the data is under {cff.get('license')})")
    return found


def describe(history: History) -> str:
    """The version of the data committed, in a sentence (``make version``)."""
    if not history.available or not history.releases:
        why = versions.UNKNOWN["uncommitted" if history.available else history.reason]
        return f"No version: {why}."
    current = history.releases[0]
    if current.released:
        return f"{current.version} (released: tag {current.tag}, {current.date})"
    last = next((r for r in history.releases if r.released), None)
    since = f"; the last release is {last.version} (tag {last.tag})" if last else ""
    return (f"{current.version} (not released: the data as last changed on {current.date}{since}; "
            f"to release it, set version {current.version} in {CITATION} and {ZENODO}, commit, "
            f"and tag the commit {current.version})")


def tag_problems(root: Path, tag: str, history: History) -> list[str]:
    """Why ``tag`` is not a release of the data committed at HEAD that CITATION.cff and
    .zenodo.json describe (empty if it is)."""
    version = tag_version(tag)
    if version is None:
        return [f"{tag}: not a version tag (a date, 2026-12-08, or a number, 1.2.0; each may start with v)"]
    if not history.available:
        return [f"{tag}: the git history is not here ({history.reason}): fetch all of it (fetch-depth: 0)"]
    current = history.releases[0] if history.releases else None
    if current is None or not current.released:
        return [f"{tag}: no release tag names the data committed here ({describe(history)})"]
    if current.version != version:
        return [f"{tag}: names version {version}, but the data committed here is release {current.version} "
                f"(tag {current.tag}; of several version tags on one commit, the last in name order names it)"]
    cff, zenodo = read_metadata(root)
    return [f"{name} says version {said!r}, the tag {version!r}: set it before tagging"
            for name, said in ((CITATION, cff.get("version")), (ZENODO, zenodo.get("version")))
            if str(said) != version] + metadata_differences(root)


def notes(release: Release, history: History) -> str:
    """The release's description: its version, what it changed, and how to cite it."""
    at = history.releases.index(release)
    older = history.releases[at + 1] if at + 1 < len(history.releases) else None  # (the version before)
    lines = [f"Version {release.version} of the SCO–UN counternarcotics record, of {release.date}.", ""]
    changes = versions.record_changes(release)
    lines.append(f"Changes since {older.version}:" if older else "The first release:")
    lines += ["", "| Collection | Added | Changed | Removed |", "| --- | ---: | ---: | ---: |"]
    lines += [f"| {COLLECTION_BY_NAME[name].title} | {len(c['added'])} | {len(c['changed'])} | {len(c['removed'])} |"
              for name, c in changes.items()]
    if not changes:
        lines = [*lines[:-2], "No record changed."]
    lines += ["", "`changelog.json` in the data names the records. Files: the data (CSV, JSON, the Data Package "
              "and its schemas), the site, and each edition's offline copy; `SHA256SUMS` has their checksums.",
              "", f"Cite it as `{CITATION}` says (version {release.version}), and the sources each row names."]
    return "\n".join(lines) + "\n"


def pack(root: Path, out: Path, history: History) -> list[Path]:
    """The files a release attaches, from the built site (``make build``, then ``make
    archives``): the data (the downloads folder), the site, each edition's offline copy, and
    their checksums; and the release's notes beside them. The zips are reproducible
    (``archive.write_zip``: dated by the last commit)."""
    if not history.releases:
        raise ValueError(describe(history))
    release = history.releases[0]
    site = root / "site"
    offline = site / "downloads" / "offline"
    missing = [p for p in (site / "index.html", site / "downloads" / "datapackage.json") if not p.is_file()]
    missing += [offline / f"{archive.ARCHIVE_NAME.format(lang=lang)}.zip" for lang in EDITIONS
                if not (offline / f"{archive.ARCHIVE_NAME.format(lang=lang)}.zip").is_file()]
    if missing:
        raise FileNotFoundError(", ".join(str(p) for p in missing) + ": run `make build` and `make archives` first")
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    epoch = archive.source_epoch(root)
    names = []
    for part, folder, leave_out in (("data", site / "downloads", ("offline",)), ("site", site, ("downloads/offline",))):
        name = NAME.format(version=release.version, part=part)
        archive.write_zip(folder, out / f"{name}.zip", name, epoch, leave_out)
        names.append(f"{name}.zip")
    for lang in EDITIONS:
        name = NAME.format(version=release.version, part=f"offline-{lang}") + ".zip"
        shutil.copyfile(offline / f"{archive.ARCHIVE_NAME.format(lang=lang)}.zip", out / name)
        names.append(name)
    archive.write_checksums(out, names)
    (out / NOTES).write_text(notes(release, history), encoding="utf-8")
    return [out / name for name in sorted(names)] + [out / archive.CHECKSUMS]
