"""Kanboard's integer positions, derived from order keys when a move is folded.

Kanboard renumbers the open tasks of a move's source and target cells 1..n; a v2
TaskMoved records only the moved task's key, and these helpers derive every sibling's
new position from the keys (reporting the siblings whose position changed). After a
move of an open task a keyed cell's positions are just its key ranks, so time travel may
defer the renumbering: `settle` does it before an event that changes the cell otherwise.
"""
from __future__ import annotations

from operator import itemgetter

from domain.order_keys import key_between
from domain.state import Cell, Key, World

# Keys grow by one digit every five moves into the same gap; past this length a
# cell's keys are respread (deterministically, from its board order) at its next move.
MAX_KEY_LENGTH = 24
_TASK_ID = itemgetter(1)  # of a (key, task id) pair


def key_cell(world: World, cell: Cell) -> None:
    """Store the keys cell_keys computes for a cell that is not keyed yet."""
    if cell in world.keyed:
        return
    order = world.cell_keys(cell)
    for task_id, key in order:
        world.tasks[task_id].order_key = key
    world.keyed[cell] = [(key, task_id) for task_id, key in order]


def unkey(world: World, cell: Cell) -> None:
    """The cell's order is (position, id) again, not its keys (respread when needed)."""
    world.keyed.pop(cell, None)
    world.dense.discard(cell)


def next_key_if_last(world: World, cell: Cell, position: int) -> str | None:
    """The key for a task placed at `position` in a dense cell when that is last (after
    its n open tasks), or None when the cell cannot stay keyed."""
    order = world.keyed.get(cell)
    if cell not in world.dense or order is None or position != len(order) + 1:
        return None
    key = key_between(order[-1][0] if order else None, None)
    return key if len(key) <= MAX_KEY_LENGTH else None


def settle(world: World, cell: Cell) -> None:
    """Before anything that depends on a cell's positions: do its deferred renumbering."""
    if world.unsettled and cell in world.unsettled:
        world.unsettled.discard(cell)
        renumber(world, cell)


def defer_renumbering(world: World) -> None:
    """Fold moves without renumbering until needed; settle_all before reading positions."""
    world.unsettled = set()


def settle_all(world: World) -> None:
    for cell in sorted(world.unsettled or ()):
        renumber(world, cell)
    world.unsettled = None


def renumber(world: World, cell: Cell, moved: int | None = None,
             position: int = 0) -> set[Key]:
    """Positions 1..n over a keyed cell's open tasks in key order, the moved task (open or
    not) taking `position`; the moved task's own row is the caller's. A renumbered
    sibling is reported as ("task_position", id): only its position changed."""
    tasks = world.tasks
    order = list(map(_TASK_ID, world.keyed.get(cell, ())))
    if moved is not None:
        if moved in world.cells.get(cell, ()):
            order.remove(moved)
        order.insert(min(position, len(order) + 1) - 1, moved)
    touched: set[Key] = set()
    peek = dict.__getitem__  # a read that changes nothing needs no undo copy (domain.journal)
    for index, task_id in enumerate(order, start=1):
        if peek(tasks, task_id).row["position"] != index and task_id != moved:
            tasks[task_id].row["position"] = index  # by lookup: the journal copies it first
            touched.add(("task_position", task_id))
    return touched
