"""What a procedure handler gets: the caller, the reads, and a way to run commands."""
from __future__ import annotations

import dataclasses
import functools
import time
from dataclasses import dataclass
from typing import Any, Callable, Hashable

from domain.commands import Command, is_supplied
from domain.errors import DomainError
from eventstore.blobs import BlobStore, MemoryBlobStore
from eventstore.writer import Writer
from projections.queries import Reads
from rpc.answer_cache import AnswerCache
from rpc.auth import Principal

# The supplied command fields a facade fills in from the request itself.
REQUEST_SUPPLIED = ("at", "actor_id")


@functools.cache
def _from_request(command: type[Command]) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(command)
                 if is_supplied(f) and f.name in REQUEST_SUPPLIED)


def missing_supplied(command: type[Command], given: set[str]) -> list[str]:
    """Supplied fields without a default that neither the request nor `given` fills:
    a declaration that forgets one is a programming error, found at start-up."""
    return [f.name for f in dataclasses.fields(command)
            if is_supplied(f) and f.default is dataclasses.MISSING
            and f.name not in REQUEST_SUPPLIED and f.name not in given]


@dataclass
class Ctx:
    principal: Principal
    reads: Reads
    writer: Writer
    audit: dict[str, Any]  # endpoint, method, request and correlation ids, client, agent
    answers: AnswerCache | None = None
    blobs: BlobStore = dataclasses.field(default_factory=MemoryBlobStore)  # file contents
    max_file_size: int = 10 * 1024 * 1024

    @staticmethod
    def now() -> int:
        return int(time.time())

    @property
    def actor_id(self) -> int:
        return self.principal.user_id

    def supplied(self, command: type[Command]) -> dict[str, Any]:
        """The request's values of the command's supplied fields (clock, caller)."""
        values = {"at": self.now(), "actor_id": self.actor_id}
        return {name: values[name] for name in _from_request(command)}

    def command(self, command: type[Command], **values: Any) -> Command:
        """The command with the request's supplied fields and the caller's authority
        (built with it: `execute` then has nothing to copy)."""
        return command(**values, **self.supplied(command), authority=self.principal.authority)

    def cached(self, project_id: int, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A heavy read of a project, its answer reused until the log moves that project
        (see rpc.answer_cache)."""
        if self.answers is None:
            return compute()
        return self.answers.get(key, project_id, self.writer.committed, compute)

    def wrote_comment(self, comment_id: int) -> bool:
        """Whether the caller may change the comment as its author: a user their own, a
        key those it wrote (as Kanboard lets a logged-in user change only their own); the
        application token any."""
        if self.principal.is_app:
            return True
        comment = self.reads.comment(comment_id)
        if not comment or comment["user_id"] != self.actor_id:
            return False
        return (not self.principal.is_key or self.reads.comment_credential(comment_id)
                == self.principal.audit()["credential"])

    async def execute(self, command: Command) -> Any:
        """Run a command with the caller's authority (domain.authority, which refuses
        what reaches above it); raises DomainError if refused."""
        authority = self.principal.authority
        if command.authority != authority:  # built elsewhere than `command`
            command = dataclasses.replace(command, authority=authority)
        return await self.writer.execute(command, self.audit)

    async def attempt(self, command: Command, failure: Any = False) -> Any:
        """Run a command; Kanboard answers a refusal with `failure` (false, 0...)."""
        try:
            return await self.execute(command)
        except DomainError:
            return failure
