"""What the tests share, besides their fixtures (those are in tests/conftest.py and
tests/browser/conftest.py, where pytest finds them): plain functions and constants, one module
a subject. A test imports them from here, never from another test module or a conftest.

* ``project``: the repository, its fixture projects, copies of it as a fresh clone has it
  (shared with the benchmark), and where scratch folders go;
* ``generator``: the generator's output for a project (``rendered``, ``generated``, ``settings``);
* ``builds``: the site built as `make build` builds it, and the builds shared by every test,
  worker and run with the same inputs;
* ``broken``: every problem the everything-wrong fixture (tests/fixtures/broken) must report;
* ``incremental``: the edits the incremental generator's tests make, and the part of the real
  data they are made on;
* ``htmlscan``: built pages read without a browser (shared with the benchmark);
* ``weight``: what a reader's browser fetches for a page (shared with the benchmark);
* ``serving``: `mkdocs serve` driven and a built site served (shared with the benchmark);
* ``seeding``: every free-text field of every record rewritten (hostile or random data);
* ``browser``, ``crawling``: the browser tests' tools and their visits of pages.

The benchmark (scripts/bench, run from the repository's root) imports the modules it shares
from here as ``tests.support.…``; they import nothing from the tests or from pytest. Importing
this package imports nothing.
"""
