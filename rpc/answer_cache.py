"""Encoded answers of the heavy list reads of a project, reused until that project moves.

An entry is keyed by what was asked, belongs to one project, and is stamped with the log
position committed when it was computed. The writer tells `on_events` what each group
commit appended (with its world folded): a project's own stream retires that project's
entries; a task's stream the entries of the project it is in and of the one it was in;
events that reach across projects (a task moved to another project or removed, links
between tasks, the global tags of "project 0") and every other stream (users, links,
the application) retire them all; sign-ins, passwords and keys retire none.
Authorization runs before the cache is consulted, and entries hold no caller data.
A cache nobody feeds events (`follow` never called) retires everything at each write.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Callable, Hashable, Iterable

import orjson
from orjson import Fragment

from domain.state import World
from eventstore.records import Recorded

PROJECT_STREAM, TASK_STREAM = "project-", "task-"
# Events no getBoard or getAllTasks answer shows: sign-ins, passwords, keys, the token.
ANSWER_FREE = frozenset({"UserLoginFailed", "UserLoginFailuresReset", "UserPasswordChanged",
                         "ApiKeyCreated", "ApiKeyRevoked", "ApplicationTokenSet"})
GLOBAL_PROJECT = 0  # the stream of the global tags, which tasks of every project carry
# Task events whose effects reach beyond the task's own project's answers.
ACROSS_PROJECTS = frozenset({"TaskMovedToProject", "TaskRemoved", "TaskLinkCreated",
                             "TaskLinkUpdated", "TaskLinkRemoved"})


class AnswerCache:
    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[int, int, Fragment]] = OrderedDict()
        self._world_of: Callable[[], World] | None = None
        self._project_of: dict[int, int] = {}  # task id -> its project, as last seen
        self._retired_all = 0  # log position up to which every entry is stale
        self._retired: dict[int, int] = {}  # project id -> the same for its entries

    def follow(self, world_of: Callable[[], World]) -> Callable[[list[Recorded]], None]:
        """Start tracking the writer's world (before serving); the writer's listener."""
        self._world_of = world_of
        self._project_of = {tid: t.row["project_id"] for tid, t in world_of().tasks.items()}
        return self.on_events

    def get(self, key: Hashable, project_id: int, position: int,
            compute: Callable[[], Any]) -> Fragment:
        """`key`'s answer (encoded), computed now if none is fresh; `position` is the log
        position committed before `compute` runs."""
        entry = self._entries.get(key)
        if entry is not None and self._fresh(entry[0], entry[1], position):
            self._entries.move_to_end(key)
            return entry[2]
        answer = Fragment(orjson.dumps(compute()))
        self._entries[key] = (position, project_id, answer)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return answer

    def _fresh(self, stamp: int, project_id: int, position: int) -> bool:
        if self._world_of is None:
            return stamp == position
        return stamp >= self._retired_all and stamp >= self._retired.get(project_id, 0)

    def on_events(self, rows: list[Recorded]) -> None:
        """Retire what the committed `rows` change (runs on the event loop, right after
        the commit and before any other request)."""
        if not rows or self._world_of is None:
            return
        position = rows[-1].position
        projects = self._projects_moved(rows, self._world_of())
        if projects is None:
            self._retired_all = position
            self._retired.clear()
            return
        for project_id in projects:
            self._retired[project_id] = position

    def _projects_moved(self, rows: Iterable[Recorded], world: World) -> set[int] | None:
        """The projects whose answers the rows change; None: possibly any."""
        moved: set[int] = set()
        everything = False
        for row in rows:
            stream = row.stream_id
            if row.type in ANSWER_FREE:
                continue
            if stream.startswith(PROJECT_STREAM):
                project_id = int(stream[len(PROJECT_STREAM):])
                moved.add(project_id)
                everything = everything or project_id == GLOBAL_PROJECT
            elif stream.startswith(TASK_STREAM):
                task_id = int(stream[len(TASK_STREAM):])
                before = self._project_of.get(task_id)
                task = world.tasks.get(task_id)
                if task is not None:
                    self._project_of[task_id] = task.row["project_id"]
                    moved.add(task.row["project_id"])
                else:
                    self._project_of.pop(task_id, None)
                if before is not None:
                    moved.add(before)
                everything = everything or row.type in ACROSS_PROJECTS
            else:
                everything = True
        return None if everything else moved
