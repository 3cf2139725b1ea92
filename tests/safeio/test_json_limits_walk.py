"""The quick check of parsed JSON against the limits decides exactly as the walk that locates a breach.

``yamlio._within`` (walks only containers, searches all texts at once) must say "within the limits"
exactly when ``yamlio._locate`` (the walk that names the field) finds nothing, for any structure: the
first is only a fast path to skip the second. Checked on generated structures under small limits, so
that every limit is broken somewhere, and on the edge of each limit.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.safeio.limits import Limits
from jixiao.yamlio import SourceError, _Bad, _locate, _within

LIMITS = Limits(yaml_nodes=30, nesting_depth=4, collection_items=5, text_chars=6)

scalars = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.decimals(allow_nan=False, allow_infinity=False,
                                                                            places=2, min_value=-9, max_value=9),
                    st.text(alphabet="ab中\x01\x0b\t\n", max_size=8), st.just(_Bad("refused")))
json_like = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=7), st.dictionaries(st.text(alphabet="kx", min_size=1, max_size=8), inner, max_size=7)),
    max_leaves=40)


def located(data: Any, limits: Limits) -> bool:
    try:
        _locate(data, limits)
    except SourceError:
        return False
    return True


@settings(max_examples=600, deadline=None)
@given(json_like)
def test_the_quick_check_agrees_with_the_locating_walk(data: Any) -> None:
    assert _within(data, LIMITS) == located(data, LIMITS)


def nested(depth: int) -> Any:
    data: Any = "x"
    for _ in range(depth):
        data = [data]
    return data


def test_each_limit_at_its_edge() -> None:
    cases = [
        ([1] * 5, True), ([1] * 6, False),  # collection_items
        ({"k" * 6: 1}, True), ({"k" * 7: 1}, False),  # a key's length
        (["abcdef"], True), (["abcdefg"], False), (["ab\x01"], False), (["a\tb\n"], True),  # text
        (nested(3), True), (nested(4), False), ([[[[]]]], True),  # depth: an empty list adds no level below it
        ([[1] * 5] * 4 + [[1] * 4], True), ([[1] * 5] * 5, False),  # 30 nodes, then 31
        ([Decimal("1.5"), True, None, -3], True), ([_Bad("x")], False), ("abcdefg", False),
    ]
    for data, expected in cases:
        assert _within(data, LIMITS) is expected, data
        assert located(data, LIMITS) is expected, data
