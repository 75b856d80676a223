"""Links between tasks: a row each way; a task's board document counts its rows."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.state import Key, World, own


@on(ev.TaskLinkCreated)
@on(ev.TaskLinkUpdated)
def _task_link_set(world: World, e: ev.TaskLinkCreated) -> set[Key]:
    world.saw_id("task_link", e.task_link_id)
    touched = _unlink(world, e.task_link_id)  # an update may hand the row to another task
    world.task_links[e.task_link_id] = {"id": e.task_link_id, "task_id": e.task_id,
                                        "opposite_task_id": e.opposite_task_id,
                                        "link_id": e.link_id}
    task = world.tasks.get(e.task_id)
    if task is not None:
        own(task, "link_ids").add(e.task_link_id)
    return touched | {("task_link", e.task_link_id), ("task", e.task_id)}


def _unlink(world: World, task_link_id: int) -> set[Key]:
    row = world.task_links.pop(task_link_id, None)
    if row is None:
        return set()
    task = world.tasks.get(row["task_id"])
    if task is not None and task_link_id in task.link_ids:
        task.link_ids.discard(task_link_id)
    return {("task_link", task_link_id), ("task", row["task_id"])}


@on(ev.TaskLinkRemoved)
def _task_link_removed(world: World, e: ev.TaskLinkRemoved) -> set[Key]:
    return _unlink(world, e.task_link_id) | {("task_link", e.task_link_id)}


def drop_links_of(world: World, task_id: int | None = None,
                  link_id: int | None = None) -> set[Key]:
    """Kanboard's foreign keys cascade: a removed task or link type takes its rows."""
    gone = [r for r in world.task_links.values()
            if (task_id is not None and task_id in (r["task_id"], r["opposite_task_id"]))
            or (link_id is not None and r["link_id"] == link_id)]
    touched: set[Key] = set()
    for row in gone:
        touched |= _unlink(world, row["id"])
    return touched
