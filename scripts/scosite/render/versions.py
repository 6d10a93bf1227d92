"""The versions of the record, as readers get them: the Data Package's ``version`` and
``created``, the changelog (``downloads/changelog.json``, and the list on the Open data page),
and how to cite a version (a line in each edition's style, and BibTeX and RIS files).

Everything comes from ``Site.releases`` (the git history and tags: ``queries.history`` says
which tag is a release and what the version of an untagged build is), so the same commit gives
the same bytes anywhere. A build without the history (a copy of the folder, a shallow clone)
has no version: the Data Package then has neither ``version`` nor ``created``, the changelog
lists no version and says why, and the citations leave the version out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from ..data.models import COLLECTIONS
from ..queries.history import Release
from ..queries.records import Site
from ..settings import BY_LANG
from .citation import bibtex_text, gost_address, ris_text

CHANGELOG = "downloads/changelog.json"
CITATION_FILES = ("cite/data.bib", "cite/data.ris")  # the data set's citation, in each edition's tree
KINDS = ("added", "changed", "removed")
# Why a build has no version (``Site.releases``' reason; "uncommitted": its data was never committed).
UNKNOWN = {
    "no-git": "the site was built without its git history",
    "shallow": "the site was built from a shallow clone of its repository",
    "uncommitted": "the data has not been committed yet",
}


def current(site: Site) -> tuple[Release | None, str]:
    """The version built (None if not known), and why not."""
    _, reason, releases = site.releases()
    return (releases[0], "") if releases else (None, reason or "uncommitted")


def package_fields(site: Site) -> dict[str, str]:
    """The Data Package's ``version`` and ``created`` (none without the history)."""
    release, _ = current(site)
    return {"version": release.version, "created": release.created} if release else {}


def record_changes(release: Release) -> dict[str, dict[str, list[str]]]:
    """A version's changes as records by collection, in the collections' order: ``{collection:
    {"added": [ids], "changed": [...], "removed": [...]}}``, with only the collections it
    changed. Only the records' files count (``data/<collection>/<id>.yml``), not the schemas."""
    found: dict[str, dict[str, list[str]]] = {}
    names = {c.name for c in COLLECTIONS}
    for kind, paths in zip(KINDS, (release.added, release.changed, release.removed), strict=True):
        for path in paths:
            parts = path.split("/")
            if len(parts) == 3 and parts[0] == "data" and parts[1] in names and parts[2].endswith(".yml"):
                found.setdefault(parts[1], {k: [] for k in KINDS})[kind].append(parts[2].removesuffix(".yml"))
    return {c.name: found[c.name] for c in COLLECTIONS if c.name in found}


def changelog(site: Site) -> list[dict[str, Any]]:
    """Every version, newest first, with the version before it and its changes."""
    _, _, releases = site.releases()
    return [{"version": r.version, "released": r.released, "tag": r.tag or None, "date": r.date,
             "created": r.created, "commit": r.commit,
             "since": releases[at + 1].version if at + 1 < len(releases) else None, "changes": record_changes(r)}
            for at, r in enumerate(releases)]


def changelog_json(site: Site) -> str:
    """``downloads/changelog.json``: the versions and what each changed, or why they are unknown."""
    release, why = current(site)
    body: dict[str, Any] = {
        "description": "The versions of the SCO–UN counternarcotics record, newest first. Each gives the records "
                       "it added, changed and removed since the version before ('since'), by collection, as ids "
                       "(a record's file is data/<collection>/<id>.yml; the first version adds every record). "
                       "A version with a tag is a release; the first one may be the data committed since the last "
                       "release. Made from the git history of the data.",
        "versions": changelog(site),
    }
    if release is None:
        body["unknown"] = f"No version is known: {UNKNOWN.get(why, why)}."
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


# --- How to cite a version ------------------------------------------------------------------


@dataclass(frozen=True)
class DataCitation:
    key: str  # scoun-data, scoun-ru-data
    title: str  # the Open data page's title, in the edition's language
    site: str  # the site's name, in the edition's language (the author, as for a page)
    url: str  # the Open data page's published address
    version: str | None
    date: str | None  # YYYY-MM-DD of the version
    lang: str

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


def data_citation(site: Site, title: str, site_name: str, url: str) -> DataCitation:
    release, _ = current(site)
    key = "-".join(["scoun", *([site.lang] if site.lang != "en" else []), "data"])
    return DataCitation(key, title, site_name, url, release.version if release else None,
                        release.date if release else None, site.lang)


def line(c: DataCitation) -> str:
    """A data set's citation, plain text, in the edition's style (as ``citation.line`` cites a
    page): English after Cite Them Right's Harvard (a data set with a version), Russian after
    GOST R 7.0.100-2018 (the version as its edition statement), Chinese after GB/T 7714-2015
    (a data set, [DS/OL], with its version item)."""
    title = c.title.rstrip(".")
    if c.lang == "ru":
        parts = [f"{title} : набор данных."]
        if c.version:
            parts.append(f" – Версия {c.version}.")
        parts.append(f" – Текст : электронный // {c.site} : [сайт].{gost_address(c.year, c.date, c.url)}")
        return "".join(parts)
    if c.lang == "zh":
        version = f" {c.version}版." if c.version else ""
        when = f" ({c.date})." if c.date else ""
        return f"{c.site}. {title}[DS/OL].{version}{when} {c.url}."
    version = f" (version {c.version})" if c.version else ""
    return f"{c.site} ({c.year or 'n.d.'}) {title}{version} [Data set]. Available at: {c.url}."


def bibtex(c: DataCitation) -> str:
    """One ``@misc`` entry, as for a page, with the version (``version``: biblatex; ``note``:
    what plain BibTeX styles print)."""
    fields = [("author", "{" + bibtex_text(c.site) + "}"), ("title", "{" + bibtex_text(c.title) + "}")]
    if c.version:
        fields.append(("version", bibtex_text(c.version)))
    if c.date:
        fields += [("year", c.year or ""), ("date", c.date)]
    fields += [("url", c.url), ("howpublished", r"\url{" + c.url + "}"), ("language", BY_LANG[c.lang].bibtex),
               ("note", "Data set" + (f", version {bibtex_text(c.version)}" if c.version else ""))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def ris(c: DataCitation) -> str:
    """One RIS record of type DATA (a data set), its version as the edition (ET)."""
    lines = [("TY", "DATA"), ("AU", ris_text(c.site)), ("TI", ris_text(c.title))]
    if c.version:
        lines.append(("ET", ris_text(c.version)))
    if c.date:
        lines += [("PY", c.year or ""), ("DA", c.date.replace("-", "/"))]
    lines += [("UR", c.url), ("LA", c.lang), ("ID", c.key), ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


def anchor(version: str) -> str:
    """The Open data page's anchor of a version: ``version-2026-12-08``, ``version-1-2-0``."""
    return "version-" + re.sub(r"[^0-9a-z]+", "-", version.lower()).strip("-")


def counts(release: Release) -> list[tuple[str, int, int, int]]:
    """A version's changes as the Open data page counts them: (collection, added, changed,
    removed), in the collections' order."""
    return [(name, len(c["added"]), len(c["changed"]), len(c["removed"])) for name, c in record_changes(release).items()]
