"""The field types of the models (``models``): allowed values, strict text, ids, dates,
links and figures, and reader-facing text with its translations.

Each list of allowed values is a named type here, so that templates, checks and documentation
use the same lists as validation. Every type is strict (text is text, numbers are numbers);
a broken rule of our own is a ``rule`` error that carries its plain-language hint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal, LiteralString, get_args
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from ..settings import EDITIONS as EDITIONS
from ..settings import TRANSLATED as TRANSLATED

# --- Allowed values --------------------------------------------------------------------

# Each list of allowed values is a named type; the tuple of its values (for templates, checks
# and documentation) is derived from it, so the two cannot drift apart.
Language = Literal["en", "ru", "zh", "es"]
EventKind = Literal["side-event", "meeting", "conference", "summit", "operation", "visit", "campaign", "session"]
ParticipantRole = Literal["opening-speaker", "speaker", "closing-speaker", "moderator", "chair", "participant"]
OrganisationKind = Literal["intergovernmental-organisation", "secretariat", "un-body", "un-office", "un-unit",
                           "government-body", "regional-centre", "news-media", "other"]
DocumentKind = Literal["agreement", "declaration", "memorandum", "strategy", "action-plan", "resolution", "statement"]
MembershipStatus = Literal["member", "observer", "dialogue-partner"]
CaveatStatus = Literal["not-verified", "inference"]
# In the order an event page shows them.
ProceedingKind = Literal["screening", "discussion", "attendance", "handout", "outcome", "context"]
Unit = Literal["tonnes", "tons", "kg", "percent", "per cent", "people", "million people", "million", "years",
               "countries", "delegates and guests", "billion people", "of world population"]
EventFact = Literal["date", "place", "session", "organisers"]
LinkStatus = Literal["dead"]  # a source's original address, as the link check found it (sources: status)
DocumentFact = Literal["date", "place", "parties", "part_of"]

LANGUAGES: tuple[str, ...] = get_args(Language)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
PARTICIPANT_ROLES: tuple[str, ...] = get_args(ParticipantRole)
ORGANISATION_KINDS: tuple[str, ...] = get_args(OrganisationKind)
DOCUMENT_KINDS: tuple[str, ...] = get_args(DocumentKind)
MEMBERSHIP_STATUSES: tuple[str, ...] = get_args(MembershipStatus)
CAVEAT_STATUSES: tuple[str, ...] = get_args(CaveatStatus)
PROCEEDING_KINDS: tuple[str, ...] = get_args(ProceedingKind)
UNITS: tuple[str, ...] = get_args(Unit)
EVENT_FACTS: tuple[str, ...] = get_args(EventFact)
DOCUMENT_FACTS: tuple[str, ...] = get_args(DocumentFact)
LINK_STATUSES: tuple[str, ...] = get_args(LinkStatus)

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

# --- Field types -----------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """Marks a field whose value is the id of a record in ``collection``."""

    collection: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        """Name the collection in the JSON Schema, for editors' tools and the data reference."""
        schema = handler(core_schema)
        schema["x-refers-to"] = self.collection.split("|")
        return schema


@dataclass(frozen=True)
class Kind:
    """Marks what a text field holds, for the data reference and new-record files (``x-kind``
    in the JSON Schema): "line", "prose", "url", "id" or "date"."""

    name: str

    def __get_pydantic_json_schema__(self, core_schema: Any, handler: Any) -> dict[str, Any]:
        schema = handler(core_schema)
        schema["x-kind"] = self.name
        return schema


def rule(kind: LiteralString, message: str, hint: str) -> PydanticCustomError:
    """A broken rule of our own, as a validation error carrying its plain-language hint (the
    error messages read the hint from the error's context, not from its wording)."""
    return PydanticCustomError(kind, "{message}", {"message": message, "hint": hint})


def _no_edge_spaces(value: str) -> str:
    if value != value.strip():
        raise rule("edge_spaces", "text starts or ends with spaces", "remove the spaces at the start and end")
    return value


def _single_line(value: str) -> str:
    if "\n" in value:
        raise rule("one_line", "text must be on one line", "write it on one line, or use a field meant for longer text")
    return value


Line = Annotated[str, StringConstraints(min_length=1, max_length=400), AfterValidator(_no_edge_spaces),
                 AfterValidator(_single_line), Kind("line")]
Prose = Annotated[str, StringConstraints(min_length=1, max_length=5000), Kind("prose")]
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80), Kind("id")]
_IdText = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]

