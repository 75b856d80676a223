"""Order keys: fractional indexing over base-62 digit strings (as LexoRank and Figma do).

A key is a fraction in (0, 1) written with the digits 0-9A-Za-z after the point, without
trailing zeros, so byte order is numeric order and there is always room between two keys.
A move then records one new key between its neighbours instead of renumbering them.
"""
from __future__ import annotations

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
BASE = len(DIGITS)
_VALUE = {d: i for i, d in enumerate(DIGITS)}


def is_key(key: str) -> bool:
    return bool(key) and not key.endswith("0") and all(c in _VALUE for c in key)


def key_between(before: str | None, after: str | None) -> str:
    """A key strictly between `before` and `after` (None: an open end)."""
    if before is not None and after is not None and before >= after:
        raise ValueError(f"{before!r} is not before {after!r}")
    return _midpoint(before or "", after)


def _midpoint(low: str, high: str | None) -> str:
    """The shortest-ish digits strictly between fractions `low` ("" = 0) and `high`
    (None = 1); both without trailing zeros."""
    if high is not None:
        shared = 0
        while shared < len(high) and (low[shared] if shared < len(low) else "0") == high[shared]:
            shared += 1
        if shared:
            return high[:shared] + _midpoint(low[shared:], high[shared:])
    low_digit = _VALUE[low[0]] if low else 0
    high_digit = _VALUE[high[0]] if high is not None else BASE
    if high_digit - low_digit > 1:
        return DIGITS[(low_digit + high_digit) // 2]
    if high is not None and len(high) > 1:
        return high[0]  # shorter than high, so below it, and above low's first digit
    return DIGITS[low_digit] + _midpoint(low[1:], None)


def spread_keys(count: int) -> list[str]:
    """`count` ascending keys, evenly spaced and as short as that many allow."""
    width = 1
    while BASE ** width <= count:
        width += 1
    step = BASE ** width // (count + 1)
    return [_digits(step * (i + 1), width) for i in range(count)]


def _digits(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, digit = divmod(number, BASE)
        chars.append(DIGITS[digit])
    return "".join(reversed(chars)).rstrip("0")
