"""Events of the application stream and of users' streams (user-N)."""
from __future__ import annotations

from domain.events.base import Changes, Event, UserEvent, event


# --- application -------------------------------------------------------------------


@event
class ApplicationTokenSet(Event):
    token_hash: str


@event
class ApplicationSettingsSaved(Event):
    """Application settings the API answers with (Kanboard's `settings` rows
    `application_timezone` and `default_color`, brought across by import-kanboard)."""

    values: dict[str, str]


# --- users ---------------------------------------------------------------------------


@event
class UserCreated(UserEvent):
    username: str
    password_hash: str
    name: str | None
    email: str | None
    role: str


@event
class UserUpdated(UserEvent):
    changes: Changes


@event
class UserPasswordChanged(UserEvent):
    password_hash: str


@event
class UserEnabled(UserEvent):
    """The user may sign in again."""


@event
class UserDisabled(UserEvent):
    """The user may no longer sign in."""


@event
class UserRemoved(UserEvent):
    """The user is gone; their tasks become unassigned."""


@event
class UserLoginFailed(UserEvent):
    """A failed sign-in counted against the user; `locked_until` (0: none) when it locked
    them. Only counted while not locked, so a user's failures add a bounded number of
    events per lock period, however many are tried."""

    at: int
    locked_until: int


@event
class UserLoginFailuresReset(UserEvent):
    """The user signed in: their failure count and lock are cleared."""
