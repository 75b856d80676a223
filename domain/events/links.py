"""Events of link types (link-N)."""
from __future__ import annotations

from domain.events.base import LinkEvent, event


# --- link types (link-N) ------------------------------------------------------------


@event
class LinkCreated(LinkEvent):
    """A link type; `opposite_id` names its opposite (0: none; it is its own)."""

    label: str
    opposite_id: int


@event
class LinkUpdated(LinkEvent):
    label: str
    opposite_id: int


@event
class LinkRemoved(LinkEvent):
    """The link type is gone; the types that had it as opposite have none any more."""
