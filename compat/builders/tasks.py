"""Builders for tasks, their tags and positions."""
from __future__ import annotations

from typing import Any

from compat.builders.base import BUILDERS, COLORS, DATES, WORDS, Builder, Builders, as_int, builds
from compat.calls import Call
from compat.model import ADMIN_ID, Task


# --- tasks ------------------------------------------------------------------------------------

@builds("createTask")
def _create_task(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"title": b.word().title(), "project_id": project.id}
    column = project.columns[0] if project.columns else 0
    swimlane = project.swimlanes[0] if project.swimlanes else 0
    rng = b.rng
    if project.columns and rng.random() < 0.5:
        column = params["column_id"] = rng.choice(project.columns)
    if project.swimlanes and rng.random() < 0.2:
        swimlane = params["swimlane_id"] = rng.choice(project.swimlanes)
    if rng.random() < 0.3:
        params["color_id"] = rng.choice(COLORS)
    if rng.random() < 0.3:
        params["owner_id"] = rng.choice(list(project.members) or [ADMIN_ID])
    if project.categories and rng.random() < 0.3:
        params["category_id"] = rng.choice(project.categories)
    if rng.random() < 0.3:
        params["date_due"] = rng.choice(DATES)
    if rng.random() < 0.3:
        params["description"] = "details of " + b.word()
    if rng.random() < 0.2:
        params["score"] = rng.randint(0, 13)
    if rng.random() < 0.2:
        params["priority"] = rng.randint(0, 3)
    if rng.random() < 0.2:
        params["tags"] = rng.sample(["ops", "bug", "ui", "db"], 2)
    if rng.random() < 0.15:
        params["reference"] = f"REF-{rng.randint(1, 30)}"

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.tasks[result] = Task(b.model.saw(result), project.id, column, swimlane)
    return Call("createTask", params, learn, project_id=project.id)


def _task_call(method: str, learn_removed: bool = False) -> Builder:
    def build(b: Builders) -> Call | None:
        task = b.task()
        if task is None:
            return None

        def learn(result: Any) -> None:
            if learn_removed and result is True:
                b.model.forget_task(task.id)
        return Call(method, {"task_id": task.id}, learn, project_id=task.project_id)
    return build


for _name in ("getTask", "openTask", "closeTask", "getAllSubtasks", "getAllComments",
              "getTaskTags", "getTaskMetadata", "getAllTaskLinks"):
    BUILDERS[_name] = _task_call(_name)
BUILDERS["removeTask"] = _task_call("removeTask", learn_removed=True)


@builds("getTaskByReference")
def _get_task_by_reference(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    return Call("getTaskByReference", {"project_id": project.id,
                                       "reference": f"REF-{b.rng.randint(1, 30)}"},
                project_id=project.id)


@builds("updateTask")
def _update_task(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    rng = b.rng
    params: dict[str, Any] = {"id": task.id}
    for name, value in (("title", b.word().title()), ("color_id", rng.choice(COLORS)),
                        ("date_due", rng.choice(DATES)), ("description", "now " + b.word()),
                        ("score", rng.randint(0, 8)), ("priority", rng.randint(0, 3)),
                        ("tags", rng.sample(["ops", "bug", "ui", "db"], 1))):
        if rng.random() < 0.3:
            params[name] = value
    if len(params) == 1:
        params["title"] = b.word().title()
    return Call("updateTask", params, project_id=task.project_id)


@builds("moveTaskPosition")
def _move_task_position(b: Builders) -> Call | None:
    task = b.task()
    project = b.model.projects.get(task.project_id) if task else None
    if task is None or project is None or not project.columns:
        return None
    column = b.rng.choice(project.columns)
    swimlane = task.swimlane_id
    siblings = [t for t in b.model.tasks_of(project.id) if t.column_id == column]
    position = b.rng.randint(1, len(siblings) + 1)

    def learn(result: Any) -> None:
        if result is True:
            task.column_id = column
    return Call("moveTaskPosition", {"project_id": project.id, "task_id": task.id,
                                     "column_id": column, "position": position,
                                     "swimlane_id": swimlane}, learn, project_id=project.id)


@builds("searchTasks")
def _search_tasks(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    query = b.rng.choice(("status:open", "status:closed", b.rng.choice(WORDS), "color:blue",
                          "assignee:me", "due:<2027-01-01", "nothing-matches"))
    return Call("searchTasks", {"project_id": project.id, "query": query},
                project_id=project.id)


@builds("setTaskTags")
def _set_task_tags(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    tags = b.rng.sample(["ops", "bug", "ui", "db", "later"], b.rng.randint(0, 3))
    return Call("setTaskTags", {"project_id": task.project_id, "task_id": task.id,
                                "tags": tags}, project_id=task.project_id)
