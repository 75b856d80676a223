"""Decisions on project and task files, as Kanboard's FileModel makes them: a file
belongs to an existing project or task (its foreign key), a removal names an existing
file (of that project), and removing all of them succeeds also when there are none."""
from __future__ import annotations

from domain import commands as cmd
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import NotFound
from domain.files import stored_name
from domain.state import World


@decides(cmd.CreateProjectFile)
def create_project_file(world: World, c: cmd.CreateProjectFile) -> Decision:
    if c.project_id not in world.projects:
        raise NotFound(f"project {c.project_id} does not exist")
    file_id = world.next_id("project_file")
    return Decision([ev.ProjectFileCreated(c.project_id, file_id, stored_name(c.filename),
                                           c.size, c.content_type, c.sha256, c.actor_id,
                                           c.at)], file_id)


@decides(cmd.RemoveProjectFile)
def remove_project_file(world: World, c: cmd.RemoveProjectFile) -> Decision:
    row = world.project_files.get(c.file_id)
    if row is None or row["project_id"] != c.project_id:
        raise NotFound(f"project {c.project_id} has no file {c.file_id}")
    return Decision([ev.ProjectFileRemoved(c.project_id, c.file_id)])


@decides(cmd.RemoveAllProjectFiles)
def remove_all_project_files(world: World, c: cmd.RemoveAllProjectFiles) -> Decision:
    project = world.projects.get(c.project_id)
    ids = sorted(project.file_ids) if project else []
    return Decision([ev.ProjectFileRemoved(c.project_id, i) for i in ids])


@decides(cmd.CreateTaskFile)
def create_task_file(world: World, c: cmd.CreateTaskFile) -> Decision:
    task = world.tasks.get(c.task_id)
    if task is None or task.row["project_id"] != c.project_id:
        raise NotFound(f"project {c.project_id} has no task {c.task_id}")
    file_id = world.next_id("task_file")
    return Decision([ev.TaskFileCreated(c.task_id, file_id, stored_name(c.filename), c.size,
                                        c.content_type, c.sha256, c.actor_id, c.at)], file_id)


@decides(cmd.RemoveTaskFile)
def remove_task_file(world: World, c: cmd.RemoveTaskFile) -> Decision:
    row = world.task_files.get(c.file_id)
    if row is None:
        raise NotFound(f"task file {c.file_id} does not exist")
    return Decision([ev.TaskFileRemoved(row["task_id"], c.file_id)])


@decides(cmd.RemoveAllTaskFiles)
def remove_all_task_files(world: World, c: cmd.RemoveAllTaskFiles) -> Decision:
    task = world.tasks.get(c.task_id)
    ids = sorted(task.file_ids) if task else []
    return Decision([ev.TaskFileRemoved(c.task_id, i) for i in ids])
