"""Project snapshots, written by the writer beside the log so time travel starts near.

Driven like a projector: it counts the events appended since each project's last
snapshot (every event of a group commit counts for each project the group touched), and
once they reach EVERY or twice the project's task count (whichever is larger: a snapshot
costs in proportion to the project, so the cost per write stays flat) it stores a pickled
slice of that project, tagged with the domain's SNAPSHOT_VERSION, in the same transaction
as the events. Time travel then folds at most that many events past a snapshot. (It
counts events, not the rows they re-render: a move is one event that may renumber
hundreds of siblings, and a snapshot per few moves would cost more than the log.)

A log that holds none of this version's (generated, imported, or snapshotted by code of
another SNAPSHOT_VERSION) gets them at the server's start: `setup` folds it once,
counting each event for its project as the writer would have, so time travel in it
never folds from the log's start.
"""
from __future__ import annotations

import pickle
import sqlite3
from collections import defaultdict

from domain.snapshot import SNAPSHOT_VERSION, project_slice
from domain.state import Key, World
from eventstore import reader
from eventstore.fold import fold
from eventstore.snapshots import SNAPSHOTS_DDL, latest, save
from eventstore.sqlite import SqliteLog

EVERY = 2000
_BACKFILLED = "projects-backfilled"  # a mark (no data): the log was backfilled up to it


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
        if position > self.every and not _any_of_this_version(conn):
            self._backfill(conn, position)
        self.position = position

    def apply(self, conn: sqlite3.Connection, world: World, touched: set[Key],
              position: int) -> None:
        appended, self.position = position - self.position, position
        projects = {project_of(world, key) for key in touched} - {None, 0}
        for project_id in projects:
            self._count(conn, world, project_id, appended, position)

    def _count(self, conn: sqlite3.Connection, world: World, project_id: int, appended: int,
               position: int) -> None:
        """`appended` events more for the project; its snapshot at `position` once due."""
        self.since[project_id] += appended
        project = world.projects.get(project_id)
        due = max(self.every, 2 * len(project.task_ids)) if project else self.every
        if self.since[project_id] >= due:
            data = pickle.dumps(project_slice(world, project_id), pickle.HIGHEST_PROTOCOL)
            save(conn, snapshot_name(project_id), position, SNAPSHOT_VERSION, data)
            self.since[project_id] = 0

    def _backfill(self, conn: sqlite3.Connection, until: int) -> None:
        """The snapshots the writer would have kept along the log up to `until`: folded a
        stretch of `every` events at a time (the fast fold, which renumbers a cell only
        when needed), each project's events in the stretch counted as the writer counts
        them, its snapshot kept at the end of the stretch in which it fell due."""
        world, after, versions = World(), 0, {}
        while after < until:
            stop = min(after + self.every, until)
            world = fold(SqliteLog(conn), world=world, after=after, until=stop).world
            reached = reader.stream_versions(conn, stop, after)
            appended: dict[int, int] = defaultdict(int)
            for stream_id, version in reached.items():
                project_id = _project_of_stream(world, stream_id)
                if project_id:
                    appended[project_id] += version - versions.get(stream_id, 0)
            versions.update(reached)
            for project_id, count in appended.items():
                self._count(conn, world, project_id, count, stop)
            after = stop
        save(conn, _BACKFILLED, until, SNAPSHOT_VERSION, b"")
        self.since.clear()  # from here on the writer counts, as after any start

    def finish(self, conn: sqlite3.Connection, position: int) -> None:
        pass


def _project_of_stream(world: World, stream_id: str) -> int | None:
    kind, _, item = stream_id.partition("-")
    if kind == "project" and item.isdigit():
        return int(item)
    if kind == "task" and item.isdigit():
        return project_of(world, ("task", int(item)))
    return None


def _any_of_this_version(conn: sqlite3.Connection) -> bool:
    """Whether the writer or a backfill has kept project snapshots of this version."""
    return conn.execute("SELECT 1 FROM snapshots WHERE (name LIKE 'project-%' OR name = ?) "
                        "AND version = ? LIMIT 1", (_BACKFILLED, SNAPSHOT_VERSION)
                        ).fetchone() is not None
