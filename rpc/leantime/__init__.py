"""The Leantime JSON-RPC facade: `leantime.rpc.{domain}[.{service}].{method}` over the
same domain commands, events and read models as the Kanboard API."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from rpc.procedures import Handler, Procedure, ProcedureTable

TABLE = ProcedureTable()


@dataclass(frozen=True)
class Need:
    """The least key role a method needs, and whether it writes (outside scope: -32001)."""

    role: str = "readonly"
    writes: bool = False


def method(domain: str, service: str, name: str, need: Need | None = None,
           ) -> Callable[[Handler], Handler]:
    return TABLE.register(f"{domain}.{service}.{name.lower()}".lower(), access=need or Need())


def lookup(domain: str, service: str, name: str, table: ProcedureTable = TABLE,
           ) -> Procedure | None:
    return table.get(f"{domain}.{service}.{name.replace('_', '').lower()}".lower())


def services(table: ProcedureTable = TABLE) -> set[str]:
    return {name.rsplit(".", 1)[0] for name in table.procedures}


def load() -> ProcedureTable:
    from rpc.leantime import (  # noqa: F401
        comments, files, projects, sprints_time, system, tickets, users,
    )

    return TABLE
