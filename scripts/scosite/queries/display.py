"""How a record reads on the page, in each edition: one home for each piece of display logic.

A record's name and page title, an event's place, a period, a date, an amount, an ordinal,
and the party a participant spoke for are each worded here once; the templates (as filters
and globals), the page descriptions and the structured data all use these.

Text from the data is shown in the edition's language when it has it: a translation of ours
(``LocalText``), or a name or title in that language as a source gives it (an alias or a
title variant). Otherwise the English, or the name as its source spells it, is shown, and
the result says so: a ``Shown`` is a string that knows its language and whether it stands in
for a missing or outdated translation, so the templates can mark it (``templating``).
Plain text in, plain text out: escaping for the place it lands is the renderer's job.
"""

from __future__ import annotations

import re
from typing import Any

from ..data.i18n import N_, NN_, SCRIPTS, language, typeset
from ..data.models import LocalText, Translations, stamp
from ..data.translations import english_quantity

# Collections whose records have a page of their own, titled by the record (metrics: figures/<id>).
TITLED = ("events", "people", "organisations", "countries", "documents", "sources", "metrics")


class Shown(str):
    """Text as a page shows it: ``lang`` is the language it is in; ``state`` is ``current`` (in
    the page's language), ``missing`` or ``outdated`` (a translation is missing, or was made
    from an earlier English), ``original`` (a name or title as its source writes it), or
    ``ours`` (a name in our own translation: ``original`` is the name as its source writes it,
    shown beside it at its first mention on a page)."""

    lang: str
    state: str
    original: str

    def __new__(cls, text: str, lang: str = "en", state: str = "current", original: str = "") -> Shown:
        shown = super().__new__(cls, text)
        shown.lang, shown.state, shown.original = lang, state, original
        return shown


def text(value: Any, lang: str = "en") -> Shown:
    """A text from the data in ``lang``: its translation, or the English marked as standing in."""
    if isinstance(value, Shown):
        return value
    if not isinstance(value, LocalText):
        return Shown(str(value), lang)
    if lang == "en":
        return Shown(value.en, "en")
    state = value.state(lang, value.en)
    if state == "missing":
        return Shown(value.en, "en", "missing")
    return Shown(typeset(value.text(lang), lang), lang, state)


def translated(english: str, translations: Translations | None, lang: str) -> Shown:
    """An English text composed here (an amount, a quotation) and its translations kept beside it."""
    if lang == "en":
        return Shown(english, "en")
    if translations is None or not translations.translation(lang):
        return Shown(english, "en", "missing")
    own = typeset(translations.translation(lang) or "", lang)
    return Shown(own, lang, "current" if getattr(translations, f"{lang}_of") == stamp(english) else "outdated")


def quote_translation(quote: Any, lang: str) -> Shown | None:
    """Our translation of a quotation into ``lang`` (current, or ``outdated`` if it was made from
    other words than the quotation's), or None."""
    text = quote.translation.translation(lang) if quote.translation else None
    if not text:
        return None
    return Shown(text, lang, "current" if getattr(quote.translation, f"{lang}_of") == stamp(quote.text) else "outdated")


def in_sentence(value: Any, lang: str) -> Shown:
    """A title as it reads after a name and a comma: Russian writes «Алимов, генеральный
    секретарь ШОС», so a capital that only starts the title is lowered (not an abbreviation
    such as ШОС, and not in English or Chinese)."""
    shown = text(value, lang)
    if shown.lang == "ru" and len(shown) > 1 and shown[0].isupper() and shown[1].islower() \
            and "\u0400" <= shown[0] <= "\u04ff":
        return Shown(shown[0].lower() + shown[1:], shown.lang, shown.state)
    return shown


def format_date(value: Any, lang: str = "en") -> str:
    """``2017-03-13`` -> 13 March 2017 / 13 марта 2017 г. / 2017年3月13日 (a month or a year alone too)."""
    return language(lang).date(value)


def period(start: Any = None, end: Any = None, *, as_of: Any = None, label: Any = None, lang: str = "en") -> str:
    """A span of time in words, written the same way everywhere: the source's own wording if it
    gives one; else ``2010–2015``, ``10–14 March 2025``, ``from 2001``, ``until 2016``, ``as of
    June 2019`` (added in brackets to a span: "2023–2024 (as of 4 July 2024)"), or ``not stated``."""
    if label:
        return text(label, lang)
    words = language(lang)
    if start and end:
        span = words.date(start) if start == end else words.span(start, end)
    elif start:
        span = words._("from %(date)s", date=words.date(start, within=True))
    elif end:
        span = words._("until %(date)s", date=words.date(end, within=True))
    else:
        span = ""
    if as_of:
        when = words._("as of %(date)s", date=words.date(as_of))
        return words.bracket(span, when) if span else when
    return span or words._("not stated")


