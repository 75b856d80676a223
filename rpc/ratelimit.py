"""Limits on guessing credentials, all in bounded memory.

- `FailureLimiter`: more than N failed authentications a minute from one address, of any
  credential type, and that address gets 429 until the window has passed.
- `PasswordLockout`: a user's password locks per address: six failures from one address
  lock the user *for that address* for 15 minutes, so an attacker elsewhere can't keep the
  user out. Failures from all addresses together also count: past a larger budget the user
  is locked for every address that has not signed in as that user successfully lately, so
  brute force from many addresses stays infeasible while the user's own machines still get
  in. Attempts still being checked count as failures until they are settled, so a burst of
  guesses sent at once can't race the lock.
"""
from __future__ import annotations

import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Callable, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMap(Generic[K, V]):
    """A dict that forgets its least recently used entries past `capacity`, so an attacker
    trying a million names or addresses costs a fixed amount of memory."""

    def __init__(self, capacity: int, new: Callable[[], V]) -> None:
        self.capacity, self._new = capacity, new
        self._items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V:
        """The entry for `key`, created when absent, marked as most recently used."""
        value = self._items.get(key)
        if value is None:
            value = self._items[key] = self._new()
            if len(self._items) > self.capacity:
                self._items.popitem(last=False)
        else:
            self._items.move_to_end(key)
        return value

    def peek(self, key: K) -> V | None:
        return self._items.get(key)

    def pop(self, key: K) -> None:
        self._items.pop(key, None)

    def __len__(self) -> int:
        return len(self._items)


class Window:
    """Times of recent events within a sliding window."""

    __slots__ = ("times",)

    def __init__(self) -> None:
        self.times: deque[float] = deque()

    def recent(self, now: float, window: float) -> deque[float]:
        while self.times and self.times[0] <= now - window:
            self.times.popleft()
        return self.times


class FailureLimiter:
    """More than `limit` failures within `window` seconds from one address → wait."""

    def __init__(self, limit: int = 20, window: float = 60.0, capacity: int = 100_000) -> None:
        self.limit, self.window = limit, window
        self._failures: BoundedMap[str, Window] = BoundedMap(capacity, Window)

    def retry_after(self, address: str) -> int:
        """Seconds to wait, or 0 when the address may try again."""
        entry = self._failures.peek(address)
        if entry is None:
            return 0
        now = time.monotonic()
        times = entry.recent(now, self.window)
        if len(times) <= self.limit:
            return 0
        return max(1, int(times[-self.limit - 1] + self.window - now) + 1)

    def fail(self, address: str) -> None:
        now = time.monotonic()
        self._failures.get(address).recent(now, self.window).append(now)


@dataclass(slots=True)
class _UserRecord:
    """One username's failures from everywhere, and where it signed in from lately."""

    failures: Window = field(default_factory=Window)
    in_flight: int = 0
    trusted: dict[str, float] = field(default_factory=dict)  # address → last success


@dataclass(slots=True)
class _PairRecord:
    """One username's failures from one address."""

    failures: Window = field(default_factory=Window)
    in_flight: int = 0


@dataclass(frozen=True, slots=True)
class Attempt:
    username: str
    address: str


class PasswordLockout:
    def __init__(self, per_address: int = 6, overall: int = 100, window: float = 15 * 60,
                 trust_for: float = 30 * 24 * 3600, capacity: int = 100_000,
                 trusted_per_user: int = 16) -> None:
        self.per_address, self.overall, self.window = per_address, overall, window
        self.trust_for, self.trusted_per_user = trust_for, trusted_per_user
        self._users: BoundedMap[str, _UserRecord] = BoundedMap(capacity, _UserRecord)
        self._pairs: BoundedMap[tuple[str, str], _PairRecord] = BoundedMap(capacity,
                                                                           _PairRecord)
        self.clock: Callable[[], float] = time.monotonic

    def locked(self, username: str, address: str) -> bool:
        """Whether `username` may not sign in from `address` now (also with the right
        password, and also with a credential verified earlier)."""
        now = self.clock()
        pair = self._pairs.peek((username, address))
        if pair and len(pair.failures.recent(now, self.window)) + pair.in_flight \
                >= self.per_address:
            return True
        user = self._users.peek(username)
        if user is None or self._trusted(user, address, now):
            return False
        return len(user.failures.recent(now, self.window)) + user.in_flight >= self.overall

    def begin(self, username: str, address: str) -> Attempt | None:
        """Reserve a check of a password, or None when the user is locked for `address`."""
        if self.locked(username, address):
            return None
        self._pairs.get((username, address)).in_flight += 1
        self._users.get(username).in_flight += 1
        return Attempt(username, address)

    def settle(self, attempt: Attempt, succeeded: bool) -> float:
        """The check's outcome; after a failure, the seconds the user is now locked for at
        that address (0 when not locked)."""
        pair, user = self._release(attempt)
        now = self.clock()
        if not succeeded:
            failures = pair.failures.recent(now, self.window)
            failures.append(now)
            user.failures.recent(now, self.window).append(now)
            if len(failures) + pair.in_flight < self.per_address:
                return 0.0
            return failures[max(0, len(failures) - self.per_address)] + self.window - now
        pair.failures.times.clear()  # a success forgives its own address only
        user.trusted[attempt.address] = now
        if len(user.trusted) > self.trusted_per_user:
            del user.trusted[min(user.trusted, key=user.trusted.__getitem__)]
        return 0.0

    def cancel(self, attempt: Attempt) -> None:
        """The check did not happen (the server was busy): nothing is counted."""
        self._release(attempt)

    def _release(self, attempt: Attempt) -> tuple[_PairRecord, _UserRecord]:
        pair = self._pairs.get((attempt.username, attempt.address))
        user = self._users.get(attempt.username)
        pair.in_flight, user.in_flight = max(0, pair.in_flight - 1), max(0, user.in_flight - 1)
        return pair, user

    def _trusted(self, user: _UserRecord, address: str, now: float) -> bool:
        since = user.trusted.get(address)
        return since is not None and now - since < self.trust_for
