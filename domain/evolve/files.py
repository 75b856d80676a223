"""Project and task files: rows in Kanboard's columns, each listed by its owner; a
removed task or project takes its files (Kanboard's foreign keys cascade)."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import join, leave
from domain.files import is_image, object_path
from domain.state import Aggregate, Key, Row, World


def _row(owner: str, owner_id: int, e: ev.ProjectFileCreated | ev.TaskFileCreated) -> Row:
    prefix = "projects" if owner == "project_id" else "tasks"
    path = getattr(e, "path", None) or object_path(prefix, owner_id, e.name, e.at)
    return {"id": e.file_id, owner: owner_id, "name": e.name, "path": path,
            "is_image": 1 if is_image(e.name) else 0, "size": e.size, "user_id": e.user_id,
            "date": e.at, "sha256": e.sha256, "content_type": e.content_type}


@on(ev.ProjectFileCreated)
def _project_file_created(world: World, e: ev.ProjectFileCreated) -> set[Key]:
    return join(world, "project_file", e.file_id, world.projects.get(e.project_id),
                "file_ids", world.project_files, _row("project_id", e.project_id, e))


@on(ev.ProjectFileRemoved)
def _project_file_removed(world: World, e: ev.ProjectFileRemoved) -> set[Key]:
    leave(e.file_id, world.projects.get(e.project_id), "file_ids", world.project_files)
    return {("project_file", e.file_id)}


@on(ev.TaskFileCreated)
def _task_file_created(world: World, e: ev.TaskFileCreated) -> set[Key]:
    touched = join(world, "task_file", e.file_id, world.tasks.get(e.task_id), "file_ids",
                   world.task_files, _row("task_id", e.task_id, e))
    return touched | {("task", e.task_id)}  # its board document counts the files


@on(ev.TaskFileRemoved)
def _task_file_removed(world: World, e: ev.TaskFileRemoved) -> set[Key]:
    leave(e.file_id, world.tasks.get(e.task_id), "file_ids", world.task_files)
    return {("task_file", e.file_id), ("task", e.task_id)}


def drop_files_of(owner: Aggregate, table: dict[int, Row], kind: str) -> set[Key]:
    """The files of a removed task or project go with it."""
    for file_id in owner.file_ids:
        table.pop(file_id, None)
    return {(kind, file_id) for file_id in owner.file_ids}
