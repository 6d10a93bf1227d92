"""The engine's plugin (``plugins: - scosite`` in ``mkdocs.yml``): the only bridge from MkDocs to
the generator, which knows nothing of MkDocs (``scosite.build.generator``).

``make build`` runs the generator as a step of its own, then the engine: any engine that reads
``mkdocs.yml`` builds the site (ProperDocs does, in the tests; Zensical runs no plugins, see
``make engines``). The plugin adds:

* serve: the live preview (``scosite.engine.preview``): on every save the generator brings the pages
  up to date, and the system tells the server of a save (no poll every half second);
* build: a guard: the generated pages must be up to date with the data (the generator's
  fingerprint says so in milliseconds), or the build stops and says how to build;
* every page written without the theme's indentation (``scosite.engine.compact``), and a generated
  page read for the part of Markdown the generator writes (``scosite.engine.subset``);
* the site navigation of a page that is not in it (a record's page) rendered once per folder
  and reused for its neighbours (``overrides/base.html``; option ``nav_memo``);
* the theme's templates compiled once for a preview session.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin, event_priority

from ..queries.history import last_commit_time
from . import compact, mkdocs16, subset
from .preview import Preview

log = logging.getLogger("mkdocs.plugins.scosite")
OFFLINE_SHIM = "assets/javascripts/iframe-worker-shim.js"  # vendored: see the file's header


class ScositeConfig(base.Config):
    nav_memo = c.Type(bool, default=True)  # render the navigation of unlisted pages once per folder
    root = c.Optional(c.Dir(exists=True))  # the project (default: the folder of the configuration file)


class ScositePlugin(BasePlugin[ScositeConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.serving = self.dirty = False
        self.root = Path()
        self.preview: Preview | None = None  # `serve` only
        self.subset: subset.GeneratedPages | None = None
        self.bytecode = TemplatesInMemory()
        self.front_matter = mkdocs16.FrontMatter()  # `serve --dirty`: the pages a rebuild does not read

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(DirtyNotice())
            log.info("scosite: live preview rebuilds only the pages a save changes; 'make build' builds the whole site")

    @event_priority(100)  # before Material's offline plugin, which would add the shim from unpkg.com
    def on_config(self, config: Any) -> Any:
        self.root = Path(self.config.root or os.path.dirname(config.config_file_path)).resolve()
        if self.serving and self.preview is None:
            self.preview = Preview(self.root)
        # The build date MkDocs writes (sitemap) from the last commit: the same commit builds to
        # the same bytes on any day.
        if "SOURCE_DATE_EPOCH" not in os.environ and (stamp := last_commit_time(self.root)):
            os.environ["SOURCE_DATE_EPOCH"] = stamp
        offline = config.plugins.get("material/offline")
        if offline is not None and offline.config.enabled:
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), OFFLINE_SHIM]
            config.extra["offline_copy"] = True  # overrides/main.html: the CSP of the offline copy
        if self.serving:
            served_at(config)
        self.subset = subset.GeneratedPages()
        config.markdown_extensions += [self.subset, subset.NeededPatterns()]
        return config

    def on_pre_build(self, *, config: Any) -> None:
        """`serve`: regenerate what the last save changed. `build`: the generator has run as a
        step of its own (`make build`); make sure it did, rather than publish stale pages."""
        if self.preview is None:
            from ..build.fingerprint import nothing_to_do
            from ..settings import Project

            if nothing_to_do(Project(self.root)) is None:
                raise Abort("The generated pages are not up to date with data/ and docs/. Build with `make build` "
                            "(or run `python -m scosite generate` before the engine).")
            return
        from ..build.lock import BusyError

        try:
            report = self.preview.regenerate()
        except BusyError as err:
            raise Abort(str(err)) from None
        if report:
            # Keep serving the last good pages; the editor sees what to fix in the terminal.
            # Printed, not logged: a logged error would count as a warning, and a strict `serve`
            # would then hold every request until the data is fixed.
            print(f"ERROR   -  The data has problems; the preview shows the last good version.\n{report}",
                  file=sys.stderr, flush=True)

    def on_files(self, files: Any, *, config: Any) -> Any:
        if self.dirty:
            mkdocs16.rebuild_listings(files, self.front_matter)
        return files

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        """A generated page is read for the part of Markdown the generator writes; a
        hand-written one for the whole syntax."""
        if self.subset is not None:
            self.subset.next_is_generated = page.meta.get("generated") is True
        return markdown

    @event_priority(110)  # before Material's tags plugin renders its listings (100)
    def on_env(self, env: jinja2.Environment, *, config: Any, files: Any) -> jinja2.Environment:
        if self.dirty:
            self.front_matter.complete(config, files)
        if self.preview is not None:
            env.bytecode_cache = self.bytecode
        # One build's rendered navigations, by the folder of the pages they were rendered for.
        env.globals["nav_memo"] = {} if self.config.nav_memo else None
        return env

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        """Each page without the theme's indentation (an engine that runs no plugins publishes
        the same pages, only larger)."""
        return compact.compact(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        """The theme's own pages (404.html) likewise."""
        return compact.compact(output_content) if template_name.endswith(".html") else output_content

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        preview = self.preview
        if preview is not None:
            # What people change, not what the generator writes (the edition's tree): a
            # rebuild's own writes are in that rebuild already.
            server.unwatch(config.docs_dir)
            for folder in ("data", "docs", "scripts"):
                server.watch(str(self.root / folder))
            mkdocs16.watch_natively(server)
        return server


def served_at(config: Any) -> None:
    """In the preview, each edition is served by a process of its own, on the port after the
    one before (`make serve` English on 8000, `EDITION=ru` on 8001 at /ru/, `EDITION=zh` on 8002 at /zh/): the
    language switcher leads to where each is served."""
    from ..data.i18n import EDITIONS, PREFIX

    host, port = config.dev_addr.host, config.dev_addr.port - EDITIONS.index(config.extra.get("edition", "en"))
    for alt in config.extra.get("alternate") or []:  # (each served under its own prefix, as published)
        alt["served_at"] = f"http://{host}:{port + EDITIONS.index(alt['lang'])}/{PREFIX[alt['lang']]}"


class DirtyNotice(logging.Filter):
    """`make serve` rebuilds only the pages whose files changed (MkDocs' --dirty), which is what
    the generator's write-only-what-changed is for. MkDocs warns about it on every rebuild;
    editors are told once instead, in plain words."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


class TemplatesInMemory(jinja2.BytecodeCache):
    """The theme's templates, compiled once for the whole `serve` session (each rebuild makes a
    new template environment; a template whose text changed is compiled again)."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()
