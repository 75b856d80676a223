"""Kanboard's activity texts: `event_title` (plain) and `event_content` (the HTML of its
app/Template/event/*.php templates, byte for byte in their English wording), rendered
from an activity's stored data. Our own renderer of the same output, not Kanboard's code."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from typing import Any, Callable

from domain.colors import color_of

_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def esc(value: Any) -> str:
    """PHP's htmlspecialchars(ENT_QUOTES, double_encode=false)."""
    text = php_str(value)
    out, last = [], 0
    for match in _ENTITY.finditer(text):
        out.append(_escape(text[last:match.start()]) + match.group(0))
        last = match.end()
    out.append(_escape(text[last:]))
    return "".join(out)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#039;"))


def php_str(value: Any) -> str:
    """A value as PHP's (string) cast and sprintf's %s show it."""
    if value is None or value is False:
        return ""
    if value is True:
        return "1"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def datetime_text(timestamp: Any) -> str:
    """Kanboard's default user date-time format, m/d/Y H:i, in UTC."""
    return datetime.fromtimestamp(int(timestamp or 0), timezone.utc).strftime("%m/%d/%Y %H:%M")


def _task_link(task_id: int) -> str:
    return (f'<a href="/?controller=TaskViewController&amp;action=show&amp;task_id={task_id}"'
            f' class="" title=\'\' >#{task_id}</a>')


def _markdown(text: str) -> str:
    """Plain paragraphs as Kanboard's Markdown helper renders them (escaped, line
    breaks kept)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", esc(text).strip()) if p]
    return "\n".join("<p>" + p.replace("\n", "<br />\n") + "</p>" for p in paragraphs)


def _page(title_line: str, date: Any, description: str) -> str:
    return (f'<p class="activity-title">\n    {title_line}    <small class="activity-date">'
            f'{datetime_text(date)}</small>\n</p>\n<div class="activity-description">\n'
            f'{description}</div>\n')


def _title_p(task: dict) -> str:
    return f'    <p class="activity-task-title">{esc(task["title"])}</p>\n'


def _assignee(task: dict) -> str:
    return task.get("assignee_name") or task.get("assignee_username") or ""


def _subtask_list(subtask: dict, with_assignee: bool) -> str:
    items = (f'        <li>\n            {esc(subtask["title"])} (<strong>'
             f'{esc(subtask["status_name"])}</strong>)\n        </li>\n')
    if with_assignee:
        if subtask.get("username"):
            who = esc(subtask.get("name") or subtask["username"])
            line = (f"Assigned to {who} with an estimate of {esc(subtask['time_spent'])}/"
                    f"{esc(subtask['time_estimated'])}h")
        else:
            line = f"Not assigned, estimate of {esc(subtask['time_estimated'])}h"
        items += f"        <li>\n                            {line}                    </li>\n"
    return items


_RECURRENCE = {"recurrence_status", "recurrence_trigger", "recurrence_factor",
               "recurrence_timeframe", "recurrence_basedate", "recurrence_parent",
               "recurrence_child"}


def _change_line(field: str, value: Any, task: dict) -> str:
    """One entry of Kanboard's task/changes template."""
    if field == "title":
        return f"<li>New title: {esc(task['title'])}</li>"
    if field == "owner_id":
        return ("<li>The task is not assigned anymore</li>" if not task["owner_id"]
                else f"<li>New assignee: {esc(_assignee(task))}</li>")
    if field == "category_id":
        return ("<li>There is no category now</li>" if not task["category_id"]
                else f"<li>New category: {esc(task['category_name'])}</li>")
    if field == "color_id":
        return f"<li>New color: {esc(color_of(task['color_id'])['name'])}</li>"
    if field == "score":
        return f"<li>New complexity: {int(task['score'] or 0)}</li>"
    if field == "date_due":
        return ("<li>The due date has been removed</li>" if not task["date_due"]
                else f"<li>New due date: {datetime_text(task['date_due'])}</li>")
    if field == "description":
        return "" if task["description"] else "<li>There is no description anymore</li>"
    if field in _RECURRENCE:
        return "<li>Recurrence settings has been modified</li>"
    if field == "time_spent":
        return f"<li>Time spent changed: {esc(task['time_spent'])}h</li>"
    if field == "time_estimated":
        return f"<li>Time estimated changed: {esc(task['time_estimated'])}h</li>"
    if field == "date_started":
        return (f"<li>Start date changed: {datetime_text(task['date_started'])}</li>"
                if value not in (0, "0", None, "") else "")
    return f"<li>The field &quot;{esc(field)}&quot; has been updated</li>"


