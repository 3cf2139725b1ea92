"""Frozen dataclasses built without generating code.

Python 3.11's :mod:`dataclasses` writes each method it adds (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, and ``__setattr__``/``__delattr__`` for a frozen class) as source text and compiles it with
its own ``exec``: about 1 ms a class, and ``jixiao evaluate FILE`` builds some sixty classes before it
reads a line (docs/scale.md). :func:`frozen` is ``@dataclass(frozen=True, ...)`` whose methods are closures
over the field names instead, with the behaviour of the generated ones (tests/test_frozen.py builds the
same classes both ways and compares them):

- ``__eq__``, ``__hash__``, ``__repr__``: the same fields compared, hashed and shown, in the same order,
  ``NotImplemented`` for another class, ``...`` for a recursive repr;
- ``__init__``: the generated one's parameters, defaults, factories and ``__post_init__``, refusing wrong
  calls with Python's words; it writes the fields past the frozen ``__setattr__``, into the instance dict
  at once (faster than the generated one's ``object.__setattr__`` per field) or, for a slotted class,
  through each slot's descriptor; ``inspect.signature`` of the class shows ``(*args, **kwargs)``;
- ``__setattr__``/``__delattr__`` refuse the fields as the stdlib's do (also on a subclass of a slotted
  class, where Python 3.11's own fail: CPython gh-90562); a slotted class pickles and copies its fields by
  position, as the stdlib's frozen slotted class does.

Everything else is the stdlib's: :func:`dataclasses.fields`, :func:`dataclasses.replace`, field
defaults and factories, slots, keyword-only fields, ``FrozenInstanceError``.
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
        undocumented = not c.__dict__.get("__doc__")
        made: type[T] = dataclasses.dataclass(c, init=False, repr=False, eq=False, frozen=False, slots=slots,
                                              kw_only=kw_only)
        fields = dataclasses.fields(made)  # type: ignore[arg-type]
        if undocumented and init:  # the stdlib's text from the __init__ it would have made
            made.__doc__ = made.__name__ + str(_signature(fields))
        methods: dict[str, Any] = {"__repr__": _repr([f.name for f in fields if f.repr])}
        if eq:
            methods["__eq__"] = _eq(_values([f.name for f in fields if f.compare]))
            methods["__hash__"] = _hash(_values([f.name for f in fields if (f.compare if f.hash is None else f.hash)]))
        if init:
            methods["__init__"] = _init(made, fields, slots)
        names = frozenset(f.name for f in fields)
        methods["__setattr__"], methods["__delattr__"] = _frozen_set_del(made, names)
        if slots:  # as the stdlib's frozen slotted class: its state by position, restored past __setattr__
            methods["__getstate__"], methods["__setstate__"] = _slot_state(made, fields)
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


def _slot_state(owner: type[Any], fields: tuple[dataclasses.Field[Any], ...]) -> tuple[Callable[..., Any], ...]:
    getter = _values([f.name for f in fields])
    setters = [owner.__dict__[f.name].__set__ for f in fields]  # the slots' own descriptors

    def __getstate__(self: Any) -> list[Any]:
        return list(getter(self))

    def __setstate__(self: Any, state: list[Any]) -> None:
        for put, value in zip(setters, state, strict=False):
            put(self, value)

    return __getstate__, __setstate__


def _init(owner: type[Any], fields: tuple[dataclasses.Field[Any], ...], slots: bool) -> Callable[..., None]:
    """The ``__init__`` the stdlib would generate for ``owner`` (same parameters, defaults, factories,
    ``__post_init__``), as a closure writing the fields past the frozen ``__setattr__``: into the instance
    dict at once, or (``slots``) through each slot's descriptor."""
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

    def _bound(args: tuple[Any, ...], kwargs: dict[str, Any]) -> dict[str, Any]:
        """The arguments by field name, refused as Python refuses them (the keywords first)."""
        if args:
            given = dict(zip(positional, args, strict=False))
            for name in kwargs:
                if name not in accepted:
                    raise TypeError(f"{where} got an unexpected keyword argument {name!r}")
                if name in given:
                    raise TypeError(f"{where} got multiple values for argument {name!r}")
            if len(args) > len(positional):
                raise TypeError(f"{where} {_too_many(len(positional), lowest, len(args), kwargs, keywords)}")
            given.update(kwargs)
        else:
            given = kwargs
            if not accepted.issuperset(given):
                unknown = next(name for name in given if name not in accepted)
                raise TypeError(f"{where} got an unexpected keyword argument {unknown!r}")
        if not needed.issubset(given):
            raise TypeError(f"{where} {_missing([f for f in required if f.name not in given])}")
        return given

    def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = _bound(args, kwargs)
        values = self.__dict__
        values.update(template)
        values.update(given)
        for name, factory, in_init in factories:
            if not in_init or name not in given:
                values[name] = factory()
        if post_init:
            self.__post_init__()

    def __init_slots__(self: Any, *args: Any, **kwargs: Any) -> None:
        given = _bound(args, kwargs)
        for name, put, default, factory in plan:
            if name in given:
                put(self, given[name])
            elif factory is not None:
                put(self, factory())
            else:
                put(self, default)
        if post_init:
            self.__post_init__()

    if not slots:
        return __init__
    plan = tuple((f.name if f.init else "", owner.__dict__[f.name].__set__, template[f.name],
                  None if f.default_factory is dataclasses.MISSING else f.default_factory) for f in fields)
    return __init_slots__


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
