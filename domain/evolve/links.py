"""Link types."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import changed
from domain.evolve.task_links import drop_links_of
from domain.state import Key, World


@on(ev.LinkCreated)
def _link_created(world: World, e: ev.LinkCreated) -> set[Key]:
    world.saw_id("link", e.link_id)
    world.links[e.link_id] = {"id": e.link_id, "label": e.label, "opposite_id": e.opposite_id}
    return {("link", e.link_id)}


@on(ev.LinkUpdated)
def _link_updated(world: World, e: ev.LinkUpdated) -> set[Key]:
    return changed(world.links, e.link_id, ("link", e.link_id), label=e.label,
                   opposite_id=e.opposite_id)


@on(ev.LinkRemoved)
def _link_removed(world: World, e: ev.LinkRemoved) -> set[Key]:
    touched: set[Key] = {("link", e.link_id)} | drop_links_of(world, link_id=e.link_id)
    world.links.pop(e.link_id, None)
    for link in world.links.values():
        if link["opposite_id"] == e.link_id:
            link["opposite_id"] = 0
            touched.add(("link", link["id"]))
    return touched
