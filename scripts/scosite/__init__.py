"""scosite: the generator behind the SCO–UN counternarcotics record.

Pipeline (``pipeline.py``): load (``load.py``, ``yamlstrict.py``) -> validate (``models.py``,
``checks.py``) -> render (``site.py``, ``render.py``, ``templates/``, ``escape.py``) ->
write (``write.py``). Problems are values (``problems.py``) collected across all stages
and reported together. ``cli.py`` is the command line; ``plugin.py`` (with ``preview.py``)
connects the pipeline to MkDocs without the pipeline depending on MkDocs.
"""
