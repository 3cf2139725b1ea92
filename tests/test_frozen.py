"""``jixiao.frozen.frozen`` behaves as ``@dataclass(frozen=True, ...)`` does: the same class built both ways
and compared on equality, hash, repr, assignment, deletion, replace, fields and copying (pickling's protocol), over
values drawn by hypothesis."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.frozen import frozen

Decorate = Callable[..., Any]


def stdlib(**options: Any) -> Callable[[type], type]:
    return dataclasses.dataclass(frozen=True, **options)


def stdlib_unslotted(**options: Any) -> Callable[[type], type]:
    return stdlib(**{k: v for k, v in options.items() if k != "slots"})


# Python 3.11's slotted frozen dataclass: its __setattr__ and __delattr__ name the class as it was before
# slots were added, so on a subclass's instance they fail (CPython gh-90562, fixed in 3.12); frozen()
# behaves there as the stdlib's class without slots does.
STDLIB_SLOTS_BUG = ("TypeError", "super(type, obj): obj must be an instance or subtype of type")


def ours(**options: Any) -> Callable[[type], type]:
    return frozen(**options)


# The shapes of class jixiao declares: plain, slotted keyword-only records with defaults and factories,
# fields left out of repr/compare/hash, identity equality, a class writing its own __init__, a class
# defining its own __eq__. Each is built in the same function, so both builds have the same __qualname__.


def shape_plain(decorate: Decorate) -> type:
    @decorate()
    class Point:
        x: Any
        y: Any = None
        z: Any = dataclasses.field(default=0, repr=False)

    return Point


def shape_record(decorate: Decorate) -> type:
    @decorate(slots=True, kw_only=True)
    class Record:
        """A record."""

        x: Any
        y: Any = None
        items: tuple[Any, ...] = dataclasses.field(default_factory=tuple)
        listed: list[Any] = dataclasses.field(default_factory=list, compare=False)
        hidden: Any = dataclasses.field(default=None, compare=False)
        unhashed: Any = dataclasses.field(default=None, hash=False)
        hashed_only: Any = dataclasses.field(default=None, compare=False, hash=True)

    return Record


def shape_identity(decorate: Decorate) -> type:
    @decorate(eq=False)
    class Node:
        x: Any
        y: Any = None

    return Node


def shape_own_init(decorate: Decorate) -> type:
    @decorate(init=False)
    class Written:
        x: Any
        y: Any = ()
        z: Any = dataclasses.field(default=None, repr=False, compare=False)

        def __init__(self, x: Any, y: Any = (), z: Any = None) -> None:
            self.__dict__.update(x=x, y=y, z=z)

    return Written


def shape_own_eq(decorate: Decorate) -> type:
    @decorate()
    class Loose:
        x: Any
        y: Any = None

        def __eq__(self, other: object) -> bool:
            return isinstance(other, Loose) and self.x == other.x

    return Loose


def shape_post_init(decorate: Decorate) -> type:
    @decorate()
    class Derived:
        x: Any
        y: Any = 1
        tags: list[Any] = dataclasses.field(default_factory=list, compare=False)
        pair: Any = dataclasses.field(init=False, default=None)
        seen: list[Any] = dataclasses.field(init=False, default_factory=list, compare=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "pair", (self.x, self.y))

    return Derived


def shape_keywords(decorate: Decorate) -> type:
    @decorate(kw_only=True)
    class Options:
        x: Any
        y: Any
        z: Any = None

    return Options


def shape_empty(decorate: Decorate) -> type:
    @decorate(slots=True)
    class Empty:
        pass

    return Empty


Shape = Callable[[Decorate], type]
SHAPES: list[Shape] = [shape_plain, shape_record, shape_identity, shape_own_init, shape_own_eq, shape_post_init,
                       shape_keywords, shape_empty]
FIELDS: dict[Shape, list[str]] = {shape: [f.name for f in dataclasses.fields(shape(stdlib))] for shape in SHAPES}
BUILT: dict[Shape, tuple[type, type]] = {shape: (shape(stdlib), shape(ours)) for shape in SHAPES}

values = st.recursive(st.none() | st.integers(-5, 5) | st.text(max_size=3) | st.decimals(allow_nan=False, places=2)
                      | st.booleans(), lambda inner: st.tuples(inner, inner), max_leaves=4)


def make(cls: type, shape: Callable[[Decorate], type], data: dict[str, Any]) -> Any:
    return cls(**{k: v for k, v in data.items() if k in FIELDS[shape]})


def outcome(action: Callable[[], Any]) -> tuple[str, Any]:
    """What an action gives, or the type and message of what it raises (a call's message without the
    function's name: the stdlib's generated ``__init__`` calls itself ``__create_fn__.<locals>.__init__``)."""
    try:
        return "value", action()
    except Exception as exc:  # the exception itself is what is compared
        return type(exc).__name__, str(exc).rpartition("__init__() ")[2]


def calls(cls: type) -> list[Any]:
    """Right and wrong calls of the class: each one's repr, or what it raises."""
    tried: list[Callable[[], Any]] = [
        lambda: cls(), lambda: cls(1), lambda: cls(1, 2), lambda: cls(1, 2, 3, 4, 5, 6, 7, 8), lambda: cls(x=1),
        lambda: cls(x=1, y=2), lambda: cls(1, x=1), lambda: cls(x=1, nope=2), lambda: cls(x=1, y=2, z=3, items=(1,)),
        lambda: cls(y=1), lambda: cls(z=1),
    ]
    return [outcome(_shown(call)) for call in tried]


