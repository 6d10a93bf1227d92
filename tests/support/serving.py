"""Driving `mkdocs serve` (tests/test_serve.py, and the benchmark's preview measure:
scripts/bench/serving.py) and serving a built site (the browser tests, the benchmark's search).

Every wait here is for an event, under a ceiling: a line in the server's log (MkDocs'
"Serving on"), a page served with a given text, a rebuild's closing line. A wait that reaches
its ceiling raises ``NotSettled``; a long one reports progress about every 10 s.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

Say = Callable[[str], None]
PROGRESS_EVERY = 10.0


class NotSettled(Exception):
    """A wait reached its ceiling."""

    def __init__(self, what: str, ceiling: float, detail: str = ""):
        super().__init__(f"{what}: did not settle in {ceiling:.0f} s" + (f"\n{detail}" if detail else ""))
        self.ceiling = ceiling


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> str:
    """The page's text, or "" when it cannot be had (yet). Generous timeout: `mkdocs serve`
    holds requests while it rebuilds."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return ""


def wait_until(predicate: Callable[[], bool], ceiling: float, what: str, say: Say | None = None,
               poll: float = 0.05) -> float:
    """Seconds until ``predicate()`` holds, checked every ``poll`` s; ``NotSettled`` at ``ceiling``."""
    start = time.monotonic()
    next_report = start + PROGRESS_EVERY
    while not predicate():
        now = time.monotonic()
        if now - start >= ceiling:
            raise NotSettled(what, ceiling)
        if say and now >= next_report:
            say(f"still waiting: {what} ({now - start:.0f} s of at most {ceiling:.0f} s)")
            next_report += PROGRESS_EVERY
        time.sleep(poll)
    return time.monotonic() - start


class Server:
    """`mkdocs serve` on 127.0.0.1 in a project folder, its log read as it runs, after the
    generator has written the edition's tree (as `make serve` runs them)."""

    def __init__(self, project: Path, flags: list[str], env: dict[str, str] | None = None, say: Say | None = None):
        self.url = f"http://127.0.0.1:{free_port()}/"
        self.say = say
        command = [sys.executable, "-m", "mkdocs", "serve", *flags, "--dev-addr", self.url[7:-1]]
        environment = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
        subprocess.run([sys.executable, "-m", "scosite", "generate", "--root", str(project)], cwd=project,
                       env=environment, capture_output=True, check=False)
        self.process = subprocess.Popen(command, cwd=project, env=environment, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True)
        self.log: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.log.append(line)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def tail(self, lines: int = 40) -> str:
        return "".join(self.log[-lines:])

    def builds(self) -> int:
        """Rebuilds the server started (each edition's build inside one is not counted)."""
        return sum("Building documentation..." in line for line in self.log)

    def _building(self) -> bool:
        """A rebuild has started and not yet ended: the last "Building documentation..." has
        no "Documentation built in" or "Reloading browsers" after it (a rebuild that finds
        nothing to do logs only the second)."""
        for line in reversed(self.log):
            if "Documentation built in" in line or "Reloading browsers" in line:
                return False
            if "Building documentation..." in line:
                return True
        return False

    def _wait_for_log(self, done: Callable[[], bool], ceiling: float, what: str) -> float:
        """Seconds until ``done()`` holds, re-checked on each new log line (and every second)."""
        start = time.monotonic()
        next_report = start + PROGRESS_EVERY
        with self.changed:
            while not done():
                now = time.monotonic()
                if now - start >= ceiling:
                    raise NotSettled(what, ceiling, self.tail())
                if self.process.poll() is not None and not self.reader.is_alive():
                    raise RuntimeError(f"mkdocs serve stopped while waiting for {what}:\n{self.tail()}")
                if self.say and now >= next_report:
                    self.say(f"still waiting: {what} ({now - start:.0f} s of at most {ceiling:.0f} s)")
                    next_report += PROGRESS_EVERY
                self.changed.wait(timeout=1.0)
        return time.monotonic() - start

    def wait_for_line(self, text: str, ceiling: float) -> float:
        """Seconds until a line containing ``text`` is logged (e.g. MkDocs' "Serving on")."""
        return self._wait_for_log(lambda: any(text in line for line in self.log), ceiling, f"log line {text!r}")

    def wait_for_page(self, page: str, text: str, ceiling: float) -> float:
        """Seconds until ``page`` is served containing ``text``."""
        def served() -> bool:
            if self.process.poll() is not None:
                raise RuntimeError(f"mkdocs serve stopped before {page} showed {text!r}:\n{self.tail()}")
            return text in fetch(self.url + page)

        try:
            return wait_until(served, ceiling, f"{page} to show {text!r}", self.say)
        except NotSettled as err:
            raise NotSettled(f"{page} to show {text!r}", err.ceiling, self.tail()) from None

    def settle(self, ceiling: float, quiet: float = 2.0) -> float:
        """Seconds until the server is idle: every rebuild it started has logged its end, and
        no line has been logged for ``quiet`` seconds (a rebuild that a rebuild's own output
        triggers starts within that time)."""
        last = {"count": -1, "at": time.monotonic()}

        def idle() -> bool:
            if len(self.log) != last["count"]:
                last["count"], last["at"] = len(self.log), time.monotonic()
            return not self._building() and time.monotonic() - last["at"] >= quiet

        return self._wait_for_log(idle, ceiling, "the server to finish rebuilding")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


# --- A built site, served as GitHub Pages would (no compression) ---------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Files of the folder under ``mount``; anything outside it is not found."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path[len(self.mount):])

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve_folder(folder: Path, mount: str = "/") -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) under the path ``mount`` (a project site
    on GitHub Pages is served under /repository/); yields the base URL."""
    handler = functools.partial(type("Handler", (_QuietHandler,), {"mount": mount}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{mount}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def serve_flags() -> list[str]:
    """`make serve`'s flags for `mkdocs serve` (``scosite.cli.SERVE_FLAGS``), without its
    address: each server here takes a free port."""
    from scosite.cli import SERVE_FLAGS

    flags = list(SERVE_FLAGS)
    if "--dev-addr" in flags:
        del flags[flags.index("--dev-addr"):flags.index("--dev-addr") + 2]
    return flags
