"""Benchmark: the site from 10 to 10,000 records, against plain MkDocs + Material.

    python -m bench [--sizes 10,100,1000,10000] [--runs 3]    (PYTHONPATH=scripts; or: make bench SIZES=10,100)

For the real data and for each synthetic size (``synth``), in a temporary copy of the project
as a fresh clone has it (``project``), it measures, taking the median of several runs
(``measure``):

1. ``check`` (load + validate) and ``generate`` from clean, then with nothing changed, then
   after one record is edited (files written, and whether exactly the pages that show the
   record were), each in a fresh interpreter (``bench.stage``);
2. `make build` from clean (``python -m scosite build``: every edition and the search index)
   against plain MkDocs + Material building the same pages of the three editions;
3. search in Chromium (``search``): index requests before searching, bytes and time of a
   first search;
4. page weight of the real site against default Material (``weight``);
5. `make serve`: time from saving an edit to the changed page being served (``serving``).

Every wait has a ceiling that grows with the size. The results go to
``docs/about/performance.md`` (``report``, from ``report.md.j2``: tables, a log-log chart,
each target MET or NOT MET) and the raw numbers to ``docs/about/performance.csv``.

What the benchmark shares with the tests (the copy of the project, the `mkdocs serve` driver,
the scanner of built pages, the page weight) is in tests/support/, imported as
``tests.support.…`` (the repository's root is on the path: ``python -m bench`` runs there, and
``__main__`` adds it). Importing this package imports nothing else (``python -m bench.stage``
times the generator from its own first line).
"""
