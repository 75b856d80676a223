"""What may differ between two correct servers: server times, random tokens, hashes, URLs."""
from __future__ import annotations

import re
from typing import Any

TIME_KEYS = frozenset({"last_modified", "last_login", "lock_expiration_date", "timestamp",
                       "time", "created_at", "updated_at", "date", "day"})
SECRET_KEYS = frozenset({"token", "password", "api_access_token", "remember_me_token",
                         "twofactor_secret", "avatar_path"})
URL_KEYS = frozenset({"url", "board", "list", "calendar"})
TIME, SECRET, URL, HASH = "<time>", "<secret>", "<url>", "<hash>"
# A file's object path hashes its name with the upload time (FileModel::generatePath),
# and its etag hashes the path: both differ whenever the time does.
_FILE_PATH = re.compile(r"((?:tasks|projects)/\d+/)[0-9a-f]{40}")
# An activity's HTML shows server times (when it was recorded, a due date parsed at the
# server's time of day), as Kanboard's m/d/Y H:i.
# A move's activity lists the old date_moved among its changes only when the new stamp
# fell in another second: whether it does depends on the servers' clocks, not behaviour.
_SECOND_DEPENDENT = frozenset({"date_moved"})
_HTML_TIME = re.compile(r"\b\d\d/\d\d/\d{4} \d\d:\d\d\b")


def is_time_key(key: str) -> bool:
    return key.startswith("date_") or key in TIME_KEYS


def normalize(value: Any, key: str = "") -> Any:
    """A copy of `value` with server-chosen times, secrets and URLs replaced by markers.

    Empty values (0, "", null) stay as they are: whether a time is set at all is behaviour.
    """
    if isinstance(value, dict):
        if key == "changes":  # an activity's: see _SECOND_DEPENDENT
            value = {k: v for k, v in value.items() if k not in _SECOND_DEPENDENT}
        return {k: normalize(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, key) for v in value]
    if value in (None, "", 0) or isinstance(value, bool):
        return value
    if is_time_key(key):
        return TIME
    if key == "event_content" and isinstance(value, str):
        return _HTML_TIME.sub(TIME, value)
    if key in SECRET_KEYS:
        return SECRET
    if key == "etag":
        return HASH
    if key == "path" and isinstance(value, str) and _FILE_PATH.fullmatch(value):
        return _FILE_PATH.sub(lambda m: m.group(1) + HASH, value)
    if key in URL_KEYS or (isinstance(value, str) and value.startswith(("http://", "https://"))):
        return URL
    return value
