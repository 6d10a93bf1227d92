"""The one place that touches MkDocs' private attributes (MkDocs 1.6, frozen at 1.6.1).

Each use is pinned here with what it relies on; were MkDocs to change, the preview would fall
back to MkDocs' own behaviour (a poll every half second), never break a build.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

log = logging.getLogger("mkdocs.plugins.scosite")


def watch_natively(server: Any, wrap: Callable[[Any], Any]) -> bool:
    """Have the system tell the live-reload server of a change (inotify and its like), instead
    of MkDocs' ``PollingObserver`` looking every half second; each event handler is wrapped by
    ``wrap``, and the folders watched later go to the new observer too. False if MkDocs'
    server is not as 1.6 makes it (then it keeps polling)."""
    import watchdog.observers

    class Notified(watchdog.observers.Observer):  # the system's own: inotify on Linux
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False, **options: Any) -> Any:
            return super().schedule(wrap(event_handler), path, recursive=recursive, **options)

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
