"""CPU per createTask in the writer alone (no HTTP), and appends a second, optionally
profiled, on SQLite or PostgreSQL.

Run by hand, never as a test:

    .venv/bin/python bench/writer_bench.py                 # 4,000 creates in groups of 32
    .venv/bin/python bench/writer_bench.py --profile 25    # and the top 25 of cProfile
    .venv/bin/python bench/writer_bench.py --db postgresql://postgres@127.0.0.1:5432/test
                                           # the same in a fresh schema, dropped after

It opens a fresh database with the server's projectors (rpc/app.py), creates a project,
then sends --tasks createTask commands, --group at a time (as a loaded server's group
commit merges them), with the audit metadata a Kanboard request carries, and prints the
process CPU per command. --profile profiles the writer thread's group commits only.
"""
from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find bench/

from bench.server_process import scratch_location  # noqa: E402
from domain import commands as cmd  # noqa: E402
from eventstore.backends import open_recorder  # noqa: E402
from eventstore.writer import Writer  # noqa: E402
from projections.projector import Projector, Projectors  # noqa: E402
from projections.snapshots import ProjectSnapshotter  # noqa: E402

AUDIT = {"endpoint": "kanboard", "correlation_id": "0f4c2a7e9b1d4e6f8a3c5b7d9e1f2a4c",
         "client": "127.0.0.1", "user_agent": "Python/3.11 aiohttp/3.9",
         "actor": "app-token", "actor_name": "jsonrpc", "credential": "app-token",
         "auth_method": "api-token", "rpc_method": "createTask", "request_id": "1"}


async def run(path: str, tasks: int, group: int,
              profiler: cProfile.Profile | None) -> tuple[float, float, float]:
    """Process CPU and the writer thread's CPU, in us a command, and commands a second."""
    writer = Writer(open_recorder(path), Projectors(Projector(), ProjectSnapshotter()))
    commit, thread_cpu = writer._commit, [0.0]

    def measured(batch: list) -> tuple:  # runs on the writer thread
        started = time.thread_time()
        try:
            return profiler.runcall(commit, batch) if profiler else commit(batch)
        finally:
            thread_cpu[0] += time.thread_time() - started

    writer._commit = measured  # type: ignore[method-assign]
    writer.start()
    try:
        project = await writer.execute(cmd.CreateProject(name="bench", at=1), AUDIT)
        thread_cpu[0] = 0.0
        started, wall = time.process_time(), time.perf_counter()
        for first in range(0, tasks, group):
            await asyncio.gather(*[writer.execute(
                cmd.CreateTask(title=f"task {n}", project_id=project, at=2, actor_id=0), AUDIT)
                for n in range(first, min(first + group, tasks))])
        return ((time.process_time() - started) / tasks * 1e6, thread_cpu[0] / tasks * 1e6,
                tasks / (time.perf_counter() - wall))
    finally:
        await writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=4000)
    parser.add_argument("--group", type=int, default=32)
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="print cProfile's top N functions by cumulative time")
    parser.add_argument("--db", help="a PostgreSQL URL: run in a fresh schema of it "
                                     "(default: a SQLite file in a scratch directory)")
    args = parser.parse_args()
    # thread CPU, not wall time: waits for the disk and the GIL count for nothing
    profiler = cProfile.Profile(time.thread_time) if args.profile else None
    with tempfile.TemporaryDirectory() as scratch, \
            scratch_location(args.db, Path(scratch)) as location:
        total, thread, rate = asyncio.run(run(location, args.tasks, args.group, profiler))
    print(f"{args.tasks:,} createTask in groups of {args.group} on "
          f"{'PostgreSQL' if args.db else 'SQLite'}: {rate:,.0f} a second, {total:.0f} us CPU "
          f"a command, {thread:.0f} us of it on the writer thread")
    if profiler is not None:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
