"""What every command is: a frozen, keyword-only dataclass; supplied fields; derived
update commands (changes_of) and their given values.

Commands: one frozen dataclass per change a caller may ask of the world.

Each command is declared once, here. Field order is the Kanboard API's positional
parameter order wherever Kanboard has the procedure, so the Kanboard facade derives its
parameter lists from these declarations. Fields marked `supplied()` come from the
server (the clock, the caller, hashes of secrets), never from a client's parameters.
"""
from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from typing import Any


_SUPPLIED = "supplied"
UNLIMITED_AUTHORITY = 1_000  # above every role: the application token, the command line


def supplied(default: Any = dataclasses.MISSING) -> Any:
    """A field the server fills in; facades never bind it from a request."""
    return field(default=default, metadata={_SUPPLIED: True})


def is_supplied(item: dataclasses.Field) -> bool:
    return bool(item.metadata.get(_SUPPLIED))


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    """Base of every command; its class name is the name the audit trail records.
    `authority` is the rank of whoever asked (domain.authority): the server sets it from
    the caller's credential; commands the operator runs keep it unlimited."""

    authority: int = field(default=UNLIMITED_AUTHORITY, metadata={_SUPPLIED: True})


def command(cls: type[Command]) -> type[Command]:
    """Declare a command class: frozen, keyword-only, slotted."""
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


def parameters(cls: type[Command]) -> list[dataclasses.Field]:
    """A command's client parameters, in declaration order (supplied fields left out)."""
    return [f for f in dataclasses.fields(cls) if not is_supplied(f)]


def changes_of(source: type[Command], name: str, key: str, *, keep: tuple[str, ...] = (),
               drop: tuple[str, ...] = (), extra: tuple[tuple[str, Any], ...] = (),
               optional: bool = True, doc: str = "") -> type[Command]:
    """The command that changes what `source` creates: `key`, then `source`'s parameters
    in order (less `drop`), each optional (None: unchanged) except those in `keep`, then
    the `extra` optional fields, and `at` if `source` has one. Kanboard's update
    procedures take exactly their create procedure's parameters this way. With
    `optional=False` the parameters keep their types and defaults (a full replacement)."""
    hints = typing.get_type_hints(source)
    specs: list[Any] = [(key, int)]
    for item in parameters(source):
        if item.name in drop:
            continue
        if item.name in keep or not optional:
            specs.append((item.name, hints[item.name], *_default_of(item)))
        else:
            specs.append((item.name, hints[item.name] | None, field(default=None)))
    specs += [(extra_name, kind | None, field(default=None)) for extra_name, kind in extra]
    if "at" in hints:
        specs.append(("at", int, supplied()))
    made = dataclasses.make_dataclass(name, specs, bases=(Command,), frozen=True, slots=True,
                                      kw_only=True, namespace={"__doc__": doc})
    made.__module__ = source.__module__
    return made


def _default_of(item: dataclasses.Field) -> tuple[Any, ...]:
    return () if item.default is dataclasses.MISSING else (field(default=item.default),)


def given(command_: Command, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """An update command's given values (not None), less `leave_out` and supplied fields."""
    return {f.name: getattr(command_, f.name) for f in parameters(type(command_))
            if f.name not in leave_out and getattr(command_, f.name) is not None}
