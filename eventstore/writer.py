"""The single writer: decides commands against the world and commits them in groups.

One thread owns the recorder (the log, seen only through eventstore.recorder's
contract). Queued commands are drained into one transaction (group commit). A refused
command, or one whose decision raised, fails alone; a write error retries the group one
command per SAVEPOINT, so only the failing one is lost, and the world's undo log
(domain.journal) takes back what folding it changed: recovery costs what the batch
touched, never a reload of the log. Events, projection rows and checkpoints commit
together, and no caller hears "done" before COMMIT returns.
"""
from __future__ import annotations

import asyncio
import logging
import os
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator, Protocol

from domain import decide as _register_decisions  # noqa: F401  (registers the deciders)
from domain.decision import Decision, command_name, decide
from domain.errors import DomainError
from domain.automation import fold_firing
from domain.evolve import apply
from domain.journal import Journal, Table
from domain.state import Key, World
from eventstore import world_snapshot
from eventstore.consequences import Consequences
from eventstore.fold import fold
from eventstore.recorder import Head, NewEvent, Recorder, Transaction
from eventstore.records import Recorded, encode

log = logging.getLogger("boardlog.writer")
MAX_BATCH = 512
GATHER_PASSES = 4  # event-loop passes a group commit waits while each brings commands


class Projector(Protocol):
    """Read models kept in the writer's transactions; `conn` is the transaction's connection."""

    def setup(self, conn: Any, world: World, position: int) -> None:
        """Before serving, inside a transaction: build what is missing or stale."""

    def apply(self, conn: Any, world: World, touched: set[Key], position: int) -> None: ...

    def finish(self, conn: Any, position: int) -> None:
        """Once per group commit, before COMMIT: e.g. move checkpoints to `position`."""


class _Unobserved:
    """For projectors that keep no per-event history: what an `Observer` adds."""

    def before(self, world: World, event: Any) -> Any:
        return None

    def after(self, world: World, event: Any, seen: Any) -> Any:
        return None

    def record(self, conn: Any, rows: list[Recorded], notes: list[Any]) -> None:
        pass


@dataclass(frozen=True)
class Snapshots:
    """When the writer snapshots its world: every `every` events and at a clean stop
    (`on_close`); `read`: start from the newest usable one. `in_background`: the one due
    every `every` events is made by a forked copy of the process once the group commit
    that reaches it has committed, and kept in the first group commit after it is done
    (world_snapshot.InBackground); else it is made in the transaction of that group commit,
    holding up the writer for as long as that takes."""

    every: int = world_snapshot.EVERY
    on_close: bool = True
    read: bool = True
    in_background: bool = hasattr(os, "fork")


class StoreError(Exception):
    """The write could not be committed; nothing of it was kept."""


@dataclass
class _Submission:
    command: Any | None  # opaque to the writer; None: only catch up with the log
    metadata: dict[str, Any]
    future: asyncio.Future = field(repr=False)
    read_only: bool = False  # a catch-up that needs no write lock (Writer.catch_up)


@dataclass(frozen=True)
class _Prepared:
    """A command's name and decision, the events it appends (encoded; its automatic
    actions' consequences after its own) and the keys they touched, already folded."""

    name: str
    decision: Decision
    events: list[NewEvent]
    touched: set[Key]


