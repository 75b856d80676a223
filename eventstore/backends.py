"""Which recorder and which blob store a database location names (today every location
is a SQLite file, its blobs in the directory `<file>.blobs` beside it)."""
from __future__ import annotations

from eventstore.blobs import BlobStore, FileBlobStore, MemoryBlobStore
from eventstore.change_probe import ChangeProbe, HeadChangeProbe, WalChangeProbe
from eventstore.recorder import ChainKeyError, Recorder, key_problem
from eventstore.schema import is_postgres
from eventstore.sqlite import SqliteRecorder


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
    return HeadChangeProbe(location) if is_postgres(location) else WalChangeProbe(location)
