"""leantime.rpc.tickets: a ticket is a boardlog task, seen through Leantime's field names."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from domain import commands as cmd
from domain.errors import DomainError, Invalid
from domain.rules import is_digits, parse_date
from projections.search import search
from rpc.context import Ctx
from rpc.leantime import Need, method
from rpc.leantime.binding import bounded
from rpc.leantime.scope import require, sees, visible_projects
from rpc.leantime.statuses import first_status_of_type, labels_for_columns, placement, status_types
from rpc.leantime.ticket_view import ticket_of, tickets_of

EDITOR = Need("editor", writes=True)
NO_HEADLINE = {"msg": "notifications.ticket_save_error_no_headline", "type": "error"}
DEFAULT_LABELS = {"3": "New", "1": "Blocked", "4": "In Progress", "2": "Waiting for Approval",
                  "0": "Done"}

# Leantime field -> (task command field, how to read it)
_FIELDS: dict[str, tuple[str, Any]] = {
    "headline": ("title", str), "description": ("description", str),
    "editorId": ("owner_id", int), "dateToFinish": ("date_due", str),
    "editFrom": ("date_started", str), "planHours": ("time_estimated", float),
}
# Leantime field -> (planning field, how to read it): domain.planning.PLAN_FIELDS
_PLAN: dict[str, tuple[str, Any]] = {
    "type": ("kind", str), "priority": ("urgency", int),
    "storypoints": ("story_points", int), "sprint": ("sprint_id", int),
    "hourRemaining": ("hours_remaining", float), "dependingTicketId": ("parent_id", int),
    "milestoneid": ("milestone_id", int), "editTo": ("date_end", parse_date),
}


def _read(values: dict[str, Any], name: str, kind: Any) -> Any:
    """A given field as its kind; None stays None (unchanged), bad values name the field."""
    value = values[name]
    if value is None:
        return None
    if value == "":
        return "" if kind is str else None
    try:
        read = kind(value)
    except (TypeError, ValueError) as exc:
        raise Invalid(f"{name} cannot be read from {value!r}") from exc
    return bounded(name, read)


def field_int(values: dict[str, Any], name: str) -> int | None:
    return _read(values, name, int) if name in values else None


def task_args(values: dict[str, Any]) -> dict[str, Any]:
    """Leantime ticket values as task command fields (only those given)."""
    args = {arg: _read(values, name, kind) for name, (arg, kind) in _FIELDS.items()
            if name in values}
    plan = {arg: _read(values, name, kind) for name, (arg, kind) in _PLAN.items()
            if name in values}
    if plan:
        args["plan"] = plan
    if "tags" in values:
        tags = values["tags"]
        args["tags"] = [t.strip() for t in tags.split(",")] if isinstance(tags, str) else tags
    return args


def _status(values: dict[str, Any]) -> int | None:
    return field_int(values, "status")


def ticket(ctx: Ctx, ticket_id: Any) -> dict | None:
    """The ticket if it exists and the key sees its project."""
    project_id = project_of_ticket(ctx, ticket_id)
    return ticket_of(ctx.reads, ticket_id) if project_id and sees(ctx, project_id) else None


def project_of_ticket(ctx: Ctx, ticket_id: int) -> int | None:
    return ctx.reads.project_of("task", ticket_id)


@method("tickets", "tickets", "getTicket")
async def get_ticket(ctx: Ctx, id: int) -> Any:
    return ticket(ctx, id) or False


def _all_tickets(ctx: Ctx, project_ids: list[int]) -> list[dict]:
    return tickets_of(ctx.reads, project_ids)


def _stamp(text: Any) -> str | None:
    """Criteria dates: ISO text or unix seconds, compared as 'YYYY-MM-DD HH:MM:SS'."""
    if text in (None, ""):
        return None
    try:
        if isinstance(text, (int, float)) or is_digits(str(text)):
            moment = datetime.fromtimestamp(int(text), timezone.utc)
        else:
            moment = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
        if moment.tzinfo:
            moment = moment.astimezone(timezone.utc)
    except (ValueError, OverflowError, OSError) as exc:  # past the year 9999 too
        raise Invalid(f"cannot read the date {text!r}") from exc
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def _ids(value: Any) -> set[str]:
    items = value if isinstance(value, list) else str(value).split(",")
    return {str(v).strip() for v in items if str(v).strip()}


def _matches(t: dict, criteria: dict[str, Any], types: dict[int, dict[str, str]]) -> bool:
    status = criteria.get("status")
    if status not in (None, "", "all"):
        kind = types.get(t["projectId"], {}).get(str(t["status"]))
        if status == "not_done" and (kind == "DONE" or t["status"] == 0):
            return False
        if status == "done" and not (kind == "DONE" or t["status"] == 0):
            return False
        if status not in ("not_done", "done") and str(t["status"]) not in _ids(status):
            return False
    if criteria.get("statusType"):
        kind = types.get(t["projectId"], {}).get(str(t["status"]))
        if (kind or "").upper() != str(criteria["statusType"]).upper():
            return False
    if criteria.get("users") and str(t["editorId"]) not in _ids(criteria["users"]):
        return False
    if criteria.get("type") and t["type"] not in _ids(criteria["type"]):
        return False
    if criteria.get("priority") and str(t["priority"]) not in _ids(criteria["priority"]):
        return False
    if criteria.get("sprint") and str(t["sprint"]) not in _ids(criteria["sprint"]):
        return False
    term = str(criteria.get("term") or "").lower()
    if term and term not in t["headline"].lower() and term not in (t["description"] or "").lower() \
            and term != str(t["id"]):
        return False
    low, high = _stamp(criteria.get("dateFrom")), _stamp(criteria.get("dateTo"))
    if low and not (t["dateToFinish"] and t["dateToFinish"] >= low):
        return False
    if high and not (t["dateToFinish"] and t["dateToFinish"] <= high):
        return False
    after = _stamp(criteria.get("modifiedAfter"))
    return not (after and not (t["modified"] and t["modified"] > after))


def _status_types(ctx: Ctx, project_ids: list[int]) -> dict[int, dict[str, str]]:
    return {p: status_types(ctx.reads.column_dicts(p)) for p in project_ids}


@method("tickets", "tickets", "getAll")
async def get_all(ctx: Ctx, searchCriteria: dict | None = None, limit: int | None = None) -> list:
    criteria = searchCriteria or {}
    projects = visible_projects(ctx)
    if criteria.get("currentProject") not in (None, ""):
        wanted = field_int(criteria, "currentProject")
        projects = [p for p in projects if p == wanted]
    types = _status_types(ctx, projects)
    found = [t for t in _all_tickets(ctx, projects) if _matches(t, criteria, types)]
    order = criteria.get("orderBy")
    if order in ("date", "dateToFinish", "priority", "headline", "status", "modified", "id"):
        found.sort(key=lambda t: (t[order] is None, t[order] or 0))
    return found[:limit] if limit else found


@method("tickets", "tickets", "getAllOpenUserTickets")
async def get_all_open_user_tickets(ctx: Ctx, userId: int | None = None,
                                    project: int | None = None) -> list:
    projects = [p for p in visible_projects(ctx) if project is None or p == project]
    return [t for t in _all_tickets(ctx, projects)
            if t["status"] != 0 and (userId is None or t["editorId"] == userId)]


def _placed(ctx: Ctx, project_id: int, status: int) -> tuple[int | None, bool]:
    """Where a ticket of `status` goes in its project: (column or None, open?)."""
    return placement(ctx.reads.column_dicts(project_id), status)


async def _create(ctx: Ctx, values: dict) -> Any:
    if not str(values.get("headline") or "").strip():
        return NO_HEADLINE
    project_id = field_int(values, "projectId") or 0
    require(ctx, project_id if ctx.reads.project(project_id) else None)
    # a null field is the command's default: a Leantime ticket has no NULL text
    args = {k: v for k, v in task_args(values).items() if v is not None}
    status = _status(values)
    if status is not None:
        column_id, is_open = _placed(ctx, project_id, status)
        args.update(closed=not is_open, **({"column_id": column_id} if column_id else {}))
    return await ctx.execute(ctx.command(cmd.CreateTask, project_id=project_id, **args))


@method("tickets", "tickets", "addTicket", EDITOR)
async def add_ticket(ctx: Ctx, values: dict) -> Any:
    return await _create(ctx, values)


@method("tickets", "tickets", "quickAddTicket", EDITOR)
async def quick_add_ticket(ctx: Ctx, params: dict) -> Any:
    return await _create(ctx, params)


async def _patch(ctx: Ctx, ticket_id: int, values: dict) -> bool:
    project_id = project_of_ticket(ctx, ticket_id)
    require(ctx, project_id)
    args = task_args(values)
    status = _status(values)
    if status is not None:
        args["column_id"], args["is_active"] = _placed(ctx, project_id, status)
    if args:
        await ctx.execute(ctx.command(cmd.UpdateTask, task_id=ticket_id, **args))
    return True


@method("tickets", "tickets", "patchTicket", EDITOR)
async def patch_ticket(ctx: Ctx, id: int, values: dict) -> bool:
    return await _patch(ctx, id, values)


@method("tickets", "tickets", "updateTicket", EDITOR)
async def update_ticket(ctx: Ctx, values: dict) -> bool:
    """Only the fields given change: Leantime users asked for that instead of blanking."""
    if "id" not in values:
        raise DomainError("values.id is required")
    ticket_id = field_int(values, "id") or 0
    return await _patch(ctx, ticket_id, {k: v for k, v in values.items() if k != "id"})


@method("tickets", "tickets", "delete", Need("editor", writes=True))
async def delete(ctx: Ctx, id: int) -> bool:
    require(ctx, project_of_ticket(ctx, id))
    await ctx.execute(cmd.RemoveTask(task_id=id))
    return True


@method("tickets", "tickets", "markTicketDone", EDITOR)
async def mark_ticket_done(ctx: Ctx, id: int) -> bool:
    return await _patch(ctx, id, {"status": 0})


@method("tickets", "tickets", "markTicketReopen", EDITOR)
async def mark_ticket_reopen(ctx: Ctx, id: int) -> bool:
    """Open again in the project's first column (leaving Done, which reads as status 0)."""
    project_id = project_of_ticket(ctx, id)
    require(ctx, project_id)
    labels = labels_for_columns(ctx.reads.column_dicts(project_id))
    first = next((int(s) for s, label in labels.items() if label["statusType"] != "DONE"), None)
    if first is None:
        await ctx.execute(ctx.command(cmd.UpdateTask, task_id=id, is_active=True))
        return True
    return await _patch(ctx, id, {"status": first})


