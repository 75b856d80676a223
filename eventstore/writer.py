"""The single writer: decides commands against the world and commits them in groups.

One thread owns the write connection. Queued commands are drained into one
transaction (group commit); each runs in its own SAVEPOINT, so a refused or failing
command fails alone. Events, projection rows and checkpoints commit together, and no
caller hears "done" before COMMIT returns.
"""
from __future__ import annotations

import asyncio
import logging
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

from domain import decide as _register_decisions  # noqa: F401  (registers the deciders)
from domain.commands import Command
from domain.decision import Decision, command_name, decide
from domain.errors import DomainError
from domain.evolve import apply
from domain.state import Key, World
from eventstore import reader
from eventstore.records import GENESIS_HASH, Recorded, chain_hash, encode, now_iso
from eventstore.schema import connect, create_log

log = logging.getLogger("boardlog.writer")
MAX_BATCH = 512


class Projector(Protocol):
    def setup(self, conn: sqlite3.Connection, world: World, position: int) -> None: ...

    def apply(self, conn: sqlite3.Connection, world: World, touched: set[Key],
              position: int) -> None: ...

    def finish(self, conn: sqlite3.Connection, position: int) -> None:
        """Once per group commit, before COMMIT: e.g. move checkpoints to `position`."""


class StoreError(Exception):
    """The write could not be committed; nothing of it was kept."""


@dataclass
class _Submission:
    command: Command | None  # None: only catch up with the log
    metadata: dict[str, Any]
    future: asyncio.Future = field(repr=False)


@dataclass
class _Tip:
    """The log's head as the writer sees it, including the open transaction."""

    position: int = 0
    hash: str = GENESIS_HASH
    versions: dict[str, int] = field(default_factory=dict)


def fold_log(conn: sqlite3.Connection, until: int | None = None) -> tuple[World, _Tip]:
    """The world and the log's tip (position, hash, stream versions) up to `until`."""
    world, tip = World(), _Tip()
    for _, event in reader.read_events(conn, until=until):
        apply(world, event)
    tip.position, tip.hash = reader.head(conn, until)
    tip.hash = tip.hash or GENESIS_HASH
    tip.versions = reader.stream_versions(conn, until)
    return world, tip


