"""The one fold of the log into a World: startup, catch-up, rebuild, replay, verify and
time travel all go through `fold`, so they cannot disagree on what the log means."""
from __future__ import annotations

import gc
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from domain.evolve import apply, defer_renumbering, settle_all
from domain.events import Event
from domain.state import Key, World
from eventstore.recorder import LogReader
from eventstore.records import Recorded

PROGRESS_STEP = 4096
Observer = Callable[[Recorded, World], None]

_paused = 0
_pause_lock = threading.Lock()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Folding allocates many long-lived objects; the cyclic collector only slows it.
    Counted, so overlapping folds (threads, nesting) re-enable it only when the last ends."""
    global _paused
    with _pause_lock:
        _paused += 1
        gc.disable()
    try:
        yield
    finally:
        with _pause_lock:
            _paused -= 1
            if _paused == 0:
                gc.enable()


@dataclass
class Folded:
    world: World
    position: int  # the last position folded (or `after` when there was nothing)
    touched: set[Key] = field(default_factory=set)  # filled only with touched=True


def fold(log: LogReader, *, world: World | None = None, after: int = 0,
         until: int | None = None, streams: Sequence[str] | None = None,
         progress: Callable[[int], None] | None = None, touched: bool = False,
         observe: Observer | None = None, before: Observer | None = None) -> Folded:
    """Fold the log's events after `after` up to `until` into `world` (a new one, or a
    snapshot to continue from), only those of `streams` if given.

    `progress(n)` hears every PROGRESS_STEP events; `touched` collects the keys of the
    entities the events changed; `observe(row, world)` sees each row once it is applied
    (it reads whole rows, with metadata, instead of the lean event path), `before(row,
    world)` (with `observe` only) just before.

    When nothing looks at the world before the end (no `touched`, no `observe`), moves
    are folded with their siblings' renumbering deferred to the end, which is faster."""
    folded = Folded(World() if world is None else world, after)
    deferred = not touched and observe is None
    if deferred:
        defer_renumbering(folded.world)
    with gc_paused():
        _apply_all(_events(log, after, until, streams, observe, folded.world, before), folded,
                   progress, touched)
    if deferred:
        settle_all(folded.world)
    return folded


def _events(log: LogReader, after: int, until: int | None, streams: Sequence[str] | None,
            observe: Observer | None, world: World,
            before: Observer | None = None) -> Iterable[tuple[int, Event]]:
    if streams is None and observe is None:
        return log.read_events(after, until)
    rows = log.read(after, until) if streams is None else log.read_streams(streams, after, until)
    if observe is None:
        return ((r.position, r.event()) for r in rows)
    return _observed(rows, observe, world, before)


def _observed(rows: Iterable[Recorded], observe: Observer, world: World,
              before: Observer | None) -> Iterator[tuple[int, Event]]:
    """Each row's event; `before` runs before it is applied, `observe` when the fold asks
    for the next one, that is once the fold has applied this one."""
    for row in rows:
        if before is not None:
            before(row, world)
        yield row.position, row.event()
        observe(row, world)


def _apply_all(events: Iterable[tuple[int, Event]], folded: Folded,
               progress: Callable[[int], None] | None, touched: bool) -> None:
    world, keys, position = folded.world, folded.touched, folded.position
    for position, event in events:
        changed = apply(world, event)
        if touched:
            keys |= changed
        if progress is not None and position % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)
    folded.position = position
