"""Automatic actions: Kanboard's catalogue (open to every caller) and a project's actions
(its managers only, as Kanboard's ActionProcedure)."""
from __future__ import annotations

from domain import commands as cmd
from domain.action_catalogue import ACTIONS, AVAILABLE, EVENTS
from domain.roles import PROJECT_MANAGER
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by, by_project

MANAGE = Access(project=by_project(), project_role=PROJECT_MANAGER)


@procedure("getAvailableActions")
async def available_actions(ctx: Ctx) -> dict[str, str]:
    return {name: ACTIONS[name].description for name in AVAILABLE}


@procedure("getAvailableActionEvents")
async def available_events(ctx: Ctx) -> dict[str, str]:
    return dict(EVENTS)


@procedure("getCompatibleActionEvents")
async def compatible_events(ctx: Ctx, action_name: str) -> dict[str, str]:
    """In the catalogue's order of events; an unknown action has none."""
    spec = ACTIONS.get(action_name)
    listened = spec.events if spec else ()
    return {event: text for event, text in EVENTS.items() if event in listened}


read("getActions", query=Reads.actions, access=MANAGE)
write("createAction", command=cmd.CreateAction, access=MANAGE)
write("removeAction", command=cmd.RemoveAction,
      access=Access(project=by("action", "action_id"), project_role=PROJECT_MANAGER))
