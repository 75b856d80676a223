"""A task's external links: rows of World.external_links, listed by their task (whose
board document counts them); they go with their task."""
from __future__ import annotations

from domain import events as ev
from domain.evolve import on
from domain.evolve.common import changed, join, leave
from domain.state import Key, TaskState, World


@on(ev.ExternalLinkCreated)
def _created(world: World, e: ev.ExternalLinkCreated) -> set[Key]:
    touched = join(world, "external_link", e.external_link_id, world.tasks.get(e.task_id),
                   "external_link_ids", world.external_links, {
                       "id": e.external_link_id, "link_type": e.link_type,
                       "dependency": e.dependency, "title": e.title, "url": e.url,
                       "date_creation": e.at, "date_modification": e.at,
                       "task_id": e.task_id, "creator_id": e.creator_id})
    return touched | {("task", e.task_id)} if touched else touched


@on(ev.ExternalLinkUpdated)
def _updated(world: World, e: ev.ExternalLinkUpdated) -> set[Key]:
    return changed(world.external_links, e.external_link_id,
                   ("external_link", e.external_link_id), **e.changes,
                   date_modification=e.at)


@on(ev.ExternalLinkRemoved)
def _removed(world: World, e: ev.ExternalLinkRemoved) -> set[Key]:
    leave(e.external_link_id, world.tasks.get(e.task_id), "external_link_ids",
          world.external_links)
    return {("external_link", e.external_link_id), ("task", e.task_id)}


def drop_external_links_of(world: World, task: TaskState) -> set[Key]:
    """Kanboard's foreign key cascades: a removed task takes its external links."""
    for link_id in task.external_link_ids:
        world.external_links.pop(link_id, None)
    return {("external_link", i) for i in task.external_link_ids}