class Writer:
    """Owns `recorder` (closes it on close)."""

    def __init__(self, recorder: Recorder, projector: Projector,
                 snapshots: Snapshots | None = None) -> None:
        self._recorder = recorder
        self._projector = projector
        self._snapshots = snapshots or Snapshots()
        # A projector with `before`/`after`/`record` (projections.projector.Projector) sees
        # each event with the world just before and after it, then writes what it noted
        # with the event's log row (its metadata and time) in the same transaction.
        self._observer = projector if hasattr(projector, "record") else _Unobserved()
        self._committed_rows: list[Recorded] = []
        self._making: world_snapshot.InBackground | None = None
        recorder.subscribe(self._committed_rows.extend)
        try:
            self._load(recorder.head())
            with recorder.transaction() as txn:
                if txn.head != self._head:  # another process appended meanwhile
                    self._load(txn.head)
                projector.setup(txn.connection, self.world, self._head.position)
        except Exception:  # e.g. a projection version this server may not rebuild
            recorder.close()
            raise
        self._queue: asyncio.Queue[_Submission | None] = asyncio.Queue()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="boardlog-writer")
        self._task: asyncio.Task | None = None
        self.listeners: list[Callable[[list[Recorded]], None]] = []
        # The head as the event loop has seen it committed (the head moves on the writer
        # thread before COMMIT; this only after): safe to key cached answers by.
        self.committed = self._head.position
        self._settled = asyncio.Event()  # set (and replaced) as each group's work ends

    def _load(self, head: Head) -> None:
        """The world, head and stream versions at `head`: from the newest usable world
        snapshot and the events after it, else folded from the whole log."""
        world, versions, after = self._from_snapshot(head)
        self.world = fold(self._recorder, world=world, after=after, until=head.position).world
        self._head = head
        versions.update(self._recorder.stream_versions(head.position, after))
        self._versions = Table(versions)
        self._journal = Journal(self.world, self._versions)  # adopts the world's tables
        self.snapshot_position = after
        self._snapshot_lean = True  # a kept snapshot need not be made again at the stop

    def _from_snapshot(self, head: Head) -> tuple[World | None, dict[str, int], int]:
        snapshot = self._recorder.latest_snapshot() if self._snapshots.read else None
        if snapshot is None or snapshot.position > head.position:
            return None, {}, 0
        at = self._recorder.head(snapshot.position)
        found = world_snapshot.read(snapshot, at.hash if at.position == snapshot.position
                                    else None, self._recorder.key)
        if found is None:
            return None, {}, 0
        log.info("world read from the snapshot at %d; folding %d events after it",
                 snapshot.position, head.position - snapshot.position)
        return found[0], found[1], snapshot.position

    @property
    def position(self) -> int:
        return self._head.position

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="boardlog-writer")

    async def close(self) -> None:
        """Finish every queued command, snapshot the world (if asked to), then close the
        recorder."""
        if self._task:
            await self._queue.put(None)
            await self._task
            await asyncio.get_running_loop().run_in_executor(self._thread,
                                                             self._keep_making)
            if self._snapshots.on_close and (self._head.position > self.snapshot_position
                                             or not self._snapshot_lean):
                await asyncio.get_running_loop().run_in_executor(self._thread,
                                                                 self._snapshot_alone)
        self._thread.shutdown(wait=True)
        self._recorder.close()

    async def sync(self) -> None:
        """Fold in what another process appended (an empty group commit catches up)."""
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Submission(None, {}, future))
        await future

    async def catch_up(self) -> None:
        """Fold in what other processes committed, without taking the write lock: a
        reader here need not queue behind their writes. Joins a group commit if one is
        queued (which catches up anyway)."""
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Submission(None, {}, future, read_only=True))
        await future

    async def reach(self, position: int) -> None:
        """Return once the log up to `position` (committed by anyone) is folded and the
        listeners heard it: at once if so; when the writer thread already holds it (this
        process's own commit, or a catch-up under way), once that work ends; else after
        a read-only catch-up."""
        while self.committed < position:
            if self._head.position >= position:
                await self._settled.wait()
            else:
                await self.catch_up()

    async def execute(self, command: Any, metadata: dict[str, Any]) -> Any:
        """Decide and commit a command; its result once durable. Raises the DomainError
        that refused it, the exception a faulty decision raised, or StoreError."""
        future = asyncio.get_running_loop().create_future()
        await self._queue.put(_Submission(command, metadata, future))
        return await future

    async def _next_batch(self) -> tuple[list[_Submission], bool]:
        """The next group commit's submissions, and whether a stop came after them: the
        first awaited, then what is queued; then, while one more pass of the event loop
        brings more (requests already read, on their way here), those too. Without
        those passes a loaded server alternated a commit of one command with a commit
        of the rest, each paying the commit's fixed cost."""
        first = await self._queue.get()
        if first is None:
            return [], True
        batch = [first]
        if self._drain(batch):
            return batch, True
        for _ in range(GATHER_PASSES):
            if len(batch) >= MAX_BATCH:
                break
            await asyncio.sleep(0)
            if self._queue.empty():
                break
            if self._drain(batch):
                return batch, True
        return batch, False

    def _drain(self, batch: list[_Submission]) -> bool:
        """Move what is queued into `batch`, up to MAX_BATCH; whether a stop came."""
        while len(batch) < MAX_BATCH and not self._queue.empty():
            item = self._queue.get_nowait()
            if item is None:
                return True
            batch.append(item)
        return False

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        stopping = False
        while not stopping:
            batch, stopping = await self._next_batch()
            if not batch:
                break
            work = self._follow if all(s.read_only for s in batch) else self._commit
            outcomes, written = await loop.run_in_executor(self._thread, work, batch)
            self.committed = self._head.position
            self._notify(written)
            self._settled.set()
            self._settled = asyncio.Event()
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

    @contextmanager
    def _fresh_journal(self) -> Iterator[Journal]:
        """The writer's journal, fresh (made so in _load, restarted after each batch);
        its log dropped at the end: copies of what the batch's folds reached, which
        nothing needs once the batch is over."""
        try:
            yield self._journal
        finally:
            self._journal.restart()

    def _commit(self, batch: list[_Submission]) -> tuple[list[Any], list[Recorded]]:
        """One transaction for the batch: outcomes per submission, and the rows to notify
        (caught up from other processes, then committed here)."""
        caught_up: list[Recorded] = []
        self._committed_rows.clear()
        with self._fresh_journal() as journal:
            head, snapshot = self._head, (self.snapshot_position, self._snapshot_lean)
            try:
                with self._recorder.transaction() as txn:
                    caught_up = self._catch_up(txn.head, journal)
                    if self._making is not None and self._making.done():
                        self._keep(txn, self._taken())
                    start = self._head.position
                    outcomes = self._write(txn, batch, journal)
                    if self._head.position != start or caught_up:
                        self._projector.finish(txn.connection, self._head.position)
                        if self._snapshot_due() and not self._snapshots.in_background:
                            self._snapshot(txn)
            except Exception as exc:  # e.g. COMMIT failed: undo the batch's folds
                log.exception("group commit failed; undoing its commands in the world")
                journal.undo(0)
                self._head, (self.snapshot_position, self._snapshot_lean) = head, snapshot
                return [StoreError(str(exc))] * len(batch), []
            if (self._snapshot_due() and self._snapshots.in_background
                    and self._making is None):
                self._start_making()  # of the world as committed, outside any transaction
            return outcomes, caught_up + self._committed_rows

    def _follow(self, batch: list[_Submission]) -> tuple[list[Any], list[Recorded]]:
        """Catch-ups only: fold what others committed up to the head read now, outside
        any transaction (the log is append-only, and this thread alone folds the world);
        a failure half-way is undone, and the next group commit tries again."""
        with self._fresh_journal() as journal:
            head = self._head
            try:
                rows = self._catch_up(self._recorder.head(), journal)
            except Exception as exc:
                log.exception("catching up with the log failed; undoing it in the world")
                journal.undo(0)
                self._head = head
                return [StoreError(str(exc))] * len(batch), []
            return [None] * len(batch), rows

    def _snapshot_due(self) -> bool:
        return self._head.position - self.snapshot_position >= self._snapshots.every

    def _start_making(self) -> None:
        try:
            self._making = world_snapshot.InBackground(self.world, self._versions,
                                                       self._head.position, self._head.hash)
        except OSError:  # no fork (memory, process limits): the shortcut waits
            log.exception("world snapshot at %d not started", self._head.position)

    def _taken(self) -> world_snapshot.WorldSnapshot | None:
        making, self._making = self._making, None
        return making.result(self._recorder.key) if making is not None else None

    def _keep(self, txn: Transaction, snapshot: world_snapshot.WorldSnapshot | None,
              lean: bool = False) -> None:
        """Keep `snapshot` in `txn` (`lean`: the kind that shares equal values). A failure
        only costs the shortcut: it is logged, and the transaction's events commit all
        the same."""
        if snapshot is None:
            return
        try:
            with txn.savepoint():
                txn.keep_snapshot(snapshot)
        except Exception:
            log.exception("world snapshot at %d not kept", snapshot.position)
            return
        self.snapshot_position, self._snapshot_lean = snapshot.position, lean

    def _keep_making(self) -> None:
        """At a stop: wait for a snapshot still being made; keep it unless the stop keeps
        a newer one anyway."""
        if self._making is None:
            return
        snapshot = self._taken()
        if self._snapshots.on_close:
            return
        try:
            with self._recorder.transaction() as txn:
                self._keep(txn, snapshot)
        except Exception:
            log.exception("world snapshot at close not kept")

    def _snapshot(self, txn: Transaction, share: bool = False) -> None:
        """Keep a snapshot of the world at the head in `txn` (`share`: the leaner, slower
        kind); as `_keep`, a failure only costs the shortcut."""
        head = self._head
        try:
            snapshot = world_snapshot.make(self.world, self._versions, head.position,
                                           head.hash, self._recorder.key, share)
        except Exception:
            log.exception("world snapshot at %d not made", head.position)
            return
        self._keep(txn, snapshot, lean=share)

    def _snapshot_alone(self) -> None:
        """At a clean stop: a snapshot at the head in a transaction of its own (skipped
        if another process appended meanwhile; the next start folds what it lacks)."""
        try:
            with self._recorder.transaction() as txn:
                if txn.head == self._head:
                    self._snapshot(txn, share=True)  # nothing waits on it at a stop
        except Exception:
            log.exception("world snapshot at close not kept")

    def _catch_up(self, head: Head, journal: Journal) -> list[Recorded]:
        """Fold events other processes (servers, the CLI) appended since our last look,
        up to `head`."""
        if head.position <= self._head.position:
            return []
        rows: list[Recorded] = []
        with journal.recording():
            fold(self._recorder, world=self.world, after=self._head.position,
                 until=head.position, observe=lambda row, _: rows.append(row))
            self._advance(rows)
        return rows

    def _write(self, txn: Transaction, batch: list[_Submission], journal: Journal) -> list[Any]:
        mark, head = journal.mark(), self._head
        try:
            with txn.savepoint():
                return self._group(txn, batch, journal)
        except Exception:  # rare: isolate the command at fault, one SAVEPOINT each
            log.warning("group write failed; retrying its commands one by one", exc_info=True)
            journal.undo(mark)
            self._head = head
            return [self._one(txn, s, journal) for s in batch]

    def _group(self, txn: Transaction, batch: list[_Submission], journal: Journal) -> list[Any]:
        """The usual path: decide every command, then append all their events and
        re-render every touched row once. Any error aborts the whole group."""
        outcomes: list[Any] = []
        pending: list[NewEvent] = []
        notes: list[Any] = []
        touched: set[Key] = set()
        for submission in batch:
            prepared = self._prepare(submission, self._head.position + len(pending), notes,
                                     journal)
            if isinstance(prepared, _Prepared):
                pending += prepared.events
                touched |= prepared.touched
                outcomes.append(prepared.decision.result)
            else:
                outcomes.append(prepared)
        if pending:
            rows = txn.append(pending, self._head.position, self._versions)
            with journal.recording():
                self._advance(rows)
            self._projector.apply(txn.connection, self.world, touched, self._head.position)
            self._observer.record(txn.connection, rows, notes)
        return outcomes

    def _observed(self, notes: list[Any]) -> Callable[[World, Any], set[Key]]:
        """Folds one event, noting for the observer (the activity stream) what it did."""
        def fold_one(world: World, event: Any) -> set[Key]:
            seen = self._observer.before(world, event)
            touched = apply(world, event)
            notes.append(self._observer.after(world, event, seen))
            return touched
        return fold_one

    def _one(self, txn: Transaction, submission: _Submission, journal: Journal) -> Any:
        """The careful path: one command in its own SAVEPOINT, so it fails alone; the
        journal takes back what folding it (and its consequences) changed in the world."""
        notes: list[Any] = []
        mark = journal.mark()
        prepared = self._prepare(submission, self._head.position, notes, journal)
        if not isinstance(prepared, _Prepared):
            return prepared
        if not prepared.events:
            return prepared.decision.result
        try:
            with txn.savepoint():
                rows = txn.append(prepared.events, self._head.position, self._versions)
                self._projector.apply(txn.connection, self.world, prepared.touched,
                                      txn.head.position)
                self._observer.record(txn.connection, rows, notes)
        except Exception as exc:
            log.exception("command %s failed while writing", prepared.name)
            journal.undo(mark)  # the world may hold part of it
            return StoreError(str(exc))
        with journal.recording():
            self._advance(rows)
        return prepared.decision.result

    def _prepare(self, submission: _Submission, position: int, notes: list[Any],
                 journal: Journal) -> _Prepared | Any:
        """The decision with its encoded events, folded into the world, then its automatic
        actions' (domain.automation), the log being at `position` before them; or what to
        answer instead: None for a sync, the DomainError that refused the command, or the
        exception a faulty decision raised (a bug, not a refusal: the client hears an
        internal error). Either way the command fails alone and the world is unchanged:
        decisions are pure, and nothing is folded before the command is decided."""
        if submission.command is None:  # a sync request: the catch-up already ran
            return None
        name = command_name(submission.command)
        try:
            decision = decide(self.world, submission.command)
        except DomainError as refused:
            return refused
        except Exception as bug:
            log.exception("command %s failed to decide", name)
            return bug
        metadata = encode({**submission.metadata, "command": name})
        events = [NewEvent.of(e, metadata) for e in decision.events]
        fold_one = self._observed(notes)  # one note per event, in the events' order
        with journal.recording():  # what the folds change can be taken back (Journal)
            touched, fired = fold_firing(self.world, decision.events, fold_one)
            Consequences(self.world, submission.command, submission.metadata, position,
                         events, touched, fold_one).run(fired)
        return _Prepared(name, decision, events, touched)

    def _advance(self, rows: list[Recorded]) -> None:
        for row in rows:
            self._versions[row.stream_id] = row.stream_version
        if rows:
            self._head = Head(rows[-1].position, rows[-1].hash)
