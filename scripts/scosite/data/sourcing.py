"""What the records share: their sources and caveats, their names' other forms (aliases), and
the header facts of an event or a document, each with the sources that state it and the other
values that sources give; and a source's archived copy (see ``models`` for the collections)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from pydantic import Field, model_validator

from .fields import (
    CaveatStatus,
    Day,
    DocumentFact,
    DocumentRef,
    EventFact,
    Id,
    Language,
    Line,
    PartialDate,
    PartyRef,
    SourceRef,
    Strict,
    Text,
    TextLine,
    Url,
    rule,
)

# --- Shared parts ----------------------------------------------------------------------


class Caveat(Strict):
    """Marks something the sources do not state outright; shown to readers as such."""

    status: CaveatStatus
    note: TextLine


class Sourced(Strict):
    """Base of everything that states a fact: the sources that support it, and a caveat where
    the sources do not state it outright."""

    sources: list[SourceRef] = Field(min_length=1)
    caveat: Caveat | None = None


class Fact(Sourced):
    """A sentence in our own words, with the sources that support it."""

    text: Text


class Alias(Strict):
    """Another form of a name, as a source spells it (another spelling or script), or, marked
    ``ours``, our own translation where no source gives the name in that language."""

    name: Line
    lang: Language
    sources: list[SourceRef] = Field(default_factory=list, description="the sources that write it so (none if ours)")
    ours: bool = Field(False, description="our own translation: no source gives the name in this language; "
                       "shown with the original beside it")
    display: bool = Field(False, description="the form to show in this language, where there are several; "
                          "'false' written out: never shown (only listed)")
    short: bool = Field(False, description="a short form (an abbreviation such as ШОС)")
    note: TextLine | None = None
    caveat: Caveat | None = Field(None, description="e.g. when it is not certain that the form names the same person")

    @model_validator(mode="after")
    def _sourced_or_ours(self) -> Alias:
        if not self.sources and not self.ours:
            raise rule("alias_unsourced", "give the sources that write the name so, or mark it 'ours: true'",
                       "add 'sources:' with the ids of the sources that spell it so")
        if self.sources and self.ours:
            raise rule("alias_ours_sourced", "a form that sources give is not ours",
                       "remove 'ours: true' or the sources")
        return self


class Record(Sourced):
    """Fields every record has: its id (equal to the file name) and its sources."""

    id: Id


# --- Header facts: each cites the sources that state it -----------------------------------


def _stated_by(what: str) -> Any:
    """A header fact's own sources: left out, or at least one."""
    return Field(None, min_length=1, description=f"the sources that {what}")


class FactSources(Strict):
    """Which of the record's sources state each header fact. A fact left out is cited with the
    record's sources, less any source that gives it another value (see other_values)."""

    date: list[SourceRef] | None = _stated_by("state the date")


class EventFactSources(FactSources):
    __doc__ = FactSources.__doc__  # the schema's description (pydantic reads a model's own docstring only)

    place: list[SourceRef] | None = _stated_by("state the venue and city")
    session: list[SourceRef] | None = _stated_by("state the session")
    organisers: list[SourceRef] | None = _stated_by("name the organisers")


class DocumentFactSources(FactSources):
    __doc__ = FactSources.__doc__

    place: list[SourceRef] | None = _stated_by("state the place")
    parties: list[SourceRef] | None = _stated_by("name the parties")
    part_of: list[SourceRef] | None = _stated_by("say what it is part of")


# Which field of an other value holds the value, for each header fact.
OTHER_VALUE_FIELDS = {"date": "date", "place": "text", "session": "number", "organisers": "parties",
                      "parties": "parties", "part_of": "document"}


