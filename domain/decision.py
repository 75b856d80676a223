"""What a decision returns, and the registry that maps each command type to its decider."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

from domain.authority import check_authority
from domain.commands import Command
from domain.events import Event
from domain.php import carries_empty_text, plain_texts
from domain.state import World

C = TypeVar("C", bound=Command)


@dataclass(frozen=True, slots=True)
class Decision:
    events: list[Event] = field(default_factory=list)
    result: Any = True


Decider = Callable[[World, Any], Decision]
DECIDERS: dict[type[Command], Decider] = {}


def decides(command_type: type[C]) -> Callable[[Callable[[World, C], Decision]],
                                                 Callable[[World, C], Decision]]:
    """Register the decider of one command type (exactly one per type)."""

    def register(fn: Callable[[World, C], Decision]) -> Callable[[World, C], Decision]:
        assert command_type not in DECIDERS, f"{command_type.__name__} decided twice"
        DECIDERS[command_type] = fn
        return fn

    return register


def decide(world: World, command: Command) -> Decision:
    """Run the command's decision; raises a DomainError when the command is refused
    (first of all when it reaches above its caller's role: domain.authority). What it
    stores holds plain texts only (domain.php.EmptyText)."""
    check_authority(world, command)
    decision = DECIDERS[type(command)](world, command)
    if carries_empty_text(command):  # a text sent as false or -0.0: store it plain
        decision = Decision(plain_texts(decision.events), plain_texts(decision.result))
    return decision


def command_name(command: Command) -> str:
    """The name the audit trail records for a command."""
    return type(command).__name__
