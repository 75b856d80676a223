"""The Kanboard JSON-RPC facade: its procedure table, assembled from one module per area.

Most procedures are one declaration: `read` answers with one read-model query and takes
its parameters; `write` runs one command and takes the command's fields. The others
are handlers declared with `procedure`, whose signature lists the parameters.
"""
from __future__ import annotations

import dataclasses
from typing import Any, Awaitable, Callable, Iterable

from domain.commands import Command, parameters
from domain.errors import AboveCeiling, DomainError, NotFound
from rpc.context import Ctx, missing_supplied
from rpc.kanboard.access import Access, Forbidden
from rpc.procedures import (ArrayText, Handler, Id, Keyed, Param, ProcedureTable, Text,
                            Values, command_params, handler_params)


# What Kanboard, in PHP, makes of a parameter of each kind (rpc/procedures.py): a text is
# PHP's (string) of what was sent, an array a list or an object alike.
_AS_PHP_READS = {str: Text, list: Values, dict: Keyed}


def _as_php_reads(param: Param) -> Param:
    """An id (`id`, `..._id`) reads as Id: Kanboard binds it into its SQL as sent, where
    one past 64 bits matches nothing, not as an integer refused out of range. A text, a
    list and an object read as PHP reads them (_AS_PHP_READS)."""
    if param.kind is int and (param.name == "id" or param.name.endswith("_id")):
        return dataclasses.replace(param, kind=Id)
    return dataclasses.replace(param, kind=_AS_PHP_READS.get(param.kind, param.kind))


def _as_php(params: tuple[Param, ...]) -> tuple[Param, ...]:
    return tuple(_as_php_reads(p) for p in params)


TABLE = ProcedureTable(home="rpc.kanboard", adapt=_as_php)
Prepare = Callable[[Ctx, dict[str, Any]], Awaitable[dict[str, Any]]]


def procedure(*names: str, access: Access | None = None,
              offload: bool = False) -> Callable[[Handler], Handler]:
    """Register a Kanboard procedure; with no rule it is open to the token and any user.
    `offload`: a long read, run off the event loop (rpc/offload.py)."""
    return TABLE.register(*names, access=access or Access(), offload=offload)


def _renamed(args: dict[str, Any], rename: dict[str, str]) -> dict[str, Any]:
    """Kanboard's parameter names as the query's or command's (most need no renaming)."""
    return {rename.get(k, k): v for k, v in args.items()} if rename else args


def read(*names: str, query: Callable[..., Any], access: Access | None = None,
         rename: dict[str, str] | None = None, fixed: dict[str, Any] | None = None,
         offload: bool = False, arrays_as_text: Iterable[str] = ()) -> None:
    """A procedure that answers one read-model query (a `Reads` method, which declares
    the parameters; `rename`: Kanboard's name -> the query's); `fixed` values are not
    parameters; `offload`: a long read, run off the event loop (rpc/offload.py);
    `arrays_as_text`: texts an array is compared as, "Array" (ArrayText), as in write."""
    rename, fixed = rename or {}, fixed or {}
    names_of = {arg: param for param, arg in rename.items()}

    async def run(ctx: Ctx, **args: Any) -> Any:
        return query(ctx.reads, **_renamed(args, rename), **fixed)

    as_text = set(arrays_as_text)
    params = tuple(dataclasses.replace(p, name=names_of.get(p.name, p.name),
                                       kind=ArrayText if p.name in as_text else p.kind)
                   for p in handler_params(query) if p.name not in fixed)
    TABLE.add(names, run, params, access or Access(), offload)


def write(*names: str, command: type[Command], access: Access,
          rename: dict[str, str] | None = None, fixed: dict[str, Any] | None = None,
          leave_out: Iterable[str] = (), only: Iterable[str] | None = None,
          prepare: Prepare | None = None, raw: Iterable[str] = (),
          arrays_as_text: Iterable[str] = (), refused: Any = False,
          missing: Any = None) -> None:
    """A procedure that runs one command. Its parameters are the command's fields in
    order (`rename`: Kanboard's name -> field; `fixed` and `leave_out` are not
    parameters; with `only`, just those are). `prepare` may add or check values first (a DomainError there is a
    refusal too). `raw` parameters reach `prepare` as sent, uncoerced (for Kanboard's
    validators, stricter than its binding). `arrays_as_text`: texts no validator of
    Kanboard's measures, where an array is stored as "Array" (ArrayText). Kanboard
    answers a refusal with `refused`, a missing object with `missing` (default:
    `refused`)."""
    rename, fixed = rename or {}, fixed or {}
    unfilled = [] if prepare else missing_supplied(command, set(fixed))
    assert not unfilled, f"{names}: nothing supplies {unfilled}"
    not_found = refused if missing is None else missing

    async def run(ctx: Ctx, **args: Any) -> Any:
        values = _renamed(args, rename)
        try:
            if prepare:
                values = await prepare(ctx, values)
            return await ctx.execute(ctx.command(command, **values, **fixed))
        except AboveCeiling:  # past the caller's own role: denied, as Kanboard denies
            raise Forbidden from None
        except NotFound:
            return not_found
        except DomainError:
            return refused

    if only is not None:
        leave_out = [f.name for f in parameters(command) if f.name not in set(only)]
    params = command_params(command, rename, (*fixed, *leave_out))
    kinds = {**{name: object for name in raw},
             **{name: ArrayText for name in arrays_as_text}}
    params = tuple(dataclasses.replace(p, kind=kinds.get(p.name, p.kind)) for p in params)
    TABLE.add(names, run, params, access)


def load() -> ProcedureTable:
    """Import every procedure module (each registers into TABLE) and return the table."""
    from rpc.kanboard import (  # noqa: F401
        actions, app_info, board, external_links, files, groups, history, links, members,
        me, metadata, projects, task_links, subtasks_comments, tasks, users,
    )

    return TABLE
