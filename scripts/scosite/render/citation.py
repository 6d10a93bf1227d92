"""Ready citations of a record's page: the "Cite as" line in the style each edition's readers
use, and BibTeX and RIS files to download (``cite/<collection>/<id>.bib`` and ``.ris``).

Each is made from four things: the page's title, the site's name (its author: the record has
no personal author), the page's address, and the date its data last changed (git), so the
same commit gives the same text. Without a date (no history, or not yet committed) the parts
that carry it are left out; nothing else changes.

* English, a plain author–date style (Harvard):
  ``SCO–UN counternarcotics record (2025) Title. Available at: URL (last changed: 3 March 2025).``
* Russian, GOST R 7.0.100-2018, a part of a website:
  ``Title. – Текст : электронный // Site : [сайт]. – 2025. – URL: URL (дата обновления: 03.03.2025).``
  The standard's example ends with the reader's own access date (дата обращения), which a
  build cannot know; the date given is when the page's data last changed.
* Chinese, GB/T 7714-2015, an electronic resource:
  ``Site. Title[EB/OL]. (2025-03-03). URL.`` (the reader adds the cited date, [引用日期]).

A source's page cites the source itself too, as a second entry in its files (``Original``):
its publisher, title, date and original address, with its archived copy where one is verified
(RIS ``L2``, the link to the text; BibTeX ``note``), else the look-up in the Web Archive (a
note, marked as a look-up), and a dead address said to be dead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..data.i18n import language
from ..settings import BY_LANG


@dataclass(frozen=True)
class Citation:
    key: str  # unique in the site: the edition, the collection and the record's id
    title: str  # plain text, as the page's heading shows it
    site: str  # the site's name in the edition's language
    url: str  # the page's published address
    date: str | None  # YYYY-MM-DD: when the page's data last changed; None if not known
    lang: str

    @property
    def year(self) -> str | None:
        return self.date[:4] if self.date else None


def citation_key(lang: str, collection: str, record_id: str) -> str:
    """``scoun-events-2017-x`` (English), ``scoun-ru-events-2017-x``: letters, digits and hyphens."""
    return "-".join(["scoun", *([lang] if lang != "en" else []), collection, record_id])


def gost_address(year: str | None, date: str | None, url: str) -> str:
    """GOST R 7.0.100's closing elements: the year, the address and the day of the last update."""
    if year and date:
        return f" – {year}. – URL: {url} (дата обновления: {date[8:10]}.{date[5:7]}.{date[:4]})."
    return f" – URL: {url}."


def line(c: Citation) -> str:
    """The "Cite as" line, plain text, in the edition's style."""
    title = c.title.rstrip(".")
    if c.lang == "ru":
        return f"{title}. – Текст : электронный // {c.site} : [сайт].{gost_address(c.year, c.date, c.url)}"
    if c.lang == "zh":
        when = f" ({c.date})." if c.date else ""
        return f"{c.site}. {title}[EB/OL].{when} {c.url}."
    when = language("en").date(c.date) if c.date else ""
    return (f"{c.site} ({c.year or 'n.d.'}) {title}. Available at: {c.url}"
            + (f" (last changed: {when})." if when else "."))


def bibtex_text(value: str) -> str:
    """A value for a BibTeX field in braces: the characters TeX reads as commands escaped."""
    out = []
    for char in value:
        if char == "\\":
            out.append(r"\textbackslash{}")
        elif char in "{}&%$#_":
            out.append("\\" + char)
        elif char == "~":
            out.append(r"\textasciitilde{}")
        elif char == "^":
            out.append(r"\textasciicircum{}")
        elif char in "\r\n\t":
            out.append(" ")
        else:
            out.append(char)
    return "".join(out)


