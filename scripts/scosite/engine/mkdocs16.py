"""The one place that touches MkDocs' private attributes (MkDocs 1.6, frozen at 1.6.1), and
Material's (9.8, in maintenance).

Each use is pinned here with what it relies on; were MkDocs to change, the preview would fall
back to MkDocs' own behaviour (a poll every half second), never break a build.
"""

from __future__ import annotations

import logging
import os
from typing import Any

log = logging.getLogger("mkdocs.plugins.scosite")


class Changes:
    """Passes on the events that change a file (a poll sees only those); the system also tells
    of files opened and closed, which every build does by reading them."""

    KINDS = frozenset({"created", "modified", "moved", "deleted"})

    def __init__(self, handler: Any):
        self.handler = handler

    def dispatch(self, event: Any) -> None:
        if event.event_type in self.KINDS:
            self.handler.dispatch(event)


def watch_natively(server: Any) -> bool:
    """Have the system tell the live-reload server of a change (inotify and its like), instead
    of MkDocs' ``PollingObserver`` looking every half second; the folders watched later go to
    the new observer too. False if MkDocs' server is not as 1.6 makes it (then it keeps
    polling)."""
    import watchdog.observers

    # (Observer is the platform's class, chosen at import: a base class pyright cannot see.)
    class Notified(watchdog.observers.Observer):  # pyright: ignore[reportGeneralTypeIssues]
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False, **options: Any) -> Any:
            return super().schedule(Changes(event_handler), path, recursive=recursive, **options)

    old = server.observer
    try:
        # MkDocs 1.6 livereload.LiveReloadServer: ``_watch_refs`` maps a path to its watch;
        # watchdog's BaseObserver: ``_handlers`` maps a watch to its handlers.
        handlers = {path: list(old._handlers[watch]) for path, watch in server._watch_refs.items()}
    except (AttributeError, KeyError):
        log.info("scosite: the preview looks for changes every half second (MkDocs' own watcher)")
        return False
    native = Notified()
    for path, watch in list(server._watch_refs.items()):
        old.unschedule(watch)
        for handler in handlers[path]:
            server._watch_refs[path] = native.schedule(handler, path, recursive=watch.is_recursive)
    server.observer = native  # MkDocs 1.6 starts ``server.observer`` when it serves
    return True


# --- Material's tags in a dirty build (Material for MkDocs 9.8) --------------------------------
# The tags plugin links a page's tags to the listing page (tags.md) and renders that listing
# from the tags of the pages it has read. A dirty build (the preview's) reads only the pages that
# changed: without this, a rebuilt page shows its tags unlinked, and a rebuilt listing lists only
# the changed pages. So, in a dirty build, the listing pages are always rebuilt, and the tags
# plugin is given the tags of every page (from their front matter, which costs little); the
# pages not read get their titles too, which a rebuilt page's navigation shows.

LISTING = "<!-- material/tags"  # a page that carries a listing of tags


def _always() -> bool:
    return True


class FrontMatter:
    """The front matter and title of each page, kept by the file's modification time: a dirty
    build reads only the pages that changed, and the others lend theirs (``complete``)."""

    def __init__(self) -> None:
        self.kept: dict[str, tuple[int, dict[str, Any], str | None, str]] = {}

    def of(self, file: Any) -> tuple[dict[str, Any], str | None, str]:
        """(front matter, title, Markdown) of a page's file, read again only if it changed."""
        from mkdocs.utils import get_markdown_title, meta

        stamp = os.stat(file.abs_src_path).st_mtime_ns
        kept = self.kept.get(file.abs_src_path)
        if kept is None or kept[0] != stamp:
            source, data = meta.get_data(file.content_string)
            kept = self.kept[file.abs_src_path] = (stamp, data, data.get("title") or get_markdown_title(source), source)
        return kept[1], kept[2], kept[3]

    def complete(self, config: Any, files: Any) -> None:
        """Give the pages a dirty build did not read their front matter and title (MkDocs 1.6's
        ``Page.title`` is None for a page not read: a rebuilt page's navigation and footer would
        show "None" for it), and Material's tags plugin their tags (``mappings.add(page,
        markdown)``, Material 9.8)."""
        tags = config.plugins.get("material/tags")
        if tags is not None and not (tags.config.enabled and hasattr(tags, "mappings")):
            tags = None
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.markdown is not None:
                continue
            data, title, source = self.of(file)
            page.meta = dict(data)
            if page.title is None:  # (a title the navigation gives stands)
                page.title = title
            if tags is not None and page.meta.get("tags"):
                tags.mappings.add(page, source)


def rebuild_listings(files: Any, pages: FrontMatter) -> None:
    """Have a dirty build rebuild every page that lists tags (``File.is_modified``, MkDocs 1.6)."""
    for file in files.documentation_pages():
        if LISTING in pages.of(file)[2]:
            file.is_modified = _always
