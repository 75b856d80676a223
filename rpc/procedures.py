"""Procedure tables: each procedure declares its parameters, in order, once.

A read procedure's parameters are its handler's signature; a write procedure's are its
command's fields (domain/commands/), so a parameter list is never written twice.
Binding follows Kanboard's JSON-RPC server: positional or named params; too many is
"Too many arguments", too few "Wrong number of arguments", a right count with a wrong
name "Missing argument: NAME". Values are coerced by annotation, loosely ("1" is 1), then
checked against what storage can hold and the server's limits (`check_value`), so a value
no column could keep is refused here, naming its parameter, and never reaches the writer.
"""
from __future__ import annotations

import dataclasses
import functools
import inspect
import math
import re
import types
import typing
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Iterable

from domain.commands import Command, parameters
from domain.php import php_text, sent_text
from domain.rules import is_digits
from rpc.limits import INT_MAX, INT_MIN, Limits
from rpc.protocol import INVALID_PARAMS, RpcError

DEFAULT_LIMITS = Limits()
# A text SQLite reads as a number where it compares it with an integer column (blanks
# around, a sign, a fraction, an exponent; ASCII digits): Kanboard's `id = '1.0'` finds 1.
_SQLITE_NUMBER = re.compile(
    r"[ \t\n\v\f\r]*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[ \t\n\v\f\r]*")

Handler = Callable[..., Awaitable[Any]]
_EMPTY = inspect.Parameter.empty


class FileContent(str):
    """The annotation of a parameter carrying a whole file as base64: it is bounded by the
    file-size limit its handler checks, not by the text limit."""


class Text(str):
    """The kind of a text a dialect reads as PHP does (Kanboard binds it into its SQL): a
    number or a boolean is PHP's (string) of it (domain/php.py: 1.0 is "1", true "1",
    false the EmptyText ""); an array or an object is refused, as Kanboard's validators
    crash measuring one (mb_strlen of an array)."""


class ArrayText(Text):
    """A Text no Kanboard validator measures (a description, a comment): an array or an
    object is stored as PHP's (string) of it, "Array"."""


class Values(list):
    """The kind of a list a dialect reads as PHP's array: a JSON object gives its values,
    in order (Kanboard's foreach over tags or project ids)."""


class Keyed(dict):
    """The kind of an object a dialect reads as PHP's array: a JSON list gives its items
    keyed "0", "1", ... (Kanboard's foreach over metadata names and values)."""


class Id(int):
    """The kind of an id a dialect compares as sent (Kanboard binds it into its SQL): one
    past 64 bits matches no row, so it reads as the nearest bound, an id nothing has
    (to_int), where another integer parameter out of range is refused naming it."""


@dataclass(frozen=True)
class Param:
    name: str
    default: Any
    kind: Any

    @property
    def required(self) -> bool:
        return self.default is _EMPTY


