"""Decisions on links between tasks, as Kanboard's TaskLinkModel makes them: each link
is two rows, the asked one and its opposite (the opposite task, the opposite type), made,
changed and removed together or not at all."""
from __future__ import annotations

from domain import commands as cmd
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import NotFound
from domain.state import Row, World


def _opposite_type(world: World, link_id: int) -> int:
    """LinkModel::getOppositeLinkId: the opposite type, or the type itself."""
    link = world.links.get(link_id)
    return (link["opposite_id"] if link else 0) or link_id


def _check_references(world: World, task_id: int, opposite_task_id: int, link_id: int) -> None:
    """Kanboard's foreign keys: both tasks and both link types must exist."""
    if task_id not in world.tasks or opposite_task_id not in world.tasks:
        raise NotFound("a linked task does not exist")
    if link_id not in world.links or _opposite_type(world, link_id) not in world.links:
        raise NotFound(f"link type {link_id} does not exist")


def opposite_row(world: World, row: Row) -> Row | None:
    """TaskLinkModel::getOppositeTaskLink: the row going the other way."""
    back = _opposite_type(world, row["link_id"])
    return next((r for r in world.task_links.values()
                 if r["task_id"] == row["opposite_task_id"]
                 and r["opposite_task_id"] == row["task_id"] and r["link_id"] == back), None)


@decides(cmd.CreateTaskLink)
def create_task_link(world: World, c: cmd.CreateTaskLink) -> Decision:
    _check_references(world, c.task_id, c.opposite_task_id, c.link_id)
    first = world.next_id("task_link")
    return Decision([
        ev.TaskLinkCreated(c.task_id, first, c.opposite_task_id, c.link_id),
        ev.TaskLinkCreated(c.opposite_task_id, first + 1, c.task_id,
                           _opposite_type(world, c.link_id)),
    ], first)


@decides(cmd.UpdateTaskLink)
def update_task_link(world: World, c: cmd.UpdateTaskLink) -> Decision:
    row = world.task_links.get(c.task_link_id)
    if row is None or row["task_id"] != c.task_id:
        raise NotFound(f"task link {c.task_link_id} is not task {c.task_id}'s")
    _check_references(world, c.task_id, c.opposite_task_id, c.link_id)
    events: list[ev.Event] = [ev.TaskLinkUpdated(c.task_id, c.task_link_id, c.opposite_task_id,
                                                 c.link_id)]
    back = opposite_row(world, row)
    if back is not None:  # without one, Kanboard's second UPDATE matches nothing
        events.append(ev.TaskLinkUpdated(c.opposite_task_id, back["id"], c.task_id,
                                         _opposite_type(world, c.link_id)))
    return Decision(events)


@decides(cmd.RemoveTaskLink)
def remove_task_link(world: World, c: cmd.RemoveTaskLink) -> Decision:
    row = world.task_links.get(c.task_link_id)
    back = opposite_row(world, row) if row else None
    if row is None or back is None:  # Kanboard needs both DELETEs to remove a row
        raise NotFound(f"task link {c.task_link_id} or its opposite does not exist")
    return Decision([ev.TaskLinkRemoved(row["task_id"], row["id"]),
                     ev.TaskLinkRemoved(back["task_id"], back["id"])])
