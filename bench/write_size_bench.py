"""Database bytes per write: what moves, updates and comments cost on disk.

Run by hand, never as a test:

    .venv/bin/python bench/write_size_bench.py
    .venv/bin/python bench/write_size_bench.py --writes 500 --tasks 2000 --json
    .venv/bin/python bench/write_size_bench.py --boardlog /work/baseline/.venv/bin/boardlog

What it does:

1. starts one server (`boardlog serve` on a free loopback port, a temporary database);
2. seeds one project with --tasks (2,000) tasks spread evenly over its four columns,
   through createTask in JSON-RPC batches;
3. runs --writes (1,500) writes of each kind in turn, --concurrency in flight: moveTaskPosition
   (a random task to a random column and position), updateTask (a new title) and
   createComment, then all three interleaved;
4. before and after each phase checkpoints the WAL into the database file
   (`PRAGMA wal_checkpoint(TRUNCATE)`, retried until no reader holds it back) and takes
   the size of the database file plus its WAL; growth divided by writes is the figure,
   beside the events the phase appended (rows of the `events` table) per write and the
   project snapshots the writer stored; "all" is every phase together.

The goal is under 2 KB per write. --boardlog runs another build (e.g. the baseline's
.venv/bin/boardlog) for comparisons; its database layout only needs an `events` table.
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Awaitable, Callable

import aiohttp
import orjson
import yarl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find bench/

from bench.rpc_bench import Client, basic_auth  # noqa: E402
from bench.server_process import (  # noqa: E402
    HOST, TOKEN, free_port, start_server, stop_server, wait_ready,
)

REPO = Path(__file__).resolve().parents[1]
GOAL_BYTES = 2048
KINDS = ("move", "update", "comment")


@dataclass
class Phase:
    name: str
    writes: int
    bytes_per_write: float
    events_per_write: float
    snapshots: int  # project snapshots the writer stored during the phase
    seconds: float


@dataclass
class Board:
    project_id: int
    column_ids: list[int]
    task_ids: list[int]


def on_disk(db: Path) -> int:
    """Database file plus WAL, after moving the WAL's pages into the file."""
    conn = sqlite3.connect(db, timeout=30.0)
    try:
        for _ in range(200):
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if not busy:
                break
            time.sleep(0.05)
        wal = db.with_name(db.name + "-wal")
        return db.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
    finally:
        conn.close()


def counts(db: Path) -> tuple[int, int]:
    """(events, snapshots) stored so far."""
    conn = sqlite3.connect(db, timeout=30.0)
    try:
        events = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        has_snapshots = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' "
                                     "AND name = 'snapshots'").fetchone()[0]
        snapshots = conn.execute("SELECT COUNT(*) FROM snapshots").fetchone()[0] \
            if has_snapshots else 0
        return events, snapshots
    finally:
        conn.close()


async def seed(client: Client, tasks: int) -> Board:
    project_id = await client.call("createProject", {"name": "write size"})
    columns = [int(c["id"]) for c in await client.call("getColumns", {"project_id": project_id})]
    calls = [("createTask", {"title": f"task {n}", "project_id": project_id,
                             "column_id": columns[n % len(columns)]}) for n in range(tasks)]
    task_ids: list[int] = []
    for start in range(0, len(calls), 200):
        task_ids += await client.batch(calls[start:start + 200])
    return Board(project_id, columns, task_ids)


def write_call(kind: str, board: Board, rng: random.Random, n: int) -> tuple[str, dict]:
    task_id = rng.choice(board.task_ids)
    if kind == "move":
        column_count = len(board.task_ids) // len(board.column_ids) + 1
        return "moveTaskPosition", {"project_id": board.project_id, "task_id": task_id,
                                    "column_id": rng.choice(board.column_ids),
                                    "position": rng.randint(1, column_count), "swimlane_id": 1}
    if kind == "update":
        return "updateTask", {"id": task_id, "title": f"task {task_id}, edit {n}"}
    return "createComment", {"task_id": task_id, "user_id": 1,
                             "content": f"comment {n} on task {task_id}: looks good to me"}