@method("tickets", "tickets", "setTicketStatusByType", EDITOR)
async def set_ticket_status_by_type(ctx: Ctx, ticketId: int, statusType: str) -> bool:
    project_id = project_of_ticket(ctx, ticketId)
    require(ctx, project_id)
    status = first_status_of_type(ctx.reads.column_dicts(project_id), statusType)
    if status is None:
        raise Invalid(f"no status of type {statusType!r} in project {project_id}")
    return await _patch(ctx, ticketId, {"status": status})


@method("tickets", "tickets", "moveTicket", EDITOR)
async def move_ticket(ctx: Ctx, id: int, projectId: int) -> bool:
    """Leantime's moveTicket: the ticket changes project and loses its sprint, milestone
    and parent (dependingTicketId); a milestone takes its tickets along (they lose their
    sprint). Here the ticket also starts in the project's first status. The rest is
    Kanboard's move (status, tags, category and owner go by name or membership)."""
    source = project_of_ticket(ctx, id)
    require(ctx, source)
    require(ctx, projectId if ctx.reads.project(projectId) else None)
    if source == projectId:
        raise Invalid(f"ticket {id} is already in project {projectId}")
    columns = ctx.reads.column_dicts(projectId)
    first = min(columns, key=lambda c: c["position"])["id"] if columns else None
    await ctx.execute(ctx.command(cmd.MoveTaskToProject, task_id=id, project_id=projectId,
                                  column_id=first,
                                  plan={"milestone_id": None, "parent_id": None},
                                  milestone_tasks=ticket_of(ctx.reads, id)["type"] == "milestone"))
    return True


