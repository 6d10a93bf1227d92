"""One build at a time: an exclusive lock file (filelock: fcntl on Unix, msvcrt on Windows)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout


class BusyError(Exception):
    """Another build holds the lock."""


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive lock for the duration of a build; fail at once if it is taken."""
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path, blocking=False)
    try:
        lock.acquire()
    except Timeout:
        raise BusyError(f"another build is running (lock: {lock_path}); wait for it to finish") from None
    try:
        yield
    finally:
        lock.release()
