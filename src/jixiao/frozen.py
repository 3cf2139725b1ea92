"""Frozen dataclasses built with as little generated code as the stdlib allows.

Python 3.11's :mod:`dataclasses` writes each method it adds (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, and ``__setattr__``/``__delattr__`` for a frozen class) as source text and compiles it with
its own ``exec``: about 1 ms a class, and ``jixiao evaluate FILE`` builds some sixty classes before it
reads a line (docs/scale.md). :func:`frozen` is ``@dataclass(frozen=True, ...)`` whose methods are closures
over the field names instead, with the behaviour of the generated ones (tests/test_frozen.py builds the
same classes both ways and compares them):

- ``__eq__``, ``__hash__``, ``__repr__``: the same fields compared, hashed and shown, in the same order,
  ``NotImplemented`` for another class, ``...`` for a recursive repr;
- a class with an instance dict (no ``slots``) gets an ``__init__`` with the generated one's parameters,
  defaults, factories and ``__post_init__``, which writes the fields into the dict at once (faster than the
  generated one's ``object.__setattr__`` per field), and the frozen ``__setattr__``/``__delattr__``;
  ``inspect.signature`` of such a class shows ``(*args, **kwargs)``;
- a slotted class (``slots=True``: the model's records, made by the hundred) keeps the stdlib's
  ``__init__`` and frozen pair, the three methods it compiles.

Everything else is the stdlib's: :func:`dataclasses.fields`, :func:`dataclasses.replace`, field
defaults and factories, keyword-only fields, ``FrozenInstanceError``, pickling and copying.
"""

from __future__ import annotations

import dataclasses
import inspect
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
        generated_init = init and slots  # a slotted class has no instance dict to write its fields into
        undocumented = not c.__dict__.get("__doc__")
        made: type[T] = dataclasses.dataclass(c, init=generated_init, repr=False, eq=False, frozen=generated_init,
                                              slots=slots, kw_only=kw_only)
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        if undocumented and init and not slots:  # the stdlib's text from the __init__ it would have made
            made.__doc__ = made.__name__ + str(_signature(fields))
        methods: dict[str, Any] = {"__repr__": _repr([f.name for f in fields if f.repr])}
        if eq:
            methods["__eq__"] = _eq(_values([f.name for f in fields if f.compare]))
            methods["__hash__"] = _hash(_values([f.name for f in fields if (f.compare if f.hash is None else f.hash)]))
        if init and not slots:
            methods["__init__"] = _dict_init(made, fields)
        if not generated_init:
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


def _dict_init(owner: type[Any], fields: tuple[dataclasses.Field[Any], ...]) -> Callable[..., None]:
    """The ``__init__`` the stdlib would generate for ``owner`` (same parameters, defaults, factories,
    ``__post_init__``), as a closure writing the fields into the instance dict at once."""
    if any("InitVar" in str(f.type) for f in owner.__dataclass_fields__.values() if f not in fields):
        raise TypeError(f"{owner.__qualname__}: frozen() does not take InitVar fields")
    where = f"{owner.__qualname__}.__init__()"
    positional = tuple(f.name for f in fields if f.init and not f.kw_only)
    accepted = frozenset(f.name for f in fields if f.init)
    template: dict[str, Any] = {}  # every field in order, with its default (the dict keeps this order)
    factories: list[tuple[str, Callable[[], Any], bool]] = []
    required: list[dataclasses.Field[Any]] = []
    for f in fields:
        template[f.name] = None if f.default is dataclasses.MISSING else f.default
        if f.default_factory is not dataclasses.MISSING:
            factories.append((f.name, f.default_factory, f.init))
        elif f.default is dataclasses.MISSING and f.init:
            if f.kw_only is False and any(r.kw_only is False for r in fields[:fields.index(f)]
                                          if r.init and r not in required):
                raise TypeError(f"non-default argument {f.name!r} follows default argument")
            required.append(f)
    needed = frozenset(f.name for f in required)
    lowest = sum(1 for f in required if not f.kw_only)  # positional parameters without a default
    keywords = frozenset(f.name for f in fields if f.init and f.kw_only)
    post_init = hasattr(owner, "__post_init__")

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        if args:
            if len(args) > len(positional):
                raise TypeError(f"{where} {_too_many(len(positional), lowest, len(args), kwargs, keywords)}")
            given = dict(zip(positional, args, strict=False))
            for name in kwargs:
                if name in given:
                    raise TypeError(f"{where} got multiple values for argument {name!r}")
            given.update(kwargs)
        else:
            given = kwargs
        if not accepted.issuperset(given):
            unknown = next(name for name in given if name not in accepted)
            raise TypeError(f"{where} got an unexpected keyword argument {unknown!r}")
        if not needed.issubset(given):
            raise TypeError(f"{where} {_missing([f for f in required if f.name not in given])}")
        values = self.__dict__
        values.update(template)
        values.update(given)
        for name, factory, in_init in factories:
            if not in_init or name not in given:
                values[name] = factory()
        if post_init:
            self.__post_init__()

    return __init__


def _too_many(most: int, least: int, given: int, kwargs: dict[str, Any], keywords: frozenset[str]) -> str:
    """Python's words for too many positional arguments (``self`` counted)."""
    most, least, given = most + 1, least + 1, given + 1
    taken = f"from {least} to {most}" if least < most else str(most)
    plural = "s" if least < most or most != 1 else ""
    named = sum(1 for name in kwargs if name in keywords)
    also = f" positional argument{'s' if given != 1 else ''} (and {named} keyword-only argument{'s' if named != 1 else ''})" \
        if named else ""
    return f"takes {taken} positional argument{plural} but {given}{also} {'was' if given == 1 and not named else 'were'} given"


def _missing(fields: list[dataclasses.Field[Any]]) -> str:
    """Python's words for missing arguments: the positional ones first."""
    kind = "keyword-only" if fields[0].kw_only else "positional"
    first = [f for f in fields if f.kw_only == fields[0].kw_only]
    names = [repr(f.name) for f in first]
    listed = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else \
        ", ".join(names[:-1]) + ", and " + names[-1]
    return f"missing {len(first)} required {kind} argument{'s' if len(first) > 1 else ''}: {listed}"


class _Factory:
    def __repr__(self) -> str:
        return "<factory>"


def _signature(fields: tuple[dataclasses.Field[Any], ...]) -> inspect.Signature:
    """The signature of the ``__init__`` the stdlib would generate (for the doc of a class without one)."""
    empty = inspect.Parameter.empty
    return inspect.Signature([
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY if f.kw_only else inspect.Parameter.POSITIONAL_OR_KEYWORD,
                          default=_Factory() if f.default_factory is not dataclasses.MISSING else
                          empty if f.default is dataclasses.MISSING else f.default, annotation=f.type)
        for f in sorted((f for f in fields if f.init), key=lambda f: bool(f.kw_only))])
