"""`boardlog import-kanboard`: a Kanboard database becomes the first events of a new log.

The events are appended in large chunks inside one transaction of a scratch database
beside the target (no HTTP, no transaction per object), the read models are built once at
the end in the same transaction, from the world the conversion folded, and only then is the scratch file renamed over the target: an import that fails
leaves the target as it was (file contents already put in the blob store stay there,
unreferenced, which is harmless)."""
from __future__ import annotations

import os
import sqlite3
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from eventstore.backends import open_blobs
from eventstore.recorder import NewEvent
from eventstore.sqlite import SqliteRecorder
from eventstore import reader
from kanboard_import.convert import Converter, Emitted
from kanboard_import.source import NEEDED, SourceError, open_source
from domain.state import World
from projections import activity
from projections.progress import Progress
from projections.projector import Projector, create_checkpoints, set_checkpoint

CHUNK = 20_000  # events per append: large enough to amortise, small enough to hold
CACHE_KIB = 1024 * 1024  # the page cache of the import's transaction: at most 1 GiB


class TargetError(Exception):
    """The target database cannot take the import (it holds a log, say)."""


@dataclass
class Outcome:
    source: str  # as the events' metadata names it (a URL's password masked)
    counts: Counter
    events: int
    seconds: float


def check_target(path: str, replace: bool) -> None:
    """The import writes a new database: refuse one holding a log, or any other file,
    unless told to replace it. Read without changing a byte of it."""
    if replace or not os.path.exists(path):
        return
    try:
        conn = sqlite3.connect(f"file:{os.path.abspath(path)}?mode=ro", uri=True)
        try:
            position = reader.head(conn)[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        raise TargetError(f"{path} exists and is not a boardlog database; import into a new "
                          "database (or pass --replace to replace it)") from None
    if position:
        raise TargetError(f"{path} already holds a log; import into a new database "
                          "(or pass --replace to replace it once the import succeeded)")


class _Appender:
    """Appends emitted events in chunks, each stream continuing at its version; Kanboard's
    activity rows go into the activity read model as they are appended (nothing else in
    an imported log records an activity: no event of it is a signed-in user's)."""

    def __init__(self, txn) -> None:
        self.txn = txn
        activity.create(txn.connection)
        self.pending: list[NewEvent] = []
        self.versions: dict[str, int] = {}
        self.appended = 0

    def __call__(self, emitted: list[Emitted]) -> None:
        self.pending.extend(NewEvent.of(event, meta) for event, meta in emitted)
        if len(self.pending) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            return
        streams = {new.stream_id for new in self.pending}
        rows = self.txn.append(self.pending, self.txn.head.position,
                               {s: self.versions.get(s, 0) for s in streams})
        for row in rows:
            self.versions[row.stream_id] = row.stream_version
            if row.type == "ActivityImported":
                activity.record(self.txn.connection, row, [activity.imported_row(row.event())])
        self.appended += len(rows)
        self.pending = []


def import_kanboard(source: str, target: str, hash_token: Callable[[str], str],
                    key: bytes | None = None, replace: bool = False,
                    show: bool = True, files: str | None = None) -> Outcome:
    """Import `source` into `target` (a new database, or one whose log `replace` allows
    to be replaced), the content of files from `files` if given (else the source's
    files/); raises SourceError or TargetError, leaving `target` as it was."""
    check_target(target, replace)
    started = time.monotonic()
    kanboard = open_source(source, files)
    scratch = f"{target}.importing-{os.getpid()}"
    _remove_database(scratch)
    try:
        rows = sum(kanboard.count(table) for table in NEEDED if table != "settings")
        progress = Progress("import", rows, unit="rows") if show else None
        recorder = SqliteRecorder.open(scratch, key)
        _scratch_mode(recorder.connection)
        try:
            with recorder.transaction() as txn:
                appender = _Appender(txn)
                converter = Converter(kanboard, open_blobs(target), appender, hash_token,
                                      tick=progress.advance if progress else None)
                counts = converter.run()
                appender.flush()
                if progress:
                    progress.finish()
                    print("import: building the read models", file=sys.stderr, flush=True)
                _build_read_models(txn, converter.world)
            recorder.connection.execute("PRAGMA journal_mode = WAL")  # as boardlog runs it
        finally:
            recorder.close()
        _durable(scratch)
        _remove_database(target, suffixes=_SIDE_FILES)  # the old log's WAL must not
        os.replace(scratch, target)                        # meet the new file
        _durable(os.path.dirname(os.path.abspath(target)))
        return Outcome(kanboard.name, counts, appender.appended, time.monotonic() - started)
    except BaseException:
        _remove_database(scratch)
        raise
    finally:
        kanboard.close()


def _build_read_models(txn, world: World) -> None:
    """Every read model, once, from the world the conversion folded (the same world a
    fold of the new log gives: `rebuild --check` compares them)."""
    conn = txn.connection
    create_checkpoints(conn)
    set_checkpoint(conn, "activity", txn.head.position)
    Projector().setup(conn, world, txn.head.position)


def _scratch_mode(conn) -> None:
    """The scratch file is thrown away on any failure and made durable once, before it is
    renamed: no journal, no fsync per commit, and a page cache that holds the one large
    transaction (SQLite's default 2 MB would spill and read back its own pages)."""
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")


def _durable(path: str) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


_SIDE_FILES = ("-wal", "-shm", "-journal")


def _remove_database(path: str, suffixes: tuple[str, ...] = ("", *_SIDE_FILES)) -> None:
    for suffix in suffixes:
        if os.path.exists(path + suffix):
            os.remove(path + suffix)


__all__ = ["import_kanboard", "Outcome", "SourceError", "TargetError"]
