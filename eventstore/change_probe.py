"""Change probes: how a server process learns, cheaply, that another process committed
to the log (another server on the same database, the command line), so that it folds
those events in before it decides or answers.

SQLite: `PRAGMA data_version`, which changes exactly when another connection committed
(a stat of the WAL file could miss a commit that restarted the WAL at the same size).
PostgreSQL: the log's head, read on the probe's own connection (an index-only look at
the largest position, one round trip). A NOTIFY (`boardlog_log`, sent by each append)
arrives asynchronously, possibly after a client that heard the write acknowledged asks
another server; so it cannot tell that nothing moved, and the probe reads the head.
"""
from __future__ import annotations

from typing import Protocol


class ChangeProbe(Protocol):
    """Tells a server process cheaply whether to look at the log again."""

    def moved(self) -> bool:
        """Whether another connection may have committed since the last call (the first
        call: True). Never False after a commit that had ended before the call began."""

    def close(self) -> None: ...


class DataVersionChangeProbe:
    """`PRAGMA data_version` on a connection of its own: it changes exactly when another
    connection (another process's writer, or this process's) committed to the file, and
    costs one read of the WAL index, no table read."""

    def __init__(self, path: str) -> None:
        from eventstore.schema import connect

        self._conn = connect(path)
        self._version: int | None = None

    def moved(self) -> bool:
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        moved, self._version = version != self._version, version
        return moved

    def close(self) -> None:
        self._conn.close()


class HeadChangeProbe:
    """The log's head on a connection of its own (autocommit: each look sees every
    commit that ended before it)."""

    def __init__(self, location: str) -> None:
        from eventstore.schema import connect

        self._conn = connect(location)
        self._seen: int | None = None

    def moved(self) -> bool:
        head = self._conn.execute("SELECT MAX(position) FROM events").fetchone()[0]
        moved, self._seen = head != self._seen, head
        return moved

    def close(self) -> None:
        self._conn.close()
