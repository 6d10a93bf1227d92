"""The typed models: one strict, immutable model per collection under ``data/``.

The models are the single source of truth for what a record may hold. They validate the
data, they export the JSON Schemas that editors' tools read, and they produce the data
reference page. Their field types and allowed values are in ``fields`` (named constants, so
that templates, checks and documentation use the same lists); the names other modules take
from here are re-exported below.

Conventions:
* every field is strict: text is text, numbers are numbers, unknown fields are rejected;
* ids are lower-case words joined by hyphens; a record's file is named by its id;
* a field that refers to another record is annotated with ``Ref(collection)`` and checked
  by ``checks.check_references``;
* text meant for readers is ``LocalText``: plain text (English), or a mapping with
  ``en`` and optionally ``ru`` and ``zh``, so translations can be added beside it later.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import Field, model_validator

from .fields import CAVEAT_STATUSES as CAVEAT_STATUSES
from .fields import DOCUMENT_FACTS as DOCUMENT_FACTS
from .fields import EDITIONS as EDITIONS
from .fields import EVENT_FACTS as EVENT_FACTS
from .fields import ID_PATTERN as ID_PATTERN
from .fields import LINK_STATUSES as LINK_STATUSES
from .fields import ORGANISATION_KINDS as ORGANISATION_KINDS
from .fields import PARTIAL_DATE_PATTERN as PARTIAL_DATE_PATTERN
from .fields import PROCEEDING_KINDS as PROCEEDING_KINDS
from .fields import STAMP_PATTERN as STAMP_PATTERN
from .fields import TRANSLATED as TRANSLATED
from .fields import UNITS as UNITS
from .fields import (
    CountryRef,
    Day,
    DocumentKind,
    DocumentRef,
    EventKind,
    EventRef,
    Id,
    Language,
    Line,
    LinkStatus,
    MembershipStatus,
    MetricRef,
    OrganisationKind,
    OrganisationRef,
    PartialDate,
    ParticipantRole,
    PartyRef,
    PersonRef,
    ProceedingKind,
    Prose,
    Quantity,
    SourceRef,
    Stamp,
    Strict,
    Text,
    TextLine,
    Translations,
    Unit,
    Url,
    rule,
)
from .fields import LocalText as LocalText
from .fields import Ref as Ref
from .fields import _single_line as _single_line  # tests/support/seeding.py tells a field's kind by its validators
from .fields import _url as _url
from .fields import stamp as stamp
from .sourcing import (
    Alias,
    Archived,
    DocumentFactSources,
    DocumentOtherValue,
    EventFactSources,
    EventOtherValue,
    Fact,
    HeaderFacts,
    Record,
    Sourced,
)

# --- Collections -----------------------------------------------------------------------


# A Wayback Machine snapshot's address: /web/, the 14-digit time it was taken, an optional
# modifier (id_, if_, …), then the original address. A shorter time, or a "*", is a look-up.
class Source(Strict):
    """A published page that facts on the site come from."""

    id: Id
    title: Line | None = Field(None, description="the title as the source shows it, in its own language; "
                               "leave it out if the title is not known")
    description: TextLine | None = Field(None, description="what the page is, in our words, where its own title is "
                                     "not known (shown without quotation marks)")
    url: Url
    publisher: TextLine = Field(description="who published it, in our words (translated like other text): "
                                "'SCO Secretariat (Russian site)'")
    date: PartialDate | None = None
    date_note: TextLine | None = Field(None, description="e.g. 'date of the event reported' or 'not shown'")
    language: Language
    authoritative_for: list[EventRef] = Field(default_factory=list)
    notes: Text | None = None
    archived: Archived | None = Field(None, description="an archived copy that you opened and found to show the page "
                                      "as cited; until there is one, the site offers a look-up in the Internet "
                                      "Archive near the source's date (labelled as such)")
    status: LinkStatus | None = Field(None, description="'dead' once the original address is gone (the link check's "
                                      "issue lists such addresses): the site then says so and sends readers to the "
                                      "archived copy first")
    checked: Day | None = Field(None, description="with status: the day the original address was found dead")

    @model_validator(mode="after")
    def _named(self) -> Source:
        if not (self.title or self.description):
            raise rule("source_unnamed", "a source needs its title, or a description where the title is not known",
                       "add 'title:' with the page's own title, or 'description:' in your words")
        if self.status and not self.checked:
            raise rule("status_unchecked", "a dead link needs the day it was found dead",
                       "add 'checked:' with that day (YYYY-MM-DD), from the link check's issue")
        if self.checked and not self.status:
            raise rule("checked_without_status", "'checked' is the day the link was found dead",
                       "add 'status: dead', or remove 'checked'")
        if self.archived and self.archived.url == self.url:
            raise rule("archived_is_original", "the archived copy's address is the original address",
                       "give the snapshot's address on the web archive")
        return self


class Position(Sourced):
    """A title a person held, as a source states it at a date (outside a participation)."""

    title: Text
    organisation: OrganisationRef | None = None
    country: CountryRef | None = None
    start: PartialDate | None = None
    end: PartialDate | None = None
    as_of: PartialDate | None = None


class Person(Record):
    """A person named in a source. Titles belong to participations and positions."""

    name: Line = Field(description="the name as the main source spells it")
    sort_name: Line | None = Field(None, description="for alphabetical lists, e.g. 'Alimov, Rashid'")
    aliases: list[Alias] = Field(default_factory=list)
    summary: Text | None = None
    positions: list[Position] = Field(default_factory=list)


class Membership(Sourced):
    """A period of a country's status in the SCO."""

    status: MembershipStatus
    start: PartialDate
    end: PartialDate | None = None


