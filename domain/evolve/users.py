"""Users and the application token."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import changed
from domain.evolve.groups import leave_groups
from domain.state import Key, World


@on(ev.ApplicationTokenSet)
def _token(world: World, e: ev.ApplicationTokenSet) -> set[Key]:
    world.app_token_hash = e.token_hash
    return set()


@on(ev.ApplicationSettingsSaved)
def _settings(world: World, e: ev.ApplicationSettingsSaved) -> set[Key]:
    world.settings.update(e.values)
    return {("settings", 0)}


@on(ev.UserCreated)
def _user_created(world: World, e: ev.UserCreated) -> set[Key]:
    # Kanboard's legacy is_admin column is 1 only for the admin its installation created
    # (whatever the roles given later): here, the first user of the log, made at bootstrap.
    first = not world.users and "user" not in world.last_ids
    world.saw_id("user", e.user_id)
    world.users[e.user_id] = {
        "id": e.user_id, "username": e.username, "name": e.name, "email": e.email,
        "role": e.role, "is_active": 1, "is_admin": 1 if first else 0,
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
@on(ev.UserDisabled)
def _user_active(world: World, e: ev.UserEnabled | ev.UserDisabled) -> set[Key]:
    active = 1 if isinstance(e, ev.UserEnabled) else 0
    return changed(world.users, e.user_id, ("user", e.user_id), is_active=active)


@on(ev.UserRemoved)
def _user_removed(world: World, e: ev.UserRemoved) -> set[Key]:
    user = world.users.pop(e.user_id, None)
    world.password_hashes.pop(e.user_id, None)
    if user:
        world.usernames.pop(user["username"], None)
    touched: set[Key] = {("user", e.user_id)} | _tasks_owned_by(world, e.user_id)
    for key in touched - {("user", e.user_id)}:
        world.tasks[key[1]].row["owner_id"] = 0
    # Kanboard unassigns their subtasks and orphans their comments (user_id 0).
    for kind, table in (("subtask", world.subtasks), ("comment", world.comments)):
        for item_id, row in table.items():
            if row["user_id"] == e.user_id:
                row["user_id"] = 0
                touched.add((kind, item_id))
    for project_id, project in world.projects.items():
        if project.members.pop(e.user_id, None):
            touched.add(("project_users", project_id))
    return touched | leave_groups(world, e.user_id)


@on(ev.UserLoginFailed)
def _login_failed(world: World, e: ev.UserLoginFailed) -> set[Key]:
    user = world.users.get(e.user_id)
    if not user:
        return set()
    user["nb_failed_login"] = user.get("nb_failed_login", 0) + 1
    if e.locked_until:
        user["lock_expiration_date"] = e.locked_until
    return {("user", e.user_id)}


@on(ev.UserLoginFailuresReset)
def _login_failures_reset(world: World, e: ev.UserLoginFailuresReset) -> set[Key]:
    return changed(world.users, e.user_id, ("user", e.user_id), nb_failed_login=0,
                   lock_expiration_date=0)
