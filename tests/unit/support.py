"""What the unit tests share: deciding a command and folding its events, in memory."""
from __future__ import annotations

from typing import Any

import domain.decide  # noqa: F401  (registers the decisions)
from domain.commands import Command
from domain.decision import decide
from domain.evolve import apply
from domain.state import World


def run(world: World, command: type[Command], **args: Any) -> Any:
    """Decide `command(**args)` against `world`, fold its events in, return its result."""
    decision = decide(world, command(**args))
    for event in decision.events:
        apply(world, event)
    return decision.result
