"""Rebuild speed: all projections from a log of --events events, on one core.

Generates the log through the domain first (bench/generate_log.py; kept between runs
in --log), then times `projections.rebuild.rebuild` (eventstore.fold with GC paused, bulk row
writes, swap) and, separately, reading and decoding the log alone.

    .venv/bin/python bench/rebuild_bench.py --events 1000000
"""
from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.generate_log import generate  # noqa: E402
from eventstore import reader  # noqa: E402
from eventstore.fold import fold, gc_paused  # noqa: E402
from eventstore.schema import connect  # noqa: E402
from eventstore.sqlite import SqliteLog  # noqa: E402
from projections.rebuild import rebuild  # noqa: E402


def decode_only(path: str) -> tuple[int, float]:
    conn = connect(path)
    started = time.perf_counter()
    count = 0
    with gc_paused():
        for _ in reader.read_events(conn):
            count += 1
    return count, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--log", default="/tmp/boardlog-rebuild-bench.db")
    args = parser.parse_args()
    if not os.path.exists(args.log):
        print(f"generating {args.events:,} events into {args.log} ...", flush=True)
        asyncio.run(generate(args.log, args.events, projects=20, tasks_per_project=1000))
    head = reader.head(connect(args.log))[0]
    count, seconds = decode_only(args.log)
    print(f"read+decode: {count:,} events in {seconds:.2f}s = {count / seconds:,.0f} events/s")
    started = time.perf_counter()
    fold(SqliteLog(connect(args.log)))
    folding = time.perf_counter() - started
    print(f"fold only:   {head:,} events in {folding:.2f}s = {head / folding:,.0f} events/s")
    started = time.perf_counter()
    rebuild(args.log, show=False)
    seconds = time.perf_counter() - started
    print(f"rebuild all: {head:,} events in {seconds:.2f}s = {head / seconds:,.0f} events/s "
          f"(target >= 100,000)")


if __name__ == "__main__":
    main()
