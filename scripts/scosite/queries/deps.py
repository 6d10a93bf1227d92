"""What each generated file depends on: the keys of the dependency graph, in one place.

While a page renders, the data access layer (``site.Site``) records every key it reads; an
edit is turned into the keys it changes (``changed_keys``); a page is rendered again only if
it read one of them. A full render is always the reference, and ``SCOSITE_VERIFY_INCREMENTAL=1``
compares every incremental run with one (``pipeline``).

The keys, each qualified by the language of the page that read it (``"*"``: a file written
once for every language, such as a download):

* ``record(c, id)``: one record's content (read when a page shows it);
* ``collection(c)``: which records a collection has, in order, and their content (an index
  page); ``collection("*")`` is every collection;
* ``size(c)``: how many records a collection has;
* ``filed(index, key)``: which records an index files under ``key``, and their content (the
  indexes are ``site.INDEXES``: events a person appears at, records with a page title, …).

An edit of one record changes, in each language whose text of it changed: its record key,
its collection, every index entry it is or was filed under, and the size of its collection
if it was added or removed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from pydantic import BaseModel

from ..data.models import LocalText

Key = tuple[str, ...]
EVERY_LANGUAGE = "*"


def record(collection: str, record_id: str) -> Key:
    return ("rec", collection, record_id)


def collection(name: str) -> Key:
    return ("all", name)


def size(name: str) -> Key:
    return ("size", name)


def filed(index: str, key: str) -> Key:
    return ("idx", index, key)


EVERYTHING = collection("*")


def history(path: str) -> Key:
    """When a data file last changed (``history.py``); ``"*"``: the recent changes."""
    return ("hist", path)


def history_keys(old: Any, new: Any) -> set[Key]:
    """The history keys that differ between two ``History`` values (seen by every language)."""
    if old is None or old.state() != new.state() or old.recent != new.recent:
        paths = set(old.dates if old else {}) | set(new.dates) | set(old.uncommitted if old else ()) | set(new.uncommitted)
        keys = {history(p) for p in paths if (old.changed_on(p) if old else None) != new.changed_on(p)}
        return {(EVERY_LANGUAGE, *key) for key in keys | {history("*")}}
    return set()


class Reads:
    """The keys read by the page being rendered, in the page's language; ``None`` when no page
    is being recorded (e.g. while the generator lists the pages to make)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.keys: set[Key] | None = None

    def add(self, key: Key, every_language: bool = False) -> None:
        """A read of ``key`` as the page's language sees it; ``every_language``: as every
        language does (a page that shows the text in all of them, e.g. the translation status)."""
        if self.keys is not None:
            self.keys.add((EVERY_LANGUAGE if every_language else self.lang, *key))

    @contextmanager
    def recording(self) -> Iterator[set[Key]]:
        """Record the reads of one page: ``with reads.recording() as keys: render()``."""
        outer, self.keys = self.keys, set()
        try:
            yield self.keys
        finally:
            self.keys = outer


def changed_keys(old: Any, new: Any, languages: Iterable[str],
                 filed_under: Any) -> set[Key]:
    """The keys an edit changes, from the data before (``old``) and after (``new``).

    ``filed_under(dataset, collection, record)`` gives the index entries a record is filed
    under (``site.index_keys``). A record counts as changed in a language when its text in
    that language (or the English it falls back to) changed; files for every language
    (``"*"``) see every change.
    """
    keys: set[Key] = set()
    for name in set(old.records) | set(new.records):
        before, after = old.get(name), new.get(name)
        for record_id in before.keys() | after.keys():
            a, b = before.get(record_id), after.get(record_id)
            if a is b or (a is not None and b is not None and a == b):
                continue
            base = {record(name, record_id), collection(name), EVERYTHING}
            if a is None or b is None:
                base.add(size(name))
            for dataset, value in ((old, a), (new, b)):
                if value is not None:
                    base |= {filed(index, key) for index, key in filed_under(dataset, name, value)}
            for lang in affected_languages(a, b, languages):
                keys |= {(lang, *key) for key in base}
    return keys


def affected_languages(a: Any, b: Any, languages: Iterable[str]) -> set[str]:
    """The languages in which a record reads differently after an edit (always ``"*"``)."""
    if a is None or b is None:
        return {*languages, EVERY_LANGUAGE}
    return {lang for lang in languages if in_language(a, lang) != in_language(b, lang)} | {EVERY_LANGUAGE}


def in_language(value: Any, lang: str) -> Any:
    """A record as a page in ``lang`` can see it: every field, with each text reduced to English
    and its ``lang`` form (the English is the fallback, and what a translation is checked against)."""
    if isinstance(value, LocalText):
        return (value.en, getattr(value, lang, None))
    if isinstance(value, BaseModel):
        return tuple(in_language(getattr(value, name), lang) for name in type(value).model_fields)
    if isinstance(value, list):
        return tuple(in_language(item, lang) for item in value)
    return value


# --- Diagnosis: which records a rendering really touched --------------------------------


class _Traced:
    """A record that notes every use of itself in ``touched`` (as its record key): for finding
    a read the recorded keys missed, not for rendering the site."""

    __slots__ = ("_key", "_record", "_touched")

    def __init__(self, record: Any, key: Key, touched: set[Key]) -> None:
        object.__setattr__(self, "_record", record)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_touched", touched)

    def __getattr__(self, name: str) -> Any:
        self._touched.add(self._key)
        return getattr(self._record, name)

    @property  # type: ignore[misc]
    def __class__(self) -> type:  # isinstance() sees the record's own class
        return type(self._record)

    def __eq__(self, other: object) -> bool:
        self._touched.add(self._key)
        return self._record == (other._record if isinstance(other, _Traced) else other)

    def __hash__(self) -> int:
        return hash(self._record)

    def __str__(self) -> str:
        self._touched.add(self._key)
        return str(self._record)


def traced(data: Any, touched: set[Key]) -> Any:
    """A copy of a data set whose records note in ``touched`` each time they are used."""
    copy = type(data)(failed=set(data.failed), origins=dict(data.origins), refs=dict(data.refs))
    for name, records in data.records.items():
        copy.records[name] = {rid: _Traced(r, record(name, rid), touched) for rid, r in records.items()}
    return copy