class Chairmanship(Sourced):
    """A term of a country as chair (presidency) of the SCO, as far as a source states it.

    ``start`` and ``end`` are the term as the source words it ("2023–2024" is ``start: 2023``,
    ``end: 2024``); ``as_of`` is a date on which the source shows the country as chair.
    """

    start: PartialDate | None = None
    end: PartialDate | None = None
    as_of: PartialDate | None = Field(None, description="a date on which the source shows the country as chair")

    @model_validator(mode="after")
    def _dated(self) -> Chairmanship:
        if not (self.start or self.end or self.as_of):
            raise rule("term_undated", "a chairmanship needs at least one of start, end or as_of",
                       "add the term's start and end as the source gives them, or as_of")
        return self


class Country(Record):
    """A state, with its SCO status and its terms as SCO chair over time."""

    name: Line = Field(description="the name in English; other languages' forms are aliases")
    aliases: list[Alias] = Field(default_factory=list)
    sco: list[Membership] = Field(default_factory=list)
    chairmanships: list[Chairmanship] = Field(default_factory=list, description="terms as chair of the SCO")


class Organisation(Record):
    """An organisation or one of its offices; ``parent`` links an office to its body."""

    name: Line = Field(description="the name in English as the main source gives it; other forms are "
                       "aliases")
    short_name: Line | None = None
    kind: OrganisationKind
    parent: OrganisationRef | None = None
    aliases: list[Alias] = Field(default_factory=list)
    summary: Text | None = None


class TitleVariant(Strict):
    """Another title a source gives to the same event or document."""

    title: Line
    lang: Language
    display: bool = Field(False, description="the title to show in this language, where there are several; "
                          "'false' written out: never shown as the title (only listed)")
    short: bool = Field(False, description="a short form the source uses in context (e.g. 《落实行动计划》, 'its "
                        "action plan'): listed with the other titles, never shown as the title")
    sources: list[SourceRef] = Field(min_length=1)
    note: TextLine | None = None


class Session(Strict):
    """The session of a body at which an event took place (e.g. CND, 60th session)."""

    body: OrganisationRef
    number: int = Field(ge=1, le=999)


class Participation(Sourced):
    """A person's part in one event, with the title and delegation they had there."""

    person: PersonRef
    role: ParticipantRole
    title: Text = Field(description="the person's title at this event, as the source gives it")
    organisation: OrganisationRef | None = None
    delegation: CountryRef | None = Field(None, description="the country whose delegation the person led or spoke for")
    head_of_delegation: bool = False
    statements: list[Fact] = Field(default_factory=list, description="what the person said, in our own words")


class Proceeding(Fact):
    """Something that happened at an event, other than a speech."""

    kind: ProceedingKind


