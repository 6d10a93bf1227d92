"""Rules a schema cannot express, checked over the whole data set.

Each check takes the ``Dataset`` and returns problems; ``check_all`` runs them all.
"""

from __future__ import annotations

import difflib

from .load import Dataset
from .models import COLLECTION_BY_NAME
from .problems import Problem
from .yamlstrict import Path, dotted


def check_all(data: Dataset) -> list[Problem]:
    return check_references(data) + check_figures(data) + check_date_order(data)


def locate(data: Dataset, collection: str, record_id: str, path: Path, field: str, message: str, hint: str) -> Problem:
    name, parsed = data.origins[(collection, record_id)]
    line, col = parsed.where(path)
    return Problem(name, line, col, field or dotted(path), message, hint)


def check_references(data: Dataset) -> list[Problem]:
    """Every id a record refers to names an existing record of the right collection."""
    problems = []
    for collection, records in sorted(data.records.items()):
        for record_id in sorted(records):
            for path, ref, target in data.refs[(collection, record_id)]:
                targets = ref.collection.split("|")
                if any(target in data.get(t) or (t, target) in data.failed for t in targets):
                    continue  # exists, or exists but has problems of its own (already reported)
                kind = " or ".join(COLLECTION_BY_NAME[t].singular for t in targets)
                problems.append(locate(data, collection, record_id, path, "", f"no {kind} with id '{target}'",
                                       unknown_id_hint(target, [i for t in targets for i in data.get(t)], targets)))
    return problems


def unknown_id_hint(target: str, known: list[str], collections: list[str]) -> str:
    close = difflib.get_close_matches(target, known, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    same_start = sorted(i for i in known if i[:1] == target[:1])[:8]
    if same_start:
        return f"known ids starting with '{target[:1]}': {', '.join(same_start)}"
    return f"add data/{collections[0]}/{target}.yml, or correct the id"


def check_figures(data: Dataset) -> list[Problem]:
    """A figure names who stated it: a speaker, an organisation, or both."""
    return [
        locate(data, "figures", fid, ("metric",), "speaker", "a figure needs a speaker or attributed_to",
               "name the person who stated it (speaker) or the organisation (attributed_to)")
        for fid, figure in sorted(data.get("figures").items())
        if figure.speaker is None and figure.attributed_to is None
    ]


def check_date_order(data: Dataset) -> list[Problem]:
    """End dates do not come before start dates."""
    problems = []
    for eid, event in sorted(data.get("events").items()):
        if event.end_date and event.end_date < event.date:
            problems.append(locate(data, "events", eid, ("end_date",), "end_date", "ends before it starts",
                                   "check both dates"))
    for fid, figure in sorted(data.get("figures").items()):
        if figure.period.start and figure.period.end and figure.period.end < figure.period.start:
            problems.append(locate(data, "figures", fid, ("period", "end"), "period.end", "the period ends before it starts",
                                   "check both dates"))
    return problems
