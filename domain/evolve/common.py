"""Helpers the evolve modules share."""
from __future__ import annotations

from bisect import bisect_left, insort

from typing import Any

from domain.rules import number
from domain.state import Aggregate, Cell, Key, Row, TaskState, World, own


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
    """Kanboard keeps a task's time_spent/time_estimated as the sums over its subtasks
    (SQL SUM: null once the last subtask is gone)."""
    if not task.subtask_order:
        task.row["time_spent"] = task.row["time_estimated"] = None
        return
    subs = [world.subtasks[s] for s in task.subtask_order]
    task.row["time_spent"] = number(sum(s["time_spent"] for s in subs))
    task.row["time_estimated"] = number(sum(s["time_estimated"] for s in subs))


def join(world: World, kind: str, part_id: int, parent: Aggregate | None, ids: str,
         table: dict[int, Row], row: Row) -> set[Key]:
    """A part (column, swimlane, category, tag, sprint, subtask, comment) joins its
    project or task, if that is there (a partial world may lack it)."""
    world.saw_id(kind, part_id)
    if parent is None:
        return set()
    own(parent, ids).append(part_id)
    table[part_id] = row
    return {(kind, part_id)}


def leave(part_id: int, parent: Aggregate | None, ids: str, table: dict[int, Row]) -> None:
    """A part leaves its project or task."""
    table.pop(part_id, None)
    order = getattr(parent, ids) if parent is not None else ()
    if part_id in order:
        order.remove(part_id)


def next_position(parent: Aggregate | None, ids: str) -> int:
    return len(getattr(parent, ids)) + 1 if parent is not None else 1


def number_parts(order: list[int], table: dict[int, Row], kind: str) -> set[Key]:
    """Positions 1..n in `order`; the parts whose position changed."""
    touched: set[Key] = set()
    for index, item_id in enumerate(order, start=1):
        if table[item_id]["position"] != index:
            table[item_id]["position"] = index
            touched.add((kind, item_id))
    return touched


def changed(table: dict[int, Row], item_id: int, key: Key, **values: Any) -> set[Key]:
    """Set a row's values if the row is there; the key to re-render either way."""
    row = table.get(item_id)
    if row is not None:
        row.update(values)
    return {key}