def bibtex(c: Citation) -> str:
    """One ``@misc`` entry (BibTeX and biblatex read it): the site as a corporate author and
    the title in double braces, so that neither is reordered or lower-cased."""
    fields = [("author", "{" + bibtex_text(c.site) + "}"), ("title", "{" + bibtex_text(c.title) + "}")]
    if c.date:
        fields += [("year", c.year or ""), ("date", c.date)]
    fields += [("url", c.url), ("howpublished", r"\url{" + c.url + "}"), ("language", BY_LANG[c.lang].bibtex)]
    if c.date:
        fields.append(("note", f"Last changed {c.date}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{c.key},\n{body}\n}}\n"


def ris_text(value: str) -> str:
    """A RIS value is one line (a no-break space inside it stays)."""
    return re.sub(r"[\r\n\t]+", " ", value)


def ris(c: Citation) -> str:
    """One RIS record (type ELEC, a web page). Lines end in LF, as every file the generator
    writes (the format's CR LF is what Zotero, EndNote and Mendeley accept, not need)."""
    lines = [("TY", "ELEC"), ("AU", ris_text(c.site)), ("TI", ris_text(c.title)), ("T2", ris_text(c.site))]
    if c.date:
        lines += [("PY", c.year or ""), ("DA", c.date.replace("-", "/"))]
    lines += [("UR", c.url), ("LA", c.lang), ("ID", c.key), ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)


# --- A source itself, as published (the second entry of a source page's files) --------------

# BibTeX's (babel's) names of the sources' languages.
BIBTEX_LANGUAGES = {"en": "english", "ru": "russian", "zh": "chinese", "es": "spanish"}


@dataclass(frozen=True)
class Original:
    key: str  # the source page's key with "-original"
    title: str  # the source's own title, else our description of it
    publisher: str  # in the edition's language, as the page shows it
    url: str  # the original address
    date: str | None  # as the data gives it: YYYY, YYYY-MM or YYYY-MM-DD
    lang: str  # the source's language
    archive: str  # the verified archived copy, else the look-up in the Web Archive
    verified: bool
    archive_date: str | None  # the copy's day (verified only)
    dead: str | None  # the day the original address was found dead

    def notes(self) -> list[tuple[str, str]]:
        """The link's status and the archived copy (or look-up), each as words and an address
        (English, as every edition's notes are)."""
        notes = [(f"Original address dead (checked {self.dead})", "")] if self.dead else []
        if self.verified:
            notes.append((f"Archived copy of {self.archive_date}: " if self.archive_date else "Archived copy: ", self.archive))
        else:
            notes.append(("No archived copy verified; look it up in the Web Archive: ", self.archive))
        return notes


def bibtex_original(o: Original) -> str:
    """The source as a ``@misc`` entry: the publisher as a corporate author, the original address,
    and the archive in ``note`` (its address in ``\\url{}``, as ``howpublished`` has it)."""
    fields = [("author", "{" + bibtex_text(o.publisher) + "}"), ("title", "{" + bibtex_text(o.title) + "}")]
    if o.date:
        fields += [("year", o.date[:4]), ("date", o.date)]
    fields += [("url", o.url), ("howpublished", r"\url{" + o.url + "}"),
               ("language", BIBTEX_LANGUAGES.get(o.lang, o.lang)),
               ("note", ". ".join(bibtex_text(words) + (r"\url{" + url + "}" if url else "") for words, url in o.notes()))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{o.key},\n{body}\n}}\n"


def ris_original(o: Original) -> str:
    """The source as a RIS record (ELEC): ``UR`` the original address, ``L2`` its verified archived
    copy (a link to the text), ``N1`` the archive and the link's status in words."""
    lines = [("TY", "ELEC"), ("AU", ris_text(o.publisher)), ("TI", ris_text(o.title))]
    if o.date:
        lines += [("PY", o.date[:4]), ("DA", o.date.replace("-", "/"))]
    lines += [("UR", o.url)]
    if o.verified:
        lines.append(("L2", o.archive))
    lines += [("N1", ris_text(". ".join(words + url for words, url in o.notes()))), ("LA", o.lang), ("ID", o.key),
              ("ER", "")]
    return "".join(f"{tag}  - {value}\n" for tag, value in lines)
