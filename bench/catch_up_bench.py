"""How long a server process waits to fold in what another one is writing: the writer's
read-only catch-up (`Writer.catch_up`, what a request does before it is answered)
against a catch-up through a write transaction (`Writer.sync`, which queues for
SQLite's write lock behind the other process's commits).

Run by hand, never as a test:

    .venv/bin/python bench/catch_up_bench.py              # 300 catch-ups of each, twice
    .venv/bin/python bench/catch_up_bench.py --catch-ups 1000 --rounds 3

A separate process keeps a writer busy (createTask, --group at a time, every group
fsynced); this one opens a second writer on the same file and, --pause ms apart, asks
it to catch up, alternating the two ways round after round; it prints each way's wait.
"""
from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find bench/

from bench.rpc_bench import percentile  # noqa: E402
from bench.writer_bench import AUDIT  # noqa: E402
from domain import commands as cmd  # noqa: E402
from eventstore.sqlite import SqliteRecorder  # noqa: E402
from eventstore.writer import Writer  # noqa: E402
from projections.projector import Projector, Projectors  # noqa: E402
from projections.snapshots import ProjectSnapshotter  # noqa: E402


def server_writer(path: str) -> Writer:
    return Writer(SqliteRecorder.open(path), Projectors(Projector(), ProjectSnapshotter()))


def keep_writing(path: str, group: int, started, stop) -> None:
    """The other process: createTask groups until told to stop."""
    async def run() -> None:
        writer = server_writer(path)
        writer.start()
        project = await writer.execute(cmd.CreateProject(name="bench", at=1), AUDIT)
        started.set()
        while not stop.is_set():
            await asyncio.gather(*[writer.execute(cmd.CreateTask(
                title="task", project_id=project, at=2, actor_id=0), AUDIT)
                for _ in range(group)])
        await writer.close()

    asyncio.run(run())


async def waits(path: str, read_only: bool, count: int, pause: float) -> list[float]:
    writer = server_writer(path)
    writer.start()
    measured = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            await (writer.catch_up() if read_only else writer.sync())
            measured.append(time.perf_counter() - started)
            await asyncio.sleep(pause)
    finally:
        await writer.close()
    return sorted(measured)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--catch-ups", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--group", type=int, default=16, help="the writer's group size")
    parser.add_argument("--pause", type=float, default=2.0, help="ms between catch-ups")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="catch-up-bench-") as tmp:
        path = str(Path(tmp) / "bench.db")
        SqliteRecorder.open(path).close()
        context = multiprocessing.get_context("spawn")
        started, stop = context.Event(), context.Event()
        other = context.Process(target=keep_writing, args=(path, args.group, started, stop))
        other.start()
        try:
            started.wait(60)
            for _ in range(args.rounds):
                for read_only in (True, False):
                    measured = asyncio.run(waits(path, read_only, args.catch_ups,
                                                 args.pause / 1000))
                    name = "read-only" if read_only else "write transaction"
                    print(f"{name:<18} p50 {percentile(measured, 0.5) * 1e3:6.2f} ms  "
                          f"p90 {percentile(measured, 0.9) * 1e3:6.2f} ms  "
                          f"p99 {percentile(measured, 0.99) * 1e3:6.2f} ms", flush=True)
        finally:
            stop.set()
            other.join(60)
    return 0


if __name__ == "__main__":
    sys.exit(main())
