"""Decisions on link types, as Kanboard's LinkValidator and LinkModel answer them."""
from __future__ import annotations

from domain import commands as cmd
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import Conflict, Invalid
from domain.php import EmptyText, is_empty
from domain.rules import existing, require_text
from domain.state import World


def _check_label(world: World, label: str | None, link_id: int = 0) -> str:
    """Required (false, sent as the EmptyText "", passes) and unique (Kanboard's Unique
    validator leaves the row itself out)."""
    require_text(label, "a link's label", None)
    if any(link["label"] == label and link["id"] != link_id for link in world.links.values()):
        raise Conflict(f"link {label!r} exists")
    return label


@decides(cmd.CreateLink)
def create_link(world: World, c: cmd.CreateLink) -> Decision:
    """A label and, if given, its opposite, each the other's opposite."""
    label = _check_label(world, c.label)
    if _same_as_sent(c.opposite_label, label):
        raise Invalid("the labels must be different")
    link_id = world.next_id("link")
    if is_empty(c.opposite_label):  # PHP's empty(): "0" and false add no opposite
        return Decision([ev.LinkCreated(link_id, label, 0)], link_id)
    try:
        _check_label(world, c.opposite_label)
    except Conflict:
        # Kanboard's second INSERT fails and rolls its transaction back, yet it answers
        # the first one's id: nothing is created.
        return Decision([], link_id)
    opposite_id = link_id + 1
    return Decision([ev.LinkCreated(link_id, label, opposite_id),
                     ev.LinkCreated(opposite_id, c.opposite_label, link_id)], link_id)


def _same_as_sent(opposite: str | None, label: str) -> bool:
    """Kanboard's NotEquals compares as sent (!==): false is not the default ''."""
    return opposite == label and isinstance(opposite, EmptyText) == isinstance(label, EmptyText)


@decides(cmd.UpdateLink)
def update_link(world: World, c: cmd.UpdateLink) -> Decision:
    label = _check_label(world, c.label, c.link_id)
    if c.link_id not in world.links:
        return Decision([])  # Kanboard's UPDATE matches no row, and says true
    return Decision([ev.LinkUpdated(c.link_id, label, c.opposite_link_id)])


@decides(cmd.RemoveLink)
def remove_link(world: World, c: cmd.RemoveLink) -> Decision:
    existing(world.links, c.link_id, "link")
    return Decision([ev.LinkRemoved(c.link_id)])
