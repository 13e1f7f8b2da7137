"""``dataclasses.dataclass`` for reqlint's own classes, made faster to create (start-up).

A pre-commit hook starts reqlint on every commit, and a default check defines some forty
dataclasses as it imports.  The standard decorator compiles six generated functions per
frozen class (``__init__``, ``__repr__``, ``__eq__``, ``__hash__``, ``__setattr__``,
``__delattr__``); compiling is most of a class's creation time.  Here only ``__init__`` is
generated (it is per-instance hot, so it stays as fast as the standard one), and the other
methods are closures over ``operator.attrgetter``: nothing else is compiled.

The classes are real dataclasses, so ``dataclasses.fields``, ``replace``, ``asdict`` and
``is_dataclass`` work on them as before; only the keyword arguments reqlint uses are
accepted (``frozen``, ``slots``).  tests/test_records.py compares every behaviour with the
standard decorator's.  For type checkers this *is* ``dataclasses.dataclass``.
"""

from __future__ import annotations

import dataclasses
from operator import attrgetter

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import Any

if TYPE_CHECKING:
    from dataclasses import dataclass
else:

    def dataclass(cls=None, /, *, frozen=False, slots=False):
        """``@dataclass``, ``@dataclass(frozen=True)``, ``@dataclass(frozen=True, slots=True)``."""

        def wrap(cls):
            return _process(cls, frozen=frozen, slots=slots)

        return wrap if cls is None else wrap(cls)


__all__ = ["dataclass"]

_MISSING = dataclasses.MISSING


class _HasFactory:
    def __repr__(self) -> str:
        return "<factory>"


_HAS_FACTORY = _HasFactory()


def _values(names: list[str]) -> Any:
    """A function of an instance to the tuple of the named fields' values."""
    if not names:
        return lambda obj: ()
    if len(names) == 1:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return attrgetter(*names)


def _init(cls: Any, fields: tuple[dataclasses.Field[Any], ...], *, frozen: bool) -> Any:
    """The ``__init__`` dataclasses would generate (defaults, factories, keyword-only
    fields, ``__post_init__``), compiled once."""
    scope: dict[str, Any] = {"__setattr": object.__setattr__, "__HAS_FACTORY": _HAS_FACTORY}
    params: list[str] = []
    keyword: list[str] = []
    body: list[str] = []
    for f in fields:
        default = ""
        if f.default is not _MISSING:
            scope[f"__dflt_{f.name}"] = f.default
            default = f"=__dflt_{f.name}"
        elif f.default_factory is not _MISSING:
            scope[f"__fact_{f.name}"] = f.default_factory
            default = "=__HAS_FACTORY"
        if f.init:
            (keyword if f.kw_only is True else params).append(f.name + default)
            value = f.name
            if f.default_factory is not _MISSING:
                value = f"__fact_{f.name}() if {f.name} is __HAS_FACTORY else {f.name}"
        elif f.default_factory is not _MISSING:
            value = f"__fact_{f.name}()"
        elif f.default is not _MISSING:
            value = f"__dflt_{f.name}"
        else:
            continue
        if frozen:
            body.append(f"  __setattr(self, {f.name!r}, {value})")
        else:
            body.append(f"  self.{f.name} = {value}")
    if hasattr(cls, "__post_init__"):
        body.append("  self.__post_init__()")
    signature = ", ".join(["self", *params, *(["*", *keyword] if keyword else [])])
    text = (
        f"def __make({', '.join(scope)}):\n"
        f" def __init__({signature}):\n" + "\n".join(body or ["  pass"]) + "\n return __init__\n"
    )
    made: dict[str, Any] = {}
    exec(text, {}, made)  # the source is built from the class's own field names
    return made["__make"](*scope.values())


def _process(cls: Any, *, frozen: bool, slots: bool) -> Any:
    explicit_hash = "__hash__" in cls.__dict__
    # Fields, defaults, __match_args__ and __slots__ from the standard decorator, which
    # compiles nothing when asked for no methods.
    cls = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=slots)
    fields = dataclasses.fields(cls)
    compared = _values([f.name for f in fields if f.compare])
    shown = tuple(f.name for f in fields if f.repr)

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __repr__(self: Any) -> str:
        inner = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({inner})"

    methods: dict[str, Any] = {
        "__init__": _init(cls, fields, frozen=frozen),
        "__repr__": __repr__,
        "__eq__": __eq__,
    }
    if frozen:
        hashed = _values([f.name for f in fields if (f.compare if f.hash is None else f.hash)])
        own = frozenset(f.name for f in fields)

        def __hash__(self: Any) -> int:
            return hash(hashed(self))

        def __setattr__(self: Any, name: str, value: Any) -> None:
            if type(self) is cls or name in own:
                raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")
            super(cls, self).__setattr__(name, value)

        def __delattr__(self: Any, name: str) -> None:
            if type(self) is cls or name in own:
                raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")
            super(cls, self).__delattr__(name)

        methods.update(__hash__=__hash__, __setattr__=__setattr__, __delattr__=__delattr__)
        if slots:
            # copy and pickle restore a slotted instance by setattr: past the frozen guard
            def __getstate__(self: Any) -> list[Any]:
                return [getattr(self, f.name) for f in fields]

            def __setstate__(self: Any, state: list[Any]) -> None:
                for f, value in zip(fields, state, strict=True):
                    object.__setattr__(self, f.name, value)

            methods.update(__getstate__=__getstate__, __setstate__=__setstate__)
    elif not explicit_hash:
        methods["__hash__"] = None  # eq without frozen: unhashable, as dataclasses makes it
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    params = cls.__dataclass_params__
    params.init = params.repr = params.eq = True
    params.frozen = frozen
    return cls