class Writer:
    def __init__(self, path: str, projector: Projector) -> None:
        self._conn = connect(path, writer=True)
        create_log(self._conn)
        self._projector = projector
        self.world, self._tip = fold_log(self._conn)
        try:
            projector.setup(self._conn, self.world, self._tip.position)
        except Exception:  # e.g. a projection version this server may not rebuild
            self._conn.close()
            raise
        self._queue: asyncio.Queue[_Submission | None] = asyncio.Queue()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="boardlog-writer")
        self._task: asyncio.Task | None = None
        self.listeners: list[Callable[[list[Recorded]], None]] = []
        # The head as the event loop has seen it committed (the tip moves on the writer
        # thread before COMMIT; this only after): safe to key cached answers by.
        self.committed = self._tip.position

    @property
    def position(self) -> int:
        return self._tip.position

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="boardlog-writer")

    async def close(self) -> None:
        """Finish every queued command, then close the connection."""
        if self._task:
            await self._queue.put(None)
            await self._task
        self._thread.shutdown(wait=True)
        self._conn.close()

    async def sync(self) -> None:
        """Fold in what another process appended (an empty group commit catches up)."""
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Submission(None, {}, future))
        await future

    async def execute(self, command: Command, metadata: dict[str, Any]) -> Any:
        """Decide and commit a command; its result once durable, or the DomainError."""
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Submission(command, metadata, future))
        return await future

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        stopping = False
        while not stopping:
            first = await self._queue.get()
            if first is None:
                break
            batch = [first]
            while len(batch) < MAX_BATCH and not self._queue.empty():
                item = self._queue.get_nowait()
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            outcomes, written = await loop.run_in_executor(self._thread, self._commit, batch)
            self.committed = self._tip.position
            self._notify(written)
            for submission, outcome in zip(batch, outcomes):
                if submission.future.done():
                    continue
                if isinstance(outcome, Exception):
                    submission.future.set_exception(outcome)
                else:
                    submission.future.set_result(outcome)

    def _notify(self, written: list[Recorded]) -> None:
        if not written:
            return
        for listener in self.listeners:
            try:
                listener(written)
            except Exception:  # a listener must never break the writer
                log.exception("event listener failed")

    # --- runs on the writer thread -----------------------------------------------------

    def _commit(self, batch: list[_Submission]) -> tuple[list[Any], list[Recorded]]:
        caught_up: list[Recorded] = []
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._catch_up(caught_up)
            written: list[Recorded] = []
            try:
                outcomes = self._group(batch, written)
            except Exception:  # rare: isolate the command at fault, one SAVEPOINT each
                log.warning("group write failed; retrying its commands one by one",
                            exc_info=True)
                self._conn.execute("ROLLBACK")
                self.world, self._tip = fold_log(self._conn)
                self._conn.execute("BEGIN IMMEDIATE")
                written = []
                outcomes = [self._one(s, written) for s in batch]
            if written or caught_up:
                self._projector.finish(self._conn, self._tip.position)
            self._conn.execute("COMMIT")
        except Exception as exc:
            log.exception("group commit failed; reloading the world from the log")
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            self.world, self._tip = fold_log(self._conn)
            return [StoreError(str(exc))] * len(batch), caught_up
        return outcomes, caught_up + written

    def _group(self, batch: list[_Submission], written: list[Recorded]) -> list[Any]:
        """The usual path: decide every command, then insert all their events and
        re-render every touched row once. Any error aborts the whole group."""
        outcomes: list[Any] = []
        rows: list[Recorded] = []
        touched: set[Key] = set()
        for submission in batch:
            decision = self._decide(submission)
            if isinstance(decision, Decision):
                rows += self._records(decision.events, submission, self._tip)
                for event in decision.events:
                    touched |= apply(self.world, event)
                outcomes.append(decision.result)
            else:
                outcomes.append(decision)
        if rows:
            self._insert(rows)
            self._projector.apply(self._conn, self.world, touched, self._tip.position)
        written.extend(rows)
        return outcomes

    def _decide(self, submission: _Submission) -> Decision | Any:
        """The decision, or what to answer instead (None for a sync, or the refusal)."""
        if submission.command is None:  # a sync request: the catch-up already ran
            return None
        try:
            return decide(self.world, submission.command)
        except DomainError as refused:
            return refused
        except (TypeError, ValueError) as bad:  # arguments a decision cannot use
            return DomainError(str(bad))

    def _catch_up(self, written: list[Recorded]) -> None:
        """Fold events another process (the CLI) appended since our last look."""
        if reader.head(self._conn)[0] == self._tip.position:
            return
        for row in reader.read_all(self._conn, after=self._tip.position):
            apply(self.world, row.event())
            self._tip.position, self._tip.hash = row.position, row.hash
            self._tip.versions[row.stream_id] = row.stream_version
            written.append(row)

    def _one(self, submission: _Submission, written: list[Recorded]) -> Any:
        """The careful path: one command in its own SAVEPOINT, so it fails alone."""
        decision = self._decide(submission)
        if not isinstance(decision, Decision):
            return decision
        if not decision.events:
            return decision.result
        self._conn.execute("SAVEPOINT command")
        tip = _Tip(self._tip.position, self._tip.hash, dict(self._tip.versions))
        try:
            rows = self._records(decision.events, submission, tip)
            self._insert(rows)
            touched: set[Key] = set()
            for event in decision.events:
                touched |= apply(self.world, event)
            self._projector.apply(self._conn, self.world, touched, tip.position)
            self._conn.execute("RELEASE command")
        except Exception as exc:
            log.exception("command %s failed while writing", command_name(submission.command))
            self._conn.execute("ROLLBACK TO command")
            self._conn.execute("RELEASE command")
            self.world, self._tip = fold_log(self._conn)
            return StoreError(str(exc))
        self._tip = tip
        written.extend(rows)
        return decision.result

    def _records(self, events, submission: _Submission, tip: _Tip) -> list[Recorded]:
        """The rows for a command's events, chained onto `tip` (which they advance)."""
        metadata = encode({**submission.metadata, "command": command_name(submission.command)})
        recorded_at = now_iso()
        rows = []
        for event in events:
            stream = event.stream_id
            version = tip.versions.get(stream, 0) + 1
            position = tip.position + 1
            data = encode(event.to_data())
            digest = chain_hash(tip.hash, position, stream, version, event.TYPE, event.VERSION,
                                data, metadata, recorded_at)
            rows.append(Recorded(position, stream, version, event.TYPE, event.VERSION, data,
                                 metadata, recorded_at, digest))
            tip.position, tip.hash, tip.versions[stream] = position, digest, version
        return rows

    def _insert(self, rows: list[Recorded]) -> None:
        # The UNIQUE (stream_id, stream_version) constraint is the expected-version check.
        self._conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?)",
                               [r.as_tuple() for r in rows])
