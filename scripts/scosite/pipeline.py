"""The pipeline in one place: load -> validate -> render -> write.

Only ``load_data`` (reading) and ``write_pages`` (writing) touch the disk. Every stage
returns problems instead of raising; the pipeline stops before writing if there are any,
so a bad edit never changes the site.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from .checks import check_all
from .export import render_downloads
from .load import Dataset, load_data, rel
from .problems import Problem, summary
from .render import TEMPLATES, render_site
from .site import Site
from .write import BusyError, WriteResult, check_targets, clean_leftovers, exclusive, write_pages

__all__ = ["BusyError", "Project", "generate", "render", "summary", "validate"]


@dataclass(frozen=True)
class Project:
    """Where things are, relative to the repository root."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def lock(self) -> Path:
        return self.root / ".cache" / "build.lock"

    @property
    def site_url(self) -> str:
        """``site_url`` from mkdocs.yml (read as text: any engine's config may carry tags)."""
        try:
            config = (self.root / "mkdocs.yml").read_text(encoding="utf-8")
        except OSError:
            return ""
        match = re.search(r"^site_url:\s*['\"]?([^'\"\s#]+)", config, flags=re.M)
        return match.group(1) if match else ""


def validate(project: Project) -> tuple[Dataset, list[Problem]]:
    """Load and check everything; no writing."""
    data, problems = load_data(project.data, project.root)
    return data, problems + check_all(data)


def render(data: Dataset, site_url: str = "") -> tuple[dict[str, str], list[Problem]]:
    """Render every page and download, turning a failure into a problem rather than a traceback."""
    try:
        site = Site.build(data)
        return render_site(site, site_url) | render_downloads(site, site_url), []
    except jinja2.TemplateError as err:
        name = getattr(err, "filename", None) or getattr(err, "name", None) or "templates"
        return {}, [Problem(_template_path(name), getattr(err, "lineno", 0) or 0, 0, "", f"template error: {err}")]
    except Exception as err:  # a bug in a template or renderer must not lose the previous site
        frame = traceback.extract_tb(err.__traceback__)[-1]
        return {}, [Problem(_template_path(frame.filename), frame.lineno or 0, 0, "",
                            f"the page renderer failed: {type(err).__name__}: {err}",
                            "this is a bug in the site code, not in the data; please report it")]


def _template_path(name: str) -> str:
    path = Path(name)
    if not path.is_absolute():
        path = TEMPLATES / name
    try:
        return path.resolve().relative_to(TEMPLATES.parents[2].resolve()).as_posix()
    except ValueError:
        return str(name)


def generate(project: Project) -> tuple[WriteResult | None, list[Problem]]:
    """The whole pipeline; writes only if every stage succeeded."""
    with exclusive(project.lock):
        clean_leftovers(project.docs)
        data, problems = validate(project)
        if problems:
            return None, problems
        pages, problems = render(data, project.site_url)
        problems += check_targets(pages, project.docs)
        if problems:
            return None, problems
        try:
            return write_pages(pages, project.docs), []
        except OSError as err:
            where = rel(Path(err.filename), project.root) if err.filename else "docs"
            return None, [Problem(where, 0, 0, "", f"cannot write the pages: {err.strerror or err}",
                                  "free some disk space or fix the folder's permissions; the previous pages are unchanged")]
