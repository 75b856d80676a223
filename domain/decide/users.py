"""Decisions on users and the application token."""
from __future__ import annotations

from domain import commands as cmd
from domain.commands import given
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import Conflict, Invalid
from domain.roles import APPLICATION_ROLES, APP_USER
from domain.php import EmptyText
from domain.rules import existing, require_email, require_text
from domain.state import World


def _check_role(role: str) -> None:
    if role not in APPLICATION_ROLES:
        raise Invalid(f"unknown role {role!r}")


def _check_username_free(world: World, username: str, user_id: int = 0) -> None:
    owner = world.usernames.get(username)
    if owner is not None and owner != user_id:
        raise Conflict(f"username {username!r} is taken")


@decides(cmd.SetApplicationToken)
def set_application_token(world: World, c: cmd.SetApplicationToken) -> Decision:
    return Decision([ev.ApplicationTokenSet(c.token_hash)])


@decides(cmd.CreateUser)
def create_user(world: World, c: cmd.CreateUser) -> Decision:
    # stored trimmed; false (the EmptyText "") passes Kanboard's Required as sent
    sent = c.username if isinstance(c.username, EmptyText) else (c.username or "").strip()
    username = require_text(sent, "username", 191)
    if not c.password_hash:
        raise Invalid("password is required")
    role = c.role or APP_USER
    _check_role(role)
    require_email(c.email)
    _check_username_free(world, username)
    user_id = world.next_id("user")
    return Decision([ev.UserCreated(user_id, username, c.password_hash, c.name, c.email, role)],
                    user_id)


@decides(cmd.UpdateUser)
def update_user(world: World, c: cmd.UpdateUser) -> Decision:
    """Validated as Kanboard does, then true even for an unknown id (its UPDATE matches
    nothing and says true); only values that change are recorded."""
    user = world.users.get(c.user_id)
    changes = given(c, leave_out=("user_id",))
    if "username" in changes:
        require_text(c.username, "username", 191)
        _check_username_free(world, c.username, c.user_id)
    if "role" in changes:
        _check_role(c.role)
    require_email(c.email)
    if user is not None:
        changes = {k: v for k, v in changes.items() if user.get(k) != v}
    return Decision([ev.UserUpdated(c.user_id, changes)] if user and changes else [])


@decides(cmd.ChangeUserPassword)
def change_user_password(world: World, c: cmd.ChangeUserPassword) -> Decision:
    existing(world.users, c.user_id, "user")
    return Decision([ev.UserPasswordChanged(c.user_id, c.password_hash)])


@decides(cmd.SetUserActive)
def set_user_active(world: World, c: cmd.SetUserActive) -> Decision:
    """True even for an unknown id, as Kanboard's UPDATE says; only a change is an event.
    Disabling also disables the active private projects the id owns (UserModel::disable)."""
    user = world.users.get(c.user_id)
    events: list[ev.Event] = []
    if user is not None and user["is_active"] != int(c.active):
        events.append(ev.UserEnabled(c.user_id) if c.active else ev.UserDisabled(c.user_id))
    if not c.active:
        events += [ev.ProjectDisabled(project_id, c.at)
                   for project_id, p in sorted(world.projects.items())
                   if p.row["is_private"] and p.row["owner_id"] == c.user_id
                   and p.row["is_active"]]
    return Decision(events)


@decides(cmd.RemoveUser)
def remove_user(world: World, c: cmd.RemoveUser) -> Decision:
    """Kanboard's UserModel::remove also removes every private project the user is a
    member of; here those removals are events of their own, before the user's."""
    existing(world.users, c.user_id, "user")
    removed = [ev.ProjectRemoved(project_id) for project_id, p in sorted(world.projects.items())
               if p.row["is_private"] and c.user_id in p.members]
    return Decision([*removed, ev.UserRemoved(c.user_id)])


@decides(cmd.RecordLoginFailure)
def record_login_failure(world: World, c: cmd.RecordLoginFailure) -> Decision:
    if c.user_id not in world.users:  # Kanboard's UPDATE by username matches nothing
        return Decision([])
    return Decision([ev.UserLoginFailed(c.user_id, c.at, c.locked_until)])


@decides(cmd.ResetLoginFailures)
def reset_login_failures(world: World, c: cmd.ResetLoginFailures) -> Decision:
    user = world.users.get(c.user_id)
    if not user or not (user.get("nb_failed_login") or user.get("lock_expiration_date")):
        return Decision([])  # nothing to clear: no event
    return Decision([ev.UserLoginFailuresReset(c.user_id)])
