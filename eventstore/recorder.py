"""The contract of the append-only log, which every storage backend implements.

A backend implements only storage: reading rows, inserting chained rows, and its own
transactions and savepoints. What must hold alike for every backend lives here, once:
the hash chain (`chain_hash`, `chain`, optionally keyed), the expected-head check, atomic appends, savepoint bookkeeping,
and subscribers called after COMMIT only. The writer depends on this module alone.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Mapping, Sequence

from domain.events import Event
from eventstore.records import GENESIS_HASH, Recorded, encode, now_iso

if TYPE_CHECKING:  # the snapshot module builds on the fold, which reads through this one
    from eventstore.world_snapshot import WorldSnapshot

Subscriber = Callable[[list[Recorded]], None]
log = logging.getLogger("boardlog.recorder")


KEYED = "hmac:"  # how a keyed row's hash begins (an unkeyed one is bare SHA-256 hex)
MIN_KEY_BYTES = 32  # the chain's HMACs let anyone holding the file test guesses offline


class ChainKeyError(Exception):
    """The chain key given does not fit the log (missing, unexpected, or wrong)."""


def chain_hash(previous: str, position: int, stream_id: str, stream_version: int, type_: str,
               schema_version: int, data: str, metadata: str, recorded_at: str,
               key: bytes | None = None) -> str:
    """The hash of a row, over the previous row's hash and every stored field of this one:
    SHA-256, or with a secret key HMAC-SHA256 (so whoever can write the file but lacks
    the key cannot recompute the chain after altering a row)."""
    message = [previous.encode()]
    for part in (position, stream_id, stream_version, type_, schema_version, data, metadata,
                 recorded_at):
        message += (b"\x1f", str(part).encode())
    if key is None:
        return hashlib.sha256(b"".join(message)).hexdigest()
    return KEYED + hmac.new(key, b"".join(message), hashlib.sha256).hexdigest()


def record_hash(row: Recorded, previous: str, key: bytes | None = None) -> str:
    return chain_hash(previous, row.position, row.stream_id, row.stream_version, row.type,
                      row.schema_version, row.data, row.metadata, row.recorded_at, key)


def is_keyed(row_hash: str) -> bool:
    return row_hash.startswith(KEYED)


def key_problem(log: "LogReader", key: bytes | None) -> str | None:
    """Why `key` cannot continue this log, or None. A log is keyed from its first row or
    not at all; with a key, the head must hash under it (a wrong key, or a head forged
    without it, does not). Costs two or three row reads, whatever the log's length."""
    head = log.head()
    if head.position == 0:
        return None
    first = next(iter(log.read(0, 1)))
    if key is None:
        return ("this log is keyed: give its chain key (BOARDLOG_CHAIN_KEY_FILE or "
                "BOARDLOG_CHAIN_KEY)") if is_keyed(first.hash) else None
    if not is_keyed(first.hash):
        return "this log was started without a chain key; it cannot be continued with one"
    rows = list(log.read(max(head.position - 2, 0), head.position))
    previous = rows[-2].hash if len(rows) == 2 else GENESIS_HASH
    if record_hash(rows[-1], previous, key) != rows[-1].hash:
        return "the chain key does not match this log (a wrong key, or a forged head)"
    return None


class ConcurrencyError(Exception):
    """The expected head or a stream's expected version is already taken; nothing was written."""


