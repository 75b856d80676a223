"""Decisions on projects: creation (with default board), settings, access, members."""
from __future__ import annotations

import re

from domain import events as ev
from domain import commands as cmd
from domain.commands import given
from domain.decision import Decision, decides
from domain.errors import Conflict, Invalid, NotFound
from domain.php import EmptyText
from domain.roles import PROJECT_MANAGER
from domain.rules import project as get_project, require_email, require_text, user_exists
from domain.state import World

DEFAULT_COLUMNS = ("Backlog", "Ready", "Work in progress", "Done")
DEFAULT_SWIMLANE = "Default swimlane"
_IDENTIFIER = re.compile(r"^[A-Z0-9]+$")


def _normalize_identifier(world: World, identifier: str | None, project_id: int = 0) -> str:
    """Kanboard upper-cases identifiers, allows letters and digits only, and keeps them unique."""
    if isinstance(identifier, EmptyText) and identifier == "":
        raise Invalid("identifier must be alphanumeric")  # AlphaNumeric checks false
    value = (identifier or "").strip().upper()
    if not value:
        return ""
    if not _IDENTIFIER.match(value):
        raise Invalid("identifier must be alphanumeric")
    for other_id, other in world.projects.items():
        if other_id != project_id and other.row["identifier"] == value:
            raise Conflict(f"identifier {value!r} is taken")
    return value


def _check_email_free(world: World, email: str | None, project_id: int = 0) -> None:
    """ProjectValidator: "The project email must be unique across all projects"."""
    if not email:
        return
    for other_id, other in world.projects.items():
        if other_id != project_id and other.row["email"] == email:
            raise Conflict(f"project email {email!r} is taken")


@decides(cmd.CreateProject)
def create_project(world: World, c: cmd.CreateProject) -> Decision:
    require_text(c.name, "name")
    require_email(c.email)
    _check_email_free(world, c.email)
    if c.owner_id:
        user_exists(world, c.owner_id)
    project_id = world.next_id("project")
    identifier = _normalize_identifier(world, c.identifier)
    events: list[ev.Event] = [ev.ProjectCreated(
        project_id, c.name, c.description, c.owner_id or 0, identifier, c.start_date or "",
        c.end_date or "", c.priority_default or 0, c.priority_start or 0,
        3 if c.priority_end is None else c.priority_end, c.email, c.is_private, c.at)]
    column_id = world.next_id("column")
    for offset, title in enumerate(c.columns or DEFAULT_COLUMNS):
        events.append(ev.ColumnAdded(project_id, column_id + offset, title, 0, ""))
    events.append(ev.SwimlaneAdded(project_id, world.next_id("swimlane"), DEFAULT_SWIMLANE, ""))
    if c.owner_id and c.owner_is_member:
        events.append(ev.ProjectUserAdded(project_id, c.owner_id, PROJECT_MANAGER))
    return Decision(events, project_id)


@decides(cmd.UpdateProject)
def update_project(world: World, c: cmd.UpdateProject) -> Decision:
    get_project(world, c.project_id)
    changes = given(c, leave_out=("project_id",))
    if "name" in changes:
        require_text(changes["name"], "name")
    if "identifier" in changes:
        changes["identifier"] = _normalize_identifier(world, changes["identifier"], c.project_id)
    if changes.get("owner_id"):
        user_exists(world, changes["owner_id"])
    require_email(changes.get("email"))
    _check_email_free(world, changes.get("email"), c.project_id)
    return Decision([ev.ProjectUpdated(c.project_id, changes, c.at)])


@decides(cmd.SetProjectActive)
def set_project_active(world: World, c: cmd.SetProjectActive) -> Decision:
    get_project(world, c.project_id)
    if c.active:
        return Decision([ev.ProjectEnabled(c.project_id, c.at)])
    return Decision([ev.ProjectDisabled(c.project_id, c.at)])


@decides(cmd.SetProjectPublic)
def set_project_public(world: World, c: cmd.SetProjectPublic) -> Decision:
    get_project(world, c.project_id)
    if c.token:
        return Decision([ev.ProjectPublicAccessEnabled(c.project_id, c.token, c.at)])
    return Decision([ev.ProjectPublicAccessDisabled(c.project_id, c.at)])


@decides(cmd.RemoveProject)
def remove_project(world: World, c: cmd.RemoveProject) -> Decision:
    get_project(world, c.project_id)
    return Decision([ev.ProjectRemoved(c.project_id)])


def _members(world: World, project_id: int) -> dict[int, str]:
    return get_project(world, project_id).members


def _require_member(world: World, project_id: int, user_id: int) -> None:
    if user_id not in _members(world, project_id):
        raise NotFound(f"user {user_id} is not a member of project {project_id}")


@decides(cmd.AddProjectUser)
def add_project_user(world: World, c: cmd.AddProjectUser) -> Decision:
    if c.user_id in _members(world, c.project_id):
        raise Conflict(f"user {c.user_id} is already a member of project {c.project_id}")
    user_exists(world, c.user_id)
    # Kanboard stores any role string (a role it does not know grants nothing).
    return Decision([ev.ProjectUserAdded(c.project_id, c.user_id, c.role)])


@decides(cmd.ChangeProjectUserRole)
def change_project_user_role(world: World, c: cmd.ChangeProjectUserRole) -> Decision:
    """Kanboard's UPDATE answers true even when it matches no membership (or no project),
    and stores any role string; only a real change is an event."""
    project = world.projects.get(c.project_id)
    role = project.members.get(c.user_id) if project else None
    if role is None or role == c.role:
        return Decision([])
    return Decision([ev.ProjectUserRoleChanged(c.project_id, c.user_id, c.role)])


@decides(cmd.RemoveProjectUser)
def remove_project_user(world: World, c: cmd.RemoveProjectUser) -> Decision:
    _require_member(world, c.project_id, c.user_id)
    return Decision([ev.ProjectUserRemoved(c.project_id, c.user_id)])
