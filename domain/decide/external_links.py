"""Decisions on a task's external links, as Kanboard's TaskExternalLinkProcedure makes
them: the kind is recognised from the URL (domain.external_links), the title defaults to
the kind's, and a link is read, changed and removed only through its own task."""
from __future__ import annotations

from domain import commands as cmd
from domain import events as ev
from domain import external_links as links
from domain.commands import given
from domain.decision import Decision, decides
from domain.errors import NotFound
from domain.php import is_empty
from domain.state import Row, World


@decides(cmd.CreateExternalLink)
def create_external_link(world: World, c: cmd.CreateExternalLink) -> Decision:
    kind, url = links.recognise(c.url, c.link_type)
    # PHP's `$title ?: ...`: an empty() title (false, -0.0, "0") takes the kind's
    title = links.default_title(kind, url) if is_empty(c.title) else c.title
    links.check(url, title, c.dependency)
    if c.task_id not in world.tasks:  # Kanboard's foreign key
        raise NotFound(f"task {c.task_id} does not exist")
    link_id = world.next_id("external_link")
    return Decision([ev.ExternalLinkCreated(c.task_id, link_id, kind, c.dependency, title, url,
                                            c.actor_id, c.at)], link_id)


def _link_of(world: World, task_id: int, link_id: int) -> Row:
    link = world.external_links.get(link_id)
    if link is None or link["task_id"] != task_id:
        raise NotFound(f"external link {link_id} is not task {task_id}'s")
    return link


@decides(cmd.UpdateExternalLink)
def update_external_link(world: World, c: cmd.UpdateExternalLink) -> Decision:
    link = _link_of(world, c.task_id, c.external_link_id)
    changes = given(c, leave_out=("task_id", "external_link_id"))
    merged = {**link, **changes}
    links.check(merged["url"], merged["title"], merged["dependency"])
    return Decision([ev.ExternalLinkUpdated(c.task_id, c.external_link_id, changes, c.at)])


@decides(cmd.RemoveExternalLink)
def remove_external_link(world: World, c: cmd.RemoveExternalLink) -> Decision:
    _link_of(world, c.task_id, c.external_link_id)
    return Decision([ev.ExternalLinkRemoved(c.task_id, c.external_link_id)])
