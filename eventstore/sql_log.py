"""What the SQL backends share: reading the log on one connection (eventstore.reader,
which speaks both dialects) and a write transaction's savepoints and snapshot. Each
backend adds how it inserts rows and owns its transactions (eventstore/sqlite.py,
eventstore/postgres.py)."""
from __future__ import annotations

from typing import Iterator, Sequence

from domain.events import Event
from eventstore import reader, snapshots
from eventstore.records import GENESIS_HASH, Recorded
from eventstore.recorder import Head, LogReader, Transaction
from eventstore.schema import Connection
from eventstore.world_snapshot import WorldSnapshot


class ConnectionLog(LogReader):
    """The read half of the contract, on a connection the caller owns (a server's read
    connection, a CLI's), of either backend."""

    def __init__(self, conn: Connection) -> None:
        self.connection = conn

    def head(self, until: int | None = None) -> Head:
        position, digest = reader.head(self.connection, until)
        return Head(position, digest or GENESIS_HASH)

    def read(self, after: int = 0, until: int | None = None,
             page: int = 5000) -> Iterator[Recorded]:
        return reader.read_all(self.connection, after, until, page)

    def read_events(self, after: int = 0,
                    until: int | None = None) -> Iterator[tuple[int, Event]]:
        return reader.read_events(self.connection, after, until)

    def read_streams(self, stream_ids: Sequence[str], after: int = 0,
                     until: int | None = None) -> list[Recorded]:
        return reader.read_streams(self.connection, list(stream_ids), until, after)

    def stream_versions(self, until: int | None = None, after: int = 0) -> dict[str, int]:
        return reader.stream_versions(self.connection, until, after)

    def latest_snapshot(self) -> WorldSnapshot | None:
        row = snapshots.latest_world(self.connection)
        return WorldSnapshot(*row) if row else None


class SqlTransaction(Transaction):
    """A write transaction on one connection, its savepoints SQL's SAVEPOINT statements."""

    def __init__(self, conn: Connection, head: Head, key: bytes | None) -> None:
        super().__init__(head, key)
        self._conn = conn

    @property
    def connection(self) -> Connection:
        return self._conn

    def keep_snapshot(self, snapshot: WorldSnapshot) -> None:
        snapshots.save_world(self._conn, snapshot.position, snapshot.hash, snapshot.version,
                             snapshot.digest, snapshot.data)

    def _begin_savepoint(self, name: str) -> None:
        self._conn.execute(f"SAVEPOINT {name}")

    def _rollback_savepoint(self, name: str) -> None:
        self._conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
        self._conn.execute(f"RELEASE SAVEPOINT {name}")

    def _release_savepoint(self, name: str) -> None:
        self._conn.execute(f"RELEASE SAVEPOINT {name}")
