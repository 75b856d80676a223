"""Builders for projects and project/task metadata."""
from __future__ import annotations

from typing import Any

from compat.builders.base import BUILDERS, Builder, Builders, as_int, builds
from compat.calls import Call


# --- projects -----------------------------------------------------------------------------

@builds("createProject")
def _create_project(b: Builders) -> Call:
    name = b.word().title()
    params: dict[str, Any] = {"name": name}
    if b.rng.random() < 0.4:
        params["description"] = "about " + name
    if b.rng.random() < 0.3:
        params["identifier"] = name.replace("-", "").upper()[:8]
    if b.rng.random() < 0.3:
        params["owner_id"] = b.any_user_id()
    if b.rng.random() < 0.2:
        params["start_date"], params["end_date"] = "2026-01-01", "2026-12-31"
    if b.rng.random() < 0.15:
        params["email"] = f"{name.lower()}@example.org"
    base = b.learn_project(name)

    def learn(result: Any) -> None:
        base(result)
        if as_int(result):
            b.model.projects[result].identifier = params.get("identifier", "")
    return Call("createProject", params, learn)


@builds("createMyPrivateProject")
def _create_private_project(b: Builders) -> Call:
    name = b.word().title()
    return Call("createMyPrivateProject", {"name": name}, b.learn_project(name), as_user=True)


def _project_call(method: str, **extra: Any) -> Builder:
    def build(b: Builders) -> Call | None:
        project = b.project()
        if project is None:
            return None
        return Call(method, {"project_id": project.id, **extra}, project_id=project.id)
    return build


for _name in ("getProjectById", "enableProject", "disableProject", "enableProjectPublicAccess",
              "disableProjectPublicAccess", "getProjectActivity", "getProjectUsers",
              "getAllSwimlanes", "getActiveSwimlanes", "getAllCategories", "getBoard",
              "getTagsByProject", "getOverdueTasksByProject", "getProjectMetadata"):
    BUILDERS[_name] = _project_call(_name)


@builds("getColumns")
def _get_columns(b: Builders) -> Call | None:
    project = b.project()
    return b.follow_ups(project.id)[0] if project else None


@builds("getAllTasks")
def _get_all_tasks(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id}
    if b.rng.random() < 0.6:
        params["status_id"] = b.rng.choice((0, 1))
    return Call("getAllTasks", params, project_id=project.id)


@builds("getAssignableUsers")
def _get_assignable_users(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id}
    if b.rng.random() < 0.5:
        params["prepend_unassigned"] = b.rng.choice((True, False))
    return Call("getAssignableUsers", params, project_id=project.id)


@builds("getProjectByName")
def _get_project_by_name(b: Builders) -> Call | None:
    project = b.project()
    return Call("getProjectByName", {"name": project.name}) if project else None


@builds("getProjectByIdentifier")
def _get_project_by_identifier(b: Builders) -> Call | None:
    known = [p for p in b.model.projects.values() if p.identifier]
    if not known:
        return None
    return Call("getProjectByIdentifier", {"identifier": b.rng.choice(known).identifier})


@builds("getProjectByEmail")
def _get_project_by_email(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    return Call("getProjectByEmail", {"email": f"{project.name.lower()}@example.org"})


@builds("getProjectActivities")
def _get_project_activities(b: Builders) -> Call | None:
    ids = [p.id for p in b.model.projects.values()]
    if not ids:
        return None
    return Call("getProjectActivities", {"project_ids": b.rng.sample(ids, min(len(ids), 2))})


@builds("updateProject")
def _update_project(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    params: dict[str, Any] = {"project_id": project.id}
    choice = b.rng.random()
    if choice < 0.4:
        params["name"] = project.name + "-v2"
    elif choice < 0.6:
        params["description"] = "new " + b.word()
    elif choice < 0.8:
        params["identifier"] = b.word().replace("-", "").upper()[:8]
    else:
        params["priority_start"], params["priority_end"] = 1, 5

    def learn(result: Any) -> None:
        if result is True:
            project.name = params.get("name", project.name)
            project.identifier = params.get("identifier", project.identifier)
    return Call("updateProject", params, learn, project_id=project.id)


@builds("removeProject")
def _remove_project(b: Builders) -> Call | None:
    project = b.project()
    if project is None or len(b.model.projects) < 4:
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.forget_project(project.id)
    return Call("removeProject", {"project_id": project.id}, learn, project_id=project.id)


# --- metadata -------------------------------------------------------------------------------

@builds("saveProjectMetadata")
def _save_project_metadata(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    name = b.rng.choice(("owner", "budget", "phase"))

    def learn(result: Any) -> None:
        if result is True:
            project.metadata.add(name)
    return Call("saveProjectMetadata", {"project_id": project.id, "values": {name: b.word()}},
                learn, project_id=project.id)


@builds("getProjectMetadataByName")
def _get_project_metadata_by_name(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    name = b.rng.choice(sorted(project.metadata) or ["owner"])
    return Call("getProjectMetadataByName", {"project_id": project.id, "name": name},
                project_id=project.id)


@builds("removeProjectMetadata")
def _remove_project_metadata(b: Builders) -> Call | None:
    project = b.project()
    if project is None:
        return None
    name = b.rng.choice(sorted(project.metadata) or ["phase"])

    def learn(result: Any) -> None:
        if result is True:
            project.metadata.discard(name)
    return Call("removeProjectMetadata", {"project_id": project.id, "name": name}, learn,
                project_id=project.id)


@builds("saveTaskMetadata")
def _save_task_metadata(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    name = b.rng.choice(("estimate", "source", "ticket"))

    def learn(result: Any) -> None:
        if result is True:
            task.metadata.add(name)
    return Call("saveTaskMetadata", {"task_id": task.id, "values": {name: b.word()}}, learn,
                project_id=task.project_id)


@builds("getTaskMetadataByName")
def _get_task_metadata_by_name(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    name = b.rng.choice(sorted(task.metadata) or ["source"])
    return Call("getTaskMetadataByName", {"task_id": task.id, "name": name},
                project_id=task.project_id)


@builds("removeTaskMetadata")
def _remove_task_metadata(b: Builders) -> Call | None:
    task = b.task()
    if task is None:
        return None
    name = b.rng.choice(sorted(task.metadata) or ["ticket"])

    def learn(result: Any) -> None:
        if result is True:
            task.metadata.discard(name)
    return Call("removeTaskMetadata", {"task_id": task.id, "name": name}, learn,
                project_id=task.project_id)
