"""What one failing command costs the writer on a large log.

Opens a generated log (bench/generate_log.py) with the live projections, then times
groups of 32 updates: clean ones, and ones with a single update whose value the
database refuses (a score of 2**63: JSON takes it, SQLite's INTEGER does not). The
failing one must fail alone, at a cost in proportion to its group, not to the log.

    .venv/bin/python bench/generate_log.py --events 212000 --out /tmp/log-212k.db
    .venv/bin/python bench/write_failure_bench.py /tmp/log-212k.db
"""
from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from domain import commands as cmd  # noqa: E402
from eventstore.sqlite import SqliteRecorder  # noqa: E402
from eventstore.writer import StoreError, Writer  # noqa: E402
from projections.projector import Projector  # noqa: E402

META = {"actor": "bench", "credential": "none", "rpc_method": "bench"}
GROUP = 32


def move(writer: Writer, task_id: int) -> cmd.Command:
    """To the top of another column of its board: every sibling below is renumbered."""
    row = writer.world.tasks[task_id].row
    columns = writer.world.projects[row["project_id"]].column_order
    return cmd.MoveTask(project_id=row["project_id"], task_id=task_id, at=2, position=1,
                        column_id=random.choice([c for c in columns if c != row["column_id"]]),
                        swimlane_id=row["swimlane_id"])


async def group_ms(writer: Writer, task_ids: list[int], poisoned: bool,
                   moves: bool = False) -> float:
    commands = [move(writer, t) if moves else cmd.UpdateTask(task_id=t, title=f"t{t}", at=2)
                for t in task_ids]
    if poisoned:
        commands[GROUP // 2] = cmd.UpdateTask(task_id=task_ids[0], score=2 ** 63, at=2)
    started = time.perf_counter()
    results = await asyncio.gather(*[writer.execute(c, META) for c in commands],
                                   return_exceptions=True)
    elapsed = (time.perf_counter() - started) * 1000
    failed = [r for r in results if isinstance(r, Exception)]
    assert len(failed) == (1 if poisoned else 0) and all(isinstance(r, StoreError)
                                                         for r in failed), failed
    return elapsed


async def run(path: str, rounds: int) -> None:
    writer = Writer(SqliteRecorder.open(path), Projector())
    writer.start()
    try:
        tasks = sorted(writer.world.tasks)
        print(f"{writer.position:,} events, {len(tasks):,} tasks")
        for label, poisoned, moves in (("updates", False, False),
                                       ("updates, one failing", True, False),
                                       ("moves", False, True), ("moves, one failing", True, True)):
            open_tasks = [t for t in tasks if writer.world.tasks[t].row["is_active"]]
            samples = sorted([await group_ms(writer, random.sample(open_tasks, GROUP),
                                             poisoned, moves) for _ in range(rounds)])
            print(f"{GROUP} {label:<22} n={rounds} p50 {statistics.median(samples):7.1f} ms   "
                  f"max {samples[-1]:7.1f} ms")
    finally:
        await writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("log", help="a log made by bench/generate_log.py (left unchanged)")
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        copy = str(Path(scratch) / "log.db")
        shutil.copy(args.log, copy)
        asyncio.run(run(copy, args.rounds))


if __name__ == "__main__":
    main()
