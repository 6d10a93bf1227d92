"""Page weight of the real site against default Material for MkDocs (``page_weight``, shared
with the tests: tests/support/weight.py). Deterministic: no browser, no network."""

from __future__ import annotations

from pathlib import Path

from tests.support.weight import REAL_EVENT, Weight, default_material_site, markdown_extensions, page_weight


def weigh_real_site(project: Path, workdir: Path) -> dict[str, tuple[Weight, Weight]]:
    """(ours, default Material) for the home page and the real event page of ``project``'s site."""
    docs = {p: (project / ".cache" / "editions" / "en" / p).read_text(encoding="utf-8")
            for p in ("index.md", f"{REAL_EVENT}.md")}
    default = default_material_site(docs, workdir / "default-material", markdown_extensions(project))
    pages = {"home page": "index.html", "event page": f"{REAL_EVENT}/index.html"}
    return {name: (page_weight(project / "site", page), page_weight(default, page)) for name, page in pages.items()}
