"""Generate a realistic event log through the domain, for the rebuild and history benchmarks.

Commands go through boardlog's own writer (decisions, events, hash chain, group commit),
with a no-op projector so generation is not dominated by read-model writes; the
benchmarks then build the projections themselves. The mix: projects, users, tasks,
moves between columns, updates, comments, subtasks, closes and reopens.

    .venv/bin/python bench/generate_log.py --events 1000000 --out /tmp/log-1m.db
"""
from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import time
from typing import Any

from domain import commands as cmd
from domain.commands import Command
from domain.state import Key, World
from eventstore import reader
from eventstore.schema import connect
from eventstore.sqlite import SqliteRecorder
from eventstore.writer import Snapshots, Writer

META = {"actor": "bench", "credential": "none", "rpc_method": "bench"}
IN_FLIGHT = 512


class NoProjections:
    def setup(self, conn: sqlite3.Connection, world: World, position: int) -> None:
        pass

    def apply(self, conn: sqlite3.Connection, world: World, touched: set[Key],
              position: int) -> None:
        pass

    def finish(self, conn: sqlite3.Connection, position: int) -> None:
        pass


class Mix:
    """Chooses the next command from what exists so far (every command is valid)."""

    def __init__(self, rng: random.Random, projects: int, tasks_per_project: int) -> None:
        self.rng, self.projects, self.tasks_per_project = rng, projects, tasks_per_project
        self.tasks: list[tuple[int, int]] = []  # (task_id, project_id)
        self.subtasks: list[tuple[int, int]] = []  # (subtask_id, task_id)
        self.columns: dict[int, list[int]] = {}

    def setup_commands(self) -> list[Command]:
        users = [cmd.CreateUser(username=f"user{i}", password_hash="x", name=f"User {i}",
                                email=None, role="app-user") for i in range(1, 6)]
        projects = [cmd.CreateProject(at=1, name=f"Project {p}")
                    for p in range(1, self.projects + 1)]
        return users + projects

    def members(self) -> list[Command]:
        return [cmd.AddProjectUser(project_id=p, user_id=u)
                for p in range(1, self.projects + 1) for u in range(1, 6)]

    def next(self, now: int) -> Command:
        rng = self.rng
        if len(self.tasks) < self.projects * self.tasks_per_project and (
                not self.tasks or rng.random() < 0.5):
            project = len(self.tasks) % self.projects + 1
            return cmd.CreateTask(at=now, actor_id=0, project_id=project,
                                  title=f"task {len(self.tasks) + 1}", owner_id=rng.randint(0, 5))
        task_id, project = rng.choice(self.tasks)
        roll = rng.random()
        if roll < 0.40:
            return cmd.MoveTask(at=now, project_id=project, task_id=task_id,
                                column_id=rng.choice(self.columns[project]),
                                position=rng.randint(1, 4), swimlane_id=project)
        if roll < 0.60:
            return cmd.UpdateTask(at=now, task_id=task_id,
                                  title=f"task {task_id} v{rng.randint(1, 99)}",
                                  score=rng.randint(0, 8))
        if roll < 0.75:
            return cmd.CreateComment(at=now, task_id=task_id, user_id=rng.randint(1, 5),
                                     content="a comment " * rng.randint(1, 5))
        if roll < 0.85 or not self.subtasks:
            return cmd.CreateSubtask(task_id=task_id, title="a subtask")
        if roll < 0.95:
            subtask_id, parent = rng.choice(self.subtasks)
            return cmd.UpdateSubtask(subtask_id=subtask_id, task_id=parent,
                                     status=rng.randint(0, 2))
        return cmd.UpdateTask(at=now, task_id=task_id, is_active=rng.choice((True, False)))

    def record(self, command: Command, result: Any) -> None:
        if isinstance(command, cmd.CreateTask) and isinstance(result, int):
            self.tasks.append((result, command.project_id))
        elif isinstance(command, cmd.CreateSubtask) and isinstance(result, int):
            self.subtasks.append((result, command.task_id))


async def generate(path: str, events: int, projects: int, tasks_per_project: int,
                   seed: int = 7, projector: Any = None) -> int:
    # No world snapshot: the benchmarks' first start on the log folds all of it.
    writer = Writer(SqliteRecorder.open(path), projector or NoProjections(),
                    Snapshots(every=2**62, on_close=False))
    writer.start()
    mix = Mix(random.Random(seed), projects, tasks_per_project)
    try:
        for command in mix.setup_commands() + mix.members():
            await writer.execute(command, META)
        mix.columns = {p: list(writer.world.projects[p].column_order)
                       for p in range(1, projects + 1)}
        while writer.position < events:
            now = int(time.time())
            batch = [mix.next(now) for _ in range(IN_FLIGHT)]
            results = await asyncio.gather(*[writer.execute(c, META) for c in batch],
                                           return_exceptions=True)
            for command, result in zip(batch, results):
                mix.record(command, result)
        return writer.position
    finally:
        await writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--projects", type=int, default=20)
    parser.add_argument("--tasks-per-project", type=int, default=1000)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    started = time.perf_counter()
    head = asyncio.run(generate(args.out, args.events, args.projects, args.tasks_per_project))
    conn = connect(args.out)
    print(f"{args.out}: {head:,} events ({reader.head(conn)[0]:,} stored) in "
          f"{time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
