"""The offline copy of each edition as a zip archive to download (``make archives``), with a
checksum file beside the archives.

The same folder always gives the same bytes: entries in sorted order under one top folder,
every entry dated the same (the last commit's time, ``SOURCE_DATE_EPOCH``, as the build dates
its sitemap), the same permissions, the same compression; no directory entries, no extra
fields. So an archive's checksum changes only when its content does.
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from pathlib import Path

from ..queries.history import last_commit_time

ARCHIVE_NAME = "sco-un-record-{lang}"  # the archive's file (.zip) and the folder inside it
CHECKSUMS = "SHA256SUMS"  # as sha256sum writes it, and `sha256sum -c` reads it
EARLIEST = 315532800  # 1980-01-01: the earliest date a zip entry can carry


def entry_date(epoch: int | None) -> tuple[int, int, int, int, int, int]:
    """A zip entry's date (UTC) from seconds since 1970; zip dates have two-second steps."""
    moment = time.gmtime(max(epoch or EARLIEST, EARLIEST))
    return moment.tm_year, moment.tm_mon, moment.tm_mday, moment.tm_hour, moment.tm_min, moment.tm_sec // 2 * 2


def write_zip(folder: Path, target: Path, top: str, epoch: int | None, leave_out: tuple[str, ...] = ()) -> None:
    """Every file under ``folder`` into ``target``, under the folder name ``top`` (but those in
    the folders ``leave_out``, relative to ``folder``: ``("downloads/offline",)``)."""
    date = entry_date(epoch)
    files = sorted(p for p in folder.rglob("*") if p.is_file()
                   and not any(p.relative_to(folder).as_posix().startswith(f"{f}/") for f in leave_out))
    partial = target.with_name(target.name + ".part")
    with zipfile.ZipFile(partial, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=date)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, so the permissions above are read as such
            archive.writestr(info, path.read_bytes(), compresslevel=9)
    os.replace(partial, target)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_checksums(folder: Path, names: list[str]) -> Path:
    """``SHA256SUMS`` for the archives named, in sorted order."""
    path = folder / CHECKSUMS
    path.write_text("".join(f"{sha256(folder / name)}  {name}\n" for name in sorted(names)), encoding="utf-8")
    return path


def source_epoch(root: Path) -> int | None:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit (as the build's hook)."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "") or last_commit_time(root) or ""
    return int(stamp) if stamp.isdigit() else None
