"""Leantime binds params by name: extra keys are ignored, typed values are cast, and a
null is no value at all (PHP's isset): a required parameter given as null is missing, an
optional one takes its default, so no handler is ever called with None where its
signature asks for an object, a number or a string."""
from __future__ import annotations

from typing import Any

from domain.errors import Invalid
from rpc.limits import Limits
from rpc.procedures import DEFAULT_LIMITS, OutOfBounds, Param, Procedure, check_value
from rpc.protocol import RpcError


def _invalid(message: str) -> RpcError:
    """Leantime puts the reason in the message itself."""
    return RpcError((-32602, message))

_TRUE, _FALSE = {"true", "1", "yes", "on"}, {"false", "0", "no", "off", ""}


def _cast(value: Any, param: Param) -> Any:
    kind = param.kind
    if kind is int:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return int(value) if isinstance(value, int) else int(str(value).strip())
    if kind is float:
        return float(value)
    if kind is bool:
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError
    if kind is str:
        if isinstance(value, (dict, list)):
            raise ValueError
        return str(value)
    if kind in (dict, list) and not isinstance(value, kind):
        raise ValueError
    return value


def bounded(name: str, value: Any, limits: Limits = DEFAULT_LIMITS) -> Any:
    """A value read from inside an object parameter (values.projectId), held to the
    bounds a parameter is held to: beyond them it is Invalid, naming it."""
    try:
        check_value(name, value, limits)
    except OutOfBounds as exc:
        raise Invalid(str(exc)) from None
    return value


def bind(procedure: Procedure, params: Any, limits: Limits = DEFAULT_LIMITS) -> dict[str, Any]:
    if isinstance(params, list):
        raise _invalid("Parameters must be given by name (an object)")
    bound = {}
    for param in procedure.params:
        if params.get(param.name) is None:
            if param.required:
                raise _invalid(f"Required Parameter Missing: {param.name}")
            bound[param.name] = param.default
            continue
        try:
            bound[param.name] = value = _cast(params[param.name], param)
            check_value(param.name, value, limits)
        except OutOfBounds as exc:  # castable, but storage could not hold it
            raise _invalid(str(exc)) from None
        except (TypeError, ValueError, OverflowError):
            raise _invalid(f"Could not cast parameter: {param.name}") from None
    return bound
