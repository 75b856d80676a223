"""Small invariant checks shared by the decisions."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any

from domain.errors import Invalid, NotFound
from domain.php import INT64_MAX, INT64_MIN, EmptyText
from domain.state import ProjectState, TaskState, World

MIN_PASSWORD_LENGTH = 6
_DATE_FORMATS = ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S",
                 "%Y-%m-%d", "%Y_%m_%d", "%m/%d/%Y", "%m/%d/%Y %H:%M", "%d/%m/%Y")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def is_digits(text: str) -> bool:
    """Text of ASCII digits only, what PHP reads as a number: str.isdigit alone also
    takes "²", on which int() raises, and "٣", which PHP reads as no number."""
    return text.isascii() and text.isdigit()


def number(value: float | int) -> float | int:
    """A number as Kanboard answers it: a whole float as an int (2.0 is 2), unless no
    64-bit integer holds it (1e20 stays a float: as an int it could not be stored)."""
    whole = float(value).is_integer() and INT64_MIN <= value <= INT64_MAX
    return int(value) if whole else value


def require_text(value: Any, what: str, max_length: int | None = 65535) -> str:
    """Kanboard's Required: present and not "" (blanks count as text; so does false,
    sent as the EmptyText ""); then MaxLength (None where Kanboard has none: the
    server's text limit bounds those)."""
    if not isinstance(value, str) or (value == "" and not isinstance(value, EmptyText)):
        raise Invalid(f"{what} is required")
    if max_length is not None and len(value) > max_length:
        raise Invalid(f"{what} is too long")
    return value


def require_email(value: str | None) -> None:
    """Kanboard's Email validator, which skips "" and null but not false (no address)."""
    if (value or isinstance(value, EmptyText)) and not _EMAIL.match(value):
        raise Invalid("email is not valid")


def check_password(password: Any) -> str:
    """Kanboard refuses passwords under six characters."""
    if not isinstance(password, str) or len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(f"password must have at least {MIN_PASSWORD_LENGTH} characters")
    return password


# Unix seconds of 0001-01-01 and 9999-12-31 23:59:59 UTC: every date a calendar can show.
FIRST_DATE, LAST_DATE = -62135596800, 253402300799


def parse_date(value: Any) -> int:
    """Dates arrive as unix seconds or as text; stored as unix seconds (UTC), 0 when empty.
    Seconds outside years 1-9999 are refused: no calendar (nor a read model) shows them."""
    if value in (None, "", 0):
        return 0
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _in_calendar(value)
    if isinstance(value, str):
        text = value.strip()
        if is_digits(text):
            return _in_calendar(int(text))
        for fmt in _DATE_FORMATS:
            try:
                parsed = datetime.strptime(text, fmt).replace(tzinfo=timezone.utc)
            except ValueError:
                continue
            return int(parsed.timestamp())
    raise Invalid(f"cannot read the date {value!r}")


def _in_calendar(seconds: int | float) -> int:
    if not FIRST_DATE <= seconds <= LAST_DATE:  # NaN fails too
        raise Invalid(f"the date {seconds!r} is out of range")
    return int(seconds)


def existing(table: dict[int, Any], item_id: int, what: str) -> Any:
    """The entity with this id, or NotFound naming it."""
    found = table.get(item_id)
    if found is None:
        raise NotFound(f"{what} {item_id} does not exist")
    return found


def project(world: World, project_id: int) -> ProjectState:
    found = world.projects.get(project_id)
    if not found:
        raise NotFound(f"project {project_id} does not exist")
    return found


def task(world: World, task_id: int) -> TaskState:
    found = world.tasks.get(task_id)
    if not found:
        raise NotFound(f"task {task_id} does not exist")
    return found


def user_exists(world: World, user_id: int) -> None:
    existing(world.users, user_id, "user")


def is_assignable(world: World, project_id: int, user_id: int) -> bool:
    """Assignable: an active user whose own role, or one of whose groups' roles, in the
    project is not project-viewer (Kanboard's getAssignableUsers)."""
    user = world.users.get(user_id)
    project = world.projects.get(project_id)
    if not (user and user["is_active"] and project):
        return False
    roles = [project.members.get(user_id), *world.group_roles_of(project, user_id)]
    return any(role is not None and role != "project-viewer" for role in roles)


def is_member(world: World, project_id: int, user_id: int) -> bool:
    """Kanboard's isUserAllowed for a caller who is not an admin: an active user with any
    role in the project, their own or a group's (viewers too)."""
    user = world.users.get(user_id)
    return bool(user and user["is_active"] and world.member_role(project_id, user_id))


def tags_by_name(world: World, project_id: int) -> dict[str, int]:
    """TagModel::getIdByName for every name at once: the tags a project's tasks can carry
    (the global ones, project 0, and the project's own, also of a project that does not
    exist: Kanboard's tags table has no foreign key), by lower-case name. Kanboard takes
    the first row by project id and then, as its unique (project_id, name) index yields
    them, by name: a global tag wins over the project's, and "Bug" over "bug"."""
    found: dict[str, int] = {}
    candidates = [(row["project_id"], row["name"], tag_id) for tag_id, row in world.tags.items()
                  if row["project_id"] in (0, project_id)]
    for _, name, tag_id in sorted(candidates):
        found.setdefault(name.lower(), tag_id)
    return found