class Event(HeaderFacts, Record):
    """An event: a side event, a meeting, an operation."""

    title: Text
    title_variants: list[TitleVariant] = Field(default_factory=list)
    short_title: TextLine | None = Field(None, description="our short label for tables (e.g. 'Norov–Waly meeting, "
                                         "Vienna'); never shown as the event's title")
    kind: EventKind
    date: PartialDate
    end_date: PartialDate | None = None
    venue: TextLine | None = None
    city: TextLine | None = None
    country: CountryRef | None = None
    online: bool = False
    session: Session | None = None
    occasion: Text | None = None
    organisers: list[PartyRef] = Field(default_factory=list)
    summary: Text
    participants: list[Participation] = Field(default_factory=list)
    proceedings: list[Proceeding] = Field(default_factory=list)
    sources_for: EventFactSources | None = Field(None, description="which sources state the date, place, session "
                                                 "and organisers (each defaults to the record's sources)")
    other_values: list[EventOtherValue] = Field(default_factory=list, description="values other sources give "
                                                "for those facts")


class Signatory(Sourced):
    """Who signed or adopted a document, in the capacity they had then."""

    person: PersonRef | None = None
    party: PartyRef | None = None
    title: Text | None = None


class Document(HeaderFacts, Record):
    """An agreement, declaration, memorandum, strategy, plan, resolution or statement."""

    title: Text
    short_title: TextLine | None = Field(None, description="our short label for lists and links, never shown as "
                                          "the document's title")
    title_variants: list[TitleVariant] = Field(default_factory=list)
    kind: DocumentKind
    date: PartialDate | None = None
    place: TextLine | None = None
    parties: list[PartyRef] = Field(default_factory=list)
    signatories: list[Signatory] = Field(default_factory=list)
    part_of: DocumentRef | None = None
    summary: Text
    facts: list[Fact] = Field(default_factory=list)
    sources_for: DocumentFactSources | None = Field(None, description="which sources state the date, place, "
                                                    "parties and what it is part of (each defaults to the "
                                                    "record's sources)")
    other_values: list[DocumentOtherValue] = Field(default_factory=list, description="values other sources give "
                                                   "for those facts")


class UnitEquivalence(Sourced):
    """Units that name the same thing in a metric's sources ('tons' and 'tonnes' for metric
    tonnes): their figures share one chart and one axis; each keeps its source's word."""

    units: list[Unit] = Field(description="the units, each as a figure of this metric states it",
                              json_schema_extra={"minItems": 2})
    note: Text = Field(description="why they are the same, as the sources show it")

    @model_validator(mode="after")
    def _distinct(self) -> UnitEquivalence:
        if len(set(self.units)) < len(self.units):
            raise rule("units_repeated", "a unit is listed twice", "list each unit once")
        if len(self.units) < 2:
            raise rule("units_alone", "a unit is the same as itself: list two units or more",
                       "add the other unit the sources use for the same thing")
        return self


class Metric(Strict):
    """What a figure measures; figures of one metric are compared, never merged."""

    id: Id
    name: Text
    description: Text | None = None
    equivalent_units: list[UnitEquivalence] = Field(default_factory=list, description="units this metric's sources "
                                                    "use for the same thing, declared with a note and its sources")

    @model_validator(mode="after")
    def _each_unit_once(self) -> Metric:
        units = [u for e in self.equivalent_units for u in e.units]
        if len(set(units)) < len(units):
            raise rule("unit_in_two_equivalences", "a unit is in two lists of equivalent units",
                       "join the lists into one")
        return self


class Period(Strict):
    """The period a figure covers: as worded in the source, and as dates where stated."""

    label: TextLine | None = Field(None, description="the period in the source's words, e.g. 'the past five years'")
    start: PartialDate | None = None
    end: PartialDate | None = None


class Figure(Record):
    """One number from one statement. Two statements give two figures, never one."""

    metric: MetricRef
    label: TextLine = Field(description="what the number counts, in the source's words")
    value: Quantity
    in_words: TextLine | None = Field(None, description="the amount as the source words it when it gives no digits, "
                                  "e.g. 'half' or 'a hundred'; value holds the same amount as a number")
    unit: Unit
    qualifier: TextLine | None = Field(None, description="the source's word before the number: 'some', 'over', "
                                       "'about'")
    amount: Translations | None = Field(None, description="the whole amount in ru and zh where the words around "
                                        "the number need it, e.g. ru 'более 21 тонны' (the English is composed: "
                                        "qualifier, number, unit)")
    note: Text | None = Field(None, description="how the source words it elsewhere, e.g. a headline that differs")
    period: Period
    speaker: PersonRef | None = Field(None, description="who stated it; give speaker, attributed_to or both")
    attributed_to: OrganisationRef | None = Field(None, description="the organisation that stated it, if no person did")
    said_on: PartialDate | None = None
    event: EventRef | None = None
    headline: bool = Field(False, description="show on the home page")


