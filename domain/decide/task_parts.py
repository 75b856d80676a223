"""Decisions on what hangs off a task: subtasks and comments."""
from __future__ import annotations

from domain import commands as cmd
from domain.commands import given
from domain import events as ev
from domain.decision import Decision, decides
from domain.errors import Conflict, Invalid, NotFound
from domain.roles import APP_USER, APPLICATION_ROLES
from domain.rules import existing, number, require_text, task as get_task
from domain.state import Row, World

SUBTASK_STATUSES = {0: "Todo", 1: "In progress", 2: "Done"}


def _subtask(world: World, subtask_id: int) -> Row:
    return existing(world.subtasks, subtask_id, "subtask")


def _status(status: int | None) -> int:
    if (status or 0) not in SUBTASK_STATUSES:
        raise Invalid(f"unknown subtask status {status!r}")
    return status or 0


def _hours(value: float | None) -> float | int:
    hours = float(value or 0)
    if hours < 0:
        raise Invalid("times must not be negative")
    return number(hours)


@decides(cmd.CreateSubtask)
def create_subtask(world: World, c: cmd.CreateSubtask) -> Decision:
    get_task(world, c.task_id)
    require_text(c.title, "title")
    subtask_id = world.next_id("subtask")
    return Decision([ev.SubtaskCreated(c.task_id, subtask_id, c.title, c.user_id or 0,
                                       _hours(c.time_estimated), _hours(c.time_spent),
                                       _status(c.status))], subtask_id)


@decides(cmd.UpdateSubtask)
def update_subtask(world: World, c: cmd.UpdateSubtask) -> Decision:
    subtask = _subtask(world, c.subtask_id)
    if subtask["task_id"] != c.task_id:
        raise NotFound(f"subtask {c.subtask_id} is not in task {c.task_id}")
    changes = given(c, leave_out=("subtask_id", "task_id"))
    if "title" in changes:
        require_text(changes["title"], "title")
    if "status" in changes:
        changes["status"] = _status(changes["status"])
    for name in ("time_estimated", "time_spent"):
        if name in changes:
            changes[name] = _hours(changes[name])
    if "position" in changes:
        count = len(world.tasks[c.task_id].subtask_order)
        if not 1 <= changes["position"] <= count:
            raise Invalid("position out of range")
    return Decision([ev.SubtaskUpdated(c.task_id, c.subtask_id, changes)])


@decides(cmd.RemoveSubtask)
def remove_subtask(world: World, c: cmd.RemoveSubtask) -> Decision:
    subtask = _subtask(world, c.subtask_id)
    return Decision([ev.SubtaskRemoved(subtask["task_id"], c.subtask_id)])


def _comment(world: World, comment_id: int) -> Row:
    return existing(world.comments, comment_id, "comment")


@decides(cmd.CreateComment)
def create_comment(world: World, c: cmd.CreateComment) -> Decision:
    get_task(world, c.task_id)
    require_text(c.content, "content", None)  # CommentValidator: no MaxLength
    if c.visibility not in APPLICATION_ROLES:  # CommentValidator: "should be an app role"
        raise Invalid(f"visibility must be an application role, not {c.visibility!r}")
    if len(c.reference or "") > 191:
        raise Invalid("reference is too long")
    if c.user_id:
        existing(world.users, c.user_id, "user")
    comment_id = world.next_id("comment")
    return Decision([ev.CommentCreated(c.task_id, comment_id, c.user_id or 0, c.content,
                                       c.reference or "", c.visibility or APP_USER, c.at)],
                    comment_id)


@decides(cmd.UpdateComment)
def update_comment(world: World, c: cmd.UpdateComment) -> Decision:
    """True for an unknown id too: Kanboard's UPDATE matches nothing and says true."""
    require_text(c.content, "content", None)  # CommentValidator: no MaxLength
    comment = world.comments.get(c.comment_id)
    if comment is None:
        return Decision([])
    return Decision([ev.CommentUpdated(comment["task_id"], c.comment_id, c.content, c.at)])


@decides(cmd.RemoveComment)
def remove_comment(world: World, c: cmd.RemoveComment) -> Decision:
    comment = _comment(world, c.comment_id)
    return Decision([ev.CommentRemoved(comment["task_id"], c.comment_id)])


def timer_hours(start: int, now: int) -> float:
    """Kanboard's DateParser::getHours: the hours between, rounded to 0.01."""
    return round(abs(now - start) / 3600, 2)


@decides(cmd.StartSubtaskTimer)
def start_subtask_timer(world: World, c: cmd.StartSubtaskTimer) -> Decision:
    """Refused when one runs already, or (Kanboard's foreign keys) for a missing subtask
    or user."""
    subtask = _subtask(world, c.subtask_id)
    existing(world.users, c.user_id, "user")
    if (c.subtask_id, c.user_id) in world.timers:
        raise Conflict("the timer is already running")
    return Decision([ev.SubtaskTimerStarted(subtask["task_id"], c.subtask_id, c.user_id,
                                            c.at)])


@decides(cmd.StopSubtaskTimer)
def stop_subtask_timer(world: World, c: cmd.StopSubtaskTimer) -> Decision:
    """True whether or not a timer ran (Kanboard's UPDATE); a running one stops and adds
    its hours to the subtask."""
    start = world.timers.get((c.subtask_id, c.user_id))
    subtask = world.subtasks.get(c.subtask_id)
    if start is None or subtask is None:
        return Decision([])
    return Decision([ev.SubtaskTimerStopped(subtask["task_id"], c.subtask_id, c.user_id, c.at,
                                            timer_hours(start, c.at))])
