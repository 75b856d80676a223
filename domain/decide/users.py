"""Decisions on users and the application token."""
from __future__ import annotations

from domain import events as ev
from domain.decision import Decision, decider
from domain.errors import Conflict, Invalid
from domain.roles import APPLICATION_ROLES, APP_USER
from domain.rules import existing, require_email, require_text
from domain.state import World


def _check_role(role: str) -> None:
    if role not in APPLICATION_ROLES:
        raise Invalid(f"unknown role {role!r}")


def _check_username_free(world: World, username: str, user_id: int = 0) -> None:
    owner = world.usernames.get(username)
    if owner is not None and owner != user_id:
        raise Conflict(f"username {username!r} is taken")


@decider
def set_application_token(world: World, token_hash: str) -> Decision:
    return Decision([ev.ApplicationTokenSet(token_hash)])


@decider
def create_user(world: World, username: str, password_hash: str, name: str | None = "",
                email: str | None = "", role: str | None = None) -> Decision:
    require_text(username, "username", 191)
    if not password_hash:
        raise Invalid("password is required")
    role = role or APP_USER
    _check_role(role)
    require_email(email)
    _check_username_free(world, username)
    user_id = world.next_id("user")
    return Decision([ev.UserCreated(user_id, username, password_hash, name, email, role)],
                    user_id)


@decider
def update_user(world: World, user_id: int, username: str | None = None,
                name: str | None = None, email: str | None = None,
                role: str | None = None) -> Decision:
    existing(world.users, user_id, "user")
    changes = {k: v for k, v in (("username", username), ("name", name), ("email", email),
                                 ("role", role)) if v is not None}
    if "username" in changes:
        require_text(username, "username", 191)
        _check_username_free(world, username, user_id)
    if "role" in changes:
        _check_role(role)
    require_email(email)
    return Decision([ev.UserUpdated(user_id, changes)] if changes else [])


@decider
def change_user_password(world: World, user_id: int, password_hash: str) -> Decision:
    existing(world.users, user_id, "user")
    return Decision([ev.UserPasswordChanged(user_id, password_hash)])


@decider
def set_user_active(world: World, user_id: int, active: bool) -> Decision:
    existing(world.users, user_id, "user")
    event = ev.UserEnabled(user_id) if active else ev.UserDisabled(user_id)
    return Decision([event])


@decider
def remove_user(world: World, user_id: int) -> Decision:
    existing(world.users, user_id, "user")
    return Decision([ev.UserRemoved(user_id)])
