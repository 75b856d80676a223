"""Order keys: always a key strictly between two others, in byte order."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from domain.order_keys import DIGITS, is_key, key_between, spread_keys

keys = st.text(alphabet=DIGITS, min_size=1, max_size=12).filter(is_key)


def test_digits_are_in_byte_order() -> None:
    assert list(DIGITS) == sorted(DIGITS)


@given(keys, keys)
def test_a_key_between_two_keys_sorts_between_them(a: str, b: str) -> None:
    if a == b:
        return
    low, high = min(a, b), max(a, b)
    middle = key_between(low, high)
    assert low < middle < high and is_key(middle)


@given(keys)
def test_keys_before_and_after_any_key(key: str) -> None:
    first, last = key_between(None, key), key_between(key, None)
    assert first < key < last and is_key(first) and is_key(last)


def test_first_key_of_an_empty_list() -> None:
    assert is_key(key_between(None, None))


@given(st.lists(st.integers(min_value=0, max_value=10_000), max_size=200))
def test_any_sequence_of_insertions_keeps_keys_distinct_and_ordered(slots: list[int]) -> None:
    """Inserting at arbitrary places, as moves do, gives a list the keys sort exactly."""
    order: list[str] = []
    for slot in slots:
        index = slot % (len(order) + 1)
        before = order[index - 1] if index else None
        after = order[index] if index < len(order) else None
        order.insert(index, key_between(before, after))
    assert order == sorted(order) and len(set(order)) == len(order)
    assert all(is_key(k) for k in order)


def test_moving_to_the_front_again_and_again_grows_keys_slowly() -> None:
    key = key_between(None, None)
    for _ in range(600):
        key = key_between(None, key)
    assert len(key) <= 125  # one digit per five moves into the same gap


@pytest.mark.parametrize("before, after", [("b", "a"), ("a", "a")])
def test_keys_out_of_order_are_refused(before: str, after: str) -> None:
    with pytest.raises(ValueError):
        key_between(before, after)


@given(st.integers(min_value=0, max_value=5_000))
def test_spread_keys_are_ordered_distinct_and_short(count: int) -> None:
    spread = spread_keys(count)
    assert len(spread) == count and spread == sorted(set(spread))
    assert all(is_key(k) and len(k) <= 3 for k in spread)