def _changes(changes: dict, task: dict) -> str:
    if not changes:
        return ""
    lines = "".join(_change_line(f, v, task) for f, v in changes.items())
    html = f"    <ul>\n        {lines}    </ul>\n\n    "
    if changes.get("description"):
        html += ("        <p><strong>The description has been modified:</strong></p>\n"
                 f'                    <div class="markdown">{_markdown(task["description"])}'
                 "</div>\n            ")
    return html


def _task_page(verb: str) -> Callable[[dict], str]:
    def render(a: dict) -> str:
        task = a["task"]
        return _page(f"{esc(a['author'])} {verb} {_task_link(task['id'])}", a["date_creation"],
                     _title_p(task))
    return render


def _task_update(a: dict) -> str:
    task = a["task"]
    description = _title_p(task) + "    "
    if "changes" in a:
        description += ('        <div class="activity-changes">\n            '
                        f"{_changes(a['changes'], task)}        </div>\n    ")
    return _page(f"{esc(a['author'])} updated the task {_task_link(task['id'])}",
                 a["date_creation"], description)


def _assignee_change(a: dict) -> str:
    task, who = a["task"], _assignee(a["task"])
    line = (f"{esc(a['author'])} changed the assignee of the task {_task_link(task['id'])} to "
            f"{esc(who)}" if who else
            f"{esc(a['author'])} removed the assignee of the task {_task_link(task['id'])}")
    return _page(f"\n            {line}    ", a["date_creation"], _title_p(task))


def _move_column(a: dict) -> str:
    task = a["task"]
    return _page(f"{esc(a['author'])} moved the task {_task_link(task['id'])} to the column "
                 f"\"{esc(task['column_title'])}\"", a["date_creation"], _title_p(task))


def _move_position(a: dict) -> str:
    task = a["task"]
    return _page(f"{esc(a['author'])} moved the task {_task_link(task['id'])} to the position "
                 f"#{int(task['position'])} in the column \"{esc(task['column_title'])}\"",
                 a["date_creation"], _title_p(task))


def _move_swimlane(a: dict) -> str:
    task = a["task"]
    where = ("to the first swimlane" if not task["swimlane_id"]
             else f"to the swimlane \"{esc(task['swimlane_name'])}\"")
    return _page(f"        {esc(a['author'])} moved the task "
                 f"{_task_link(task['id'])} {where}    ", a["date_creation"], _title_p(task))


def _move_project(a: dict) -> str:
    task = a["task"]
    return _page(f"{esc(a['author'])} moved the task #{task['id']} \"{esc(task['title'])}\" to "
                 f"the project \"{esc(task['project_name'])}\"", a["date_creation"],
                 _title_p(task))


def _subtask(verb: str, with_assignee: bool) -> Callable[[dict], str]:
    def render(a: dict) -> str:
        task = a["task"]
        gap = "\n" if with_assignee else ""
        body = (_title_p(task) + f"{gap}    <ul>\n{_subtask_list(a['subtask'], with_assignee)}"
                "    </ul>\n")
        return _page(f"{esc(a['author'])} {verb} {_task_link(task['id'])}", a["date_creation"],
                     body)
    return render


def _comment(verb: str, optional: bool) -> Callable[[dict], str]:
    def render(a: dict) -> str:
        task, text = a["task"], a["comment"]["comment"]
        body = _title_p(task)
        if not optional:
            body += f'    <div class="markdown">{_markdown(text)}</div>\n'
        elif text:
            body += f'            <div class="markdown">{_markdown(text)}</div>\n    '
        else:
            body += "    "
        return _page(f"{esc(a['author'])} {verb} {_task_link(task['id'])}", a["date_creation"],
                     body)
    return render


