"""Decisions on the free-form metadata of projects and tasks (Kanboard keeps it as text)."""
from __future__ import annotations

from typing import Any, Callable

from domain import commands as cmd
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import Invalid, NotFound
from domain.php import php_text
from domain.rules import project as get_project, task as get_task
from domain.state import World

# owner kind -> (the owner or NotFound, its "saved" event, its "removed" event)
_OWNERS: dict[str, tuple[Callable[[World, int], Any], type[ev.Event], type[ev.Event]]] = {
    "project": (get_project, ev.ProjectMetadataSaved, ev.ProjectMetadataRemoved),
    "task": (get_task, ev.TaskMetadataSaved, ev.TaskMetadataRemoved),
}


@decides(cmd.SaveMetadata)
def save_metadata(world: World, c: cmd.SaveMetadata) -> Decision:
    owner_of, saved, _ = _OWNERS[c.owner]
    owner_of(world, c.owner_id)
    if not isinstance(c.values, dict):
        raise Invalid("values must be an object")
    # PHP's (string) of each value, as bound; null is bound as NULL
    values = {str(k): None if v is None else php_text(v) for k, v in c.values.items()}
    return Decision([saved(c.owner_id, values)])


@decides(cmd.RemoveMetadata)
def remove_metadata(world: World, c: cmd.RemoveMetadata) -> Decision:
    owner_of, _, removed = _OWNERS[c.owner]
    if c.name not in owner_of(world, c.owner_id).metadata:
        raise NotFound(f"no metadata named {c.name!r}")
    return Decision([removed(c.owner_id, c.name)])