class QuoteVersion(Sourced):
    """The same words as another source prints them in another language (verbatim, cited)."""

    text: Prose = Field(description="the quotation exactly as this source prints it")
    lang: Language
    note: TextLine | None = Field(None, description="e.g. where it differs in substance from the other version")


class QuoteTranslation(Translations):
    """Our translation of a quotation into each edition's language other than its own: ru and
    zh, and ``en`` for a quotation in Russian or Chinese."""

    en: Prose | None = None
    en_of: Stamp | None = Field(default=None, description="the stamp of the original the en text was translated from")

    def translation(self, lang: str) -> str | None:
        return self.en if lang == "en" else super().translation(lang)


class Quote(Record):
    """Words a person said, exactly as the source prints them."""

    person: PersonRef
    text: Prose = Field(description="the quotation exactly as in the source, without quotation marks")
    lang: Language
    said_on: PartialDate
    event: EventRef | None = None
    context: Text | None = None
    versions: list[QuoteVersion] = Field(default_factory=list, description="the quotation as sources in other "
                                         "languages print it; an edition in that language shows it as the quotation")
    translation: QuoteTranslation | None = Field(None, description="our translation into the editions' other "
                                                 "languages (ru, zh; en for a quotation in another language), "
                                                 "shown beside the original and labelled as ours")

    @model_validator(mode="after")
    def _not_into_its_own_language(self) -> Quote:
        if self.translation and self.translation.translation(self.lang):
            raise ValueError(f"a '{self.lang}' quotation needs no translation into '{self.lang}': remove it")
        return self


class TermForm(Strict):
    """How a source writes a recurring term in one language; or, where no source gives the
    term in that language, the form our translations use, marked as ours."""

    text: Line
    lang: Language
    preferred: bool = Field(False, description="the form our translations use, where there are several")
    ours: bool = Field(False, description="our own form: no source gives the term in this language")
    note: TextLine | None = None
    sources: list[SourceRef] = Field(default_factory=list, description="the sources that write it so (none if ours)")

    @model_validator(mode="after")
    def _sourced_or_ours(self) -> TermForm:
        if not self.sources and not self.ours:
            raise ValueError("give the sources that write the term so, or mark it 'ours: true'")
        if self.sources and self.ours:
            raise ValueError("a form that sources give is not ours: remove 'ours: true' or the sources")
        return self


class Term(Strict):
    """A recurring term (an organisation, a document, a kind of event) and the forms the
    sources give it in each language: the glossary our translations follow. Each form cites
    the sources that use it."""

    id: Id
    name: Line = Field(description="the term in English")
    forms: list[TermForm] = Field(min_length=1)
    note: Text | None = None


class Milestone(Record):
    """A dated fact for the timeline that is not itself an event or a document."""

    date: PartialDate
    title: Text
    text: Text


def editor_order(value: Any) -> Any:
    """A record's dump (``model_dump``) with its fields in the order editors write them: the id
    first, what it says next, its sources and caveat last, at every level (the models list
    ``Sourced``'s fields first, as Python lists a base class's fields first)."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: 0 if k == "id" else 2 if k in ("sources", "caveat") else 1)
        return {k: editor_order(value[k]) for k in keys}
    if isinstance(value, list):
        return [editor_order(item) for item in value]
    return value


@dataclass(frozen=True)
class Collection:
    """A folder under ``data/``: one YAML file per record, named by its id."""

    name: str
    singular: str
    model: type[Strict]
    title: str


COLLECTIONS = (
    Collection("events", "event", Event, "Events"),
    Collection("people", "person", Person, "People"),
    Collection("organisations", "organisation", Organisation, "Organisations"),
    Collection("countries", "country", Country, "Countries"),
    Collection("documents", "document", Document, "Documents and agreements"),
    Collection("metrics", "metric", Metric, "Metrics"),
    Collection("figures", "figure", Figure, "Figures"),
    Collection("quotes", "quote", Quote, "Quotations"),
    Collection("milestones", "milestone", Milestone, "Milestones"),
    Collection("glossary", "term", Term, "Glossary"),
    Collection("sources", "source", Source, "Sources"),
)
COLLECTION_BY_NAME = {c.name: c for c in COLLECTIONS}
