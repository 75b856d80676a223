"""Helpers the evolve modules share."""
from __future__ import annotations

from bisect import bisect_left, insort

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
    """An open task leaves its cell (and the cell's key order, if keyed)."""
    ids = world.cells.get(cell)
    if not ids or task_id not in ids:
        return
    ids.discard(task_id)
    order = world.keyed.get(cell)
    if order is not None:
        entry = (world.tasks[task_id].order_key, task_id)
        index = bisect_left(order, entry)
        if index < len(order) and order[index] == entry:
            del order[index]


def enter_cell(world: World, task_id: int, cell: Cell) -> None:
    world.cells.setdefault(cell, set()).add(task_id)
    order = world.keyed.get(cell)
    if order is not None:
        insort(order, (world.tasks[task_id].order_key, task_id))


def task_time_from_subtasks(world: World, task: TaskState) -> None:
    """Kanboard keeps a task's time_spent/time_estimated as the sums over its subtasks."""
    if not task.subtask_order:
        return
    subs = [world.subtasks[s] for s in task.subtask_order]
    task.row["time_spent"] = number(sum(s["time_spent"] for s in subs))
    task.row["time_estimated"] = number(sum(s["time_estimated"] for s in subs))


def number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
