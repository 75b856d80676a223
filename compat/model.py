"""What the workload generator believes the server holds, learnt only from its answers."""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from compat.client import Credentials

ADMIN_ID = 1
APP_ROLES = ("app-admin", "app-manager", "app-user")
PROJECT_ROLES = ("project-manager", "project-member", "project-viewer")


@dataclass
class User:
    id: int
    username: str
    password: str
    role: str
    active: bool = True

    @property
    def credentials(self) -> Credentials:
        return Credentials(self.username, self.password)


@dataclass
class Project:
    id: int
    name: str
    columns: list[int] = field(default_factory=list)
    swimlanes: list[int] = field(default_factory=list)
    categories: list[int] = field(default_factory=list)
    members: dict[int, str] = field(default_factory=dict)  # user id -> project role
    identifier: str = ""
    metadata: set[str] = field(default_factory=set)


@dataclass
class Task:
    id: int
    project_id: int
    column_id: int
    swimlane_id: int
    metadata: set[str] = field(default_factory=set)


@dataclass
class Model:
    users: dict[int, User] = field(default_factory=dict)
    projects: dict[int, Project] = field(default_factory=dict)
    tasks: dict[int, Task] = field(default_factory=dict)
    subtasks: dict[int, int] = field(default_factory=dict)  # subtask id -> task id
    comments: dict[int, int] = field(default_factory=dict)  # comment id -> task id
    highest_id: int = 1  # the largest id seen of any kind: ids above it do not exist

    def __post_init__(self) -> None:
        self.users.setdefault(ADMIN_ID, User(ADMIN_ID, "admin", "admin", "app-admin"))

    def saw(self, object_id: int) -> int:
        self.highest_id = max(self.highest_id, object_id)
        return object_id

    def missing_id(self, rng: random.Random) -> int:
        return self.highest_id + rng.randint(50, 5000)

    def pick_project(self, rng: random.Random) -> Project | None:
        return rng.choice(list(self.projects.values())) if self.projects else None

    def pick_task(self, rng: random.Random) -> Task | None:
        return rng.choice(list(self.tasks.values())) if self.tasks else None

    def tasks_of(self, project_id: int) -> list[Task]:
        return [t for t in self.tasks.values() if t.project_id == project_id]

    def other_project(self, project_id: int, rng: random.Random) -> Project | None:
        others = [p for p in self.projects.values() if p.id != project_id]
        return rng.choice(others) if others else None

    def forget_project(self, project_id: int) -> None:
        self.projects.pop(project_id, None)
        for task in self.tasks_of(project_id):
            self.forget_task(task.id)

    def forget_task(self, task_id: int) -> None:
        self.tasks.pop(task_id, None)
        self.subtasks = {s: t for s, t in self.subtasks.items() if t != task_id}
        self.comments = {c: t for c, t in self.comments.items() if t != task_id}