async def run_writes(client: Client, calls: list[tuple[str, dict]], concurrency: int) -> None:
    queue = iter(calls)

    async def worker() -> None:
        for method, params in queue:
            status, body = await client.post(orjson.dumps(
                {"jsonrpc": "2.0", "method": method, "id": 1, "params": params}))
            answer = orjson.loads(body)
            # a move onto the task's own place is refused (false); everything else must work
            if status != 200 or "result" not in answer or (
                    answer["result"] is False and method != "moveTaskPosition"):
                raise RuntimeError(f"{method} failed: HTTP {status} {body[:300]!r}")

    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def measure(client: Client, db: Path, name: str, calls: list[tuple[str, dict]],
                  concurrency: int) -> Phase:
    size, (events, snapshots), started = on_disk(db), counts(db), time.perf_counter()
    await run_writes(client, calls, concurrency)
    seconds = time.perf_counter() - started
    events_now, snapshots_now = counts(db)
    return Phase(name, len(calls), (on_disk(db) - size) / len(calls),
                 (events_now - events) / len(calls), snapshots_now - snapshots, seconds)


async def benchmark(args: argparse.Namespace, db: Path, port: int,
                    server_ready: Callable[[aiohttp.ClientSession, str], Awaitable[None]]
                    ) -> list[Phase]:
    base = f"http://{HOST}:{port}"
    headers = {"Authorization": basic_auth("jsonrpc", TOKEN), "Content-Type": "application/json"}
    async with aiohttp.ClientSession(headers=headers) as session:
        await server_ready(session, base)
        client = Client(session, yarl.URL(f"{base}/jsonrpc.php"))
        board = await seed(client, args.tasks)
        rng = random.Random(args.seed)
        phases = []
        for kind in KINDS:
            calls = [write_call(kind, board, rng, n) for n in range(args.writes)]
            phases.append(await measure(client, db, kind, calls, args.concurrency))
        mixed = [write_call(rng.choice(KINDS), board, rng, n) for n in range(args.writes)]
        phases.append(await measure(client, db, "mix", mixed, args.concurrency))
        return phases + [overall(phases)]


def overall(phases: list[Phase]) -> Phase:
    """Every phase together: snapshots fall in one phase but serve all the writes."""
    writes = sum(p.writes for p in phases)
    return Phase("all", writes, sum(p.bytes_per_write * p.writes for p in phases) / writes,
                 sum(p.events_per_write * p.writes for p in phases) / writes,
                 sum(p.snapshots for p in phases), sum(p.seconds for p in phases))


def table(phases: list[Phase]) -> str:
    lines = [f"{'phase':<8} {'writes':>7} {'bytes/write':>12} {'events/write':>13} "
             f"{'snapshots':>10} {'s':>7}"]
    for p in phases:
        lines.append(f"{p.name:<8} {p.writes:>7} {p.bytes_per_write:>12,.0f} "
                     f"{p.events_per_write:>13.1f} {p.snapshots:>10} {p.seconds:>7.1f}")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=2000, help="tasks in the project (2,000)")
    parser.add_argument("--writes", type=int, default=1500,
                        help="writes per phase (1,500: enough that snapshots, stored every "
                             "4,000 events on a 2,000-task project, are in the figures)")
    parser.add_argument("--concurrency", type=int, default=8, help="writes in flight (8)")
    parser.add_argument("--seed", type=int, default=7, help="random seed of the writes")
    parser.add_argument("--boardlog", type=Path, default=REPO / ".venv" / "bin" / "boardlog",
                        help="the boardlog executable (default .venv/bin/boardlog)")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.boardlog.exists():
        print(f"no boardlog executable at {args.boardlog} (run `make install`)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="boardlog-write-size-") as tmp:
        db, port = Path(tmp) / "bench.db", free_port()
        with open(Path(tmp) / "server.log", "wb") as log_file:
            server = start_server(args.boardlog, db, port, log_file)
            try:
                phases = asyncio.run(benchmark(
                    args, db, port, lambda s, base: wait_ready(s, base, server)))
            finally:
                status = stop_server(server)
    print(f"database bytes per write, {args.tasks} tasks in 4 columns, {args.boardlog}; "
          f"server exit status {status}")
    print(table(phases))
    every = phases[-1].bytes_per_write
    print(f"all writes: {every:,.0f} bytes per write, goal under {GOAL_BYTES:,}: "
          f"{'met' if every < GOAL_BYTES else 'NOT met'}")
    if args.json:
        print(orjson.dumps([asdict(p) for p in phases], option=orjson.OPT_INDENT_2).decode())
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
