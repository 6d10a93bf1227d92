"""Live preview: `mkdocs serve` regenerates on a data edit, survives bad data, and settles."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

EVENT = "events/2017-cnd60-high-level-event/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    # Generous: `mkdocs serve` holds requests while it rebuilds, and CI has two busy cores.
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def wait_for(predicate, timeout: float = 90.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.2)
    return False


def make_variable(name: str) -> list[str]:
    match = re.search(rf"^{name} :?= (.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"), flags=re.M)
    assert match, f"{name} is not set in the Makefile"
    return match.group(1).split()


SERVE_FLAGS = make_variable("SERVE_FLAGS")  # as `make serve` runs it


class Server:
    """`mkdocs serve` in a project copy, with its log collected as it runs."""

    def __init__(self, project: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        # Verification mode: each incremental regeneration is compared with a full one, and a
        # difference is reported in the log as a data problem would be (test_preview_is_verified).
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SCOSITE_VERIFY_INCREMENTAL="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *SERVE_FLAGS, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.log: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.log.append(line)

    def builds(self) -> int:
        return sum("Building documentation" in line for line in self.log)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.reader.join(timeout=5)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def server(real_project):
    running = Server(real_project)
    try:
        assert wait_for(lambda: "Marat Demeuov" in fetch(running.url + EVENT), timeout=120), "".join(running.log)
        yield running, real_project
    finally:
        running.stop()


def test_the_preview_rebuilds_only_changed_pages_and_says_so_once(server):
    running, project = server
    assert "--dirty" in SERVE_FLAGS
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov Again"))
    assert wait_for(lambda: "Marat Demeuov Again" in fetch(running.url + EVENT)), "".join(running.log)
    log = "".join(running.log)
    assert log.count("live preview rebuilds only the pages a save changes") == 1
    assert "A 'dirty' build is being performed" not in log


def test_an_edit_is_served_and_the_rebuilds_stop(server):
    running, project = server
    person = project / "data" / "people" / "marat-demeuov.yml"
    person.write_text(person.read_text().replace("name: Marat Demeuov", "name: Marat Demeuov Edited"))
    assert wait_for(lambda: "Marat Demeuov Edited" in fetch(running.url + EVENT)), "".join(running.log)
    time.sleep(3)
    settled = running.builds()
    time.sleep(3)
    assert running.builds() == settled, "the server keeps rebuilding with nothing changed:\n" + "".join(running.log)
    assert not any("differs from a full render" in line for line in running.log), "".join(running.log)


def test_bad_data_keeps_the_last_good_pages_and_says_why(server):
    running, project = server
    person = project / "data" / "people" / "marat-demeuov.yml"
    good = person.read_text()
    person.write_text(good.replace("name: Marat Demeuov", "name: Marat Demeuov\nname: Twice"))
    assert wait_for(lambda: any("'name' is given twice" in line for line in running.log)), "".join(running.log)
    assert any("data/people/marat-demeuov.yml:3:1: name: 'name' is given twice" in line for line in running.log)
    assert "Marat Demeuov" in fetch(running.url + EVENT) and "Twice" not in fetch(running.url + EVENT)
    assert not any("Traceback" in line for line in running.log)
    person.write_text(good.replace("name: Marat Demeuov", "name: Marat Demeuov Fixed"))
    assert wait_for(lambda: "Marat Demeuov Fixed" in fetch(running.url + EVENT)), "".join(running.log)


def test_a_template_or_code_change_is_picked_up_without_a_restart(server):
    running, project = server
    template = project / "scripts" / "scosite" / "templates" / "event.md.j2"
    template.write_text(template.read_text().replace("Titles are those the source gives", "Titles (edited) are those"))
    assert wait_for(lambda: "Titles (edited) are those" in fetch(running.url + EVENT)), "".join(running.log)
    code = project / "scripts" / "scosite" / "display.py"
    code.write_text(code.read_text().replace(
        'return f"{number}{suffix}"', 'return f"{number}{suffix} reloaded"'))
    assert wait_for(lambda: "60th reloaded session" in fetch(running.url + EVENT)), "".join(running.log)
