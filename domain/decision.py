"""What a decision returns, and the registry that maps command names to decisions."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from domain.events import Event
from domain.state import World


@dataclass(frozen=True, slots=True)
class Decision:
    events: list[Event] = field(default_factory=list)
    result: Any = True


@dataclass(frozen=True, slots=True)
class Command:
    """A request to change the world: a registered decision's name and its arguments."""

    name: str
    args: dict[str, Any]


Decider = Callable[..., Decision]
DECIDERS: dict[str, Decider] = {}


def decider(fn: Decider) -> Decider:
    DECIDERS[fn.__name__] = fn
    return fn


def command_name(command: Command) -> str:
    """The name the log records a command under (in each event's metadata)."""
    return command.name


def decide(world: World, command: Command) -> Decision:
    """Run the named decision; raises a DomainError when the command is refused."""
    return DECIDERS[command.name](world, **command.args)
