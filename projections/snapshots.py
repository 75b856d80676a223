"""Project snapshots, written by the writer beside the log so time travel starts near.

Driven like a projector: it counts the events appended since each project's last
snapshot (every event of a group commit counts for each project the group touched), and
once they reach EVERY or twice the project's task count (whichever is larger: a snapshot
costs in proportion to the project, so the cost per write stays flat) it stores a pickled
slice of that project, tagged with the domain's SNAPSHOT_VERSION, in the same transaction
as the events. Time travel then folds at most that many events past a snapshot. (It
counts events, not the rows they re-render: a move is one event that may renumber
hundreds of siblings, and a snapshot per few moves would cost more than the log.)
"""
from __future__ import annotations

import pickle
import sqlite3
from collections import defaultdict

from domain.snapshot import SNAPSHOT_VERSION, project_slice
from domain.state import Key, World
from eventstore.snapshots import SNAPSHOTS_DDL, latest, save

EVERY = 2000


def project_of(world: World, key: Key) -> int | None:
    kind, item = key
    if kind in ("project", "project_users", "project_metadata"):
        return item
    if kind in ("subtask", "comment"):
        row = (world.subtasks if kind == "subtask" else world.comments).get(item)
        kind, item = ("task", row["task_id"]) if row else ("", 0)
    if kind in ("task", "task_metadata"):
        task = world.tasks.get(item)
        return task.row["project_id"] if task else None
    table = {"column": world.columns, "swimlane": world.swimlanes, "category": world.categories,
             "tag": world.tags, "sprint": world.sprints}.get(kind)
    row = table.get(item) if table is not None else None
    return row.get("project_id") if row else None


def snapshot_name(project_id: int) -> str:
    return f"project-{project_id}"


def load(conn: sqlite3.Connection, project_id: int, until: int) -> tuple[World, int]:
    """The newest usable snapshot of a project at or before `until`, or an empty world."""
    found = latest(conn, snapshot_name(project_id), until, SNAPSHOT_VERSION)
    return (pickle.loads(found[1]), found[0]) if found else (World(), 0)


class ProjectSnapshotter:
    def __init__(self, every: int | None = None) -> None:
        self.every = every or EVERY
        self.since: dict[int, int] = defaultdict(int)
        self.position = 0

    def setup(self, conn: sqlite3.Connection, world: World, position: int) -> None:
        conn.execute(SNAPSHOTS_DDL)
        self.position = position

    def apply(self, conn: sqlite3.Connection, world: World, touched: set[Key],
              position: int) -> None:
        appended, self.position = position - self.position, position
        projects = {project_of(world, key) for key in touched} - {None, 0}
        for project_id in projects:
            self.since[project_id] += appended
            project = world.projects.get(project_id)
            due = max(self.every, 2 * len(project.task_ids)) if project else self.every
            if self.since[project_id] >= due:
                data = pickle.dumps(project_slice(world, project_id), pickle.HIGHEST_PROTOCOL)
                save(conn, snapshot_name(project_id), position, SNAPSHOT_VERSION, data)
                self.since[project_id] = 0

    def finish(self, conn: sqlite3.Connection, position: int) -> None:
        pass