@method("tickets", "tickets", "getStatusLabels")
async def get_status_labels(ctx: Ctx, projectId: int | None = None) -> Any:
    if projectId is None:
        return {k: {"name": v, "statusType": "DONE" if k == "0" else "NEW" if k == "3"
                    else "INPROGRESS"} for k, v in DEFAULT_LABELS.items()}
    if not sees(ctx, projectId) or ctx.reads.project(projectId) is None:
        return []
    return labels_for_columns(ctx.reads.column_dicts(projectId))


@method("tickets", "tickets", "getKanbanColumns")
async def get_kanban_columns(ctx: Ctx) -> dict:
    """With no project in a key's session, Leantime's default columns."""
    return {k: v for k, v in DEFAULT_LABELS.items() if k != "0"} | {"0": "Done"}


@method("tickets", "tickets", "getAllSubtasks")
async def get_all_subtasks(ctx: Ctx, ticketId: int) -> Any:
    if not ticket(ctx, ticketId):
        return False
    return [{"id": s["id"], "headline": s["title"], "type": "subtask",
             "status": 0 if s["status"] == 2 else 4 if s["status"] == 1 else 3,
             "dependingTicketId": ticketId, "editorId": s["user_id"],
             "planHours": s["time_estimated"], "bookedHours": s["time_spent"]}
            for s in ctx.reads.subtasks(ticketId)]


@method("tickets", "tickets", "findTicket")
async def find_ticket(ctx: Ctx, term: str, projectId: int, userId: int | None = None) -> list:
    if not sees(ctx, projectId):
        return []
    found = search(ctx.reads, projectId, term)
    return [ticket(ctx, t["id"]) for t in found
            if userId is None or t["owner_id"] == userId]
