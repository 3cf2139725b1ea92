"""Frozen dataclasses whose comparison, hash and repr are made without generating code.

Python 3.11's :mod:`dataclasses` writes each method it adds (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, and ``__setattr__``/``__delattr__`` for a frozen class) as source text and compiles it with
its own ``exec``: about 1 ms a class, and ``jixiao evaluate FILE`` builds some sixty classes before it
reads a line (docs/scale.md). :func:`frozen` is ``@dataclass(frozen=True, ...)`` with ``__eq__``,
``__hash__`` and ``__repr__`` made from closures over the field names instead — the same behaviour as the
generated ones (same fields compared, hashed and shown, same order, same ``NotImplemented`` for another
class, ``...`` for a recursive repr). A class that writes its own ``__init__`` (``init=False``) gets its
frozen ``__setattr__``/``__delattr__`` the same way, so nothing of it is compiled; a generated
``__init__`` assigns through ``object.__setattr__`` as the stdlib writes it, with the stdlib's frozen
methods beside it.

Everything else is the stdlib's: :func:`dataclasses.fields`, :func:`dataclasses.replace`, field
defaults and factories, slots, keyword-only fields, ``FrozenInstanceError``.
"""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Callable
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

T = TypeVar("T")


@overload
def frozen(cls: type[T], /) -> type[T]: ...


@overload
def frozen(*, init: bool = True, eq: bool = True, slots: bool = False,
           kw_only: bool = False) -> Callable[[type[T]], type[T]]: ...


@dataclass_transform(frozen_default=True, field_specifiers=(dataclasses.field, dataclasses.Field))
def frozen(cls: type[T] | None = None, /, *, init: bool = True, eq: bool = True, slots: bool = False,
           kw_only: bool = False) -> type[T] | Callable[[type[T]], type[T]]:
    """``@dataclass(frozen=True, init=init, eq=eq, slots=slots, kw_only=kw_only)``, built cheaply.
    ``eq=False``: compared and hashed by identity, as the stdlib leaves such a class."""

    def build(c: type[T]) -> type[T]:
        made: type[T] = dataclasses.dataclass(c, init=init, repr=False, eq=False, frozen=init, slots=slots,
                                              kw_only=kw_only)
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        methods: dict[str, Any] = {"__repr__": _repr([f.name for f in fields if f.repr])}
        if eq:
            methods["__eq__"] = _eq(_values([f.name for f in fields if f.compare]))
            methods["__hash__"] = _hash(_values([f.name for f in fields if (f.compare if f.hash is None else f.hash)]))
        if not init:
            names = frozenset(f.name for f in fields)
            methods["__setattr__"], methods["__delattr__"] = _frozen_set_del(made, names)
        for name, method in methods.items():
            if _written(c, name):  # the class's own method stays, as the stdlib leaves it
                if name in ("__setattr__", "__delattr__"):
                    raise TypeError(f"Cannot overwrite attribute {name} in class {c.__name__}")
                continue
            method.__qualname__ = f"{made.__qualname__}.{name}"
            setattr(made, name, method)
        return made

    return build if cls is None else build(cls)


def _written(cls: type, name: str) -> bool:
    """Whether the class body defines the method (a body defining ``__eq__`` alone gets ``__hash__ = None``
    from Python, which the stdlib does not count as a hash of its own)."""
    if name == "__hash__" and cls.__dict__.get(name, 0) is None and "__eq__" in cls.__dict__:
        return False
    return name in cls.__dict__


def _values(names: list[str]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of these attributes of an object (what the generated ``__eq__`` and ``__hash__`` compare)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    if names:
        one = operator.attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _eq(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any, object], Any]:
    def __eq__(self: Any, other: object) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    return __eq__


def _hash(values: Callable[[Any], tuple[Any, ...]]) -> Callable[[Any], int]:
    def __hash__(self: Any) -> int:
        return hash(values(self))

    return __hash__


def _repr(names: list[str]) -> Callable[[Any], str]:
    @recursive_repr()
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{self.__class__.__qualname__}({shown})"

    return __repr__


def _frozen_set_del(owner: type[Any], names: frozenset[str]) -> tuple[Callable[..., None], Callable[..., None]]:
    """The stdlib's frozen ``__setattr__`` and ``__delattr__`` for ``owner``, as closures."""

    def __setattr__(self: object, name: str, value: Any) -> None:
        if type(self) is owner or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
        super(owner, self).__setattr__(name, value)

    def __delattr__(self: object, name: str) -> None:
        if type(self) is owner or name in names:
            raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
        super(owner, self).__delattr__(name)

    return __setattr__, __delattr__
