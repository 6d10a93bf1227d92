"""The generator's output for a project: every file it makes (in memory), where it writes one,
and the settings the tests give a project."""

from __future__ import annotations

from pathlib import Path

from scosite.build.generator import render, texts, tree_path, validate
from scosite.data.models import TRANSLATED
from scosite.settings import Project


def generated(project: Path, published: str = "") -> Path:
    """The file the generator wrote in ``project`` for what is published at ``published``
    (``people/x.md``: in the English edition's tree; ``ru/people/x.md``: the Russian's); with
    no ``published``, the folder of the editions' trees."""
    return Project(project).editions / tree_path(published) if published else Project(project).editions


def settings(root: Path, **overrides: object) -> Project:
    """A project's settings for tests: a fixed site address, whatever the environment says."""
    return Project(root, **{"site_url": "https://example.org/", **overrides})  # type: ignore[arg-type]


def rendered(project: Project) -> tuple[object, dict[str, str]]:
    """A project's data and every file the generator makes from it (the one render path)."""
    data, problems = validate(project)
    assert problems == []
    rendering, problems = render(data, project)
    assert problems == []
    return data, texts(rendering)


def edition_of(path: str) -> tuple[str, str]:
    """'ru/events/x.md' -> ('ru', 'events/x.md'); an English path -> ('en', path)."""
    first, _, rest = path.partition("/")
    return (first, rest) if rest and first in TRANSLATED else ("en", path)
