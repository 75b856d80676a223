"""Tasks, their subtasks and comments (the task stream)."""
from __future__ import annotations

from domain import events as ev, rows
from domain.evolve import on
from domain.state import Cell, Key, TaskState, World
from domain.evolve.external_links import drop_external_links_of
from domain.evolve.task_links import drop_links_of
from domain.evolve.files import drop_files_of
from domain.evolve.common import (changed, enter_cell, join, leave, leave_cell,
                                  number, number_parts, task_time_from_subtasks)
from domain.evolve.ordering import (MAX_KEY_LENGTH, key_cell, next_key_if_last, renumber,
                                    settle, unkey)


@on(ev.TaskCreated)
def _task_created(world: World, e: ev.TaskCreated) -> set[Key]:
    world.saw_id("task", e.task_id)
    cell = (e.project_id, e.swimlane_id, e.column_id)
    row = {
        "id": e.task_id, **e.fields, "project_id": e.project_id, "column_id": e.column_id,
        "swimlane_id": e.swimlane_id, "position": e.position, "is_active": 1,
        "date_completed": None, "date_creation": e.at, "date_modification": e.at,
        "date_moved": e.at,
    }
    world.tasks[e.task_id] = TaskState(row=row)
    if e.project_id in world.projects:
        world.projects[e.project_id].task_ids.add(e.task_id)
    placed_last_or_by_position(world, e.task_id, cell, e.position)
    return {("task", e.task_id)}


@on(ev.TaskUpdated)
def _task_updated(world: World, e: ev.TaskUpdated) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    task.row.update(e.changes)
    task.row["date_modification"] = e.at
    return {("task", e.task_id)}


@on(ev.TaskMoved)
def _task_moved(world: World, e: ev.TaskMoved) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    source, target = world.cell_of(task.row), (e.project_id, e.swimlane_id, e.column_id)
    if e.order_key is None:
        return _moved_v1(world, task, e, source, target)
    return _moved_keyed(world, task, e, source, target)


def _moved_v1(world: World, task: TaskState, e: ev.TaskMoved, source: Cell,
              target: Cell) -> set[Key]:
    """Old logs: the TaskRepositioned events that follow a v1 move renumber."""
    settle(world, source)
    settle(world, target)
    unkey(world, source)
    unkey(world, target)
    _relocate(world, task, e, source, target)
    return {("task", e.task_id)}


def _moved_keyed(world: World, task: TaskState, e: ev.TaskMoved, source: Cell,
                 target: Cell) -> set[Key]:
    """The move at its key; both cells renumbered (now, or deferred in time travel; a
    closed task's slot among the open ones is renumbered now)."""
    is_open = task.row["is_active"]
    defer = world.unsettled is not None and is_open
    if not defer:
        settle(world, source)
        settle(world, target)
    key_cell(world, source)  # the keys the decision saw, before the task leaves
    key_cell(world, target)
    _relocate(world, task, e, source, target)
    touched: set[Key] = {("task", e.task_id)}
    if defer:
        world.unsettled.update((source, target))  # type: ignore[union-attr]
    else:
        touched |= renumber(world, target, e.task_id, e.position)
        if source != target:
            touched |= renumber(world, source)
    world.dense.add(source)
    if is_open:
        world.dense.add(target)
    else:  # a closed task moved in holds its slot: a gap among the open ones
        world.dense.discard(target)
    if len(e.order_key or "") > MAX_KEY_LENGTH:
        settle(world, target)  # respread at the next move here
        unkey(world, target)
    return touched


def _relocate(world: World, task: TaskState, e: ev.TaskMoved, source: Cell,
              target: Cell) -> None:
    leave_cell(world, e.task_id, source)  # under its old key
    if e.order_key is not None:
        task.order_key = e.order_key
    task.row.update(column_id=e.column_id, swimlane_id=e.swimlane_id, position=e.position,
                    date_moved=e.at, date_modification=e.at)
    if task.row["is_active"]:
        enter_cell(world, e.task_id, target)


@on(ev.TaskMovedToProject)
def _task_moved_to_project(world: World, e: ev.TaskMovedToProject) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    settle(world, world.cell_of(task.row))
    leave_cell(world, e.task_id, world.cell_of(task.row))
    world.dense.discard(world.cell_of(task.row))  # the others keep their positions: a gap
    old = world.projects.get(task.row["project_id"])
    if old:
        old.task_ids.discard(e.task_id)
    task.row.update(e.changes)  # may reopen it: it enters its new cell below if open
    task.row.update(project_id=e.project_id, column_id=e.column_id, swimlane_id=e.swimlane_id,
                    position=e.position)
    if e.tag_ids is not None:
        task.tag_ids = list(e.tag_ids)
    if e.project_id in world.projects:
        world.projects[e.project_id].task_ids.add(e.task_id)
    if task.row["is_active"]:
        placed_last_or_by_position(world, e.task_id, world.cell_of(task.row), e.position)
    return {("task", e.task_id)}


