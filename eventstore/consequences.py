"""A command's automatic actions, run by the writer inside the command's transaction.

The writer folds a command's events, then `Consequences.run` lets domain.automation run
the actions those events fire: each consequence is decided against the world right after
its cause, folded, and its events appended to the command's (so they commit together,
right after it in the log). Each consequence's events record in their metadata the
command they ran, the action (`action_id`) and, as `causation_id`, the log position of the
event that fired the action; a client's own command has `causation_id` null.
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from domain.automation import Fired, Reaction, Run, fold_firing, react
from domain.commands import Command
from domain.decision import command_name, decide
from domain.errors import DomainError
from domain.evolve import apply
from domain.state import Key, World
from eventstore.recorder import NewEvent
from eventstore.records import encode

log = logging.getLogger("boardlog.writer")


def session_user(metadata: dict[str, Any]) -> int | None:
    """The user Kanboard would see logged in for the command (None: the token, a key)."""
    actor = str(metadata.get("actor", ""))
    return int(actor[5:]) if actor.startswith("user:") and actor[5:].isdigit() else None


class Consequences:
    """A command's automatic actions, decided and folded right after its events: each
    consequence's events go after its cause's in `events` (so, in the log), their
    metadata naming the command they ran and, as `causation_id`, the log position of
    the event that fired the action (`position`: the log's head before the command)."""

    def __init__(self, world: World, command: Command, metadata: dict[str, Any],
                 position: int, events: list[NewEvent], touched: set[Key],
                 fold_one: Callable[[World, Any], set[Key]] = apply) -> None:
        self.world, self.events, self.touched = world, events, touched
        self.fold_one = fold_one
        self.metadata, self.position = metadata, position
        self.run_state = Run(session_user(metadata), getattr(command, "at", 0) or 0)
        self.cause: dict[int, int] = {}  # id(Fired) -> the position of its event

    def run(self, fired: list[tuple[int, Fired]]) -> None:
        """Kanboard fires a command's events once it is done, in order. A bug in an
        action stops the chain there, never the command: what was decided and folded so
        far is in `events` and stays."""
        try:
            for item in self._caused(fired, self.position + 1):
                react(self.world, item, self.run_state, self._perform)
        except Exception:
            log.exception("automatic actions failed after %s",
                          self.metadata.get("rpc_method", "a command"))

    def _caused(self, fired: list[tuple[int, Fired]], first: int) -> list[Fired]:
        """The Kanboard events, each remembering the position of its event (the first of
        the events at `first` being index 0)."""
        for index, item in fired:
            self.cause[id(item)] = first + index
        return [item for _, item in fired]

    def _perform(self, reaction: Reaction, fired: Fired, depth: int) -> list[Fired]:
        name = command_name(reaction.command)
        try:
            decision = decide(self.world, reaction.command)
        except DomainError:  # Kanboard's model answers false: nothing happens
            return []
        except Exception:
            log.exception("automatic action %s (%s) failed to decide", reaction.action_id, name)
            return []
        metadata = encode({**self.metadata, "command": name,
                           "causation_id": self.cause[id(fired)],
                           "action_id": reaction.action_id})
        start = self.position + len(self.events) + 1
        self.events += [NewEvent.of(e, metadata) for e in decision.events]
        touched, produced = fold_firing(self.world, decision.events, self.fold_one)
        self.touched |= touched
        return self._caused(produced, start)