@dataclass(frozen=True, slots=True)
class Head:
    """The last position of the log and its hash (GENESIS_HASH for an empty log)."""

    position: int = 0
    hash: str = GENESIS_HASH


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append: its stream and stored form; position, version and hash come
    from the append."""

    stream_id: str
    type: str
    schema_version: int
    data: str  # JSON text
    metadata: str  # JSON text

    @classmethod
    def of(cls, event: Event, metadata: str) -> "NewEvent":
        return cls(event.stream_id, event.TYPE, event.VERSION, encode(event.to_data()), metadata)


def chain(head: Head, versions: Mapping[str, int], events: Sequence[NewEvent],
          recorded_at: str, key: bytes | None = None) -> list[Recorded]:
    """The rows for `events` appended after `head`, each stream continuing at its version in
    `versions` (0 for a new stream), each row's hash chained to the previous row's (keyed
    by `key`, which must be the log's: a chain never changes between keyed and not)."""
    if head.position and is_keyed(head.hash) != (key is not None):
        raise ChainKeyError("this log is keyed: appending needs its chain key" if key is None
                            else "this log is not keyed: it cannot be continued with a key")
    rows: list[Recorded] = []
    position, previous, next_versions = head.position, head.hash, dict(versions)
    for new in events:
        position += 1
        version = next_versions.get(new.stream_id, 0) + 1
        next_versions[new.stream_id] = version
        previous = chain_hash(previous, position, new.stream_id, version, new.type,
                              new.schema_version, new.data, new.metadata, recorded_at, key)
        rows.append(Recorded(position, new.stream_id, version, new.type, new.schema_version,
                             new.data, new.metadata, recorded_at, previous))
    return rows


class LogReader(ABC):
    """Reading the log. Inside an open transaction a recorder's reads see its appends."""

    @abstractmethod
    def head(self, until: int | None = None) -> Head:
        """The last position at or before `until` (the whole log by default) and its hash."""

    @abstractmethod
    def read(self, after: int = 0, until: int | None = None,
             page: int = 5000) -> Iterator[Recorded]:
        """Every row after `after` up to `until`, oldest first, fetched `page` rows at a time."""

    @abstractmethod
    def read_events(self, after: int = 0,
                    until: int | None = None) -> Iterator[tuple[int, Event]]:
        """(position, event) after `after` up to `until`: the lean path for folding, without
        metadata or hashes."""

    @abstractmethod
    def read_streams(self, stream_ids: Sequence[str], after: int = 0,
                     until: int | None = None) -> list[Recorded]:
        """The rows of the given streams after `after` up to `until`, in log order."""

    @abstractmethod
    def stream_versions(self, until: int | None = None, after: int = 0) -> dict[str, int]:
        """Each stream's last version at or before `until`, of the streams with events
        after `after` (every stream by default)."""

    @abstractmethod
    def latest_snapshot(self) -> WorldSnapshot | None:
        """The newest world snapshot kept beside the log, if any (not yet checked)."""


class Transaction(ABC):
    """One write transaction of a recorder; projections write through `connection` so
    their rows commit with the events."""

    def __init__(self, head: Head, key: bytes | None = None) -> None:
        self._head = head
        self._key = key
        self.appended: list[Recorded] = []  # what COMMIT will make durable, in order
        self._depth = 0

    @property
    def head(self) -> Head:
        """The log's head inside this transaction (its own appends included)."""
        return self._head

    @property
    @abstractmethod
    def connection(self) -> Any:
        """The backend's connection this transaction runs on."""

    def append(self, events: Sequence[NewEvent], expected_head: int,
               expected_versions: Mapping[str, int]) -> list[Recorded]:
        """Append `events` at `expected_head`, each stream at its expected version (0: a new
        stream); all or nothing. Raises ConcurrencyError if either is already taken."""
        if expected_head != self._head.position:
            raise ConcurrencyError(f"expected the log's head at {expected_head}, "
                                   f"it is at {self._head.position}")
        rows = chain(self._head, expected_versions, events, now_iso(), self._key)
        return self._write(rows)

    def copy(self, rows: Sequence[Recorded]) -> list[Recorded]:
        """Append rows recorded elsewhere exactly as they are (import, replay): they must
        continue this log's positions; verify their chain first (eventstore.verify)."""
        if rows and rows[0].position != self._head.position + 1:
            raise ConcurrencyError(f"rows start at {rows[0].position}, the log's head is at "
                                   f"{self._head.position}")
        return self._write(list(rows))

    def _write(self, rows: list[Recorded]) -> list[Recorded]:
        if rows:
            with self.savepoint():  # a conflict half-way through leaves nothing behind
                self._insert(rows)
                self._head = Head(rows[-1].position, rows[-1].hash)
                self.appended.extend(rows)
        return rows

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Run a block that, if it raises, is undone alone: appends made before it in this
        transaction stay."""
        head, count = self._head, len(self.appended)
        name = f"sp{self._depth}"
        self._depth += 1
        self._begin_savepoint(name)
        try:
            yield
        except BaseException:
            self._rollback_savepoint(name)
            self._head = head
            del self.appended[count:]
            raise
        else:
            self._release_savepoint(name)
        finally:
            self._depth -= 1

    @abstractmethod
    def keep_snapshot(self, snapshot: WorldSnapshot) -> None:
        """Store `snapshot` in this transaction, in place of the one kept before."""

    @abstractmethod
    def _insert(self, rows: list[Recorded]) -> None:
        """Store chained rows; raise ConcurrencyError when a position or stream version is
        already taken."""

    @abstractmethod
    def _begin_savepoint(self, name: str) -> None: ...

    @abstractmethod
    def _rollback_savepoint(self, name: str) -> None:
        """Undo everything since the savepoint, and end it."""

    @abstractmethod
    def _release_savepoint(self, name: str) -> None: ...


class Recorder(LogReader):
    """The log a writer appends to: reads, transactions, and subscribers to commits.

    One thread at a time uses a recorder (the writer's thread, or a CLI command)."""

    def __init__(self, key: bytes | None = None) -> None:
        self._subscribers: list[Subscriber] = []
        self.key = key  # the chain key its appends are hashed with (None: SHA-256)

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Call `subscriber(records)` after each COMMIT that appended records (on the
        committing thread), never after a rollback. Returns the way to unsubscribe."""
        self._subscribers.append(subscriber)
        return lambda: self._subscribers.remove(subscriber)

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """A write transaction: committed when the block ends, rolled back if it raises."""
        txn = self._begin()
        try:
            yield txn
        except BaseException:
            self._rollback(txn)
            raise
        try:
            self._commit(txn)
        except BaseException:
            self._rollback(txn)
            raise
        if txn.appended:
            self._notify(txn.appended)

    def _notify(self, records: list[Recorded]) -> None:
        for subscriber in list(self._subscribers):
            try:
                subscriber(list(records))
            except Exception:  # the commit stands; a subscriber must not undo it
                log.exception("log subscriber failed")

    @abstractmethod
    def _begin(self) -> Transaction:
        """Start a transaction holding the log's write lock; its head read under that lock."""

    @abstractmethod
    def _commit(self, txn: Transaction) -> None: ...

    @abstractmethod
    def _rollback(self, txn: Transaction) -> None:
        """Undo the transaction (a no-op if it is already over)."""

    @abstractmethod
    def close(self) -> None: ...
