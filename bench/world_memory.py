"""Where the memory of a world loaded from its snapshot goes: bytes per table and per kind
of object (sys.getsizeof, each object counted once, at the first place it is reached),
and the resident memory the load added.

    .venv/bin/python bench/world_memory.py --db COPY_OF_A_SERVED_LOG.db

The database must have a world snapshot (a server's clean stop writes one); it is only
read. `--remake` measures the world of the snapshot this code would make of it. Sizes are what CPython reports, without the allocator's rounding.
"""
from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import time
from collections import defaultdict
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import Any

from eventstore import snapshots, world_snapshot
from eventstore.memory import release_free_memory
from eventstore.world_snapshot import WorldSnapshot


def resident_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def stored(db: str) -> WorldSnapshot:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    row = snapshots.latest_world(conn)
    conn.close()
    if row is None:
        raise SystemExit(f"{db}: no world snapshot (start and stop a server on it first)")
    return WorldSnapshot(*row)


def load(snapshot: WorldSnapshot) -> tuple[Any, dict[str, int]]:
    found = world_snapshot.read(snapshot, snapshot.hash)  # its own hash: trusted here
    if found is None:
        raise SystemExit("the world snapshot is not this code's")
    return found


def remade(snapshot: WorldSnapshot) -> WorldSnapshot:
    """The snapshot this code makes at a server's stop of the world of `snapshot`: what a
    change to the making does, without a new fold of the log."""
    world, versions = load(snapshot)
    return world_snapshot.make(world, versions, snapshot.position, snapshot.hash, share=True)


class Census:
    """Bytes and objects per label, each object once."""

    def __init__(self) -> None:
        self.seen: set[int] = set()
        self.bytes: dict[str, int] = defaultdict(int)
        self.count: dict[str, int] = defaultdict(int)

    def add(self, value: Any, label: str) -> bool:
        if id(value) in self.seen:
            return False
        self.seen.add(id(value))
        self.bytes[label] += sys.getsizeof(value)
        self.count[label] += 1
        return True

    def walk(self, value: Any, label: str) -> None:
        if not self.add(value, f"{label}: {type(value).__name__}"):
            return
        if isinstance(value, dict):
            for k, v in value.items():
                self.walk(k, f"{label} key")
                self.walk(v, f"{label}[{k}]" if isinstance(k, str) else f"{label} value")
        elif isinstance(value, (list, tuple, set, frozenset)):
            for v in value:
                self.walk(v, f"{label} item")
        elif is_dataclass(value):
            for f in fields(value):
                self.walk(getattr(value, f.name), f"{label}.{f.name}")


def census(world: Any, versions: dict[str, int]) -> Census:
    found = Census()
    for f in fields(world):
        found.walk(getattr(world, f.name), f.name)
    found.walk(versions, "stream versions")
    return found


def report(found: Census, tasks: int, top: int) -> None:
    by_table: dict[str, int] = defaultdict(int)
    for label, size in found.bytes.items():
        by_table[label.split(" ")[0].split("[")[0].split(".")[0].split(":")[0]] += size
    total = sum(by_table.values())
    print(f"\nbytes (getsizeof) per top-level table, {tasks} tasks:")
    for table, size in sorted(by_table.items(), key=lambda kv: -kv[1]):
        if size * 200 >= total:
            print(f"  {table:<28}{size / 2**20:>9.2f} MiB{size / tasks:>9.0f} B a task")
    print(f"  {'total':<28}{total / 2**20:>9.2f} MiB{total / tasks:>9.0f} B a task")
    print(f"\nthe {top} biggest kinds of object:")
    for label, size in sorted(found.bytes.items(), key=lambda kv: -kv[1])[:top]:
        n = found.count[label]
        print(f"  {label:<56}{n:>9}{size / 2**20:>9.2f} MiB{size / n:>7.0f} B each"
              f"{size / tasks:>7.0f} B a task")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--remake", action="store_true",
                        help="measure the world of a snapshot this code makes of the stored one")
    args = parser.parse_args()
    snapshot = stored(args.db)
    if args.remake:
        snapshot = remade(snapshot)
        gc.collect()
        release_free_memory()
    before = resident_kib()
    started = time.perf_counter()
    world, versions = load(snapshot)
    seconds = time.perf_counter() - started
    gc.collect()
    release_free_memory()  # as the server does once started
    after = resident_kib()
    tasks = max(len(world.tasks), 1)
    print(f"{args.db}: {len(world.tasks)} tasks, {len(world.comments)} comments, "
          f"{len(world.subtasks)} subtasks, {len(versions)} streams")
    print(f"loaded in {seconds:.2f} s; resident {before / 1024:.0f} -> {after / 1024:.0f} MiB "
          f"(+{(after - before) / 1024:.1f} MiB, {(after - before) * 1024 / tasks:.0f} B a task)")
    report(census(world, versions), tasks, args.top)


if __name__ == "__main__":
    main()
