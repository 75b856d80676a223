"""The registry of call builders and what they share: the model, the random source, picks."""
from __future__ import annotations

import random
from typing import Any, Callable

from compat.calls import Call
from compat.model import ADMIN_ID, Model, Project, Task, User

COLORS = ("yellow", "blue", "green", "purple", "red", "orange", "grey", "brown",
          "deep_orange", "dark_grey", "pink", "teal", "cyan", "lime", "light_green", "amber")
WORDS = ("alpha", "bravo", "delta", "ember", "fjord", "gamma", "harbor", "iris", "jade",
         "kilo", "lumen", "mesa", "nova", "orbit", "pixel", "quartz", "river", "sierra")
DATES = ("2026-12-31", "2027-01-15 10:30", "2020-01-01", "2025-06-30")
Builder = Callable[["Builders"], Call | None]
BUILDERS: dict[str, Builder] = {}


def builds(name: str) -> Callable[[Builder], Builder]:
    def register(function: Builder) -> Builder:
        BUILDERS[name] = function
        return function
    return register


def as_int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else None


class Builders:
    def __init__(self, model: Model, rng: random.Random) -> None:
        self.model = model
        self.rng = rng
        self.serial = 0

    def word(self) -> str:
        self.serial += 1
        return f"{self.rng.choice(WORDS)}-{self.serial}"

    def project(self) -> Project | None:
        return self.model.pick_project(self.rng)

    def task(self) -> Task | None:
        return self.model.pick_task(self.rng)

    def user(self, include_admin: bool = False) -> User | None:
        users = [u for u in self.model.users.values() if include_admin or u.id != ADMIN_ID]
        return self.rng.choice(users) if users else None

    def any_user_id(self) -> int:
        user = self.user(include_admin=True)
        return user.id if user else ADMIN_ID

    def subtask(self) -> tuple[int, int] | None:
        items = list(self.model.subtasks.items())
        return self.rng.choice(items) if items else None

    def comment(self) -> tuple[int, int] | None:
        items = list(self.model.comments.items())
        return self.rng.choice(items) if items else None

    def category(self) -> tuple[int, Project] | None:
        pairs = [(c, p) for p in self.model.projects.values() for c in p.categories]
        return self.rng.choice(pairs) if pairs else None

    def column(self) -> tuple[int, Project] | None:
        pairs = [(c, p) for p in self.model.projects.values() for c in p.columns]
        return self.rng.choice(pairs) if pairs else None

    def learn_project(self, name: str) -> Callable[[Any], None]:
        def learn(result: Any) -> None:
            if as_int(result):
                self.model.projects[result] = Project(self.model.saw(result), name)
        return learn

    def follow_ups(self, project_id: int) -> list[Call]:
        """Reads that teach the model a new project's columns and swimlanes."""
        def learn_columns(result: Any) -> None:
            project = self.model.projects.get(project_id)
            if project and isinstance(result, list):
                project.columns = [self.model.saw(int(c["id"])) for c in result]

        def learn_swimlanes(result: Any) -> None:
            project = self.model.projects.get(project_id)
            if project and isinstance(result, list):
                project.swimlanes = [self.model.saw(int(s["id"])) for s in result]

        return [Call("getColumns", {"project_id": project_id}, learn_columns),
                Call("getAllSwimlanes", {"project_id": project_id}, learn_swimlanes)]
