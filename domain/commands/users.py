"""Commands on the application token and users."""
from __future__ import annotations

from domain.commands.base import Command, changes_of, command, supplied


# --- application and users ---------------------------------------------------------


@command
class SetApplicationToken(Command):
    token_hash: str = supplied()


@command
class CreateUser(Command):
    username: str
    password_hash: str = supplied()
    name: str | None = ""
    email: str | None = ""
    role: str | None = None


UpdateUser = changes_of(CreateUser, "UpdateUser", "user_id")


@command
class ChangeUserPassword(Command):
    user_id: int
    password_hash: str = supplied()


@command
class SetUserActive(Command):
    user_id: int
    active: bool = supplied()
    at: int = supplied()  # disabling a user disables the private projects they own


@command
class RemoveUser(Command):
    user_id: int


@command
class RecordLoginFailure(Command):
    """A wrong password (or a disabled account) for an existing user, as Kanboard counts
    it in users.nb_failed_login; `locked_until` when this failure locks the user."""

    user_id: int
    at: int = supplied()
    locked_until: int = supplied()


@command
class ResetLoginFailures(Command):
    """A successful sign-in clears the count and the lock (Kanboard's resetFailedLogin)."""

    user_id: int
