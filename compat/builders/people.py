"""Builders for application-wide procedures, users and project members."""
from __future__ import annotations

from typing import Any

from compat.builders.base import BUILDERS, Builder, Builders, as_int, builds
from compat.calls import Call
from compat.model import APP_ROLES, PROJECT_ROLES, User


# --- application ------------------------------------------------------------------------

for _name in ("getVersion", "getTimezone", "getDefaultTaskColor", "getDefaultTaskColors",
              "getColorList", "getApplicationRoles", "getProjectRoles", "getAllProjects",
              "getAllUsers", "getAllTags", "getOverdueTasks", "getAllLinks"):
    BUILDERS[_name] = (lambda name: lambda b: Call(name))(_name)


for _name in ("getMe", "getMyProjects", "getMyProjectsList", "getMyOverdueTasks",
              "getMyActivityStream"):
    BUILDERS[_name] = (lambda name: lambda b: Call(name, as_user=True))(_name)


# --- users --------------------------------------------------------------------------------

@builds("createUser")
def _create_user(b: Builders) -> Call:
    username, password = b.word(), "secret-" + b.word()
    role = b.rng.choice(APP_ROLES)
    params: dict[str, Any] = {"username": username, "password": password}
    if b.rng.random() < 0.7:
        params["role"] = role
    else:
        role = "app-user"
    if b.rng.random() < 0.5:
        params["name"] = username.title()
        params["email"] = f"{username}@example.org"

    def learn(result: Any) -> None:
        if as_int(result):
            b.model.users[result] = User(b.model.saw(result), username, password, role)
    return Call("createUser", params, learn)


def _user_call(method: str, include_admin: bool = True) -> Builder:
    def build(b: Builders) -> Call | None:
        user = b.user(include_admin)
        return Call(method, {"user_id": user.id}) if user else None
    return build


BUILDERS["getUser"] = _user_call("getUser")
BUILDERS["isActiveUser"] = _user_call("isActiveUser")


@builds("getUserByName")
def _get_user_by_name(b: Builders) -> Call | None:
    user = b.user(include_admin=True)
    return Call("getUserByName", {"username": user.username}) if user else None


@builds("updateUser")
def _update_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None:
        return None
    params: dict[str, Any] = {"id": user.id}
    role = b.rng.choice(APP_ROLES)
    choice = b.rng.random()
    if choice < 0.4:
        params["name"] = b.word().title()
    elif choice < 0.7:
        params["role"] = role
    else:
        params["email"] = f"{b.word()}@example.com"

    def learn(result: Any) -> None:
        if result is True and "role" in params:
            user.role = role
    return Call("updateUser", params, learn)


@builds("disableUser")
def _disable_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            user.active = False
    return Call("disableUser", {"user_id": user.id}, learn)


@builds("enableUser")
def _enable_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None:
        return None

    def learn(result: Any) -> None:
        if result is True:
            user.active = True
    return Call("enableUser", {"user_id": user.id}, learn)


@builds("removeUser")
def _remove_user(b: Builders) -> Call | None:
    user = b.user()
    if user is None or len(b.model.users) < 6:  # keep enough callers for every role
        return None

    def learn(result: Any) -> None:
        if result is True:
            b.model.users.pop(user.id, None)
            for project in b.model.projects.values():
                project.members.pop(user.id, None)
    return Call("removeUser", {"user_id": user.id}, learn)


# --- project members ------------------------------------------------------------------------

def _membership(method: str, with_role: bool, default_role: str | None = None) -> Builder:
    def build(b: Builders) -> Call | None:
        project, user = b.project(), b.user(include_admin=True)
        if project is None or user is None:
            return None
        params: dict[str, Any] = {"project_id": project.id, "user_id": user.id}
        role = default_role
        if with_role and (method != "addProjectUser" or b.rng.random() < 0.8):
            role = b.rng.choice(PROJECT_ROLES)
            params["role"] = role

        def learn(result: Any) -> None:
            if result is True and role:
                project.members[user.id] = role
            elif result is True:
                project.members.pop(user.id, None)
        return Call(method, params, learn, project_id=project.id)
    return build


BUILDERS["addProjectUser"] = _membership("addProjectUser", True, "project-member")
BUILDERS["changeProjectUserRole"] = _membership("changeProjectUserRole", True)
BUILDERS["removeProjectUser"] = _membership("removeProjectUser", False)


@builds("getProjectUserRole")
def _get_project_user_role(b: Builders) -> Call | None:
    project, user = b.project(), b.user(include_admin=True)
    if project is None or user is None:
        return None
    return Call("getProjectUserRole", {"project_id": project.id, "user_id": user.id},
                project_id=project.id)
