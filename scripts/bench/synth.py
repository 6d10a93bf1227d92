"""Synthetic data sets with the real data's shape, valid, deterministic, written as YAML.

Shares of the records, in per cent. The real data describes one event in depth: 9
participants, 5 figures, 4 quotations, 10 sources. A record of many events keeps those
per-event ratios while people recur (each takes part in 2-3 events), sources cover several
records each, and the slow-growing collections level off (about 200 countries exist).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path
from typing import Any

import yaml

from scosite.data.models import COLLECTION_BY_NAME, ORGANISATION_KINDS, UNITS

SHARES = {"events": 9, "people": 26, "organisations": 5, "countries": 2, "documents": 5, "metrics": 2,
          "figures": 21, "quotes": 17, "milestones": 3, "sources": 10}
SYLLABLES = ("ka", "ra", "zan", "mir", "to", "lek", "an", "dor", "vi", "sha", "nur", "bek", "al", "ov", "in", "ta")
WORDS = ("cooperation", "illicit", "drugs", "trafficking", "member", "states", "agency", "joint", "operation",
         "precursors", "border", "control", "regional", "strategy", "seizures", "heroin", "opium", "data",
         "training", "officers", "agreed", "reported", "meeting", "delegation", "secretariat", "office",
         "programme", "prevention", "treatment", "the", "of", "and", "in", "with", "for", "a", "on", "to")


def allocate(total: int) -> dict[str, int]:
    """Records per collection, at least one each, adding up to ``total`` (largest remainder)."""
    exact = {name: max(total - len(SHARES), 0) * share / 100 for name, share in SHARES.items()}
    counts = {name: 1 + int(value) for name, value in exact.items()}
    by_remainder = sorted(SHARES, key=lambda name: exact[name] - int(exact[name]), reverse=True)
    for name in by_remainder[: total - sum(counts.values())]:
        counts[name] += 1
    return counts


class Synthesis:
    """A valid, deterministic data set shaped like the real one, as YAML-ready dicts."""

    def __init__(self, total: int, seed: int = 7):
        self.rng = random.Random(seed)
        self.n = allocate(total)
        self.ids = {c: [f"{COLLECTION_BY_NAME[c].singular}-{i:05d}" for i in range(k)] for c, k in self.n.items()}
        self.ids["sources"] = [f"s{i:05d}" for i in range(self.n["sources"])]
        self.event_dates = [self.date(i, self.n["events"]) for i in range(self.n["events"])]

    # Small helpers -------------------------------------------------------------------------

    def name(self, parts: int = 2) -> str:
        return " ".join("".join(self.rng.choice(SYLLABLES) for _ in range(3)).capitalize() for _ in range(parts))

    def text(self, words: int) -> str:
        return (" ".join(self.rng.choice(WORDS) for _ in range(words)).capitalize() + ".").replace(" .", ".")

    def date(self, index: int, count: int) -> str:
        day = dt.date(2004, 1, 1) + dt.timedelta(days=int(index * 8000 / max(count, 1)))
        return day.isoformat()

    def near(self, collection: str, index: int, count: int, spread: int = 3) -> str:
        """An id of ``collection`` near the same point in time as item ``index`` of ``count``."""
        ids = self.ids[collection]
        centre = index * len(ids) // max(count, 1)
        return ids[min(max(centre + self.rng.randint(-spread, spread), 0), len(ids) - 1)]

    def cite(self, index: int, count: int) -> list[str]:
        return sorted({self.near("sources", index, count) for _ in range(self.rng.choice((1, 1, 2)))})

    # Records -------------------------------------------------------------------------------

    def records(self) -> dict[str, list[dict[str, Any]]]:
        return {c: [getattr(self, COLLECTION_BY_NAME[c].singular)(i) for i in range(k)] for c, k in self.n.items()}

    def event(self, i: int) -> dict[str, Any]:
        count = self.n["events"]
        people = sorted({self.near("people", i, count, spread=8) for _ in range(self.rng.randint(4, 9))})
        return {"id": self.ids["events"][i], "title": self.text(12), "kind": self.rng.choice(("side-event", "meeting")),
                "date": self.event_dates[i], "venue": self.name(3), "city": self.name(1),
                "country": self.near("countries", i, count), "organisers": sorted({self.near("organisations", i, count),
                                                                                     self.near("countries", i, count)}),
                "summary": self.text(45), "participants": [self.participant(p, i, k) for k, p in enumerate(people)],
                "proceedings": [{"kind": "discussion", "text": self.text(35), "sources": self.cite(i, count)}
                                for _ in range(self.rng.randint(2, 4))],
                "sources": self.cite(i, count)}

    def participant(self, person: str, event: int, position: int) -> dict[str, Any]:
        count = self.n["events"]
        part = {"person": person, "role": "moderator" if position == 0 else "speaker", "title": self.text(8)}
        if position % 2:
            part |= {"delegation": self.near("countries", event, count), "head_of_delegation": True}
        else:
            part["organisation"] = self.near("organisations", event, count)
        if self.rng.random() < 0.35:
            part["statements"] = [{"text": self.text(30), "sources": self.cite(event, count)}
                                  for _ in range(self.rng.randint(1, 3))]
        return part | {"sources": self.cite(event, count)}

    def person(self, i: int) -> dict[str, Any]:
        first, last = self.name(1), self.name(1)
        record = {"id": self.ids["people"][i], "name": f"{first} {last}", "sort_name": f"{last}, {first}"}
        if i % 4 == 0:
            record["aliases"] = [{"name": f"{first} {last}ov", "lang": "en", "sources": self.cite(i, self.n["people"])}]
        if i % 3 == 0:
            record["summary"] = self.text(30)
        return record | {"sources": self.cite(i, self.n["people"])}

    def organisation(self, i: int) -> dict[str, Any]:
        record = {"id": self.ids["organisations"][i], "name": f"{self.name(2)} Office", "short_name": self.name(1).upper(),
                  "kind": ORGANISATION_KINDS[i % len(ORGANISATION_KINDS)], "summary": self.text(25)}
        if i and i % 2:
            record["parent"] = self.ids["organisations"][self.rng.randrange(i)]
        return record | {"sources": self.cite(i, self.n["organisations"])}

    def country(self, i: int) -> dict[str, Any]:
        record: dict[str, Any] = {"id": self.ids["countries"][i], "name": self.name(1) + "stan"}
        if i < 10:
            record["sco"] = [{"status": "member", "start": "2001", "sources": self.cite(i, self.n["countries"])}]
            record["chairmanships"] = [{"start": f"{y}-06", "end": f"{y + 1}-06", "sources": self.cite(i, self.n["countries"])}
                                       for y in range(2004 + i, 2026, min(self.n["countries"], 10))]
        return record | {"sources": self.cite(i, self.n["countries"])}

    def document(self, i: int) -> dict[str, Any]:
        count = self.n["documents"]
        record = {"id": self.ids["documents"][i], "title": self.text(10), "kind": "agreement", "date": self.date(i, count),
                  "parties": sorted({self.near("organisations", i, count), self.near("countries", i, count)}),
                  "summary": self.text(40), "facts": [{"text": self.text(25), "sources": self.cite(i, count)}]}
        if i and i % 3 == 0:
            record["part_of"] = self.ids["documents"][i - 1]
        return record | {"sources": self.cite(i, count)}

    def metric(self, i: int) -> dict[str, Any]:
        return {"id": self.ids["metrics"][i], "name": f"{self.name(1)} seized", "description": self.text(15)}

    def figure(self, i: int) -> dict[str, Any]:
        count = self.n["figures"]
        event = min(i * self.n["events"] // count, self.n["events"] - 1)
        return {"id": self.ids["figures"][i], "metric": self.ids["metrics"][i % self.n["metrics"]], "label": self.text(9),
                "value": self.rng.randint(1, 900), "unit": UNITS[i % 4], "qualifier": "some",
                "period": {"label": "the past five years", "start": "2010", "end": "2015"},
                "speaker": self.near("people", event, self.n["events"], spread=0), "said_on": self.event_dates[event],
                "event": self.ids["events"][event], "headline": i >= count - 4, "sources": self.cite(i, count)}

    def quote(self, i: int) -> dict[str, Any]:
        count = self.n["quotes"]
        event = min(i * self.n["events"] // count, self.n["events"] - 1)
        return {"id": self.ids["quotes"][i], "person": self.near("people", event, self.n["events"]), "text": self.text(20),
                "lang": "en", "said_on": self.event_dates[event], "event": self.ids["events"][event],
                "context": self.text(12), "sources": self.cite(i, count)}

    def milestone(self, i: int) -> dict[str, Any]:
        count = self.n["milestones"]
        return {"id": self.ids["milestones"][i], "date": self.date(i, count), "title": self.text(6), "text": self.text(25),
                "sources": self.cite(i, count)}

    def source(self, i: int) -> dict[str, Any]:
        record = {"id": self.ids["sources"][i], "title": self.text(14), "url": f"https://www.example.org/news/{i}.html",
                  "publisher": f"{self.name(1)} News", "date": self.date(i, self.n["sources"]), "language": "en",
                  "notes": self.text(30)}
        event = i * self.n["events"] // self.n["sources"]
        if i * self.n["events"] % self.n["sources"] < self.n["events"]:
            record["authoritative_for"] = [self.ids["events"][event]]
        return record


class NoAliases(yaml.SafeDumper):
    """The strict reader refuses anchors and aliases: write every repeated value in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def write_records(data_dir: Path, records: dict[str, list[dict[str, Any]]]) -> None:
    for collection, items in records.items():
        (data_dir / collection).mkdir(parents=True, exist_ok=True)
        for record in items:
            text = yaml.dump(record, Dumper=NoAliases, sort_keys=False, allow_unicode=True, width=100)
            (data_dir / collection / f"{record['id']}.yml").write_text(text, encoding="utf-8")

