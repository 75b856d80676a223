"""evolve: apply one event to the world. Never fails; tolerates a partial world.

`apply` returns the keys of the entities whose rendering the event changed, so a read
model can re-render exactly those rows (and delete the ones that no longer exist).
"""
from __future__ import annotations

from typing import Callable

from domain import events as ev
from domain.state import Cell, Key, ProjectState, TaskState, World

Handler = Callable[[World, ev.Event], set[Key]]
_HANDLERS: dict[type[ev.Event], Handler] = {}


def on(event_type: type[ev.Event]):
    def register(fn: Handler) -> Handler:
        _HANDLERS[event_type] = fn
        return fn

    return register


def apply(world: World, event: ev.Event) -> set[Key]:
    handler = _HANDLERS.get(type(event))
    return handler(world, event) if handler else set()


def fold(events, world: World | None = None) -> World:
    world = world or World()
    for event in events:
        apply(world, event)
    return world


# --- helpers ------------------------------------------------------------------------


def _tasks_where(world: World, project_id: int, **match) -> set[Key]:
    project = world.projects.get(project_id)
    if not project:
        return set()
    return {
        ("task", tid)
        for tid in project.task_ids
        if all(world.tasks[tid].row.get(k) == v for k, v in match.items())
    }


def _leave_cell(world: World, task_id: int, cell: Cell) -> None:
    ids = world.cells.get(cell)
    if ids:
        ids.discard(task_id)


def _enter_cell(world: World, task_id: int, cell: Cell) -> None:
    world.cells.setdefault(cell, set()).add(task_id)


def _task_time_from_subtasks(world: World, task: TaskState) -> None:
    """Kanboard keeps a task's time_spent/time_estimated as the sums over its subtasks."""
    if not task.subtask_order:
        return
    subs = [world.subtasks[s] for s in task.subtask_order]
    task.row["time_spent"] = _number(sum(s["time_spent"] for s in subs))
    task.row["time_estimated"] = _number(sum(s["time_estimated"] for s in subs))


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


# --- application and users -----------------------------------------------------------


@on(ev.ApplicationTokenSet)
def _token(world: World, e: ev.ApplicationTokenSet) -> set[Key]:
    world.app_token_hash = e.token_hash
    return set()


@on(ev.UserCreated)
def _user_created(world: World, e: ev.UserCreated) -> set[Key]:
    world.saw_id("user", e.user_id)
    world.users[e.user_id] = {
        "id": e.user_id, "username": e.username, "name": e.name, "email": e.email,
        "role": e.role, "is_active": 1,
    }
    world.password_hashes[e.user_id] = e.password_hash
    world.usernames[e.username] = e.user_id
    return {("user", e.user_id)}


def _tasks_owned_by(world: World, user_id: int) -> set[Key]:
    return {("task", tid) for tid, t in world.tasks.items() if t.row["owner_id"] == user_id}


@on(ev.UserUpdated)
def _user_updated(world: World, e: ev.UserUpdated) -> set[Key]:
    user = world.users.get(e.user_id)
    if not user:
        return set()
    if "username" in e.changes:
        world.usernames.pop(user["username"], None)
        world.usernames[e.changes["username"]] = e.user_id
    user.update(e.changes)
    return {("user", e.user_id)} | _tasks_owned_by(world, e.user_id)


@on(ev.UserPasswordChanged)
def _user_password(world: World, e: ev.UserPasswordChanged) -> set[Key]:
    world.password_hashes[e.user_id] = e.password_hash
    return set()


@on(ev.UserEnabled)
def _user_enabled(world: World, e: ev.UserEnabled) -> set[Key]:
    if e.user_id in world.users:
        world.users[e.user_id]["is_active"] = 1
    return {("user", e.user_id)}


@on(ev.UserDisabled)
def _user_disabled(world: World, e: ev.UserDisabled) -> set[Key]:
    if e.user_id in world.users:
        world.users[e.user_id]["is_active"] = 0
    return {("user", e.user_id)}


@on(ev.UserRemoved)
def _user_removed(world: World, e: ev.UserRemoved) -> set[Key]:
    user = world.users.pop(e.user_id, None)
    world.password_hashes.pop(e.user_id, None)
    if user:
        world.usernames.pop(user["username"], None)
    touched: set[Key] = {("user", e.user_id)} | _tasks_owned_by(world, e.user_id)
    for key in touched - {("user", e.user_id)}:
        world.tasks[key[1]].row["owner_id"] = 0
    for project_id, project in world.projects.items():
        if project.members.pop(e.user_id, None):
            touched.add(("project_users", project_id))
    return touched


