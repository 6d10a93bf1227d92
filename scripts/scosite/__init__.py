"""scosite: the generator behind the SCO–UN counternarcotics record.

Its folders are the stages, each importing only from those before it (``make lint`` checks
it): ``data`` (load, strict YAML, models, checks) -> ``queries`` (``records.Site``, what a page
reads) -> ``render`` (pages, charts, downloads, as text) -> ``build`` (the generator, which
writes each edition's tree; the engine's steps) -> ``engine`` (the MkDocs plugin and the live
preview, so the pipeline does not depend on MkDocs), with ``tools`` (catalogs, stamps) and
``cli.py`` (the command line) on top. Problems are values (``data/problems.py``) collected
across all stages and reported together.
"""
