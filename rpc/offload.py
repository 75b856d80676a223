"""Long reads off the event loop: declared procedures run in a pool of worker processes.

A procedure declared with `offload=True` (`read(...)`, `@procedure(...)`) is not run on
the event loop: its bound arguments, the caller and the dialect go to a worker process,
which runs the same handler with a `Ctx` over its own read connection to the database
(WAL) and sends back the answer already encoded (an `orjson.Fragment` here). Everything
before the handler (authentication, binding, access checks: point reads) stays on the
loop.

Processes, not threads: the long reads are Python-heavy (folding a world for getBoardAt,
decoding and rendering activities, matching searchTasks), and a thread running them holds
the GIL, so the loop would still stall (bench/side_by_side.py --log measures it).

Read-after-write: each statement of a worker's connection (autocommit) starts a new read
transaction, and the writer acknowledges a write only after its COMMIT, so a read sent
after a write's answer sees it.

One pool per server process, shared by every app in it (the tests start many), its
workers keeping a connection per database path. A database with no file (`:memory:`)
cannot be shared with another process: there the handler runs inline.
"""
from __future__ import annotations

import asyncio
import importlib
import multiprocessing
import os
import sqlite3
import threading
import traceback
from collections import OrderedDict
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool as BrokenExecutor
from dataclasses import dataclass
from typing import Any, Coroutine

import orjson
from orjson import Fragment

from domain.errors import DomainError
from rpc.protocol import HttpError, RpcError

DEFAULT_WORKERS = max(1, min(2, os.cpu_count() or 1))


def _is_number(given: str) -> bool:
    """Digits int() reads ("²" is a digit to str.isdigit, not to int)."""
    return given.strip().isascii() and given.strip().isdigit()


def worker_count() -> int:
    """Worker processes per server process: BOARDLOG_OFFLOAD_WORKERS (`serve --workers
    N` shares the cores out, rpc.supervisor), else DEFAULT_WORKERS. Raises ValueError
    naming the variable when it is not a positive integer."""
    given = os.environ.get("BOARDLOG_OFFLOAD_WORKERS")
    if not given:
        return DEFAULT_WORKERS
    if not _is_number(given) or int(given) < 1:
        raise ValueError(f"BOARDLOG_OFFLOAD_WORKERS must be a positive integer, not {given!r}")
    return int(given)


DEFAULT_NICENESS = 10


def niceness() -> int:
    """How much lower the long-read worker processes run than the server
    (BOARDLOG_OFFLOAD_NICE, 0 to 19; default DEFAULT_NICENESS; the kernel stops at nice
    19): when the cores are busy, point reads and writes go first and a long read takes
    longer; on idle cores it runs as fast as ever. Threads (BOARDLOG_OFFLOAD=thread) run
    at the server's. Raises ValueError naming the variable when it is not such a
    number."""
    given = os.environ.get("BOARDLOG_OFFLOAD_NICE")
    if not given:
        return DEFAULT_NICENESS
    if not _is_number(given) or int(given) > 19:
        raise ValueError(f"BOARDLOG_OFFLOAD_NICE must be an integer from 0 to 19, not {given!r}")
    return int(given)


def _lower_priority(increment: int) -> None:
    """A worker process's initializer."""
    os.nice(increment)


_CONNECTIONS_KEPT = 8  # a worker's connections, newest used kept (tests open many files)


@dataclass(frozen=True)
class Job:
    """What a worker needs to run one offloaded call: all of it picklable."""

    table: str  # the module whose load() gives the dialect's procedure table
    procedure: str
    db_path: str
    principal: Any  # rpc.auth.Principal
    audit: dict[str, Any]
    args: dict[str, Any]
    max_file_size: int


