"""Automatic actions: Kanboard's catalogue (open to every caller) and a project's actions
(its managers only, as Kanboard's ActionProcedure)."""
from __future__ import annotations

from typing import Any

from domain import commands as cmd
from domain.action_catalogue import ACTIONS, AVAILABLE, EVENTS
from domain.php import php_text
from domain.roles import PROJECT_MANAGER
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by, by_project
from rpc.protocol import INVALID_PARAMS, RpcError

MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)


@procedure("getAvailableActions")
async def available_actions(ctx: Ctx) -> dict[str, str]:
    return {name: ACTIONS[name].description for name in AVAILABLE}


@procedure("getAvailableActionEvents")
async def available_events(ctx: Ctx) -> dict[str, str]:
    return dict(EVENTS)


@procedure("getCompatibleActionEvents")
async def compatible_events(ctx: Ctx, action_name: str) -> dict[str, str]:
    """In the catalogue's order of events. Kanboard answers an unknown action with the
    RuntimeException ActionManager::getAction throws (code 0)."""
    spec = ACTIONS.get(action_name)
    if spec is None:
        raise RpcError((0, f"Automatic Action Not Found: {php_text(action_name)}"))
    return {event: text for event, text in EVENTS.items() if event in spec.events}


read("getActions", query=Reads.actions, access=MANAGE)


async def _params_an_array(ctx: Ctx, values: dict[str, Any]) -> dict[str, Any]:
    """Kanboard's `array $params`: PHP stops anything else, null too, with a TypeError
    (HTTP 500, no body); boardlog answers -32602, as for any parameter of the wrong JSON
    type (compat/allowed.py, crash-on-wrong-type). An array Kanboard checks, answering
    false."""
    if not isinstance(values.get("params"), (dict, list)):
        raise RpcError(INVALID_PARAMS, "params must be an array")
    return values


write("createAction", command=cmd.CreateAction, access=MANAGE, prepare=_params_an_array)
write("removeAction", command=cmd.RemoveAction,
      access=Access(project=by("action", "action_id"), project_role=PROJECT_MANAGER))
