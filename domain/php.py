"""What PHP makes of a decoded JSON value where Kanboard turns it into text: a TEXT
column keeps it, and a comparison with a text column (a name) binds it, as PHP's (string)
writes it."""
from __future__ import annotations

import dataclasses
import math
import operator
import typing
from typing import Any, Callable

# PHP's integers, a 64-bit column's and the log's JSON encoder's: json_decode makes any
# other integer a float
INT64_MIN, INT64_MAX = -(2 ** 63), 2 ** 63 - 1
PRECISION = 14  # php.ini's `precision`, which (string) of a float follows (PHP's default)


def php_text(value: Any) -> str:
    """PHP's (string): true is "1", false and null "", an array "Array", an integer past
    64 bits the float json_decode made of it, a float as float_text writes it."""
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    if isinstance(value, (list, dict)):
        return "Array"
    if isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
        value = float(value)
    if isinstance(value, float):
        return float_text(value)
    return str(value)


def float_text(value: float) -> str:
    """A float as PHP's (string) writes it (zend_gcvt, PRECISION significant digits):
    2.0 is "2", 0.1 + 0.2 "0.3", -0.0 "-0", 1e15 "1.0E+15", 0.00001 "1.0E-5"."""
    if not math.isfinite(value):
        return "NAN" if math.isnan(value) else ("INF" if value > 0 else "-INF")
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0:
        return sign + "0"
    mantissa, exponent = f"{abs(value):.{PRECISION - 1}e}".split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    point = int(exponent) + 1  # where the decimal point falls after the first digit
    if point < -3 or point > PRECISION:
        shown = int(exponent)
        return (f"{sign}{digits[0]}.{digits[1:] or '0'}E{'-' if shown < 0 else '+'}"
                f"{abs(shown)}")
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    whole, fraction = digits[:point].ljust(point, "0"), digits[point:]
    return sign + whole + ("." + fraction if fraction else "")


class EmptyText(str):
    """The text of a parameter PHP's empty() holds empty though the text alone would not
    say so: false is "" and -0.0 is "-0". Kanboard validates a parameter as sent, then
    stores its text: Required and NotEmpty (`!== ''`) take false for a value, and a task
    created with either title is "Untitled" (empty()). Only the binding makes one
    (sent_text); what a decision stores is plain text (plain_texts)."""


def sent_text(value: Any) -> str:
    """php_text of a parameter as sent, an EmptyText where empty() and the text disagree."""
    text = php_text(value)
    return EmptyText(text) if value is False or (type(value) is float and value == 0) else text


def is_empty(value: Any) -> bool:
    """PHP's empty(): false, 0, 0.0, -0.0, "", "0", null, an empty array, and an
    EmptyText (the text of one of those)."""
    return not value or value == "0" or isinstance(value, EmptyText)


def carries_empty_text(item: Any) -> bool:
    """Whether a command (a dataclass) has an EmptyText in one of its text fields: asked
    of every command, so they are read by one getter made once per type."""
    kind = type(item)
    values = _FIELD_VALUES.get(kind) or _FIELD_VALUES.setdefault(kind, _text_values(kind))
    return EmptyText in map(type, values(item))


def _text_values(kind: type) -> Callable[[Any], tuple]:
    hints = typing.get_type_hints(kind)
    names = [f.name for f in dataclasses.fields(kind)
             if hints.get(f.name) is str or str in typing.get_args(hints.get(f.name))]
    if len(names) == 1:
        return lambda item: (getattr(item, names[0]),)
    return operator.attrgetter(*names) if names else (lambda item: ())


_FIELD_VALUES: dict[type, Callable[[Any], tuple]] = {}


def plain_texts(value: Any) -> Any:
    """The value with every EmptyText in it (in events, their dicts, lists and tuples)
    a plain str: the world and the log keep only plain values."""
    if isinstance(value, EmptyText):
        return str(value)
    if isinstance(value, dict):
        return {k: plain_texts(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(plain_texts(v) for v in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: plain_texts(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value
