"""How long the world snapshot made while serving holds up the writer.

Run by hand, never as a test, on a copy of a log a server has served (so its world loads
from its snapshot and its read models are built):

    .venv/bin/python bench/snapshot_stall_bench.py --log /tmp/served.db

It starts the writer with the server's projectors, then sends --commands createTask in
groups of --group (one group at a time, as a loaded server merges them), with a world
snapshot due every --every events: made in the transaction of the group commit that
reaches it, then made by a forked copy of the process (Snapshots.in_background), each
on its own copy of the log. It prints, per way, the group commits' wall and writer-thread
CPU times: the median, and the slowest (the ones a snapshot fell in).
"""
from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script: find bench/

from bench.writer_bench import AUDIT  # noqa: E402
from domain import commands as cmd  # noqa: E402
from eventstore.sqlite import SqliteRecorder  # noqa: E402
from eventstore.writer import Snapshots, Writer  # noqa: E402
from projections.projector import Projector, Projectors  # noqa: E402
from projections.snapshots import ProjectSnapshotter  # noqa: E402


async def commits(path: str, commands: int, group: int, every: int,
                  in_background: bool) -> list[tuple[float, float]]:
    """(wall ms, writer-thread CPU ms) of each group commit."""
    writer = Writer(SqliteRecorder.open(path), Projectors(Projector(), ProjectSnapshotter()),
                    Snapshots(every=every, on_close=False, in_background=in_background))
    commit, times = writer._commit, []

    def measured(batch: list) -> tuple:  # runs on the writer thread
        wall, cpu = time.perf_counter(), time.thread_time()
        try:
            return commit(batch)
        finally:
            times.append(((time.perf_counter() - wall) * 1e3, (time.thread_time() - cpu) * 1e3))

    writer._commit = measured  # type: ignore[method-assign]
    writer.start()
    try:
        project = next(iter(writer.world.projects))
        for first in range(0, commands, group):
            await asyncio.gather(*[writer.execute(
                cmd.CreateTask(title=f"stall {n}", project_id=project, at=2, actor_id=0), AUDIT)
                for n in range(first, min(first + group, commands))])
    finally:
        await writer.close()
    return times


def summary(label: str, times: list[tuple[float, float]]) -> str:
    walls, cpus = sorted(t[0] for t in times), sorted(t[1] for t in times)
    return (f"{label:<16} {len(times)} commits: wall median {statistics.median(walls):6.1f} ms, "
            f"slowest {', '.join(f'{w:.0f}' for w in walls[-3:][::-1])} ms; writer CPU median "
            f"{statistics.median(cpus):6.1f} ms, slowest "
            f"{', '.join(f'{c:.0f}' for c in cpus[-3:][::-1])} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--log", required=True, help="a log a server has served")
    parser.add_argument("--commands", type=int, default=1500)
    parser.add_argument("--group", type=int, default=16)
    parser.add_argument("--every", type=int, default=500)
    args = parser.parse_args()
    for label, in_background in (("in transaction", False), ("forked", True)):
        with tempfile.TemporaryDirectory() as scratch:
            copy = str(Path(scratch) / "stall.db")
            shutil.copyfile(args.log, copy)
            times = asyncio.run(commits(copy, args.commands, args.group, args.every,
                                        in_background))
        print(summary(label, times), flush=True)


if __name__ == "__main__":
    main()
