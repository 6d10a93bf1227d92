"""What the templates call besides the renderer: links to records from a page (``Links``), and the
home page's charts at a glance (``Glance``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from ..data import i18n
from ..queries import display
from . import chartdata, timecharts
from .addresses import html_href
from .chartlayout import NARROW, WIDE, figure
from .charts import Chart, by_publisher

if TYPE_CHECKING:
    from .renderer import Renderer


class Links:
    """Links to records from one page: ``[name](../people/x.md)`` with the text escaped."""

    def __init__(self, renderer: Renderer, link: Any):
        self.renderer, self.link = renderer, link

    def to(self, collection: str, record_id: str) -> Markup:
        """A link to a record, with its doubt marker if the record is not certain."""
        record = self.renderer.site.get(collection, record_id)
        link = f"[{self.renderer.label(collection, record_id)}]({self.link(f'{collection}/{record_id}.md')})"
        return Markup(link) + self.renderer.words.doubt(getattr(record, "caveat", None))

    def person(self, record_id: str) -> Markup:
        return self.to("people", record_id)

    def event(self, record_id: str) -> Markup:
        return self.to("events", record_id)

    def event_short(self, record_id: str) -> Markup:
        """A link to an event in a table, under a short label of ours: its ``short_title``, else
        "side event at the 60th session of the CND" from its kind and session, else its title."""
        renderer = self.renderer
        event, lang = renderer.site.get("events", record_id), renderer.lang
        if event.short_title:
            label: Any = display.text(event.short_title, lang)
        elif event.session:
            body = renderer.site.get("organisations", event.session.body)
            session = renderer.words._("%(ordinal)s session of the %(body)s", ordinal=display.ordinal(event.session.number, lang),
                                       number=event.session.number, body=display.short_name("organisations", body, lang))
            # a session itself is named by the session alone ("session at the 60th session" says it twice)
            label = session if event.kind == "session" else renderer.words._(
                "%(kind)s at the %(session)s", kind=display.label(event.kind, lang), session=session)
        else:
            return self.event(record_id)
        return self.record_link("events", record_id, label, getattr(event, "caveat", None))

    def document(self, record_id: str) -> Markup:
        return self.to("documents", record_id)

    def party(self, record_id: str) -> Markup:
        return self.to(self.renderer.site.party(record_id)[0], record_id)

    def parties(self, record_ids: list[str]) -> Markup:
        """Links to organisations and countries as a list in the edition's words ("A, B and C")."""
        return self.renderer.words.listing([self.party(i) for i in record_ids])

    def events(self, record_ids: list[str]) -> Markup:
        return self.renderer.words.listing([self.event(i) for i in record_ids])

    def record_link(self, collection: str, record_id: str, text: Any, caveat: Any = None) -> Markup:
        """A link to a page with other text than the record's name (an id, a title), and the
        doubt marker of ``caveat``, the listed record's."""
        label = self.renderer.words.finalize(text)
        return Markup(f"[{label}]({self.link(f'{collection}/{record_id}.md')})") + self.renderer.words.doubt(caveat)


class Glance:
    """The charts of the home and countries pages against time (``timecharts``), in the
    edition's words, with links from the page being rendered."""

    def __init__(self, renderer: Renderer, here: str):
        self.site, self.lang, self.here = renderer.site, renderer.lang, here
        self.directory_urls = bool(renderer.project.directory_urls)
        self.words = i18n.language(self.lang)

    def membership(self) -> Chart | None:
        words, lang = self.words, self.lang
        rows = self.site.memberships()
        if not rows:
            return None
        lanes, said = [], []
        for country, periods in rows:
            name = str(display.name("countries", country, lang))
            spans = tuple(timecharts.Span(p.status, timecharts.year_of(p.start),
                                          timecharts.year_of(p.end) if p.end else None, bool(p.caveat)) for p in periods)
            lanes.append(timecharts.Lane(name, spans))
            said += [words._("%(country)s: %(status)s %(period)s", country=name, status=display.label(p.status, lang),
                             period=display.period(p.start, p.end, lang=lang))
                     + (words.bracket("", display.label(p.caveat.status, lang)) if p.caveat else "") for p in periods]
        first = min(int(str(p.start)[:4]) for _, periods in rows for p in periods)
        last = max(int(str(d)[:4]) for _, periods in rows for p in periods for d in (p.start, p.end) if d)
        members = len(self.site.members_now())
        title = words.n_("The SCO's member states, %(first)s–%(last)s: %(num)s today",
                         "The SCO's member states, %(first)s–%(last)s: %(num)s today", members,
                         num=members, first=first, last=last)
        anchor = chartdata.glance_anchor(chartdata.MEMBERSHIP)
        drawings = [timecharts.membership_chart(anchor, title, words.sentence(said), lanes, first, last,
                                                lambda status: display.label(status, lang), width, lang)
                    for width in (WIDE, NARROW)]
        return Chart(figure(anchor, drawings, title), anchor, chartdata.glance_file(chartdata.MEMBERSHIP),
                     by_publisher(self.site, [s for _, periods in rows for p in periods for s in p.sources]))

    def cnd_strip(self) -> Chart | None:
        words, lang = self.words, self.lang
        events = self.site.cnd_events()
        if not events:
            return None
        marks = [timecharts.Mark(e.date, str(display.title("events", e, lang)),
                                 html_href(self.here, f"events/{e.id}.md", self.directory_urls),
                                 display.label(e.caveat.status, lang) if e.caveat else "") for e in events]
        first, last = int(events[0].date[:4]), int(events[-1].date[:4])
        title = words.n_("%(num)s SCO–UN event at sessions of the CND, %(first)s–%(last)s",
                         "%(num)s SCO–UN events at sessions of the CND, %(first)s–%(last)s", len(events),
                         num=len(events), first=first, last=last)
        said = [words.join([display.format_date(m.date, lang), m.label, m.doubtful]) for m in marks]
        anchor = chartdata.glance_anchor(chartdata.CND_EVENTS)
        drawings = [timecharts.event_strip(anchor, title, words.sentence(said), marks, first, last, width, lang)
                    for width in (WIDE, NARROW)]
        return Chart(figure(anchor, drawings, title), anchor, chartdata.glance_file(chartdata.CND_EVENTS),
                     by_publisher(self.site, [s for e in events for s in e.sources]))
