"""Rules of files as Kanboard's FileModel applies them: the stored name, what counts as
an image, the object path it answers with."""
from __future__ import annotations

import hashlib
import posixpath

IMAGE_EXTENSIONS = frozenset({"jpeg", "jpg", "png", "gif"})
NAME_BYTES = 255  # FileModel::create keeps substr($name, 0, 255): bytes, not characters


def stored_name(name: str) -> str:
    """The first 255 bytes of the name (a character cut in two is dropped)."""
    return name.encode()[:NAME_BYTES].decode(errors="ignore")


def is_image(name: str) -> bool:
    """FileModel::isImage: by the extension alone, in any letter case."""
    extension = posixpath.splitext(name)[1].lstrip(".").lower()
    return extension in IMAGE_EXTENSIONS


def object_path(prefix: str, owner_id: int, name: str, at: int) -> str:
    """FileModel::generatePath: `tasks/ID/sha1(name . time())` (Kanboard's object key;
    boardlog stores the content by its SHA-256 and keeps this for the answers)."""
    return f"{prefix}/{owner_id}/{hashlib.sha1(f'{name}{at}'.encode()).hexdigest()}"