def _internal_link(deleted: bool) -> Callable[[dict], str]:
    def render(a: dict) -> str:
        task, link = a["task"], a["task_link"]
        other = _task_link(link["opposite_task_id"])
        if deleted:
            verb = "removed an internal link for the task"
            text = (f"The link with the relation \"{esc(link['label'])}\" to the task {other} "
                    "has been removed")
        else:
            verb = "set a new internal link for the task"
            text = (f"This task is now linked to the task {other} with the relation "
                    f"\"{esc(link['label'])}\"")
        body = f'    <p class="activity-task-title">\n        {text}    </p>\n'
        return _page(f"{esc(a['author'])} {verb} {_task_link(task['id'])}", a["date_creation"],
                     body)
    return render


def _file(verb: str) -> Callable[[dict], str]:
    def render(a: dict) -> str:
        body = f'    <p class="activity-task-title">{esc(a["file"]["name"])}</p>\n'
        return _page(f"{esc(a['author'])} {verb} {_task_link(a['task']['id'])}",
                     a["date_creation"], body)
    return render


CONTENT: dict[str, Callable[[dict], str]] = {
    "task.create": _task_page("created the task"),
    "task.close": _task_page("closed the task"),
    "task.open": _task_page("opened the task"),
    "task.update": _task_update,
    "task.assignee_change": _assignee_change,
    "task.move.column": _move_column,
    "task.move.position": _move_position,
    "task.move.swimlane": _move_swimlane,
    "task.move.project": _move_project,
    "subtask.create": _subtask("created a subtask for the task", True),
    "subtask.update": _subtask("updated a subtask for the task", True),
    "subtask.delete": _subtask("removed a subtask for the task", False),
    "comment.create": _comment("commented the task", False),
    "comment.update": _comment("updated a comment on the task", True),
    "comment.delete": _comment("removed a comment on the task", False),
    "task_internal_link.create_update": _internal_link(False),
    "task_internal_link.delete": _internal_link(True),
    "task.file.create": _file("attached a new file to the task"),
    "task.file.destroy": _file("removed a file from the task"),
}


def title(a: dict) -> str:
    """Kanboard's getTitleWithAuthor: plain text, the author not escaped."""
    name, task = a["event_name"], a["task"]
    author, task_id = a["author"], task["id"]
    simple = {"task.update": "updated the task #%d", "task.create": "created the task #%d",
              "task.close": "closed the task #%d", "task.open": "opened the task #%d",
              "subtask.update": "updated a subtask for the task #%d",
              "subtask.create": "created a subtask for the task #%d",
              "subtask.delete": "removed a subtask for the task #%d",
              "comment.update": "updated a comment on the task #%d",
              "comment.create": "commented on the task #%d",
              "comment.delete": "removed a comment on the task #%d",
              "task_internal_link.create_update": "set a new internal link for the task #%d",
              "task_internal_link.delete": "removed an internal link for the task #%d",
              "task.file.create": "attached a file to the task #%d",
              "task.file.destroy": "removed a file from the task #%d"}
    if name in simple:
        return f"{author} " + simple[name] % task_id
    if name == "task.assignee_change":
        who = _assignee(task)
        return (f"{author} changed the assignee of the task #{task_id} to {who}" if who
                else f"{author} removed the assignee of the task #{task_id}")
    if name == "task.move.project":
        return f'{author} moved the task #{task_id} "{task["title"]}" to the project "{task["project_name"]}"'
    if name == "task.move.column":
        return f'{author} moved the task #{task_id} to the column "{task["column_title"]}"'
    if name == "task.move.position":
        return (f'{author} moved the task #{task_id} to the position {int(task["position"])} '
                f'in the column "{task["column_title"]}"')
    if name == "task.move.swimlane":
        if not task["swimlane_id"]:
            return f"{author} moved the task #{task_id} to the first swimlane"
        return f'{author} moved the task #{task_id} to the swimlane "{task["swimlane_name"]}"'
    return ""


def content(a: dict) -> str:
    render = CONTENT.get(a["event_name"])
    return render(a) if render else ""
