"""Which recorder and which blob store a database location names (today every location
is a SQLite file, its blobs in the directory `<file>.blobs` beside it)."""
from __future__ import annotations

from eventstore.blobs import BlobStore, FileBlobStore, MemoryBlobStore
from eventstore.recorder import Recorder
from eventstore.sqlite import SqliteRecorder


def open_recorder(location: str) -> Recorder:
    return SqliteRecorder.open(location)


def open_blobs(location: str) -> BlobStore:
    if location == ":memory:" or location.startswith("file::memory:"):
        return MemoryBlobStore()
    return FileBlobStore(f"{location}.blobs")
