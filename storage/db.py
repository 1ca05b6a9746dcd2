"""Opening the DuckDB file.

DuckDB lets one process hold a database file at a time: while a writer has it open, a
second process cannot open it even read-only ("Conflicting lock is held").  So nothing keeps
the file open for long: the crawler opens it for one short batched write and closes it again,
and readers (``sql``, ``stats``, ``export``) open it read-only and retry while a write is in
progress.  A reader therefore waits at most one batch write (tens of milliseconds), and
queries work while a crawl or a scheduled run is writing.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb

from storage.schema import ensure_schema

LOCK_WAIT_SECONDS = float(os.environ.get("REPRINTS_LOCK_WAIT", "30"))
# How the OS words a full disk (ENOSPC), a file over its size limit (EFBIG) and a spent
# quota (EDQUOT); DuckDB passes these on in its IO errors.
DISK_FULL = tuple(os.strerror(e) for e in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT))


class StorageError(RuntimeError):
    """The database cannot be opened or written (path, permissions, disk, lock)."""


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc)
    return "lock" in text.lower() and ("Conflicting" in text or "Could not set" in text)


def _connect(
    path: str, read_only: bool, wait: float, config: dict | None
) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    delay = 0.02
    while True:
        try:
            return duckdb.connect(path, read_only=read_only, config=config or {})
        except duckdb.Error as exc:
            if _is_lock_error(exc) and time.monotonic() < deadline:
                time.sleep(delay)
                delay = min(delay * 1.5, 0.5)
                continue
            if _is_lock_error(exc):
                raise StorageError(
                    f"{path}: database is busy (held by another process for over {wait:.0f}s)"
                ) from None
            if not read_only and any(s in str(exc) for s in DISK_FULL):
                # opening replays and checkpoints the WAL: a full disk can meet it here too
                raise _write_failed(path, exc) from None
            raise StorageError(f"{path}: cannot open database: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _write_failed(path: str, exc: BaseException) -> StorageError:
    return StorageError(f"{path}: write failed: {_first_line(exc)}")


@contextlib.contextmanager
def writer(
    path: str | Path, wait: float = LOCK_WAIT_SECONDS, checkpoint: bool = True
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-write connection inside one transaction (all or nothing).

    ``checkpoint=False`` leaves the committed batch in the write-ahead log instead of
    folding it into the file on close (DuckDB still does so once the log reaches 16 MB; the
    next connection, read-only ones too, reads it).  A checkpoint rewrites the table's last
    row group whole, so it grows with the file: 0.17 s of CPU per close at 2,000 heavy
    pages, most of a crawl's storage cost.  The crawl's batches skip it; the writes after
    the crawl (clean-up, clusters, the run's record) checkpoint as usual.

    A full disk can surface at any statement DuckDB writes for: the schema check (its view
    is re-created, a WAL entry), a statement of the batch, COMMIT (the WAL is written
    then), ROLLBACK or close (a checkpoint).  Every ``duckdb.Error`` on the way is one
    ``PATH: write failed: ...`` StorageError, whichever statement met it; the original
    stays chained for REPRINTS_DEBUG.
    """
    path = str(path)
    parent = Path(path).parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageError(f"{path}: cannot create directory {parent}: {exc.strerror}") from None
    con = _connect(path, read_only=False, wait=wait, config=None)
    failed = True
    try:
        try:
            if not checkpoint:
                con.execute("PRAGMA disable_checkpoint_on_shutdown")
            ensure_schema(con)
            con.execute("BEGIN TRANSACTION")
        except duckdb.Error as exc:
            raise _write_failed(path, exc) from exc
        try:
            yield con
        except BaseException as exc:
            with contextlib.suppress(duckdb.Error):
                con.execute("ROLLBACK")  # may fail too on a full disk: the first error counts
            if isinstance(exc, duckdb.Error):
                raise _write_failed(path, exc) from exc
            raise
        try:
            con.execute("COMMIT")
        except duckdb.Error as exc:
            raise _write_failed(path, exc) from exc
        failed = False
    finally:
        try:
            con.close()
        except duckdb.Error as exc:
            if not failed:  # a failure already on its way is the one to report
                raise _write_failed(path, exc) from exc


@contextlib.contextmanager
def reader(
    path: str | Path, wait: float = LOCK_WAIT_SECONDS, safe: bool = False
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; ``safe`` also blocks file and network access from SQL."""
    path = str(path)
    if not Path(path).exists():
        raise StorageError(f"{path}: no such database (run 'reprints crawl' first)")
    config = {"enable_external_access": False} if safe else None
    con = _connect(path, read_only=True, wait=wait, config=config)
    try:
        yield con
    finally:
        con.close()
