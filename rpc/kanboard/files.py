"""Project and task files, as Kanboard's ProjectFileProcedure and TaskFileProcedure
answer them: content in and out as base64, members write, viewers read.

The content goes to the blob store (by SHA-256) before the command that records the
file is committed; the command and its event carry the hash, the size and the type.
Kanboard's PHP `base64_decode` skips whatever is not base64; boardlog reads whitespace-
and padding-tolerant base64 and refuses anything else with -32602 naming `blob`, except
where PHP would decode nothing at all (then Kanboard's answer, false). An empty content
(or PHP's other "empty" string, "0") is false, as FileModel::uploadContent answers.
"""
from __future__ import annotations

import asyncio
import base64
import binascii
import logging
import mimetypes
import re
from typing import Any

from domain import commands as cmd
from domain.errors import DomainError
from domain.roles import PROJECT_MEMBER
from projections.queries import Reads
from rpc.context import Ctx
from rpc.kanboard import procedure, read, write
from rpc.kanboard.access import Access, by, by_project, by_task_part
from rpc.procedures import FileContent
from rpc.protocol import INVALID_PARAMS, RpcError

log = logging.getLogger(__name__)

_BASE64 = re.compile(r"[A-Za-z0-9+/]*")
_PHP_BASE64_CHAR = re.compile(r"[A-Za-z0-9+/]")
_EMPTY_IN_PHP = (b"", b"0")  # PHP's empty() is true for both

OF_PROJECT = by_project()
OF_TASK_FILE = by_task_part("task_file", "file_id")


def decode_content(blob: str) -> bytes | None:
    """The content of a base64 param; None where Kanboard would store nothing (false)."""
    compact = "".join(blob.split())
    body = compact.rstrip("=")
    if (len(compact) - len(body) <= 2 and _BASE64.fullmatch(body)
            and len(body) % 4 != 1):
        try:
            data = base64.b64decode(body + "=" * (-len(body) % 4))
        except binascii.Error:
            data = None
        if data is not None:
            return None if data in _EMPTY_IN_PHP else data
    if len(_PHP_BASE64_CHAR.findall(blob)) < 2:  # PHP decodes no byte from it
        return None
    raise RpcError(INVALID_PARAMS, "blob is not base64 (RFC 4648: A-Z a-z 0-9 + /, "
                                   "padded with =)")


def _checked_size(ctx: Ctx, blob: str) -> None:
    """Refuse an over-large content before decoding it (its base64 is 4/3 as long)."""
    if len(blob) * 3 // 4 > ctx.max_file_size + 3:
        _too_large(ctx, len(blob) * 3 // 4)


def _too_large(ctx: Ctx, size: int) -> None:
    raise RpcError(INVALID_PARAMS, f"blob: the file is {size} bytes, more than the limit "
                                   f"of {ctx.max_file_size} bytes (--max-file-size)")


async def _store(ctx: Ctx, filename: str, blob: str) -> dict[str, Any] | None:
    """Store the content; the command fields that record it, or None (Kanboard: false)."""
    _checked_size(ctx, blob)
    data = decode_content(blob)
    if data is None:
        return None
    if len(data) > ctx.max_file_size:
        _too_large(ctx, len(data))
    digest = await asyncio.to_thread(ctx.blobs.put, data)
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return {"sha256": digest, "size": len(data), "content_type": content_type}


async def _create(ctx: Ctx, command: type[cmd.Command], filename: str | None,
                  blob: str | None, **owner: int) -> Any:
    # null is PHP's "": a file named "", a content that decodes to nothing (false)
    filename, blob = filename or "", blob or ""
    stored = await _store(ctx, filename, blob)
    if stored is None:
        return False
    try:
        return await ctx.execute(ctx.command(command, **owner, filename=filename, **stored))
    except DomainError:  # the content stays stored, unreferenced: harmless
        return False


def _download(ctx: Ctx, digest: str | None) -> str:
    """The content as base64; "" for no file, and (logged) for a content gone missing,
    as Kanboard answers when its object storage fails."""
    if digest is None:
        return ""
    data = ctx.blobs.get(digest)
    if data is None:
        log.error("file content %s is missing from the blob store", digest)
        return ""
    return base64.b64encode(data).decode()


# --- project files -------------------------------------------------------------------

VIEW_PROJECT = Access(project=OF_PROJECT)
EDIT_PROJECT = Access(project=OF_PROJECT, project_role=PROJECT_MEMBER)


@procedure("createProjectFile", access=EDIT_PROJECT)
async def create_project_file(ctx: Ctx, project_id: int, filename: str,
                              blob: FileContent) -> Any:
    if ctx.reads.project(project_id) is None:  # refused before storing anything
        return False
    return await _create(ctx, cmd.CreateProjectFile, filename, blob, project_id=project_id)


read("getProjectFile", query=Reads.project_file, access=VIEW_PROJECT)
read("getAllProjectFiles", query=Reads.project_files, access=VIEW_PROJECT)


@procedure("downloadProjectFile", access=VIEW_PROJECT)
async def download_project_file(ctx: Ctx, project_id: int, file_id: int) -> str:
    return _download(ctx, ctx.reads.project_file_blob(project_id, file_id))


write("removeProjectFile", command=cmd.RemoveProjectFile, access=EDIT_PROJECT)
write("removeAllProjectFiles", command=cmd.RemoveAllProjectFiles, access=EDIT_PROJECT)


# --- task files ----------------------------------------------------------------------

VIEW_TASK_FILE = Access(project=OF_TASK_FILE)
EDIT_TASK_FILE = Access(project=OF_TASK_FILE, project_role=PROJECT_MEMBER)


@procedure("createTaskFile", access=EDIT_PROJECT)
async def create_task_file(ctx: Ctx, project_id: int, task_id: int, filename: str,
                           blob: FileContent) -> Any:
    if ctx.reads.project_of("task", task_id) != project_id:  # before storing anything
        return False
    return await _create(ctx, cmd.CreateTaskFile, filename, blob, project_id=project_id,
                         task_id=task_id)


read("getTaskFile", query=Reads.task_file, access=VIEW_TASK_FILE)
read("getAllTaskFiles", query=Reads.task_files, access=Access(project=by("task", "task_id")))


@procedure("downloadTaskFile", access=VIEW_TASK_FILE)
async def download_task_file(ctx: Ctx, file_id: int) -> str:
    return _download(ctx, ctx.reads.task_file_blob(file_id))


write("removeTaskFile", command=cmd.RemoveTaskFile, access=EDIT_TASK_FILE)
write("removeAllTaskFiles", command=cmd.RemoveAllTaskFiles,
      access=Access(project=by("task", "task_id"), project_role=PROJECT_MEMBER))
