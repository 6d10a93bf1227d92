"""Reading built pages without a browser: the benchmark's scanner (scripts/bench/htmlscan.py),
one copy for the tests and the page-weight measure."""

from bench.htmlscan import Element, Page, csp_hash, html_pages, scan, scan_text

__all__ = ["Element", "Page", "csp_hash", "html_pages", "scan", "scan_text"]