@dataclass(frozen=True)
class Procedure:
    name: str
    handler: Handler
    params: tuple[Param, ...]
    access: Any  # the facade's access rule, checked before the handler runs
    offload: bool = False  # a long read: run off the event loop (rpc/offload.py)
    table: str = ""  # the module whose load() gives this procedure's table (for workers)

    @functools.cached_property
    def n_required(self) -> int:
        """How many parameters have no default (counted once, not at every call)."""
        return sum(1 for p in self.params if p.required)

    def bind(self, params: list | dict, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
        required = self.n_required
        if len(params) > len(self.params):
            raise RpcError(INVALID_PARAMS, "Too many arguments")
        if len(params) < required:
            raise RpcError(INVALID_PARAMS, "Wrong number of arguments")
        if isinstance(params, list):
            values = dict(zip((p.name for p in self.params), params))
        else:
            values = params
        bound = {}
        for param in self.params:
            if param.name in values:
                bound[param.name] = value = coerce(values[param.name], param)
                if param.kind is FileContent and isinstance(value, str):
                    continue
                try:
                    check_value(param.name, value, limits)
                except OutOfBounds as exc:
                    raise RpcError(INVALID_PARAMS, str(exc)) from None
            elif param.required:
                raise RpcError(INVALID_PARAMS, f"Missing argument: {param.name}")
            else:
                bound[param.name] = param.default
        return bound


class OutOfBounds(ValueError):
    """A bound value storage could not hold or the limits refuse; says which parameter."""


def check_value(name: str, value: Any, limits: Limits, depth: int = 0) -> None:
    """Integers fit SQLite's signed 64 bits, floats are finite, text is at most
    `max_text` characters, arrays and objects nest at most `max_depth` levels: in the
    value and in everything it holds."""
    if isinstance(value, str):
        if len(value) > limits.max_text:
            raise OutOfBounds(f"{name} is longer than {limits.max_text} characters")
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        if not INT_MIN <= value <= INT_MAX:
            raise OutOfBounds(f"{name} is out of range (a signed 64-bit integer)")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise OutOfBounds(f"{name} must be a finite number")
    elif isinstance(value, (list, tuple, dict)):
        if depth >= limits.max_depth:
            raise OutOfBounds(f"{name} is nested more than {limits.max_depth} levels deep")
        if isinstance(value, dict):  # named as Leantime's values.description, tags[1]
            for key, item in value.items():
                check_value(f"{name} key", key, limits, depth + 1)
                check_value(f"{name}.{str(key)[:40]}", item, limits, depth + 1)
        else:
            for index, item in enumerate(value):
                check_value(f"{name}[{index}]", item, limits, depth + 1)


def to_int(value: Any) -> int:
    """An id as Kanboard compares it in its SQL: an integer, a whole float, or a text
    SQLite reads as a whole number ("1", " 1", "1.0", "1e0"); one beyond 64 bits is the
    nearest bound, an id nothing has (as PHP saturates "99999999999999999999"), so it
    never reaches storage unbounded; anything else is 0, no id."""
    if isinstance(value, str):
        value = _sqlite_number(value)
    return min(max(_loose_int(value), INT_MIN), INT_MAX)


def _sqlite_number(text: str) -> int | float:
    """The number SQLite compares a text as with an integer column, or 0 for none."""
    found = _SQLITE_NUMBER.fullmatch(text)
    if found is None:
        return 0
    literal = found[1]
    return float(literal) if any(c in literal for c in ".eE") else _decimal(literal)


def _decimal(text: str) -> int:
    """Digits after an optional sign as an integer. Past 64 bits only the side matters,
    so thousands of digits are not converted (int() refuses more than 4300)."""
    if len(text.lstrip("+-").lstrip("0")) > 19:
        return INT_MIN - 1 if text.startswith("-") else INT_MAX + 1
    return int(text)


def _loose_int(value: Any) -> int:
    """to_int without the bounds, for a parameter itself: check_value then refuses an
    integer out of range naming it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and is_digits(value.strip().removeprefix("-")):
        return _decimal(value.strip())
    return 0


def to_float(value: Any) -> float:
    """Loose numbers as PHP reads them; anything unreadable is 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    try:
        return float(str(value).strip())
    except ValueError:
        return 0.0


def coerce(value: Any, param: Param) -> Any:
    kind = param.kind
    if value is None:
        return None
    if kind is Id:
        return to_int(value)
    if kind is int:
        return _loose_int(value)
    if kind is float:
        return to_float(value)
    if kind is bool:
        return value in (True, 1, "1", "true")
    if kind in (str, FileContent, Text):
        if isinstance(value, (dict, list)):
            raise RpcError(INVALID_PARAMS, f"{param.name} must be a string")
        if isinstance(value, str):
            return value
        if kind is FileContent:  # PHP decodes the (string) of it: true is "1", not "True"
            return php_text(value)
        return sent_text(value) if kind is Text else str(value)
    if kind is ArrayText:
        return value if isinstance(value, str) else sent_text(value)
    if kind is Values and isinstance(value, dict):
        return list(value.values())
    if kind is Keyed and isinstance(value, list):
        return {str(index): item for index, item in enumerate(value)}
    if kind in (list, tuple, Values):
        if not isinstance(value, list):
            raise RpcError(INVALID_PARAMS, f"{param.name} must be an array")
        return tuple(value) if kind is tuple else value
    if kind in (dict, Keyed) and not isinstance(value, dict):
        raise RpcError(INVALID_PARAMS, f"{param.name} must be an object")
    return value


def kind_of(hint: Any) -> Any:
    """The base type of an annotation (`int | None` is int, `list[str]` is list)."""
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if args and origin in (typing.Union, types.UnionType):
        return kind_of(args[0])
    return origin or hint


def handler_params(handler: Handler) -> tuple[Param, ...]:
    """A handler's parameters after `ctx`, from its signature."""
    hints = typing.get_type_hints(handler)
    signature = list(inspect.signature(handler).parameters.values())[1:]
    return tuple(Param(p.name, p.default, kind_of(hints.get(p.name, Any))) for p in signature)


def command_params(command: type[Command], rename: dict[str, str],
                   leave_out: Iterable[str]) -> tuple[Param, ...]:
    """A command's client fields as parameters; `rename` maps a parameter to its field."""
    names = {field: param for param, field in rename.items()}
    hints = typing.get_type_hints(command)
    skipped = set(leave_out)
    return tuple(Param(names.get(f.name, f.name), _default(f), kind_of(hints[f.name]))
                 for f in parameters(command) if f.name not in skipped)


def _default(item: dataclasses.Field) -> Any:
    return _EMPTY if item.default is dataclasses.MISSING else item.default


class ProcedureTable:
    def __init__(self, home: str = "",
                 adapt: Callable[[tuple[Param, ...]], tuple[Param, ...]] | None = None) -> None:
        """`adapt`: how the dialect reads every procedure's parameters (e.g. ids as Id)."""
        self.procedures: dict[str, Procedure] = {}
        self.home = home  # the module whose load() builds this table again (rpc.offload)
        self.adapt = adapt

    def add(self, names: Iterable[str], handler: Handler, params: tuple[Param, ...],
            access: Any, offload: bool = False) -> None:
        """`offload`: the handler only reads and may take long; it runs in a worker
        (rpc/offload.py), so it must await nothing and never write."""
        assert not offload or self.home, "an offloaded procedure needs a table with a home"
        if self.adapt:
            params = self.adapt(params)
        for name in names:
            assert name not in self.procedures, f"procedure {name} declared twice"
            self.procedures[name] = Procedure(name, handler, params, access, offload, self.home)

    def register(self, *names: str, access: Any = None,
                 offload: bool = False) -> Callable[[Handler], Handler]:
        """Declare a procedure by its handler, whose signature lists the parameters."""

        def add(handler: Handler) -> Handler:
            self.add(names, handler, handler_params(handler), access, offload)
            return handler

        return add

    def get(self, name: str) -> Procedure | None:
        return self.procedures.get(name)
