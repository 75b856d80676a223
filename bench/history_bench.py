"""Time travel speed: getBoardAt on a project of 1,000 tasks whose log holds 100,000 events.

Generates the log through the domain with the server's snapshotter on (as a running
server writes it), then times `projections.history.board_at` at random positions in the
last half of the log, on one core, and getTaskAt for single tasks.

    .venv/bin/python bench/history_bench.py
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_log import generate  # noqa: E402
from eventstore import reader  # noqa: E402
from eventstore.schema import connect  # noqa: E402
from projections.history import board_at, task_at  # noqa: E402
from projections.projector import Projectors  # noqa: E402
from projections.snapshots import ProjectSnapshotter  # noqa: E402


def timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - started) * 1000


def report(label: str, samples: list[float]) -> None:
    samples.sort()
    p99 = samples[min(len(samples) - 1, int(len(samples) * 0.99))]
    print(f"{label:<28} n={len(samples):<4} p50 {statistics.median(samples):7.1f} ms   "
          f"p99 {p99:7.1f} ms   max {samples[-1]:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--samples", type=int, default=50)
    parser.add_argument("--log", default="/tmp/boardlog-history-bench.db")
    args = parser.parse_args()
    if not os.path.exists(args.log):
        print(f"generating {args.events:,} events, {args.tasks} tasks ...", flush=True)
        asyncio.run(generate(args.log, args.events, 1, args.tasks,
                             projector=Projectors(ProjectSnapshotter())))
    conn = connect(args.log)
    head = reader.head(conn)[0]
    tasks = conn.execute("SELECT COUNT(*) FROM events WHERE type = 'TaskCreated'").fetchone()[0]
    print(f"log: {head:,} events, {tasks} tasks in project 1")
    rng = random.Random(1)
    positions = [rng.randint(head // 2, head) for _ in range(args.samples)]
    report("getBoardAt (target <100ms)", [timed(board_at, conn, 1, p) for p in positions])
    report("getTaskAt", [timed(task_at, conn, rng.randint(1, tasks), p) for p in positions])


if __name__ == "__main__":
    main()
