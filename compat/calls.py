"""One planned JSON-RPC call: what to send, as whom, and what to learn from its answer."""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

from compat.client import Credentials

Learn = Callable[[Any], None]


@dataclass
class Call:
    method: str
    params: dict[str, Any] | None = None
    learn: Learn | None = None
    project_id: int | None = None  # whose members are the natural callers
    as_user: bool = False  # a "Me" procedure: meant for a user, not the application token
    auth: Credentials | None = None
    positional: bool = False

    def envelope(self, request_id: int) -> dict[str, Any]:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": self.method}
        if self.params is not None:
            message["params"] = list(self.params.values()) if self.positional else self.params
        message["id"] = request_id
        return message

    def body(self, request_id: int) -> str:
        return json.dumps(self.envelope(request_id), ensure_ascii=False)
