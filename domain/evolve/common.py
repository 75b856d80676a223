"""Helpers the evolve modules share."""
from __future__ import annotations

from domain.state import Cell, Key, TaskState, World


def tasks_where(world: World, project_id: int, **match) -> set[Key]:
    project = world.projects.get(project_id)
    if not project:
        return set()
    return {
        ("task", tid)
        for tid in project.task_ids
        if all(world.tasks[tid].row.get(k) == v for k, v in match.items())
    }


def leave_cell(world: World, task_id: int, cell: Cell) -> None:
    ids = world.cells.get(cell)
    if ids:
        ids.discard(task_id)


def enter_cell(world: World, task_id: int, cell: Cell) -> None:
    world.cells.setdefault(cell, set()).add(task_id)


def task_time_from_subtasks(world: World, task: TaskState) -> None:
    """Kanboard keeps a task's time_spent/time_estimated as the sums over its subtasks."""
    if not task.subtask_order:
        return
    subs = [world.subtasks[s] for s in task.subtask_order]
    task.row["time_spent"] = number(sum(s["time_spent"] for s in subs))
    task.row["time_estimated"] = number(sum(s["time_estimated"] for s in subs))


def number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