def drive(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a handler coroutine that never suspends (an offloaded read awaits nothing)."""
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("an offloaded procedure awaited something: it must only read")


# --- in the worker -------------------------------------------------------------------

_local = threading.local()  # a worker's connections (per thread, for the thread pool)
_tables: dict[str, Any] = {}


def _connection(db_path: str) -> sqlite3.Connection:
    if not hasattr(_local, "connections"):
        _local.connections = OrderedDict()
    _connections: OrderedDict[str, sqlite3.Connection] = _local.connections
    conn = _connections.pop(db_path, None)
    if conn is None:
        from eventstore.schema import connect
        from projections import dialect
        conn = connect(db_path)
        conn.execute(dialect.of(conn).read_only)  # a worker never writes
    _connections[db_path] = conn
    while len(_connections) > _CONNECTIONS_KEPT:
        _connections.popitem(last=False)[1].close()
    return conn


def _procedure(table: str, name: str) -> Any:
    if table not in _tables:
        _tables[table] = importlib.import_module(table).load()
    return _tables[table].get(name)


def run_job(job: Job) -> tuple[str, Any]:
    """In a worker: ("ok", encoded answer) or the error to raise on the loop, as
    plain values (RpcError and friends do not survive pickling as they are)."""
    from projections.queries import Reads
    from rpc.context import Ctx

    try:
        procedure = _procedure(job.table, job.procedure)
        reads = Reads(_connection(job.db_path))
        ctx = Ctx(job.principal, reads, None,  # type: ignore[arg-type]  # no writer here
                  job.audit, max_file_size=job.max_file_size)
        return "ok", orjson.dumps(drive(procedure.handler(ctx, **job.args)))
    except RpcError as exc:
        return "rpc", (exc.code, exc.message, exc.data)
    except HttpError as exc:
        return "http", (exc.status, exc.body, exc.headers)
    except Exception as exc:  # a refusal the dialect answers, or a bug: sent by name
        return "exception", (type(exc).__module__, type(exc).__qualname__, str(exc),
                             traceback.format_exc())


def _raised(kind: str, value: Any) -> Exception:
    if kind == "rpc":
        code, message, data = value
        return RpcError((code, message), data)
    if kind == "http":
        return HttpError(*value)
    module, name, message, trace = value
    cls = getattr(importlib.import_module(module), name, None)
    if isinstance(cls, type) and issubclass(cls, DomainError):  # a refusal, answered so
        return cls(message)
    return RuntimeError(f"offloaded read failed: {module}.{name}: {message}\n{trace}")


# --- on the loop ---------------------------------------------------------------------

class OffloadPool:
    """The workers, started at the first offloaded call: processes, or threads (kept
    to measure against: `BOARDLOG_OFFLOAD=thread`; see the README's Performance)."""

    def __init__(self, workers: int | None = None, kind: str = "process") -> None:
        assert kind in ("process", "thread")
        self.workers, self.kind = workers or worker_count(), kind
        self.niceness = niceness()
        self._executor: Executor | None = None

    def _pool(self) -> Executor:
        if self._executor is None:
            if self.kind == "thread":
                self._executor = ThreadPoolExecutor(self.workers, "offload")
            else:
                # spawn: the server has threads (the writer) and a large world; a fork
                # would copy both, and a lock held by another thread would stay held
                context = multiprocessing.get_context("spawn")
                self._executor = ProcessPoolExecutor(self.workers, mp_context=context,
                                                     initializer=_lower_priority,
                                                     initargs=(self.niceness,))
        return self._executor

    async def run(self, job: Job) -> Fragment:
        loop = asyncio.get_running_loop()
        try:
            kind, value = await loop.run_in_executor(self._pool(), run_job, job)
        except BrokenExecutor:  # a worker died (killed, out of memory): start afresh once
            self.close()
            kind, value = await loop.run_in_executor(self._pool(), run_job, job)
        if kind == "ok":
            return Fragment(value)
        raise _raised(kind, value)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None


_POOLS: dict[str, OffloadPool] = {}


def pool_for(db_path: str, mode: str | None = None) -> OffloadPool | None:
    """The process's shared pool, or None (run on the loop) for a database another
    process cannot open or with BOARDLOG_OFFLOAD=off (to measure the difference)."""
    mode = mode or os.environ.get("BOARDLOG_OFFLOAD", "process")
    if mode == "off" or not offloadable(db_path):
        return None
    if mode not in _POOLS:
        _POOLS[mode] = OffloadPool(kind=mode)
    return _POOLS[mode]


def offloadable(db_path: str) -> bool:
    """Whether another process can open the database (not an in-memory one)."""
    return bool(db_path) and db_path != ":memory:" and not db_path.startswith("file::memory:")
