"""What a procedure handler gets: the caller, the reads, and a way to run commands."""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any, Callable, Hashable

from domain.decision import Command
from domain.errors import DomainError
from eventstore.writer import Writer
from projections.queries import Reads
from rpc.answer_cache import AnswerCache
from rpc.auth import Principal


@dataclass
class Ctx:
    principal: Principal
    reads: Reads
    writer: Writer
    audit: dict[str, Any]  # endpoint, method, request and correlation ids, client, agent
    answers: AnswerCache | None = None

    @staticmethod
    def now() -> int:
        return int(time.time())

    @property
    def actor_id(self) -> int:
        return self.principal.user_id

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """A heavy read's answer, reused until the log moves (see rpc.answer_cache)."""
        if self.answers is None:
            return compute()
        return self.answers.get(key, self.writer.committed, compute)

    async def execute(self, command: str, **args: Any) -> Any:
        """Run a command; raises DomainError if refused."""
        return await self.writer.execute(Command(command, args), self.audit)

    async def attempt(self, command: str, failure: Any = False, **args: Any) -> Any:
        """Run a command; Kanboard answers a refusal with `failure` (false, 0...)."""
        try:
            return await self.execute(command, **args)
        except DomainError:
            return failure