def ordinal(number: int, lang: str = "en") -> str:
    """60 -> 60th (English); other languages write ordinals inside their own messages."""
    if lang != "en":
        return str(number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


# The units figures are stated in, as messages with plural forms (the unit as the source
# writes it; "tonnes" and "tons" stay apart in every language's data).
UNIT_MESSAGES = {
    "tonnes": NN_("%(num)s tonne", "%(num)s tonnes"),
    "tons": NN_("%(num)s ton", "%(num)s tons"),
    "kg": NN_("%(num)s kg", "%(num)s kg"),
    "percent": NN_("%(num)s percent", "%(num)s percent"),
    "per cent": NN_("%(num)s per cent", "%(num)s per cent"),
    "people": NN_("%(num)s person", "%(num)s people"),
    "million people": NN_("%(num)s million people", "%(num)s million people"),
    "million": NN_("%(num)s million", "%(num)s million"),
    "years": NN_("%(num)s year", "%(num)s years"),
    "countries": NN_("%(num)s country", "%(num)s countries"),
    "delegates and guests": NN_("%(num)s delegate and guest", "%(num)s delegates and guests"),
    "billion people": NN_("%(num)s billion people", "%(num)s billion people"),
    "of world population": NN_("%(num)s of world population", "%(num)s of world population"),
}


def format_quantity(figure: Any, lang: str = "en") -> Shown:
    """A figure as its source words it, in the page's language: the qualifier and the amount in
    words as translated, the number as the locale writes it, the unit with the locale's plural
    form; or the whole amount as translated in the data where the grammar needs it. Where a
    word of it is not translated, the English amount is shown (marked)."""
    english = english_quantity(figure)
    if lang == "en":
        return Shown(english, "en")
    if figure.amount and figure.amount.translation(lang):
        return translated(english, figure.amount, lang)
    qualifier = text(figure.qualifier, lang) if figure.qualifier else None
    if figure.in_words or (qualifier is not None and qualifier.state != "current"):
        # An amount in words ("a hundred") is translated as a whole, in the figure's ``amount``.
        return translated(english, figure.amount, lang)
    words = language(lang)
    amount = words.n_(*UNIT_MESSAGES[figure.unit], figure.value, num=words.number(figure.value))
    return Shown(words._("%(qualifier)s %(amount)s", qualifier=qualifier, amount=amount) if qualifier else amount, lang)


def refused(form: Any) -> bool:
    """A form written ``display: false``: listed, never shown as the name or title (e.g. a
    source's rendering that adds to or differs from the title the authoritative source gives)."""
    return "display" in form.model_fields_set and not form.display


def _alias(record: Any, lang: str, short: bool = False) -> Any:
    """The alias a record is shown under in ``lang``: the one marked ``display``, or the only
    one a source gives, or else the only one of ours."""
    forms = [a for a in getattr(record, "aliases", []) if a.lang == lang and a.short == short and not a.caveat
             and not refused(a)]
    marked = [a for a in forms if a.display]
    sourced = [a for a in forms if not a.ours]
    choice = marked or sourced or forms
    return choice[0] if (marked or len(choice) == 1) else None


def _as_alias(alias: Any, original: str) -> Shown:
    """An alias as shown: a source's form, or ours with the source's original beside it."""
    if alias.ours:
        return Shown(alias.name, alias.lang, "ours", original)
    return Shown(alias.name, alias.lang)


def _variant(record: Any, lang: str) -> Any:
    """The title a record is shown under in ``lang``: the one marked ``display``, or the only
    one (a short form in context never is)."""
    forms = [v for v in getattr(record, "title_variants", []) if v.lang == lang and not v.short and not refused(v)]
    marked = [v for v in forms if v.display]
    return (marked or forms)[0] if (marked or len(forms) == 1) else None


def sourced_name(record: Any, lang: str) -> Shown:
    """A person's, organisation's or country's name as the sources give it in ``lang``, else as
    its main source spells it (marked as the original)."""
    if lang != "en" and (alias := _alias(record, lang)):
        return _as_alias(alias, str(record.name))
    return Shown(str(record.name), script_of(str(record.name)), "current" if lang == "en" else "original")


def script_of(name: str) -> str:
    """The language a name as its source spells it is tagged with: Chinese for a name in
    Chinese characters (曾伟雄), Russian for one in Cyrillic, else English."""
    return next((lang for lang in ("zh", "ru") if SCRIPTS[lang].search(name)), "en")


def sort_name(collection: str, record: Any, lang: str = "en") -> str:
    """What a record sorts by in an index of the edition: a person by family name. A name in
    another script puts its family name first where the English ``sort_name`` does."""
    if lang == "en" or collection != "people":
        return str(getattr(record, "sort_name", None) or name(collection, record, lang))
    shown = name(collection, record, lang)
    english = str(record.name).split()
    family_last = bool(record.sort_name) and len(english) > 1 and record.sort_name.startswith(english[-1])
    parts = [p for p in re.split(r"[\s·•]+", shown) if p]
    return " ".join([parts[-1], *parts[:-1]]) if family_last and shown.lang == lang and len(parts) > 1 else shown


def title(collection: str, record: Any, lang: str = "en") -> Shown:
    """An event's or a document's title: as a source gives it in ``lang`` if one does, else our
    translation (marked as ours by the page), else the English."""
    if lang != "en" and (variant := _variant(record, lang)):
        return Shown(variant.title, lang)
    return text(record.title, lang)


def shown_variant(record: Any, lang: str) -> Any:
    """The title variant an edition shows as a record's title (a source's, in its language), if any."""
    return _variant(record, lang) if lang != "en" else None


def title_is_ours(collection: str, record: Any, lang: str = "en") -> bool:
    """Whether an edition shows an event's or a document's title in our own translation (no
    source gives the title in its language)."""
    return (lang != "en" and collection in ("events", "documents") and _variant(record, lang) is None
            and isinstance(record.title, LocalText) and record.title.state(lang, record.title.en) != "missing")


def name(collection: str, record: Any, lang: str = "en") -> Shown:
    """A record's name where it is listed or linked: an event's title, a document's short title,
    a source's id, everyone else's name as the sources give it."""
    if collection == "documents":
        return text(record.short_title, lang) if record.short_title else title(collection, record, lang)
    if collection == "events":
        return title(collection, record, lang)
    if collection == "sources":
        return Shown(record.id.upper(), lang)
    if collection == "glossary":  # the term as our translations write it (sourced, or marked ours)
        forms = [f for f in record.forms if f.lang == lang]
        chosen = next((f for f in forms if f.preferred), forms[0] if forms else None)
        return Shown(chosen.text, lang) if chosen else Shown(record.name, "en", "original" if lang != "en" else "current")
    if collection == "metrics":
        return text(record.name, lang)
    return sourced_name(record, lang)


def short_name(collection: str, record: Any, lang: str = "en") -> Shown:
    """The shortest name a record goes by: an organisation's abbreviation, else its name."""
    if collection == "organisations":
        if lang != "en" and (alias := _alias(record, lang, short=True)):
            return _as_alias(alias, str(record.short_name or record.name))
        if record.short_name:
            return Shown(record.short_name, "en", "current" if lang == "en" else "original")
    return name(collection, record, lang)


def page_title(collection: str, record: Any, lang: str = "en") -> str:
    """The title of a record's own page (before it is told apart from others); where it is a
    name or title as shown (``Shown``), the heading marks a language other than the page's."""
    words = language(lang)
    if collection == "sources":
        return words._("Source %(id)s: %(publisher)s", id=record.id.upper(),
                       publisher=words.join([text(record.publisher, lang), words.date(record.date) if record.date else ""]))
    if collection == "organisations" and (short := short_name(collection, record, lang)) != name(collection, record,
                                                                                                   lang):
        full = name(collection, record, lang)
        if lang != "en" and full.lang == lang and short.lang != lang:  # no English abbreviation beside
            return full  # (one of ours is headed with the original beside it)
        if lang != "en" and getattr(full, "lang", lang) == getattr(short, "lang", lang) == "en":
            # both as the English source writes them: one English phrase, marked as such
            return Shown(language("en").bracket(full, short), "en", full.state)
        return words.bracket(full, short)
    if collection in ("events", "documents"):
        return title(collection, record, lang)
    return name(collection, record, lang)  # a Shown: the page's heading marks its language


def title_text(title: str) -> str:
    """A title as a browser tab shows it (runs of white space are one space)."""
    return " ".join(title.split())


def distinction(record: Any, lang: str = "en") -> str:
    """What tells a record apart from another of its kind with the same title."""
    if getattr(record, "short_title", None):
        return str(text(record.short_title, lang))
    if getattr(record, "date", None):
        return format_date(record.date, lang)
    return record.id


def place(event: Any, short: bool = False, lang: str = "en") -> str:
    """Where an event was: ``online``, ``venue, city`` (``short``: the city, else the venue), or
    empty when no source states it."""
    if event.online:
        return language(lang)._("online")
    if short:
        chosen = event.city or event.venue
        return text(chosen, lang) if chosen else ""
    parts = [text(part, lang) for part in (event.venue, event.city) if part]
    if all(part.state == "current" for part in parts):
        return Shown(language(lang).join(parts), lang)
    english = ", ".join(str(part) for part in (event.venue, event.city) if part)
    return Shown(english, "en", "missing" if any(p.state == "missing" for p in parts) else "outdated")


def spoke_for(participation: Any) -> str | None:
    """The country whose delegation a participant belonged to, or else their organisation."""
    return participation.delegation or participation.organisation


# The words for the fixed lists of values in the data (kinds, roles, statuses), for the catalogs.
LABELS = {
    "side-event": N_("side event"), "meeting": N_("meeting"), "conference": N_("conference"),
    "summit": N_("summit"), "operation": N_("operation"), "visit": N_("visit"), "campaign": N_("campaign"),
    "session": N_("session"),
    "opening-speaker": N_("opening speaker"), "speaker": N_("speaker"), "closing-speaker": N_("closing speaker"),
    "moderator": N_("moderator"), "chair": N_("chair"), "participant": N_("participant"),
    "agreement": N_("agreement"), "declaration": N_("declaration"), "memorandum": N_("memorandum"),
    "strategy": N_("strategy"), "action-plan": N_("action plan"), "resolution": N_("resolution"),
    "statement": N_("statement"),
    "member": N_("member"), "observer": N_("observer"), "dialogue-partner": N_("dialogue partner"),
    "not-verified": N_("not verified"), "inference": N_("inference"),
    "intergovernmental-organisation": N_("intergovernmental organisation"), "secretariat": N_("secretariat"),
    "un-body": N_("UN body"), "un-office": N_("UN office"), "un-unit": N_("UN unit"),
    "government-body": N_("government body"), "regional-centre": N_("regional centre"),
    "news-media": N_("news media"), "other": N_("other"),
    "en": N_("English"), "ru": N_("Russian"), "zh": N_("Chinese"), "es": N_("Spanish"),
}


def label(value: str, lang: str = "en") -> str:
    """A value from a fixed list (``side-event``, ``not-verified``, ``ru``) in words."""
    return language(lang)._(LABELS.get(value, value.replace("-", " ")))


# A record's kind, where its title is told apart from another kind's.
SINGULAR = {"events": N_("event"), "people": N_("person"), "organisations": N_("organisation"),
            "countries": N_("country"), "documents": N_("document"), "sources": N_("source"), "metrics": N_("metric")}


def told_apart(record_key: tuple[str, str], sharing: list[tuple[str, Any]], reserved: frozenset[str],
               lang: str = "en") -> str:
    """A record page's title, told apart from the other records' with the same plain title and
    from the titles of pages that are not records' (``reserved``): its kind when the clash
    crosses kinds, then its short title or date, then its id if even that is shared."""
    collection, record_id = record_key
    record = next(r for c, r in sharing if (c, r.id) == record_key)
    title = page_title(collection, record, lang)
    reserved_clash = title_text(title) in reserved
    if len(sharing) == 1 and not reserved_clash:
        return title

    def parts(c: str, r: Any) -> list[str]:
        crosses = reserved_clash or len({k for k, _ in sharing}) > 1
        siblings = sum(1 for k, _ in sharing if k == c)
        kind = [language(lang)._(SINGULAR[c])] if crosses else []
        return kind + ([distinction(r, lang)] if siblings > 1 else [])

    mine = parts(collection, record)
    if sum(1 for c, r in sharing if parts(c, r) == mine) > 1:
        mine.append(record_id)
    words = language(lang)
    return words.bracket(title, words.join(mine))
