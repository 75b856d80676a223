"""Who is calling: HTTP Basic (or X-API-Auth) credentials checked against the log's hashes.

The KDF is slow on purpose, so a verified credential is cached in memory under an HMAC
of it (keyed by a per-process secret, so the cache holds no usable secret). Entries are
dropped when the log says the user's password, role, name or state changed, or when the
application token is rotated. Failed passwords lock a user per address
(`rpc.ratelimit.PasswordLockout`), and at most a few KDF checks run at once
(`KdfGate`), so guesses from anywhere cost bounded CPU and memory.

Kanboard also keeps the count in users.nb_failed_login (and the lock's end in
lock_expiration_date), which getUser shows: each checked failure of an existing user and
each sign-in that clears a count are commands through `report` (the writer), so the count
is in the log with who tried from where. Attempts refused by a lock are not checked and
add nothing, unknown names add none, so the lockout's budgets bound what failures add to
the log (at most about 100 events per user per 15 minutes, from any set of addresses).
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import os
import secrets
from dataclasses import dataclass
import time
from typing import Any, Awaitable, Callable

from domain import commands as cmd

from domain.authority import UNLIMITED, key_rank, user_rank
from domain.state import World
from eventstore.records import Recorded
from rpc.ratelimit import FailureLimiter, PasswordLockout
from rpc.secrets import hash_secret, is_bcrypt, verify_secret

log = logging.getLogger("boardlog.auth")
APP_USERNAME = "jsonrpc"
LOCK_AFTER_FAILURES = 6  # six bad passwords from one address lock the user there
_USER_EVENTS = {"UserPasswordChanged", "UserDisabled", "UserRemoved", "UserUpdated",
                "UserEnabled"}
_KEY_PREFIX = "lt_"


@dataclass(frozen=True, slots=True)
class Principal:
    kind: str  # "app", "user" or "key"
    user_id: int = 0
    username: str = ""
    role: str = ""  # application role for users, key role for keys
    method: str = "basic"  # how it authenticated
    key_id: int = 0
    project_ids: tuple[int, ...] = ()

    @property
    def is_app(self) -> bool:
        return self.kind == "app"

    @property
    def is_key(self) -> bool:
        return self.kind == "key"

    @property
    def authority(self) -> int:
        """The most this credential may grant or remove (domain.authority): a key its
        role, a user their application role; the token is Kanboard's, unlimited."""
        if self.is_key:
            return key_rank(self.role)
        return UNLIMITED if self.is_app else user_rank(self.role)

    def audit(self) -> dict:
        if self.is_key:
            return {"actor": f"apikey:{self.key_id}", "actor_name": self.username,
                    "credential": f"apikey:{self.key_id}", "auth_method": "api-key"}
        actor = "app-token" if self.is_app else f"user:{self.user_id}"
        return {"actor": actor, "actor_name": self.username or APP_USERNAME,
                "credential": "app-token" if self.is_app else f"password:user:{self.user_id}",
                "auth_method": self.method}


class Busy(Exception):
    """Too many credential checks are waiting: answered 503, nothing is counted."""


class Limited(Exception):
    """The address failed too often lately: answered 429 after `wait` seconds."""

    def __init__(self, wait: int) -> None:
        super().__init__(wait)
        self.wait = wait


class KdfGate:
    """At most `concurrency` scrypt checks at once and `queue` waiting; past that a check
    is refused at once, so a flood of guesses can't queue unbounded work or memory."""

    def __init__(self, concurrency: int = os.cpu_count() or 2, queue: int = 64) -> None:
        self._slots = asyncio.Semaphore(concurrency)
        self._limit, self._waiting = concurrency + queue, 0

    async def verify(self, secret: str, stored: str) -> bool:
        if self._waiting >= self._limit:
            raise Busy
        self._waiting += 1
        try:
            async with self._slots:
                return await asyncio.to_thread(verify_secret, secret, stored)
        finally:
            self._waiting -= 1


