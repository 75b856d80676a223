"""Which recorder a database location names (today every location is a SQLite file)."""
from __future__ import annotations

from eventstore.recorder import ChainKeyError, Recorder, key_problem
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
