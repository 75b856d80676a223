"""Which recorder and which blob store a database location names (today every location
is a SQLite file, its blobs in the directory `<file>.blobs` beside it)."""
from __future__ import annotations

from typing import Protocol

from eventstore.blobs import BlobStore, FileBlobStore, MemoryBlobStore
from eventstore.recorder import ChainKeyError, Recorder, key_problem
from eventstore.sqlite import SqliteChangeProbe, SqliteRecorder


class ChangeProbe(Protocol):
    """Tells a server process cheaply whether to look at the log again."""

    def moved(self) -> bool:
        """Whether another connection may have committed since the last call (the first
        call: True). Never False after a commit that had ended before the call began."""

    def close(self) -> None: ...


def open_recorder(location: str, key: bytes | None = None) -> Recorder:
    """The recorder for `location`, its appends chained with `key`; raises ChainKeyError
    when the key does not fit the log (missing, unexpected, or wrong)."""
    recorder = SqliteRecorder.open(location, key)
    problem = key_problem(recorder, key)
    if problem:
        recorder.close()
        raise ChainKeyError(problem)
    return recorder


def open_blobs(location: str) -> BlobStore:
    if location == ":memory:" or location.startswith("file::memory:"):
        return MemoryBlobStore()
    return FileBlobStore(f"{location}.blobs")


def open_change_probe(location: str) -> ChangeProbe:
    """The change probe for `location`, on a connection of its own."""
    return SqliteChangeProbe(location)
