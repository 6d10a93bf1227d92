"""Whether a run has anything to do: stamps of every input and output (standard library only).

Imported before anything heavy, so that ``make generate`` with nothing changed costs a
directory walk rather than loading pydantic, Jinja and the models.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PACKAGE = Path(__file__).resolve().parents[1]
Stamp = tuple[int, int, int]  # size, mtime (ns), inode
# A file changed within this many nanoseconds may change again in the same clock tick and keep
# its stamp ("racy" stamps, as git calls them): such files are not trusted by their stamp alone.
RACY_NS = 2_000_000_000


def stamp_of(path: str | os.PathLike[str]) -> Stamp | None:
    """A file's (size, modification time, inode), or None if it is not there. (Called for every
    generated file on each run: a path as text saves making a ``Path`` for each.)"""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


DEFAULT_SITE_URL = "http://127.0.0.1:8000/"  # where `make serve` shows the site


@dataclass(frozen=True)
class Project:
    """Where things are, and the settings every stage reads (no stage reads the environment).

    ``site_url`` is the published address: ``SITE_URL`` from the environment (the workflow
    passes the Pages address), else the default in ``mkdocs.yml``. ``repo_url`` is the
    repository's address (``REPO_URL``), for links to a page's source. ``group_limit``: an
    index with more records is split into pages by year or initial (``SCOSITE_GROUP_LIMIT``).
    ``directory_urls``: pages at ``events/x/`` (the published site), or at ``events/x.html`` (the
    offline copy: ``DIRECTORY_URLS=false``, as ``mkdocs.yml`` reads it too); links the generator
    writes into HTML (a chart's marks) follow it. ``history``: read when records last changed
    from git (``SCOSITE_HISTORY=0``: not, as for the test fixture's golden pages).
    """

    root: Path
    site_url: str = ""
    repo_url: str = ""
    repo_branch: str = ""
    group_limit: int = 0
    directory_urls: bool | None = None
    history: bool | None = None
    templates: Path = PACKAGE / "render" / "templates"

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        if not self.site_url:
            set_(self, "site_url", os.environ.get("SITE_URL") or configured_site_url(self.root) or DEFAULT_SITE_URL)
        if not self.site_url.endswith("/"):
            set_(self, "site_url", self.site_url + "/")
        if not self.repo_url:
            set_(self, "repo_url", os.environ.get("REPO_URL", "").rstrip("/"))
        if not self.repo_branch:
            set_(self, "repo_branch", os.environ.get("REPO_BRANCH", "main"))
        if not self.group_limit:
            set_(self, "group_limit", int(os.environ.get("SCOSITE_GROUP_LIMIT", "300")))
        if self.history is None:
            set_(self, "history", os.environ.get("SCOSITE_HISTORY", "1") != "0")
        if self.directory_urls is None:
            set_(self, "directory_urls", os.environ.get("DIRECTORY_URLS", "true").strip().lower() != "false")

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        """The pages people write (the generator copies them into each edition)."""
        return self.root / "docs"

    @property
    def editions(self) -> Path:
        """What the engine builds: each edition's complete tree (``en/``, ``ru/``, ``zh/``), written
        by the generator alone, and the editions' configurations."""
        return self.root / EDITIONS_FOLDER

    @property
    def lock(self) -> Path:
        return self.root / ".cache" / "build.lock"

    def handwritten_titles(self, lang: str = "en") -> tuple[str, ...]:
        return handwritten_titles(self.docs, lang)

    def handwritten(self) -> dict[str, bytes]:
        """The hand-written files under docs/ (pages, their translations, styles, scripts)."""
        return handwritten_files(self.docs)

    def edition_url(self, lang: str) -> str:
        """The address of an edition: the site's, then ``ru/`` or ``zh/``."""
        return self.site_url + ("" if lang == "en" else f"{lang}/")

    def settings(self) -> tuple[Any, ...]:
        """Everything besides the data and the code that the generated files depend on (the
        hand-written pages by content: the editions carry copies of them)."""
        handwritten = hashlib.sha256(repr(sorted(self.handwritten().items())).encode()).hexdigest()
        return (self.site_url, self.repo_url, self.repo_branch, self.group_limit, self.directory_urls, handwritten)


def configured_site_url(root: Path) -> str:
    """The default address in ``mkdocs.yml`` (``site_url: !ENV [SITE_URL, default]`` or plain),
    read as text: the generator does not depend on the engine's config loader."""
    try:
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    except OSError:
        return ""
    match = re.search(r"^site_url:\s*(?:!ENV\s*\[\s*\w+\s*,\s*)?['\"]?([^'\"\s\]#]+)", config, flags=re.M)
    return match.group(1) if match else ""


GENERATED_MARK = "---\n# generated by scripts/scosite from data/"
EDITIONS_FOLDER = Path(".cache") / "editions"
EDITION_SUFFIX = re.compile(r"\.(ru|zh)\.md$")


def handwritten_files(docs: Path) -> dict[str, bytes]:
    """Every file under ``docs`` (all written by people), by path: pages (and their
    translations, ``name.ru.md``), stylesheets and scripts. The generator copies them into each
    edition."""
    found = {}
    for folder, subfolders, files in os.walk(docs):
        subfolders.sort()
        for name in sorted(files):
            path = Path(folder) / name
            try:
                found[path.relative_to(docs).as_posix()] = path.read_bytes()
            except OSError:
                continue
    return found


def edition_page(files: dict[str, bytes], path: str, lang: str) -> tuple[str, bool] | None:
    """A hand-written page as an edition shows it: its translation (``path`` with ``.ru.md``) if
    there is one, else the English; and whether it is translated."""
    if lang != "en" and (own := files.get(path.removesuffix(".md") + f".{lang}.md")) is not None:
        return own.decode("utf-8", errors="replace"), True
    english = files.get(path)
    return (english.decode("utf-8", errors="replace"), lang == "en") if english is not None else None


def handwritten_titles(docs: Path, lang: str = "en") -> tuple[str, ...]:
    """The titles of an edition's hand-written pages (front matter ``title``, else the first
    heading): the generator gives no record page the same title."""
    files = handwritten_files(docs)
    titles = []
    for path in sorted(files):
        if path.endswith(".md") and not EDITION_SUFFIX.search(path):
            page = edition_page(files, path, lang)
            if page and (title := title_of(page[0])):
                titles.append(title)
    return tuple(titles)


def title_of(text: str) -> str | None:
    meta = re.match(r"---\n(.*?)\n---\n", text, flags=re.S)
    if meta and (found := re.search(r"^title:\s*(.+)$", meta.group(1), flags=re.M)):
        return found.group(1).strip().strip("'\"")
    heading = re.search(r"^# (.+?)(?:\s*\{[^}]*\})?\s*$", text, flags=re.M)
    return heading.group(1).strip() if heading else None


def past_state(project: Project) -> tuple[str, ...]:
    """The commit the pages are built from, and the data files not yet committed (the pages
    say when each record last changed)."""
    from ..queries.history import load

    return load(project.root).state() if project.history else ()


def code_version(templates: Path = PACKAGE / "render" / "templates") -> tuple[Any, ...]:
    """The generator's own files (code and templates), by name and content: the same code
    gives the same version in any copy of the project (a few dozen small files to read)."""
    files = sorted(PACKAGE.rglob("*.py")) + [p for p in sorted(templates.iterdir()) if p.suffix == ".j2"]
    files += sorted((PACKAGE / "locale").glob("*/LC_MESSAGES/*.po"))  # the editions' words
    return tuple((p.parent.name, p.name, hashlib.sha256(p.read_bytes()).hexdigest()) for p in files)


def nothing_to_do(project: Project) -> int | None:
    """The number of generated files, if the last run left them in order and no input has
    changed since; ``None`` if a run must look. Standard library only: this is how
    ``make generate`` answers in a few milliseconds when there is nothing to do."""
    fingerprint = Fingerprint(project)
    return fingerprint.outputs if fingerprint.matches() else None


class Fingerprint:
    """Every input's stamp (data files, code, templates, site_url), and every output's.

    A run whose inputs carry the stamps the last successful run recorded, and whose outputs
    are still as it left them, has nothing to do. A file changed less than two seconds ago
    could change again within the same clock tick and keep its stamp, so for such files the
    fingerprint holds a hash of their bytes as well (what git calls racy stamps).
    """

    def __init__(self, project: Project):
        self.path = project.root / ".cache" / "generated.json"
        self.output = project.editions
        recent = time.time_ns() - RACY_NS
        self.files: list[tuple[str, str, Stamp | None]] = []
        for folder, _, files in sorted(os.walk(project.data)):
            for name in sorted(files):
                self.files.append((folder, name, stamp_of(f"{folder}/{name}")))
            self.files.append((folder, "", stamp_of(folder)))
        self.racy = sorted(f"{folder}/{name}" for folder, name, stamp in self.files
                           if name and stamp and stamp[1] > recent)
        self.settings = [project.settings(), code_version(project.templates), past_state(project)]
        self.digest = self.digest_with(self.racy)
        self.outputs = 0

    def stamps(self) -> dict[str, Stamp | None]:
        """Every data file's stamp as taken here, by its path as text (``load_data`` uses them)."""
        return {f"{folder}/{name}": stamp for folder, name, stamp in self.files if name}

    def digest_with(self, racy: list[str]) -> str:
        """The inputs' digest, with the bytes of the ``racy`` files (changed less than two
        seconds before a run) hashed too."""
        hashed = set(racy)
        inputs: list[Any] = list(self.settings)
        for folder, name, stamp in self.files:
            path = f"{folder}/{name}"
            inputs.append((folder, name, stamp, racy_hash(Path(path)) if path in hashed else "") if name
                          else (folder, "", stamp))
        return hashlib.sha256(repr(inputs).encode()).hexdigest()

    def matches(self) -> bool:
        """Whether the last run recorded these inputs (the files that were racy then are
        compared by their bytes now as well) and its outputs are as it left them."""
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            racy = sorted(set(self.racy) | set(stored.get("racy", [])))
            if stored["inputs"] != (self.digest if racy == self.racy else self.digest_with(racy)):
                return False
            outputs = stored["outputs"]
        except (OSError, ValueError, KeyError, TypeError):
            return False
        output = os.fspath(self.output)
        for relative, stamp in outputs.items():
            if list(stamp_of(f"{output}/{relative}") or ()) != stamp:
                return False
        self.outputs = len(outputs)
        return True

    def store(self, known: dict[str, tuple[Stamp, Any]]) -> None:
        stored = {"inputs": self.digest, "racy": self.racy,
                  "outputs": {path: list(stamp) for path, (stamp, _) in sorted(known.items())}}
        temp = self.path.with_suffix(".tmp")
        try:
            temp.write_text(json.dumps(stored), encoding="utf-8")
            os.replace(temp, self.path)
        except OSError:
            self.path.unlink(missing_ok=True)  # no fingerprint just means the next run does the work


def racy_hash(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "unreadable"
