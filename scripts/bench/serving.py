"""The live preview as the benchmark measures it: a started `mkdocs serve` and the time from
each save to the page served (the server driven by tests/support/serving.py, shared with the
tests)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.support.serving import Say, Server


@contextmanager
def running(project: Path, flags: list[str], env: dict[str, str] | None, ceiling: float,
            say: Say | None = None) -> Iterator[Server]:
    """A started server: "Serving on" logged and its first build finished."""
    server = Server(project, flags, env, say)
    try:
        server.wait_for_line("Serving on", ceiling)
        server.settle(ceiling)
        yield server
    finally:
        server.stop()


def serve_reloads(server: Server, edit: Callable[[int], str], page: str, runs: int,
                  ceiling: float, settle_ceiling: float) -> list[tuple[float, int]]:
    """For each edit: seconds from saving ``edit(n)`` (which returns the new text) to ``page``
    serving it, and how many rebuilds the edit caused in all. ``NotSettled`` at ``ceiling``
    (or, for the rebuilds that follow the page being served, at ``settle_ceiling``)."""
    found = []
    for attempt in range(runs):
        before = server.builds()
        seconds = server.wait_for_page(page, edit(attempt), ceiling)
        server.settle(settle_ceiling)
        found.append((seconds, server.builds() - before))
    return found