class OtherValue(Sourced):
    """A value that a source gives or implies for a header fact, differing from the value shown.

    The page shows it beside the fact, with its own sources, as figures keep discrepancies.
    """

    fact: str
    date: PartialDate | None = Field(None, description="for fact: date")
    end_date: PartialDate | None = Field(None, description="for fact: date, when the source gives a last day")
    text: TextLine | None = Field(None, description="for fact: place, as the source gives it")
    number: int | None = Field(None, ge=1, le=999, description="for fact: session, the session number")
    parties: list[PartyRef] = Field(default_factory=list, description="for fact: organisers or parties")
    document: DocumentRef | None = Field(None, description="for fact: part_of")
    note: Text | None = Field(None, description="how the source gives it, e.g. 'implied by the address of the page'")

    @model_validator(mode="after")
    def _holds_its_value(self) -> OtherValue:
        holder = OTHER_VALUE_FIELDS[self.fact]
        given = [name for name in set(OTHER_VALUE_FIELDS.values()) | {"end_date"}
                 if getattr(self, name) not in (None, [])]
        if holder not in given:
            raise rule("other_value_missing", f"an other value for the {self.fact.replace('_', ' ')} needs '{holder}'",
                       f"write the value the source gives as '{holder}:', beside 'fact' and 'sources'")
        extra = sorted(set(given) - {holder, "end_date" if holder == "date" else holder})
        if extra:
            raise rule("other_value_extra", f"an other value for the {self.fact.replace('_', ' ')} holds only "
                       f"'{holder}', not {', '.join(repr(e) for e in extra)}", "remove the other fields")
        return self


class EventOtherValue(OtherValue):
    """A value that a source gives or implies for the date, place, session or organisers."""

    fact: EventFact


class DocumentOtherValue(OtherValue):
    """A value that a source gives or implies for the date, place, parties or part_of."""

    fact: DocumentFact


class HeaderFacts:
    """Per-fact citations for the rows at the top of an event or document page (a mixin of
    ``Event`` and ``Document``, which define ``sources``, ``sources_for`` and ``other_values``)."""

    if TYPE_CHECKING:
        sources: list[str]
        sources_for: Any
        other_values: list[OtherValue]

    def others(self, fact: str) -> list[OtherValue]:
        """The other values that sources give for ``fact``."""
        return [o for o in self.other_values if o.fact == fact]

    def cites(self, fact: str) -> list[str]:
        """The sources that state ``fact`` as shown: its own, or the record's less any that
        give another value."""
        own = getattr(self.sources_for, fact, None) if self.sources_for else None
        if own:
            return list(own)
        against = {s for o in self.others(fact) for s in o.sources}
        return [s for s in self.sources if s not in against]

    def undisputed(self, sources: list[str] | None = None, facts: tuple[str, ...] = ()) -> list[str]:
        """The sources to cite beside text about the record away from its header rows:
        ``sources`` (the record's, if not given) less every source that the record ties to
        another value of one of the ``facts`` the text shows (of any fact, if none are named:
        a summary), so that no footnote beside a value is one that gives another (S09's 58th
        session beside the 60th). Where that leaves none, those that state the date as shown."""
        against = {s for o in self.other_values if not facts or o.fact in facts for s in o.sources}
        kept = [s for s in (self.sources if sources is None else sources) if s not in against]
        return kept or [s for s in self.cites("date") if s not in against] or self.cites("date")

    # What a row listing the record shows of it: its date, and its place or session.
    LISTED = ("date", "place", "session")


WAYBACK_SNAPSHOT = re.compile(r"^https?://web\.archive\.org/web/(?P<time>[0-9]+)(?:[a-z]{2}_)?/\S+$")


class Archived(Strict):
    """An archived copy of a source's page on a public web archive (the Internet Archive's
    Wayback Machine, archive.today, a national library's archive), opened and found to show
    the page as cited. The site shows it beside the original link (Robust Links)."""

    url: Url = Field(description="the snapshot's own address, as the archive shows it: "
                     "https://web.archive.org/web/20190316093512/http://eng.sectsco.org/…")
    date: Day = Field(description="the day the snapshot was taken (YYYY-MM-DD), as the archive gives it")

    @model_validator(mode="after")
    def _a_snapshot(self) -> Archived:
        wayback = WAYBACK_SNAPSHOT.match(self.url) if "://web.archive.org/" in self.url else None
        if "://web.archive.org/" in self.url and (not wayback or len(wayback["time"]) != 14):
            raise rule("archived_lookup", "this Wayback Machine address is a look-up, not a snapshot",
                       "open it, choose the snapshot that shows the page as cited, and copy its address "
                       "(web.archive.org/web/ and 14 digits, e.g. /web/20190316093512/...)")
        taken = wayback["time"] if wayback else None
        if taken and f"{taken[:4]}-{taken[4:6]}-{taken[6:8]}" != self.date:
            raise rule("archived_date", f"the snapshot was taken on {taken[:4]}-{taken[4:6]}-{taken[6:8]} "
                       f"(its address says so), not {self.date}", "write the day its address gives as 'date'")
        return self
