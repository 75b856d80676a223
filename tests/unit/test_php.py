"""The text PHP's (string) makes of a decoded JSON value, which Kanboard stores or
compares (tags, metadata, action parameters, a project's name): the expected texts are
PHP 8.2's own (`php -r 'echo (string)$f;'`, precision 14)."""
from __future__ import annotations

import dataclasses

import pytest

from domain.php import float_text, is_empty, php_text, plain_texts, sent_text

PHP_SAYS = [
    (2.0, "2"), (100.0, "100"), (12.5, "12.5"), (0.1, "0.1"), (0.1 + 0.2, "0.3"),
    (-0.0, "-0"), (0.0, "0"), (1e15, "1.0E+15"), (1e14, "1.0E+14"),
    (99999999999999.0, "99999999999999"), (1e-5, "1.0E-5"), (0.0001, "0.0001"),
    (1e20, "1.0E+20"), (2.0 ** 64, "1.844674407371E+19"),
    (-(2.0 ** 63), "-9.2233720368548E+18"), (1 / 3, "0.33333333333333"),
    (123456789.12345678, "123456789.12346"), (5e-324, "4.9406564584125E-324"),
    (1.7976931348623157e308, "1.7976931348623E+308"),
]


@pytest.mark.parametrize(("value", "text"), PHP_SAYS)
def test_a_float_is_written_as_php_writes_it(value: float, text: str) -> None:
    assert float_text(value) == text


@pytest.mark.parametrize(("value", "text"), [
    (True, "1"), (False, ""), (None, ""), ([1], "Array"), ({}, "Array"), (7, "7"),
    ("1.0", "1.0"), (2 ** 63 - 1, "9223372036854775807"),
    (2 ** 63, "9.2233720368548E+18"),  # json_decode made it a float
    (2.0, "2"),
])
def test_a_value_is_the_text_php_binds(value: object, text: str) -> None:
    assert php_text(value) == text


@pytest.mark.parametrize(("value", "text", "empty"), [
    (False, "", True), (-0.0, "-0", True), (0.0, "0", True), (0, "0", True),
    (True, "1", False), (1.0, "1", False), ("0", "0", True), ("-0", "-0", False),
])
def test_a_sent_text_remembers_what_phps_empty_said_of_the_value(
        value: object, text: str, empty: bool) -> None:
    """Kanboard validates a parameter as sent and stores its text: false and -0.0 are
    empty() though "" is refused by Required and "-0" is no empty text."""
    sent = sent_text(value)
    assert sent == text and is_empty(sent) is empty


def test_what_a_decision_stores_holds_no_marked_text() -> None:
    @dataclasses.dataclass(frozen=True)
    class Saved:
        name: str
        fields: dict

    stored = plain_texts([Saved(sent_text(False), {"a": (sent_text(-0.0), "x")})])
    assert stored == [Saved("", {"a": ("-0", "x")})]
    assert type(stored[0].name) is str and type(stored[0].fields["a"][0]) is str
