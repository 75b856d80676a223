"""The free-form metadata of projects and tasks: one pair of handlers for both owners."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.state import Aggregate, Key, World

Saved = ev.ProjectMetadataSaved | ev.TaskMetadataSaved
Removed = ev.ProjectMetadataRemoved | ev.TaskMetadataRemoved


def _owner(world: World, e: Saved | Removed) -> tuple[Aggregate | None, Key]:
    """The project or task the event is about (by its stream's id field), and its key."""
    kind = e.STREAM.removesuffix("_id")
    owner_id = getattr(e, e.STREAM)
    return getattr(world, f"{kind}s").get(owner_id), (f"{kind}_metadata", owner_id)


@on(ev.ProjectMetadataSaved)
@on(ev.TaskMetadataSaved)
def _saved(world: World, e: Saved) -> set[Key]:
    owner, key = _owner(world, e)
    if owner is not None:
        owner.metadata.update(e.values)
    return {key}


@on(ev.ProjectMetadataRemoved)
@on(ev.TaskMetadataRemoved)
def _removed(world: World, e: Removed) -> set[Key]:
    owner, key = _owner(world, e)
    if owner is not None:
        owner.metadata.pop(e.name, None)
    return {key}
