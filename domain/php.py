"""What PHP makes of a decoded JSON value where Kanboard turns it into text: a TEXT
column keeps it, and a comparison with a text column (a name) binds it, as PHP's (string)
writes it."""
from __future__ import annotations

import math
from typing import Any

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
