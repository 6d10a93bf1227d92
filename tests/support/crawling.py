"""Visiting pages: what a page did (requests, console, CSP, dialogs) and what axe found.

``crawl_site`` visits one page of each template in each edition (``sample``), once per palette,
in one reused page of a reused context. Pages made from one template differ only in their
data, and every page carries the same Content-Security-Policy (``default-src 'self'``, checked
on every page by tests/browser/test_security.py), the same scripts and stylesheets; the checks of every page
that need no browser (links, anchors, HTML validity, the policy) read all of them from disk.
The sample takes the largest page of each template: the most elements for axe to check.
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

# WCAG 2.0, 2.1 and 2.2, levels A and AA, plus axe's best practices (which include the
# accessible name of dialogs and the order of headings). No rule is filtered out.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
PALETTE_SCHEME = {"light": "default", "dark": "slate"}  # Material's data-md-color-scheme values
TIMEOUT_MS = 20_000

# Runs before the page's own scripts in every page of a watched context: records every
# Content-Security-Policy violation the page reports.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


def new_watched_context(browser, *, color_scheme: str = "light", extra_script: str | None = None, **options):
    context = browser.new_context(color_scheme=color_scheme, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(CSP_LISTENER)
    if extra_script:
        context.add_init_script(extra_script)
    return context


@dataclass
class Watch:
    """Everything a page does that a test may object to, attributed to the path being shown."""

    origin: str
    path: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)
    failed_requests: list[tuple[str, str]] = field(default_factory=list)
    dialogs: list[tuple[str, str]] = field(default_factory=list)

    def attach(self, page) -> Watch:
        page.on("request", lambda request: self.requests.append((self.path, request.url)))
        page.on("requestfailed", lambda request: self.failed_requests.append(
            (self.path, f"{request.url}: {request.failure}")))
        page.on("response", lambda response: response.status >= 400 and self.failed_requests.append(
            (self.path, f"{response.url}: HTTP {response.status}")))
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(
            (self.path, f"{message.text} ({message.location.get('url')})")))
        page.on("pageerror", lambda error: self.console_errors.append((self.path, f"uncaught: {error}")))
        page.on("dialog", self._on_dialog)
        return self

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append((self.path, f"{dialog.type}: {dialog.message}"))
        dialog.dismiss()

    def outside_requests(self) -> list[tuple[str, str]]:
        """Requests to anything but this site's server (data: URLs name no host and are allowed)."""
        return [(path, url) for path, url in self.requests
                if not url.startswith(self.origin) and urlsplit(url).scheme != "data"]


def open_page(page, watch: Watch, base_url: str, path: str, scheme: str | None = None) -> int:
    """Show ``path``; wait until Material has applied the palette. Returns the HTTP status."""
    watch.path = path
    response = page.goto(urljoin(base_url, path), wait_until="load")
    if scheme:
        page.wait_for_function("scheme => document.body.dataset.mdColorScheme === scheme", arg=PALETTE_SCHEME[scheme])
    return response.status if response else 0


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations || []")


# A palette changes colours only: the page's elements, names and structure stay the same. So the
# first palette runs every rule of AXE_TAGS and the others every one of those rules that is
# about colour (axe's "cat.color": contrast of text, and of links against the text around them).


def run_axe(page, colour_only: bool = False) -> list[dict]:
    """axe's violations on the page, each reduced to what a reader of the report needs."""
    result = page.evaluate(
        """([tags, colourOnly]) => {
          const colour = axe.getRules(tags).filter(r => r.tags.includes("cat.color") && !r.tags.includes("experimental"));
          const runOnly = colourOnly ? {type: "rule", values: colour.map(r => r.ruleId)} : {type: "tag", values: tags};
          return axe.run(document, {runOnly, resultTypes: ["violations"]});
        }""", [AXE_TAGS, colour_only])
    return [{"rule": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [{"target": n["target"], "html": n["html"][:200], "summary": n["failureSummary"]} for n in v["nodes"]]}
            for v in result["violations"]]


@dataclass
class Visit:
    path: str
    palette: str
    status: int
    axe: list[dict]
    csp: list[str]


@dataclass
class Crawl:
    paths: list[str]
    visits: list[Visit]
    watches: dict[str, Watch]

    def problems(self, attribute: str) -> list[tuple[str, str]]:
        return [(f"{palette}: {path}", what) for palette, watch in self.watches.items()
                for path, what in getattr(watch, attribute)]


def template_of(path: str) -> tuple[str, str]:
    """(edition, template) of a page's path: a record page is its collection's template
    ('events/x/' -> 'events'); a page at the top of an edition is its own ('timeline/')."""
    edition, _, rest = path.partition("/")
    if edition not in ("ru", "zh"):
        edition, rest = "en", path
    parts = [part for part in rest.split("/") if part]
    return edition, parts[0] if len(parts) > 1 else rest


def sample(pages: dict[str, int]) -> list[str]:
    """The largest page (by bytes; ``pages`` maps path to size) of each template in each
    edition, in path order."""
    chosen: dict[tuple[str, str], str] = {}
    for path, size in sorted(pages.items()):
        key = template_of(path)
        if key not in chosen or size > pages[chosen[key]]:
            chosen[key] = path
    return sorted(chosen.values())


def in_another_palette(paths: list[str]) -> list[str]:
    """What a second palette needs to see of the sample: a palette changes colours, not
    elements or words, and the editions share their templates and stylesheets, so the English
    edition's pages and each edition's home page."""
    return [path for path in paths if template_of(path)[0] == "en" or template_of(path)[1] == ""]


def crawl_site(base_url: str, contexts: dict[str, object], paths: list[str]) -> Crawl:
    """Visit each of ``paths`` in the first palette's context and ``in_another_palette(paths)``
    in the others'; run axe (every rule in the first palette, the colour rules in the others)
    and collect what went wrong."""
    visits, watches = [], {}
    for number, (palette, context) in enumerate(contexts.items()):
        page = context.new_page()
        watch = watches[palette] = Watch(origin=base_url.rstrip("/")).attach(page)
        for path in paths if number == 0 else in_another_palette(paths):
            status = open_page(page, watch, base_url, path, palette)
            visits.append(Visit(path, palette, status, run_axe(page, colour_only=number > 0), csp_violations(page)))
        page.close()
    return Crawl(paths, visits, watches)


def describe_axe(visits: list[Visit]) -> str:
    """One line per violation and element: page, rule, impact, element, what to fix."""
    lines = []
    for visit in visits:
        for violation in visit.axe:
            for node in violation["nodes"]:
                summary = re.sub(r"\s+", " ", node["summary"])
                lines.append(f"{visit.palette} /{visit.path}: {violation['rule']} ({violation['impact']}): "
                             f"{json.dumps(node['target'])} {node['html']} -- {summary}")
    return "\n".join(lines)


def search_fragments(site) -> list[tuple[str, dict]]:
    """The pages as each edition's Pagefind index holds them (gzip, a signature, then JSON per
    page), with the edition."""
    return [(lang, fragment) for lang, bundle in (("en", site), ("ru", site / "ru"), ("zh", site / "zh"))
            for fragment in search_fragments_of(bundle / "pagefind")]


def search_fragments_of(bundle) -> list[dict]:
    """The pages one Pagefind bundle holds."""
    fragments = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        fragments.append(json.loads(data[len(b"pagefind_dcd"):]))
    return fragments
