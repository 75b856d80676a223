"""leantime.rpc.files.getFilesByModule: a ticket's or a project's files, served from the
same file records as Kanboard's getAllTaskFiles/getAllProjectFiles.

As Leantime's Files service: module "ticket" (or "tickets") lists a ticket's files,
"project" (or "projects") a project's; any other module, or a project outside the key's
scope, finds nothing ([]); `userId` > 0 keeps that uploader's files. Ticket and project
files number their ids apart (as Kanboard's two tables do). A file uploaded with the
application token has userId 0 and no names (Leantime files always have an uploader).
"""
from __future__ import annotations

import posixpath
from datetime import datetime, timezone
from typing import Any

from rpc.context import Ctx
from rpc.leantime import method
from rpc.leantime.scope import sees

_TICKETS, _PROJECTS = {"ticket", "tickets"}, {"project", "projects"}


def _file_view(file: dict, module: str, module_id: int) -> dict[str, Any]:
    date = datetime.fromtimestamp(file["date"], timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    extension = posixpath.splitext(file["name"])[1]
    return {"id": file["id"], "extension": extension.lstrip("."), "realName": file["name"],
            "encName": file["path"].rsplit("/", 1)[-1], "date": date, "module": module,
            "moduleId": module_id, "firstname": file["user_name"] or file["username"],
            "lastname": "" if file["username"] is not None else None,
            "userId": file["user_id"], "rawDate": date}


@method("files", "files", "getFilesByModule")
async def get_files_by_module(ctx: Ctx, module: str = "", entityId: int | None = None,
                              userId: int | None = None) -> list[dict[str, Any]]:
    kind = str(module).lower()
    if entityId is None or kind not in _TICKETS | _PROJECTS:
        return []
    if kind in _TICKETS:
        project_id, files, name = (ctx.reads.project_of("task", entityId),
                                   ctx.reads.task_files(entityId), "ticket")
    else:
        project_id, files, name = entityId, ctx.reads.project_files(entityId), "project"
    if project_id is None or not sees(ctx, project_id):
        return []
    return [_file_view(f, name, entityId) for f in files
            if not userId or userId <= 0 or f["user_id"] == userId]