def parse_basic(header: str | None) -> tuple[str, str] | None:
    if not header or not header[:6].lower() == "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode()
    except (ValueError, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


class Authenticator:
    """Reads credentials from the writer's world (via `world()`, since the writer may
    replace it when it reloads from the log)."""

    def __init__(self, world: Callable[[], World],
                 report: Callable[[Any, dict], Awaitable[Any]] | None = None) -> None:
        self._current_world = world
        self._report = report  # runs a command with its metadata (the writer's execute)
        self._key = secrets.token_bytes(32)
        self._cache: dict[bytes, Principal] = {}
        self.failures = FailureLimiter()  # per address, every credential type
        self.lockout = PasswordLockout(per_address=LOCK_AFTER_FAILURES)
        self._kdf = KdfGate()

    @property
    def _world(self) -> World:
        return self._current_world()

    def _cache_key(self, username: str, password: str) -> bytes:
        """A keyed BLAKE2b (a MAC, 4x cheaper than HMAC-SHA256 here) of the credential."""
        return hashlib.blake2b(f"{username}\0{password}".encode(), key=self._key,
                               digest_size=32).digest()

    async def authenticate(self, username: str, password: str, address: str = "?",
                           audit: dict | None = None) -> Principal | None:
        """The caller, or None; `audit` (the request's endpoint, client, agent...) goes
        with the failure or reset it records. Raises `Limited` or `Busy`."""
        if username == APP_USERNAME:
            return await self._checked((username, password), address,
                                       lambda: self._verify_token(password))
        # Reserved before the cache is read: a lock also stops a credential verified
        # earlier, and attempts still being checked count against the lock.
        attempt = self.lockout.begin(username, address)
        if attempt is None:
            return None
        try:
            principal = await self._checked((username, password), address,
                                            lambda: self._verify_user(username, password))
        except BaseException:  # not checked (busy, limited, cancelled): nothing counts
            self.lockout.cancel(attempt)
            raise
        locked_for = self.lockout.settle(attempt, succeeded=principal is not None)
        if principal is not None:
            await self._cleared(principal, audit or {})
            await self._upgraded(principal, password, audit or {})
        elif username in self._world.usernames:
            locked_until = int(time.time() + locked_for) if locked_for else 0
            await self._counted(self._world.usernames[username], username, locked_until,
                                audit or {})
        return principal

    async def _cleared(self, principal: Principal, audit: dict) -> None:
        """Kanboard clears the failure count at every sign-in; an event only if set."""
        user = self._world.users.get(principal.user_id) or {}
        if user.get("nb_failed_login") or user.get("lock_expiration_date"):
            await self._send(cmd.ResetLoginFailures(user_id=principal.user_id),
                             {**audit, **principal.audit()})

    async def _upgraded(self, principal: Principal, password: str, audit: dict) -> None:
        """A password brought across from Kanboard is still its bcrypt hash: the first
        sign-in it lets through replaces it by boardlog's scrypt, recorded as an event."""
        if not is_bcrypt(self._world.password_hashes.get(principal.user_id)):
            return
        password_hash = await asyncio.to_thread(hash_secret, password)
        await self._send(cmd.ChangeUserPassword(user_id=principal.user_id,
                                                password_hash=password_hash),
                         {**audit, **principal.audit(), "rpc_method": "sign-in:kdf-upgrade"})

    async def _counted(self, user_id: int, username: str, locked_until: int,
                       audit: dict) -> None:
        await self._send(cmd.RecordLoginFailure(user_id=user_id, at=int(time.time()),
                                                locked_until=locked_until),
                         {**audit, "actor": "anonymous", "actor_name": username,
                          "credential": "none", "auth_method": "basic"})

    async def _send(self, command: Any, metadata: dict) -> None:
        if self._report is None:
            return
        try:
            await self._report(command, metadata)
        except Exception:  # the answer to the caller must not depend on the count
            log.exception("could not record %s", type(command).__name__)

    async def authenticate_key(self, api_key: str, address: str = "?") -> Principal | None:
        return await self._checked(("\0apikey", api_key), address,
                                   lambda: self._verify_key(api_key))

    async def _checked(self, credential: tuple[str, str], address: str,
                       verify: Callable[[], Awaitable[Principal | None]]) -> Principal | None:
        """A credential verified earlier is answered from the cache, even for an address
        over its limit (it costs nothing); anything else is checked only if the address
        may still try. Raises `Limited` or `Busy`."""
        key = self._cache_key(*credential)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        wait = self.failures.retry_after(address)
        if wait:
            raise Limited(wait)
        principal = await verify()
        if principal is None:
            self.failures.fail(address)
        else:
            self._cache[key] = principal
        return principal

    async def _verify_token(self, password: str) -> Principal | None:
        ok = await self._kdf.verify(password, self._world.app_token_hash or "")
        return Principal("app", method="app-token") if ok else None

    async def _verify_user(self, username: str, password: str) -> Principal | None:
        user_id = self._world.usernames.get(username)
        stored = self._world.password_hashes.get(user_id) if user_id else None
        ok = await self._kdf.verify(password, stored or "")
        user = self._world.users.get(user_id) if user_id else None
        if not ok or not user or not user["is_active"]:
            return None
        return Principal("user", user_id, username, user["role"], "password")

    async def _verify_key(self, api_key: str) -> Principal | None:
        """`lt_{key_name}_{secret}`: the name finds the key, the secret is checked by scrypt."""
        name, _, secret = api_key.removeprefix(_KEY_PREFIX).partition("_")
        key_id = self._world.key_names.get(name) if api_key.startswith(_KEY_PREFIX) else None
        key = self._world.api_keys.get(key_id) if key_id else None
        ok = await self._kdf.verify(secret, key["secret_hash"] if key else "")
        if not ok or not key or not key["active"]:
            return None
        return Principal("key", username=key["label"], role=key["role"], method="api-key",
                         key_id=key_id, project_ids=tuple(key["project_ids"]))

    def on_events(self, rows: list[Recorded]) -> None:
        """Writer listener: forget cached credentials the new events make stale."""
        for row in rows:
            if row.type == "ApplicationTokenSet":
                self._drop(lambda p: p.is_app)
            elif row.type in _USER_EVENTS:
                user_id = int(row.stream_id.split("-")[1])
                self._drop(lambda p, uid=user_id: p.kind == "user" and p.user_id == uid)
            elif row.type == "ApiKeyRevoked":
                key_id = int(row.stream_id.split("-")[1])
                self._drop(lambda p, kid=key_id: p.is_key and p.key_id == kid)

    def _drop(self, matches) -> None:
        for key in [k for k, p in self._cache.items() if matches(p)]:
            del self._cache[key]
