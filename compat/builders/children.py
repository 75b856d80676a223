"""Builders for subtasks and comments."""
from __future__ import annotations

from typing import Any

from compat.builders.base import Builders, as_int, builds
from compat.calls import Call


# --- subtasks and comments --------------------------------------------------------------------

@builds("createSubtask")
def _create_subtask(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    params: dict[str, Any] = {"task_id": task.id, "title": b.word()}
    if b.rng.random() < 0.3:
        params["user_id"] = b.any_user_id()
    if b.rng.random() < 0.3:
        params["time_estimated"] = b.rng.randint(1, 8)
    if b.rng.random() < 0.2:
        params["status"] = b.rng.choice((0, 1, 2))

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.subtasks[b.model.saw(result)] = task.id
    return Call("createSubtask", params, learn, project_id=task.project_id)


def _project_of_task(b: Builders, task_id: int) -> int | None:
    task = b.model.tasks.get(task_id)
    return task.project_id if task else None


@builds("getSubtask")
def _get_subtask(b: Builders) -> Call | None:
    pair = b.subtask()
    if pair is None:
        return None
    return Call("getSubtask", {"subtask_id": pair[0]}, project_id=_project_of_task(b, pair[1]))


@builds("updateSubtask")
def _update_subtask(b: Builders) -> Call | None:
    pair = b.subtask()
    if pair is None:
        return None
    params: dict[str, Any] = {"id": pair[0], "task_id": pair[1]}
    choice = b.rng.random()
    if choice < 0.4:
        params["status"] = b.rng.choice((0, 1, 2))
    elif choice < 0.7:
        params["title"] = b.word()
    else:
        params["time_spent"] = b.rng.randint(1, 5)
    return Call("updateSubtask", params, project_id=_project_of_task(b, pair[1]))


@builds("removeSubtask")
def _remove_subtask(b: Builders) -> Call | None:
    pair = b.subtask()
    if pair is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.subtasks.pop(pair[0], None)
    return Call("removeSubtask", {"subtask_id": pair[0]}, learn,
                project_id=_project_of_task(b, pair[1]))


@builds("createComment")
def _create_comment(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    params: dict[str, Any] = {"task_id": task.id, "user_id": b.any_user_id(),
                              "content": "note " + b.word()}
    if b.rng.random() < 0.2:
        params["reference"] = f"ext-{b.rng.randint(1, 99)}"

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.comments[b.model.saw(result)] = task.id
    return Call("createComment", params, learn, project_id=task.project_id)


@builds("getComment")
def _get_comment(b: Builders) -> Call | None:
    pair = b.comment()
    if pair is None:
        return None
    return Call("getComment", {"comment_id": pair[0]}, project_id=_project_of_task(b, pair[1]))


@builds("updateComment")
def _update_comment(b: Builders) -> Call | None:
    pair = b.comment()
    if pair is None:
        return None
    return Call("updateComment", {"id": pair[0], "content": "edited " + b.word()},
                project_id=_project_of_task(b, pair[1]))


@builds("removeComment")
def _remove_comment(b: Builders) -> Call | None:
    pair = b.comment()
    if pair is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.comments.pop(pair[0], None)
    return Call("removeComment", {"comment_id": pair[0]}, learn,
                project_id=_project_of_task(b, pair[1]))
