"""Security a static site can carry in its pages: a Content-Security-Policy, a referrer
policy, and links to other sites that cannot reach back into ours."""

from __future__ import annotations

import pytest

from ..support.crawling import Watch, csp_violations, open_page
from ..support.htmlscan import csp_hash, html_pages, scan

REFERRER = "strict-origin-when-cross-origin"
LOADED_LINKS = {"stylesheet", "preload", "modulepreload", "prefetch"}


def directives(policy: str) -> dict[str, list[str]]:
    parts = [d.split() for d in policy.split(";") if d.strip()]
    return {d[0]: d[1:] for d in parts}


@pytest.fixture(scope="module")
def pages(site_dir):
    return {path: scan(file) for path, file in html_pages(site_dir).items()}


def test_every_page_carries_the_content_security_policy_before_any_script(pages):
    problems = []
    for path, page in pages.items():
        metas = [e for e in page.all("meta") if e.attrs.get("http-equiv", "").lower() == "content-security-policy"]
        if len(metas) != 1:
            problems.append(f"/{path}: {len(metas)} Content-Security-Policy meta tags")
            continue
        order = page.elements.index(metas[0])
        if any(e.tag in ("script", "style") or e.attrs.get("rel") in LOADED_LINKS for e in page.elements[:order]):
            problems.append(f"/{path}: the policy comes after a script or stylesheet, which it then does not cover")
        policy = directives(metas[0].attrs["content"])
        for name, wanted in {"default-src": ["'self'"], "object-src": ["'none'"], "base-uri": ["'self'"]}.items():
            if policy.get(name) != wanted:
                problems.append(f"/{path}: {name} is {policy.get(name)}, not {wanted}")
        script_src = policy.get("script-src", [])
        if any(word in script_src for word in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:")):
            problems.append(f"/{path}: script-src is too wide: {script_src}")
    assert problems == []


def test_every_inline_script_is_one_the_policy_allows_by_hash(pages):
    """Only the theme's scripts, by a fixed list of hashes: an injected script would not match."""
    allowed, used, problems = None, set(), []
    for path, page in pages.items():
        meta = next(e for e in page.all("meta") if e.attrs.get("http-equiv", "").lower() == "content-security-policy")
        hashes = {h for h in directives(meta.attrs["content"])["script-src"] if h.startswith("'sha256-")}
        allowed = hashes if allowed is None else allowed
        if hashes != allowed:
            problems.append(f"/{path}: another list of script hashes")
        for script in page.inline_scripts():
            used.add(csp_hash(script))
            if csp_hash(script) not in hashes:
                problems.append(f"/{path}: inline script {csp_hash(script)} is not allowed: {script[:80]!r}")
    assert problems == []
    assert used == allowed, "every hash in the policy is used by the theme (remove stale ones)"


def test_every_page_sets_the_referrer_policy(pages):
    missing = [path for path, page in pages.items()
               if not any(e.attrs.get("name") == "referrer" and e.attrs.get("content") == REFERRER for e in page.all("meta"))]
    assert missing == []


def test_links_that_open_a_new_tab_carry_noopener_noreferrer(pages):
    problems = [f"/{path}: {link.attrs.get('href')} rel={link.attrs.get('rel')!r}"
                for path, page in pages.items() for link in page.all("a")
                if link.attrs.get("target") and not {"noopener", "noreferrer"} <= set(link.attrs.get("rel", "").split())]
    assert problems == []


def test_the_policy_is_in_force_in_the_browser(light, site_url):
    """An inline script or event handler added to a page is refused, and reported."""
    page = light.new_page()
    watch = Watch(origin=site_url.rstrip("/")).attach(page)
    open_page(page, watch, site_url, "events/2017-cnd60-high-level-event/", "light")
    page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.__injected = 'script'";
        document.body.append(script);
        const image = document.createElement("img");
        image.setAttribute("onerror", "window.__injected = 'handler'");
        image.src = "data:,not-an-image";
        document.body.append(image);
    }""")
    page.wait_for_function("() => window.__cspViolations.length >= 2")
    assert page.evaluate("() => window.__injected") is None
    violations = csp_violations(page)
    page.close()
    assert all(v.startswith("script-src") for v in violations) and len(violations) == 2, violations
