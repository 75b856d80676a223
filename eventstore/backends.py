"""Which recorder a database location names (today every location is a SQLite file)."""
from __future__ import annotations

from eventstore.recorder import Recorder
from eventstore.sqlite import SqliteRecorder


def open_recorder(location: str) -> Recorder:
    return SqliteRecorder.open(location)
