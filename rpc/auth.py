"""Who is calling: HTTP Basic (or X-API-Auth) credentials checked against the log's hashes.

The KDF is slow on purpose, so a verified credential is cached in memory under an HMAC
of it (keyed by a per-process secret, so the cache holds no usable secret). Entries are
dropped when the log says the user's password, role, name or state changed, or when the
application token is rotated. Failed passwords lock a user as Kanboard does.

Kanboard also keeps the count in users.nb_failed_login (and the lock's end in
lock_expiration_date), which getUser shows: each counted failure of an existing user
and each sign-in that clears a count are commands through `report` (the writer), so
the count is in the log with who tried from where. A locked user's attempts are refused
before they are checked and add nothing, so failures add at most LOCK_AFTER_FAILURES
events per user per lock period; unknown names add none.
"""
from __future__ import annotations

import asyncio
import base64
import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any, Awaitable, Callable

from domain import commands as cmd

from domain.state import World
from eventstore.records import Recorded
from rpc.secrets import verify_secret

log = logging.getLogger("boardlog.auth")
APP_USERNAME = "jsonrpc"
LOCK_AFTER_FAILURES = 6  # six bad passwords in a row lock the user (the rule)
LOCK_SECONDS = 15 * 60
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

    def audit(self) -> dict:
        if self.is_key:
            return {"actor": f"apikey:{self.key_id}", "actor_name": self.username,
                    "credential": f"apikey:{self.key_id}", "auth_method": "api-key"}
        actor = "app-token" if self.is_app else f"user:{self.user_id}"
        return {"actor": actor, "actor_name": self.username or APP_USERNAME,
                "credential": "app-token" if self.is_app else f"password:user:{self.user_id}",
                "auth_method": self.method}


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
        self._failures: dict[str, tuple[int, float]] = {}

    @property
    def _world(self) -> World:
        return self._current_world()

    def _cache_key(self, username: str, password: str) -> bytes:
        """A keyed BLAKE2b (a MAC, 4x cheaper than HMAC-SHA256 here) of the credential."""
        return hashlib.blake2b(f"{username}\0{password}".encode(), key=self._key,
                               digest_size=32).digest()

    async def authenticate(self, username: str, password: str,
                           audit: dict | None = None) -> Principal | None:
        """The caller, or None; `audit` (the request's endpoint, client, agent...) goes
        with the failure or reset it records."""
        if self._locked(username):  # before the cache: a lock also stops verified sessions
            return None
        key = self._cache_key(username, password)
        principal = self._cache.get(key)
        if principal is None:
            principal = await self._verify(username, password, audit or {})
            if principal is not None:
                self._cache[key] = principal
        if principal is not None and principal.kind == "user":
            await self._cleared(principal, audit or {})
        return principal

    async def _cleared(self, principal: Principal, audit: dict) -> None:
        """Kanboard clears the failure count at every sign-in; an event only if set."""
        user = self._world.users.get(principal.user_id) or {}
        if user.get("nb_failed_login") or user.get("lock_expiration_date"):
            await self._send(cmd.ResetLoginFailures(user_id=principal.user_id),
                             {**audit, **principal.audit()})

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

    async def _verify(self, username: str, password: str, audit: dict) -> Principal | None:
        if username == APP_USERNAME:
            ok = await asyncio.to_thread(verify_secret, password, self._world.app_token_hash)
            return Principal("app", method="app-token") if ok else None
        user_id = self._world.usernames.get(username)
        stored = self._world.password_hashes.get(user_id) if user_id else None
        ok = await asyncio.to_thread(verify_secret, password, stored or "")
        user = self._world.users.get(user_id) if user_id else None
        if not ok or not user or not user["is_active"]:
            locked_until = self._fail(username)
            if user:
                await self._counted(user["id"], username, locked_until, audit)
            return None
        self._failures.pop(username, None)
        return Principal("user", user_id, username, user["role"], "password")

    async def authenticate_key(self, api_key: str) -> Principal | None:
        """`lt_{key_name}_{secret}`: the name finds the key, the secret is checked by scrypt."""
        cache_key = self._cache_key("\0apikey", api_key)
        cached = self._cache.get(cache_key)
        if cached is not None:
            return cached
        name, _, secret = api_key.removeprefix(_KEY_PREFIX).partition("_")
        key_id = self._world.key_names.get(name) if api_key.startswith(_KEY_PREFIX) else None
        key = self._world.api_keys.get(key_id) if key_id else None
        ok = await asyncio.to_thread(verify_secret, secret, key["secret_hash"] if key else "")
        if not ok or not key or not key["active"]:
            return None
        principal = Principal("key", username=key["label"], role=key["role"],
                              method="api-key", key_id=key_id,
                              project_ids=tuple(key["project_ids"]))
        self._cache[cache_key] = principal
        return principal

    def _locked(self, username: str) -> bool:
        count, until = self._failures.get(username, (0, 0.0))
        return count >= LOCK_AFTER_FAILURES and until >= time.time()

    def _fail(self, username: str) -> int:
        """Count a failure; the time the user is locked until if this one locks them."""
        count, until = self._failures.get(username, (0, 0.0))
        count += 1
        locked = count >= LOCK_AFTER_FAILURES
        if locked:
            until = time.time() + LOCK_SECONDS
        self._failures[username] = (count, until)
        return int(until) if locked else 0

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
