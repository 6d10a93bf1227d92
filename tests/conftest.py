"""Shared fixtures: paths to the fixture projects and a scratch copy of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """A writable copy of the small, valid fixture project (data/ and an empty docs/)."""
    shutil.copytree(FIXTURES / "mini" / "data", tmp_path / "data")
    (tmp_path / "docs").mkdir()
    return tmp_path


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    """A writable copy of the real project (data, docs, config, scripts) without build output."""
    for name in ("data", "docs", "scripts", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    return tmp_path
