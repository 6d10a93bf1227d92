"""Rules a schema cannot express, checked over the whole data set.

Each check takes the ``Dataset`` and returns problems; ``check_all`` runs them all.
"""

from __future__ import annotations

import difflib

from . import translations
from .load import Dataset
from .models import COLLECTION_BY_NAME, DOCUMENT_FACTS, EVENT_FACTS, TRANSLATED
from .problems import Problem
from .yamlstrict import Path, dotted


def check_all(data: Dataset) -> list[Problem]:
    return (check_references(data) + check_figures(data) + check_date_order(data) + check_fact_sources(data)
            + check_display_forms(data) + translations.check(data))


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


def check_fact_sources(data: Dataset) -> list[Problem]:
    """A header fact cites only sources the record cites, never a source that gives it another
    value, and is left with at least one source."""
    problems = []
    for collection, facts in (("events", EVENT_FACTS), ("documents", DOCUMENT_FACTS)):
        for record_id, record in sorted(data.get(collection).items()):
            own = set(record.sources)
            for fact in facts:
                cited = getattr(record.sources_for, fact, None) if record.sources_for else None
                against = {s for o in record.others(fact) for s in o.sources}
                for index, source in enumerate(cited or ()):
                    path = ("sources_for", fact, index)
                    if source not in own:
                        problems.append(locate(data, collection, record_id, path, "", f"'{source}' is not among "
                                               "the record's sources", f"add '{source}' to the record's 'sources', "
                                               "or cite one of them"))
                    elif source in against:
                        problems.append(locate(data, collection, record_id, path, "", f"'{source}' is cited for "
                                               f"the {fact.replace('_', ' ')} and also gives another value for it",
                                               "cite it in one place only: sources_for or other_values"))
                if not record.cites(fact) and (cited is None and against):
                    problems.append(locate(data, collection, record_id, ("other_values",), "", f"no source is left "
                                           f"for the {fact.replace('_', ' ')}: every source of the record gives "
                                           "another value", f"add 'sources_for: {fact}:' with the sources that "
                                           "state the value shown"))
            for index, other in enumerate(record.other_values):
                for position, source in enumerate(other.sources):
                    if source not in own:
                        problems.append(locate(data, collection, record_id, ("other_values", index, "sources", position),
                                               "", f"'{source}' is not among the record's sources",
                                               f"add '{source}' to the record's 'sources'"))
    return problems


def check_display_forms(data: Dataset) -> list[Problem]:
    """Where a record has several names (or titles) in the language of an edition (ru, zh),
    exactly one is marked ``display: true``: the one that edition shows; likewise among its
    short forms (abbreviations). English shows the name as the main source spells it; English
    variants are aliases."""
    problems = []
    for collection in ("people", "organisations", "countries", "events", "documents"):
        for record_id, record in sorted(data.get(collection).items()):
            for field in ("aliases", "title_variants"):
                forms = getattr(record, field, [])
                for lang in sorted({f.lang for f in forms} & set(TRANSLATED)):
                    for short in (False, True):
                        candidates = [i for i, f in enumerate(forms)  # (a form written display: false is never shown)
                                      if f.lang == lang and getattr(f, "short", False) == short
                                      and not ("display" in f.model_fields_set and not f.display)]
                        marked = [i for i in candidates if forms[i].display]
                        if len(candidates) > 1 and len(marked) != 1:
                            index = marked[1] if len(marked) > 1 else candidates[0]
                            kind = "short forms" if short else "forms"
                            problems.append(locate(data, collection, record_id, (field, index), "",
                                                   f"{len(candidates)} {kind} in '{lang}' and "
                                                   f"{'more than one' if marked else 'none'} marked display: true",
                                                   f"mark exactly one of the '{lang}' {kind} with 'display: true': "
                                                   "the one that edition shows"))
    return problems