# --- projects ------------------------------------------------------------------------


@on(ev.ProjectCreated)
def _project_created(world: World, e: ev.ProjectCreated) -> set[Key]:
    world.saw_id("project", e.project_id)
    world.projects[e.project_id] = ProjectState(row={
        "id": e.project_id, "name": e.name, "is_active": 1, "token": "", "last_modified": e.at,
        "is_public": 0, "is_private": e.is_private, "description": e.description,
        "identifier": e.identifier, "start_date": e.start_date, "end_date": e.end_date,
        "owner_id": e.owner_id, "priority_default": e.priority_default,
        "priority_start": e.priority_start, "priority_end": e.priority_end, "email": e.email,
    })
    return {("project", e.project_id)}


def _project_changed(world: World, project_id: int, changes: dict, at: int) -> set[Key]:
    project = world.projects.get(project_id)
    if not project:
        return set()
    project.row.update(changes)
    project.row["last_modified"] = at
    touched: set[Key] = {("project", project_id)}
    if "name" in changes:
        touched |= {("task", tid) for tid in project.task_ids}
    return touched


@on(ev.ProjectUpdated)
def _project_updated(world: World, e: ev.ProjectUpdated) -> set[Key]:
    return _project_changed(world, e.project_id, e.changes, e.at)


@on(ev.ProjectEnabled)
def _project_enabled(world: World, e: ev.ProjectEnabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_active": 1}, e.at)


@on(ev.ProjectDisabled)
def _project_disabled(world: World, e: ev.ProjectDisabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_active": 0}, e.at)


@on(ev.ProjectPublicAccessEnabled)
def _public_on(world: World, e: ev.ProjectPublicAccessEnabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_public": 1, "token": e.token}, e.at)


@on(ev.ProjectPublicAccessDisabled)
def _public_off(world: World, e: ev.ProjectPublicAccessDisabled) -> set[Key]:
    return _project_changed(world, e.project_id, {"is_public": 0, "token": ""}, e.at)


@on(ev.ProjectRemoved)
def _project_removed(world: World, e: ev.ProjectRemoved) -> set[Key]:
    project = world.projects.pop(e.project_id, None)
    if not project:
        return set()
    touched: set[Key] = {("project", e.project_id), ("project_users", e.project_id),
                         ("project_metadata", e.project_id)}
    for task_id in list(project.task_ids):
        touched |= _drop_task(world, task_id)
    for kind, ids, table in (("sprint", project.sprint_ids, world.sprints),
                             ("column", project.column_order, world.columns),
                             ("swimlane", project.swimlane_order, world.swimlanes),
                             ("category", project.category_ids, world.categories),
                             ("tag", project.tag_ids, world.tags)):
        for item_id in ids:
            table.pop(item_id, None)
            touched.add((kind, item_id))
    for cell in [c for c in world.cells if c[0] == e.project_id]:
        del world.cells[cell]
    return touched


@on(ev.ProjectMetadataSaved)
def _project_meta_saved(world: World, e: ev.ProjectMetadataSaved) -> set[Key]:
    if e.project_id in world.projects:
        world.projects[e.project_id].metadata.update(e.values)
    return {("project_metadata", e.project_id)}


@on(ev.ProjectMetadataRemoved)
def _project_meta_removed(world: World, e: ev.ProjectMetadataRemoved) -> set[Key]:
    if e.project_id in world.projects:
        world.projects[e.project_id].metadata.pop(e.name, None)
    return {("project_metadata", e.project_id)}


@on(ev.ProjectUserAdded)
@on(ev.ProjectUserRoleChanged)
def _member_set(world: World, e: ev.ProjectUserAdded) -> set[Key]:
    if e.project_id in world.projects:
        world.projects[e.project_id].members[e.user_id] = e.role
    return {("project_users", e.project_id)}


@on(ev.ProjectUserRemoved)
def _member_removed(world: World, e: ev.ProjectUserRemoved) -> set[Key]:
    if e.project_id in world.projects:
        world.projects[e.project_id].members.pop(e.user_id, None)
    return {("project_users", e.project_id)}


# --- columns, swimlanes, categories, tags --------------------------------------------


def _renumber_columns(world: World, project: ProjectState) -> set[Key]:
    touched: set[Key] = set()
    for index, column_id in enumerate(project.column_order, start=1):
        if world.columns[column_id]["position"] != index:
            world.columns[column_id]["position"] = index
            touched.add(("column", column_id))
            touched |= _tasks_where(world, project.row["id"], column_id=column_id)
    return touched


@on(ev.ColumnAdded)
def _column_added(world: World, e: ev.ColumnAdded) -> set[Key]:
    world.saw_id("column", e.column_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    last = max((world.columns[c]["position"] for c in project.column_order), default=0)
    project.column_order.append(e.column_id)
    world.columns[e.column_id] = {
        "id": e.column_id, "title": e.title, "position": last + 1,
        "project_id": e.project_id, "task_limit": e.task_limit, "description": e.description,
        "hide_in_dashboard": 0,
    }
    return {("column", e.column_id)}


@on(ev.ColumnUpdated)
def _column_updated(world: World, e: ev.ColumnUpdated) -> set[Key]:
    column = world.columns.get(e.column_id)
    if not column:
        return set()
    column.update(title=e.title, task_limit=e.task_limit, description=e.description)
    return {("column", e.column_id)} | _tasks_where(world, e.project_id, column_id=e.column_id)


@on(ev.ColumnMoved)
def _column_moved(world: World, e: ev.ColumnMoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    if not project or e.column_id not in project.column_order:
        return set()
    project.column_order.remove(e.column_id)
    project.column_order.insert(e.position - 1, e.column_id)
    return _renumber_columns(world, project)


@on(ev.ColumnRemoved)
def _column_removed(world: World, e: ev.ColumnRemoved) -> set[Key]:
    project = world.projects.get(e.project_id)
    world.columns.pop(e.column_id, None)
    touched: set[Key] = {("column", e.column_id)}
    if project and e.column_id in project.column_order:
        project.column_order.remove(e.column_id)  # Kanboard leaves the other positions as they are
    return touched


@on(ev.SwimlaneAdded)
def _swimlane_added(world: World, e: ev.SwimlaneAdded) -> set[Key]:
    world.saw_id("swimlane", e.swimlane_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    project.swimlane_order.append(e.swimlane_id)
    world.swimlanes[e.swimlane_id] = {
        "id": e.swimlane_id, "name": e.name, "position": len(project.swimlane_order),
        "is_active": 1, "project_id": e.project_id, "description": e.description,
        "task_limit": 0,
    }
    return {("swimlane", e.swimlane_id)}


@on(ev.CategoryCreated)
def _category_created(world: World, e: ev.CategoryCreated) -> set[Key]:
    world.saw_id("category", e.category_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    project.category_ids.append(e.category_id)
    world.categories[e.category_id] = {
        "id": e.category_id, "name": e.name, "project_id": e.project_id,
        "description": None, "color_id": e.color_id,
    }
    return {("category", e.category_id)}


@on(ev.CategoryUpdated)
def _category_updated(world: World, e: ev.CategoryUpdated) -> set[Key]:
    category = world.categories.get(e.category_id)
    if not category:
        return set()
    category.update(name=e.name, color_id=e.color_id)
    return {("category", e.category_id)} | _tasks_where(world, e.project_id,
                                                          category_id=e.category_id)


@on(ev.CategoryRemoved)
def _category_removed(world: World, e: ev.CategoryRemoved) -> set[Key]:
    world.categories.pop(e.category_id, None)
    project = world.projects.get(e.project_id)
    if project and e.category_id in project.category_ids:
        project.category_ids.remove(e.category_id)
    touched = _tasks_where(world, e.project_id, category_id=e.category_id)
    for _, task_id in touched:
        world.tasks[task_id].row["category_id"] = 0
    return touched | {("category", e.category_id)}


@on(ev.TagCreated)
def _tag_created(world: World, e: ev.TagCreated) -> set[Key]:
    world.saw_id("tag", e.tag_id)
    world.tags[e.tag_id] = {"id": e.tag_id, "name": e.name, "project_id": e.project_id,
                            "color_id": None}
    if e.project_id in world.projects:
        world.projects[e.project_id].tag_ids.append(e.tag_id)
    return {("tag", e.tag_id)}


# --- tasks ---------------------------------------------------------------------------


@on(ev.TaskCreated)
def _task_created(world: World, e: ev.TaskCreated) -> set[Key]:
    world.saw_id("task", e.task_id)
    row = {
        "id": e.task_id, **e.fields, "project_id": e.project_id, "column_id": e.column_id,
        "swimlane_id": e.swimlane_id, "position": e.position, "is_active": 1,
        "date_completed": None, "date_creation": e.at, "date_modification": e.at,
        "date_moved": e.at,
    }
    world.tasks[e.task_id] = TaskState(row=row)
    if e.project_id in world.projects:
        world.projects[e.project_id].task_ids.add(e.task_id)
    _enter_cell(world, e.task_id, world.cell_of(row))
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
    _leave_cell(world, e.task_id, world.cell_of(task.row))
    task.row.update(column_id=e.column_id, swimlane_id=e.swimlane_id, position=e.position,
                    date_moved=e.at, date_modification=e.at)
    if task.row["is_active"]:
        _enter_cell(world, e.task_id, world.cell_of(task.row))
    return {("task", e.task_id)}


@on(ev.TaskMovedToProject)
def _task_moved_to_project(world: World, e: ev.TaskMovedToProject) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    _leave_cell(world, e.task_id, world.cell_of(task.row))
    old = world.projects.get(task.row["project_id"])
    if old:
        old.task_ids.discard(e.task_id)
    task.row.update(project_id=e.project_id, column_id=e.column_id, swimlane_id=e.swimlane_id,
                    position=e.position, category_id=0, lt_sprint=None, date_moved=e.at,
                    date_modification=e.at)
    task.tag_ids = []
    if e.project_id in world.projects:
        world.projects[e.project_id].task_ids.add(e.task_id)
    if task.row["is_active"]:
        _enter_cell(world, e.task_id, world.cell_of(task.row))
    return {("task", e.task_id)}


@on(ev.TaskRepositioned)
def _task_repositioned(world: World, e: ev.TaskRepositioned) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    task.row["position"] = e.position  # same cell: membership does not change
    return {("task", e.task_id)}


@on(ev.TaskClosed)
def _task_closed(world: World, e: ev.TaskClosed) -> set[Key]:
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    _leave_cell(world, e.task_id, world.cell_of(task.row))
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
    task.row.update(is_active=1, date_completed=0, date_modification=e.at)
    _enter_cell(world, e.task_id, world.cell_of(task.row))
    return {("task", e.task_id)}


def _drop_task(world: World, task_id: int) -> set[Key]:
    task = world.tasks.pop(task_id, None)
    if not task:
        return set()
    _leave_cell(world, task_id, world.cell_of(task.row))
    project = world.projects.get(task.row["project_id"])
    if project:
        project.task_ids.discard(task_id)
    touched: set[Key] = {("task", task_id), ("task_metadata", task_id)}
    for subtask_id in task.subtask_order:
        world.subtasks.pop(subtask_id, None)
        touched.add(("subtask", subtask_id))
    for comment_id in task.comment_ids:
        world.comments.pop(comment_id, None)
        touched.add(("comment", comment_id))
    return touched


@on(ev.TaskRemoved)
def _task_removed(world: World, e: ev.TaskRemoved) -> set[Key]:
    return _drop_task(world, e.task_id)


@on(ev.TaskTagsSet)
def _task_tags(world: World, e: ev.TaskTagsSet) -> set[Key]:
    if e.task_id in world.tasks:
        world.tasks[e.task_id].tag_ids = list(e.tag_ids)
    return {("task", e.task_id)}


@on(ev.TaskMetadataSaved)
def _task_meta_saved(world: World, e: ev.TaskMetadataSaved) -> set[Key]:
    if e.task_id in world.tasks:
        world.tasks[e.task_id].metadata.update(e.values)
    return {("task_metadata", e.task_id)}


@on(ev.TaskMetadataRemoved)
def _task_meta_removed(world: World, e: ev.TaskMetadataRemoved) -> set[Key]:
    if e.task_id in world.tasks:
        world.tasks[e.task_id].metadata.pop(e.name, None)
    return {("task_metadata", e.task_id)}


# --- subtasks and comments (task stream) ---------------------------------------------


@on(ev.SubtaskCreated)
def _subtask_created(world: World, e: ev.SubtaskCreated) -> set[Key]:
    world.saw_id("subtask", e.subtask_id)
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    task.subtask_order.append(e.subtask_id)
    world.subtasks[e.subtask_id] = {
        "id": e.subtask_id, "title": e.title, "status": e.status,
        "time_estimated": e.time_estimated, "time_spent": e.time_spent, "task_id": e.task_id,
        "user_id": e.user_id, "position": len(task.subtask_order),
    }
    _task_time_from_subtasks(world, task)
    return {("subtask", e.subtask_id), ("task", e.task_id)}


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
        for index, sid in enumerate(task.subtask_order, start=1):
            world.subtasks[sid]["position"] = index
            touched.add(("subtask", sid))
    _task_time_from_subtasks(world, task)
    return touched


@on(ev.SubtaskRemoved)
def _subtask_removed(world: World, e: ev.SubtaskRemoved) -> set[Key]:
    world.subtasks.pop(e.subtask_id, None)
    task = world.tasks.get(e.task_id)
    touched: set[Key] = {("subtask", e.subtask_id), ("task", e.task_id)}
    if task and e.subtask_id in task.subtask_order:
        task.subtask_order.remove(e.subtask_id)
        for index, sid in enumerate(task.subtask_order, start=1):
            world.subtasks[sid]["position"] = index
            touched.add(("subtask", sid))
        _task_time_from_subtasks(world, task)
    return touched


@on(ev.CommentCreated)
def _comment_created(world: World, e: ev.CommentCreated) -> set[Key]:
    world.saw_id("comment", e.comment_id)
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    task.comment_ids.append(e.comment_id)
    world.comments[e.comment_id] = {
        "id": e.comment_id, "task_id": e.task_id, "user_id": e.user_id,
        "date_creation": e.at, "date_modification": e.at, "comment": e.comment,
        "reference": e.reference, "visibility": e.visibility,
    }
    return {("comment", e.comment_id), ("task", e.task_id)}


@on(ev.CommentUpdated)
def _comment_updated(world: World, e: ev.CommentUpdated) -> set[Key]:
    comment = world.comments.get(e.comment_id)
    if comment:
        comment.update(comment=e.comment, date_modification=e.at)
    return {("comment", e.comment_id)}


@on(ev.CommentRemoved)
def _comment_removed(world: World, e: ev.CommentRemoved) -> set[Key]:
    world.comments.pop(e.comment_id, None)
    task = world.tasks.get(e.task_id)
    if task and e.comment_id in task.comment_ids:
        task.comment_ids.remove(e.comment_id)
    return {("comment", e.comment_id), ("task", e.task_id)}


# --- API keys, sprints, logged time --------------------------------------------------


@on(ev.ApiKeyCreated)
def _key_created(world: World, e: ev.ApiKeyCreated) -> set[Key]:
    world.saw_id("apikey", e.key_id)
    world.api_keys[e.key_id] = {"id": e.key_id, "key_name": e.key_name, "label": e.label,
                                "secret_hash": e.secret_hash, "role": e.role,
                                "project_ids": list(e.project_ids), "active": 1}
    world.key_names[e.key_name] = e.key_id
    return {("apikey", e.key_id)}


@on(ev.ApiKeyRevoked)
def _key_revoked(world: World, e: ev.ApiKeyRevoked) -> set[Key]:
    if e.key_id in world.api_keys:
        world.api_keys[e.key_id]["active"] = 0
    return {("apikey", e.key_id)}


@on(ev.SprintAdded)
def _sprint_added(world: World, e: ev.SprintAdded) -> set[Key]:
    world.saw_id("sprint", e.sprint_id)
    project = world.projects.get(e.project_id)
    if not project:
        return set()
    project.sprint_ids.append(e.sprint_id)
    world.sprints[e.sprint_id] = {"id": e.sprint_id, "projectId": e.project_id, "name": e.name,
                                  "startDate": e.start_date, "endDate": e.end_date}
    return {("sprint", e.sprint_id)}


@on(ev.SprintEdited)
def _sprint_edited(world: World, e: ev.SprintEdited) -> set[Key]:
    if e.sprint_id in world.sprints:
        world.sprints[e.sprint_id].update(e.changes)
    return {("sprint", e.sprint_id)}


@on(ev.SprintDeleted)
def _sprint_deleted(world: World, e: ev.SprintDeleted) -> set[Key]:
    world.sprints.pop(e.sprint_id, None)
    project = world.projects.get(e.project_id)
    if project and e.sprint_id in project.sprint_ids:
        project.sprint_ids.remove(e.sprint_id)
    touched = _tasks_where(world, e.project_id, lt_sprint=e.sprint_id)
    for _, task_id in touched:
        world.tasks[task_id].row["lt_sprint"] = None
    return touched | {("sprint", e.sprint_id)}


@on(ev.TimeLogged)
def _time_logged(world: World, e: ev.TimeLogged) -> set[Key]:
    world.saw_id("timesheet", e.entry_id)
    task = world.tasks.get(e.task_id)
    if not task:
        return set()
    task.row["time_spent"] = _number((task.row.get("time_spent") or 0) + e.hours)
    task.row["date_modification"] = e.at
    return {("task", e.task_id)}
