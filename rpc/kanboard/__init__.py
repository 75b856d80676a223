"""The Kanboard JSON-RPC facade: its procedure table, assembled from one module per area."""
from typing import Callable

from rpc.kanboard.access import Access
from rpc.procedures import Handler, ProcedureTable

TABLE = ProcedureTable()


def procedure(*names: str, access: Access | None = None) -> Callable[[Handler], Handler]:
    """Register a Kanboard procedure; with no rule it is open to the token and any user."""
    return TABLE.register(*names, access=access or Access())



def load() -> ProcedureTable:
    """Import every procedure module (each registers into TABLE) and return the table."""
    from rpc.kanboard import (  # noqa: F401
        app_info, board, history, members, me, projects, subtasks_comments, tasks, users,
    )

    return TABLE
