"""Kanboard's integer positions, derived from order keys when a move is folded.

Kanboard renumbers the open tasks of a move's source and target cells 1..n; a v2
TaskMoved records only the moved task's key, and these helpers derive every sibling's
new position from the keys (reporting the siblings whose position changed).
"""
from __future__ import annotations

from domain.state import Cell, Key, World

# Keys grow by one digit every five moves into the same gap; past this length a
# cell's keys are respread (deterministically, from its board order) at its next move.
MAX_KEY_LENGTH = 24


def key_cell(world: World, cell: Cell) -> None:
    """Store the keys cell_keys computes for a cell that is not keyed yet."""
    if cell in world.keyed_cells:
        return
    for task_id, key in world.cell_keys(cell):
        world.tasks[task_id].order_key = key
    world.keyed_cells.add(cell)


def renumber(world: World, cell: Cell, moved: int | None = None,
             position: int = 0) -> set[Key]:
    """Positions 1..n over the cell's open tasks in key order, the moved task (open or
    not) taking `position`; the moved task's own row is the caller's. A renumbered
    sibling is reported as ("task_position", id): only its position changed."""
    order = [t for t, _ in world.cell_keys(cell) if t != moved]
    if moved is not None:
        order.insert(min(position, len(order) + 1) - 1, moved)
    touched: set[Key] = set()
    for index, task_id in enumerate(order, start=1):
        row = world.tasks[task_id].row
        if task_id != moved and row["position"] != index:
            row["position"] = index
            touched.add(("task_position", task_id))
    return touched