@on(ev.TaskRepositioned)
def _task_repositioned(world: World, e: ev.TaskRepositioned) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    settle(world, world.cell_of(task.row))
    task.row["position"] = e.position  # same cell: membership does not change
    unkey(world, world.cell_of(task.row))
    return {("task", e.task_id)}


@on(ev.TaskClosed)
def _task_closed(world: World, e: ev.TaskClosed) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    if task.row["is_active"]:  # closing a closed task again (Kanboard re-stamps it) stays put
        settle(world, world.cell_of(task.row))  # it keeps the position it has now
        leave_cell(world, e.task_id, world.cell_of(task.row))
        world.dense.discard(world.cell_of(task.row))
    task.row.update(is_active=0, date_completed=e.at, date_modification=e.at)
    touched: set[Key] = {("task", e.task_id)}
    for subtask_id in task.subtask_order:  # closing a task completes its subtasks
        world.subtasks[subtask_id]["status"] = 2
        touched.add(("subtask", subtask_id))
    return touched


@on(ev.TaskOpened)
def _task_opened(world: World, e: ev.TaskOpened) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    was_open = task.row["is_active"]
    task.row.update(is_active=1, date_completed=0, date_modification=e.at)
    if not was_open:  # opening an open task again (Kanboard re-stamps it) leaves it placed
        placed_by_position(world, e.task_id, world.cell_of(task.row))
    return {("task", e.task_id)}


def placed_last_or_by_position(world: World, task_id: int, cell: Cell, position: int) -> None:
    """Created or moved in from another project: Kanboard puts it after the open tasks.
    In a dense cell that is last in key order too, so the cell stays keyed (and any
    deferred renumbering stays deferred)."""
    key = next_key_if_last(world, cell, position)
    if key is None:
        placed_by_position(world, task_id, cell)
    else:
        world.tasks[task_id].order_key = key
        enter_cell(world, task_id, cell)


def placed_by_position(world: World, task_id: int, cell: Cell) -> None:
    """Creating, reopening and moving to a project place a task by its position, as
    Kanboard does (which may tie with a sibling's): the cell's keys are respread from
    (position, id) at its next move."""
    settle(world, cell)
    enter_cell(world, task_id, cell)
    unkey(world, cell)


def drop_task(world: World, task_id: int) -> set[Key]:
    task = world.tasks.get(task_id)
    if not task:
        return set()
    settle(world, world.cell_of(task.row))  # the others keep the positions they have now
    leave_cell(world, task_id, world.cell_of(task.row))
    world.dense.discard(world.cell_of(task.row))
    del world.tasks[task_id]
    project = world.projects.get(task.row["project_id"])
    if project:
        project.task_ids.discard(task_id)
    touched: set[Key] = {("task", task_id), ("task_metadata", task_id)}
    touched |= drop_links_of(world, task_id=task_id)
    touched |= drop_external_links_of(world, task)
    touched |= drop_files_of(task, world.task_files, "task_file")
    for subtask_id in task.subtask_order:
        world.subtasks.pop(subtask_id, None)
        touched |= {("subtask", subtask_id)} | _drop_timers(world, subtask_id)
    for comment_id in task.comment_ids:
        world.comments.pop(comment_id, None)
        touched.add(("comment", comment_id))
    return touched


def drop_tasks_in_columns(world: World, column_ids: set[int]) -> set[Key]:
    """Kanboard's tasks.column_id cascades on delete: removing a column removes the tasks
    still in it, even another project's (createTask takes any column)."""
    touched: set[Key] = set()
    for task_id in [t for t, task in world.tasks.items() if task.row["column_id"] in column_ids]:
        touched |= drop_task(world, task_id)
    return touched


@on(ev.TaskRemoved)
def _task_removed(world: World, e: ev.TaskRemoved) -> set[Key]:
    return drop_task(world, e.task_id)


@on(ev.TaskTagsSet)
def _task_tags(world: World, e: ev.TaskTagsSet) -> set[Key]:
    if e.task_id in world.tasks:
        world.tasks[e.task_id].tag_ids = list(e.tag_ids)
    return {("task", e.task_id)}


# --- subtasks and comments (task stream) ---------------------------------------------


