"""evolve: apply one event to the world. Never fails; tolerates a partial world.

`apply` returns the keys of the entities whose rendering the event changed, so a read
model can re-render exactly those rows (and delete the ones that no longer exist).
One module per aggregate registers its handlers with `on`.
"""
from __future__ import annotations

from typing import Callable, Iterable

from domain import events as ev
from domain.state import Key, World

Handler = Callable[[World, ev.Event], set[Key]]
_HANDLERS: dict[type[ev.Event], Handler] = {}


def on(event_type: type[ev.Event]) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        _HANDLERS[event_type] = fn
        return fn

    return register


def apply(world: World, event: ev.Event) -> set[Key]:
    handler = _HANDLERS.get(type(event))
    return handler(world, event) if handler else set()


def fold(events: Iterable[ev.Event], world: World | None = None) -> World:
    """The world after `events`. Nothing reads it before the end, so moves are folded
    with their renumbering deferred (domain/evolve/ordering.py), which is much faster."""
    world = world or World()
    defer_renumbering(world)
    for event in events:
        apply(world, event)
    settle_all(world)
    return world


from domain.evolve import (  # noqa: E402,F401  (register)
    actions, boards, external_links, files, groups, links, metadata, planning, projects,
    task_links, tasks, users,
)
from domain.evolve.ordering import defer_renumbering, settle_all  # noqa: E402