PersonRef = Annotated[_IdText, Ref("people")]
SourceRef = Annotated[_IdText, Ref("sources")]
EventRef = Annotated[_IdText, Ref("events")]
OrganisationRef = Annotated[_IdText, Ref("organisations")]
CountryRef = Annotated[_IdText, Ref("countries")]
DocumentRef = Annotated[_IdText, Ref("documents")]
MetricRef = Annotated[_IdText, Ref("metrics")]
PartyRef = Annotated[_IdText, Ref("organisations|countries")]


def _partial_date(value: str) -> str:
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError as err:
        raise rule("not_a_date", f"not a real date ({value}): {err}",
                   "check the day and month; write the date as YYYY-MM-DD") from None
    return value


def _year_as_text(value: object) -> object:
    """``start: 2001`` reads as a number; a bare year is still a date."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999 else value


PARTIAL_DATE_SCHEMA = {
    "anyOf": [{"type": "string", "pattern": PARTIAL_DATE_PATTERN}, {"type": "integer", "minimum": 1000, "maximum": 2999}],
    "x-kind": "date",
}
PartialDate = Annotated[str, BeforeValidator(_year_as_text), StringConstraints(pattern=PARTIAL_DATE_PATTERN),
                        AfterValidator(_partial_date), WithJsonSchema(PARTIAL_DATE_SCHEMA)]

# A whole day (YYYY-MM-DD), where a year or a month is not enough: when a snapshot was taken,
# or a link found dead.
Day = Annotated[str, StringConstraints(pattern=DAY_PATTERN), AfterValidator(_partial_date), Kind("date")]


def _url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("https", "http"):
        raise rule("link_scheme", "a link must start with https:// (or http:// for pages that have no https version)",
                   LINK_HINT)
    if not parts.hostname or "." not in parts.hostname or parts.username or parts.password:
        raise rule("link_host", "a link needs a host name such as www.unodc.org", LINK_HINT)
    if re.search(r"[\s<>\"'`\\]", value):
        raise rule("link_characters", "a link must not contain spaces, quotes or angle brackets", LINK_HINT)
    return value


LINK_HINT = "copy the address from the browser's address bar, e.g. https://www.unodc.org/..."
Url = Annotated[str, StringConstraints(max_length=1000), AfterValidator(_url), Kind("url")]


def _finite(value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise rule("not_a_quantity", "a figure must be a finite number, zero or more", "check the number")
    return value


Quantity = Annotated[float, AfterValidator(_finite)]


class Strict(BaseModel):
    """Base of every model: strict types, unknown fields rejected, immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, str_strip_whitespace=False)


# The editions, English first: reader-facing text is written in English and translated
# beside it (``LocalText``); names and titles in another script come from the sources.
STAMP_PATTERN = r"^[0-9a-f]{8}$"
Stamp = Annotated[str, StringConstraints(pattern=STAMP_PATTERN)]


def stamp(text: str) -> str:
    """The short hash of an English text that a translation records it was made from: when the
    English changes, the translation is outdated until someone reviews it and stamps it again."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:8]


class Translations(Strict):
    """Our translations of an English text kept elsewhere, each with the stamp of the English it
    was made from (``ru_of``, ``zh_of``; ``python -m scosite stamp`` fills them in)."""

    ru: Prose | None = None
    ru_of: Stamp | None = Field(default=None, description="the stamp of the English the ru text was translated from")
    zh: Prose | None = None
    zh_of: Stamp | None = Field(default=None, description="the stamp of the English the zh text was translated from")

    def translation(self, lang: str) -> str | None:
        return getattr(self, lang, None) if lang in TRANSLATED else None

    def state(self, lang: str, english: str) -> str:
        """``missing``, ``outdated`` (made from another English) or ``current``."""
        if not self.translation(lang):
            return "missing"
        return "current" if getattr(self, f"{lang}_of") == stamp(english) else "outdated"


class LocalText(Translations):
    """Reader-facing text. Written in YAML as plain text (English), or as ``en:`` with its
    translations beside it (``ru:``, ``zh:``, each with the stamp of the English it was made from)."""

    en: Prose

    def __str__(self) -> str:
        return self.en

    def text(self, lang: str) -> str:
        """The text to show in ``lang``: its translation if there is one, else the English."""
        return self.translation(lang) or self.en


class LocalLine(LocalText):
    """Reader-facing text on one line (a label, a note, a place), with its translations."""

    en: Line
    ru: Line | None = None
    zh: Line | None = None


def _text_to_local(value: object) -> object:
    return {"en": value} if isinstance(value, str) else value


Text = Annotated[LocalText, BeforeValidator(_text_to_local, json_schema_input_type=str | LocalText)]
TextLine = Annotated[LocalLine, BeforeValidator(_text_to_local, json_schema_input_type=str | LocalLine)]