def _shown(call: Callable[[], Any]) -> Callable[[], str]:
    return lambda: repr(call())


def behaviour(cls: type, shape: Callable[[Decorate], type], a: dict[str, Any], b: dict[str, Any]) -> list[Any]:
    one, other, same = make(cls, shape, a), make(cls, shape, b), make(cls, shape, a)
    first = FIELDS[shape][0] if FIELDS[shape] else "x"
    sub = make(type("Sub", (cls,), {}), shape, a)  # a subclass: never equal, assignable outside the fields
    return [
        calls(cls),
        outcome(lambda: hash(one) if shape is not shape_identity else None),  # the same tuple hashed
        one == sub, sub == one, outcome(lambda: setattr(sub, "elsewhere", 1)), outcome(lambda: delattr(sub, "elsewhere")),
        outcome(lambda: setattr(sub, first, 1)),
        repr(one), repr(other),
        one == other, one == same, one != same, one == 1, one.__eq__(1), one == one,
        outcome(lambda: hash(one) == hash(same)), outcome(lambda: hash(one) == hash(other) or one != other),
        outcome(lambda: setattr(one, first, 1)), outcome(lambda: delattr(one, first)),
        outcome(lambda: setattr(one, "elsewhere", 1)),
        [(f.name, f.repr, f.compare, f.hash, f.kw_only) for f in dataclasses.fields(cls)],
        dataclasses.asdict(one),
        copy.copy(one) == one, copy.deepcopy(one) == one, repr(copy.deepcopy(one)) == repr(one),
        outcome(lambda: dataclasses.replace(one) == one),
    ]


@settings(max_examples=60, deadline=None)
@given(a=st.fixed_dictionaries({k: values for k in ("x", "y", "z", "hidden", "unhashed", "hashed_only")}),
       b=st.fixed_dictionaries({k: values for k in ("x", "y", "z", "hidden", "unhashed", "hashed_only")}))
@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.__name__)
def test_frozen_behaves_as_the_stdlib_frozen_dataclass(shape: Callable[[Decorate], type], a: dict[str, Any],
                                                       b: dict[str, Any]) -> None:
    theirs, mine = BUILT[shape]
    got, expected = behaviour(mine, shape, a, b), behaviour(theirs, shape, a, b)
    unslotted = behaviour(shape(stdlib_unslotted), shape, a, b)
    expected = [fixed if item == STDLIB_SLOTS_BUG else item for item, fixed in zip(expected, unslotted, strict=True)]
    # identity-compared instances differ between builds only by the objects' addresses
    assert got == expected


@pytest.mark.parametrize("shape", SHAPES, ids=lambda s: s.__name__)
def test_frozen_sets_the_same_methods(shape: Callable[[Decorate], type]) -> None:
    theirs, mine = BUILT[shape]
    for name in ("__eq__", "__hash__", "__repr__", "__setattr__", "__delattr__", "__init__", "__match_args__",
                 "__slots__"):
        assert (name in vars(mine)) == (name in vars(theirs)), name
        assert (getattr(mine, name, None) is None) == (getattr(theirs, name, None) is None), name
    assert mine.__doc__ == theirs.__doc__


def test_a_recursive_repr_is_cut_as_the_stdlib_cuts_it() -> None:
    reprs = []
    for decorate in (stdlib, ours):
        holder = shape_plain(decorate)([], None)
        holder.x.append(holder)
        reprs.append(repr(holder))
    assert reprs[0] == reprs[1] == "shape_plain.<locals>.Point(x=[...], y=None)"


def test_the_methods_are_named_after_their_class() -> None:
    record = BUILT[shape_record][1]
    assert record.__eq__.__qualname__ == "shape_record.<locals>.Record.__eq__"
    assert record.__repr__.__qualname__ == "shape_record.<locals>.Record.__repr__"


def test_a_frozen_record_of_the_model_refuses_assignment_and_equals_its_copy() -> None:
    from jixiao.model import Budget

    budget = Budget(initial=Decimal("10.5"), final=Decimal(12))
    assert budget == Budget(initial=Decimal("10.5"), final=Decimal(12)) != Budget(initial=Decimal("10.5"))
    assert hash(budget) == hash(Budget(initial=Decimal("10.50"), final=Decimal("12.0")))
    assert repr(budget) == ("Budget(initial=Decimal('10.5'), adjustment=None, carried_over=None, final=Decimal('12'), "
                            "adjustment_reason=None, execution_reason=None)")
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'final'"):
        budget.final = Decimal(1)  # type: ignore[misc]
    again = pickle.loads(pickle.dumps(budget))  # as a batch sends it to a worker and back
    assert again == budget and again.final == Decimal(12) and again.adjustment is None
    assert Budget.__slots__ == ("initial", "adjustment", "carried_over", "final", "adjustment_reason",
                                "execution_reason")


def test_a_class_defining_its_own_setattr_is_refused_as_the_stdlib_refuses_it() -> None:
    for decorate in (stdlib, ours):
        with pytest.raises(TypeError, match="Cannot overwrite attribute __setattr__ in class Bad"):
            @decorate(init=False)
            class Bad:
                x: int

                def __setattr__(self, name: str, value: Any) -> None:
                    pass
