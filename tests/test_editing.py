"""The editing experience: the guide's examples are real, scaffolds validate, tools are wired."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from scosite.build.generator import Project, validate
from scosite.data.modeldocs import find_collection, scaffold
from scosite.data.models import COLLECTIONS

from .support.project import ROOT

GUIDE = (ROOT / "docs" / "about" / "editing.md").read_text(encoding="utf-8")
EXAMPLE = re.compile(r"You write, in[^`]*`(?P<path>data/[^`]+)`[^\n]*:\n\n```yaml\n(?P<yaml>.*?)```\n\n"
                     r"`make check` says:\n\n```text\n(?P<output>.*?)```", re.S)
EXAMPLES = [m.groupdict() for m in EXAMPLE.finditer(GUIDE)]


def test_the_guide_shows_five_mistakes():
    assert len(EXAMPLES) == 5


@pytest.fixture
def real_data(tmp_path) -> Path:
    """A project with a writable copy of the real data: all that `make check` reads."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["path"] for e in EXAMPLES])
def test_each_mistake_in_the_guide_gives_exactly_the_message_shown(real_data, example):
    (real_data / example["path"]).write_text(example["yaml"], encoding="utf-8")
    _, problems = validate(Project(real_data))
    printed = "\n".join(p.format() for p in sorted(problems)) + "\n"
    assert printed == example["output"]


def test_vscode_maps_every_collection_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    expected = {f"data/schemas/{c.name}.schema.json": [f"data/{c.name}/*.yml"] for c in COLLECTIONS}
    assert settings["yaml.schemas"] == expected
    assert all((ROOT / schema).is_file() for schema in expected)


# What an editor fills in for each kind of record (valid values that exist in the fixture).
FILLS = {
    "events": {"title": "T", "kind": "side-event", "date": "2017-03-13", "summary": "S"},
    "people": {"name": "N"},
    "organisations": {"name": "N", "kind": "un-office"},
    "countries": {"name": "N"},
    "documents": {"title": "T", "kind": "memorandum", "summary": "S"},
    "metrics": {"name": "N"},
    "figures": {"metric": "heroin-seized", "label": "L", "value": 1, "unit": "tonnes", "period": {"label": "2010"},
                "speaker": "ann-example"},
    "quotes": {"person": "ann-example", "text": "Q", "lang": "en", "said_on": "2017"},
    "milestones": {"date": "2004", "title": "T", "text": "X"},
    "sources": {"title": "T", "url": "https://example.org/", "publisher": "P", "language": "en"},
    "glossary": {"name": "N", "forms": [{"text": "Н", "lang": "ru", "sources": ["s01"]}]},
}


def fill(text: str, values: dict[str, object]) -> str:
    """Put a value after each top-level 'field:' line the scaffold left empty."""
    out = []
    for line in text.splitlines():
        match = re.match(r"^(?:# )?([a-z_]+):  # ", line)
        if match and match.group(1) in values:
            out.append(f"{match.group(1)}: {json.dumps(values[match.group(1)])}")
        elif line == "  - ":
            out.append("  - s01")
        elif not line.startswith("  # "):
            out.append(line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("collection", [c.name for c in COLLECTIONS])
def test_a_new_record_lists_what_to_fill_in_and_validates_once_filled(mini_project, collection):
    kind = find_collection(collection)
    assert kind is not None
    path = mini_project / "data" / collection / "new-record.yml"
    path.parent.mkdir(exist_ok=True)  # the fixture has no glossary
    path.write_text(scaffold(kind, "new-record"), encoding="utf-8")
    _, problems = validate(Project(mini_project))
    empty = sorted({p.field.split("[")[0] for p in problems})
    # A figure's speaker and a source's title are rules across fields (speaker or attributed_to; title or
    # description), reported once the required fields are there.
    required = [f for f in FILLS[collection] if (collection, f) not in (("figures", "speaker"), ("sources", "title"))]
    assert empty == sorted((["sources"] if "sources" in kind.model.model_fields else []) + required)
    assert all(p.path == f"data/{collection}/new-record.yml" for p in problems)
    path.write_text(fill(path.read_text(), FILLS[collection]), encoding="utf-8")
    _, problems = validate(Project(mini_project))
    assert [p.format() for p in problems] == []


def test_the_new_command_refuses_to_overwrite(mini_project):
    from scosite.cli import main

    assert main(["new", "person", "fresh-person", "--root", str(mini_project)]) == 0
    assert (mini_project / "data" / "people" / "fresh-person.yml").read_text().startswith(
        "# yaml-language-server: $schema=../schemas/people.schema.json\n")
    assert main(["new", "person", "fresh-person", "--root", str(mini_project)]) == 1
    assert main(["new", "person", "Not An Id", "--root", str(mini_project)]) == 1
    assert main(["new", "person", "index", "--root", str(mini_project)]) == 1
    assert main(["new", "persn", "x", "--root", str(mini_project)]) == 2


def test_pre_commit_hooks_run_and_pass_on_the_repository():
    import yaml

    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]
    assert {h["id"] for h in hooks} == {"check-data", "check-schemas", "ruff", "test-fast"}
    # The tests themselves run before a push (not here: they would run inside themselves).
    before_push = [h for h in hooks if h.get("stages") == ["pre-push"]]
    assert [h["entry"] for h in before_push] == ["make test-fast"]
    assert re.search(r"^test-fast:", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M)
    for hook in (h for h in hooks if h not in before_push):
        done = subprocess.run(hook["entry"].split(), cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, f"{hook['id']}: {done.stdout}{done.stderr}"


def test_the_data_reference_lists_every_field_of_every_model(real_rendering):
    from scosite.data.modeldocs import model_docs

    page = real_rendering[1]["about/data-reference.md"]
    for collection in COLLECTIONS:
        for doc in model_docs(collection):
            for field in doc.fields:
                assert f"| `{field.name}` |" in page, f"{collection.name}: {doc.name}.{field.name}"
        assert f"Folder `data/{collection.name}/`" in page
    assert "| `unit` | one of the allowed values | yes | tonnes, tons, kg," in page