@on(ev.SubtaskCreated)
def _subtask_created(world: World, e: ev.SubtaskCreated) -> set[Key]:
    task = world.tasks.get(e.task_id)
    row = rows.SUBTASK.make(
        id=e.subtask_id, title=e.title, status=e.status, time_estimated=e.time_estimated,
        time_spent=e.time_spent, task_id=e.task_id, user_id=e.user_id,
        position=_last_subtask_position(world, task) + 1)
    touched = join(world, "subtask", e.subtask_id, task, "subtask_order", world.subtasks, row)
    if task is not None:
        task_time_from_subtasks(world, task)
        touched.add(("task", e.task_id))
    return touched


@on(ev.SubtaskUpdated)
def _subtask_updated(world: World, e: ev.SubtaskUpdated) -> set[Key]:
    subtask, task = world.subtasks.get(e.subtask_id), world.tasks.get(e.task_id)
    if not subtask or not task:
        return set()
    changes = dict(e.changes)
    touched: set[Key] = {("subtask", e.subtask_id), ("task", e.task_id)}
    position = changes.pop("position", None)
    subtask.update(changes)
    if position is not None and e.subtask_id in task.subtask_order:
        task.subtask_order.remove(e.subtask_id)
        task.subtask_order.insert(position - 1, e.subtask_id)
        touched |= number_parts(task.subtask_order, world.subtasks, "subtask")
    task_time_from_subtasks(world, task)
    return touched


@on(ev.SubtaskTimerStarted)
def _timer_started(world: World, e: ev.SubtaskTimerStarted) -> set[Key]:
    world.timers[(e.subtask_id, e.user_id)] = e.at
    return {("subtask_timers", e.subtask_id)}


@on(ev.SubtaskTimerStopped)
def _timer_stopped(world: World, e: ev.SubtaskTimerStopped) -> set[Key]:
    world.timers.pop((e.subtask_id, e.user_id), None)
    subtask, task = world.subtasks.get(e.subtask_id), world.tasks.get(e.task_id)
    touched: set[Key] = {("subtask_timers", e.subtask_id)}
    if e.hours > 0 and subtask is not None and task is not None:
        subtask["time_spent"] = number(subtask["time_spent"] + e.hours)
        task_time_from_subtasks(world, task)
        touched |= {("subtask", e.subtask_id), ("task", e.task_id)}
    return touched


def _drop_timers(world: World, subtask_id: int) -> set[Key]:
    """A subtask's timers go with it (Kanboard's foreign key cascades)."""
    for key in [k for k in world.timers if k[0] == subtask_id]:
        del world.timers[key]
    return {("subtask_timers", subtask_id)}


@on(ev.SubtaskRemoved)
def _subtask_removed(world: World, e: ev.SubtaskRemoved) -> set[Key]:
    _drop_timers(world, e.subtask_id)
    task = world.tasks.get(e.task_id)
    leave(e.subtask_id, task, "subtask_order", world.subtasks)
    touched: set[Key] = {("subtask", e.subtask_id), ("task", e.task_id)}
    if task is not None:  # Kanboard leaves the others' positions as they are
        task_time_from_subtasks(world, task)
    return touched


def _last_subtask_position(world: World, task: TaskState | None) -> int:
    """Kanboard's SubtaskModel::getLastPosition: a removal leaves a gap, so the largest."""
    if task is None:
        return 0
    return max((world.subtasks[s]["position"] for s in task.subtask_order), default=0)


@on(ev.CommentCreated)
def _comment_created(world: World, e: ev.CommentCreated) -> set[Key]:
    task = world.tasks.get(e.task_id)
    row = rows.COMMENT.make(
        id=e.comment_id, task_id=e.task_id, user_id=e.user_id, date_creation=e.at,
        date_modification=e.at, comment=e.comment, reference=e.reference,
        visibility=e.visibility)
    touched = join(world, "comment", e.comment_id, task, "comment_ids", world.comments, row)
    if task is not None:
        touched.add(("task", e.task_id))  # its comment count
    return touched


@on(ev.CommentUpdated)
def _comment_updated(world: World, e: ev.CommentUpdated) -> set[Key]:
    return changed(world.comments, e.comment_id, ("comment", e.comment_id), comment=e.comment,
                   date_modification=e.at)


@on(ev.CommentRemoved)
def _comment_removed(world: World, e: ev.CommentRemoved) -> set[Key]:
    leave(e.comment_id, world.tasks.get(e.task_id), "comment_ids", world.comments)
    return {("comment", e.comment_id), ("task", e.task_id)}
